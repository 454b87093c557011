"""The IRO service's workforce: the establishment (posts by team and role over time), the
dated terms staff work on (hours, agency, interim) and their absences (issue 17, item 1).
The arithmetic is irohub.records.workforce's; this app stores, edits and shows it."""
