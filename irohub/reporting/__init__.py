"""Report building blocks shared by the performance page and the annual report: charts,
small-number suppression, the national comparison figures and how numbers are written.

Pure Python (no Django, no app): it works on figures already computed, never on the
register. The database-to-records adapter is irohub.children.records; collection years
are irohub.records.years.
"""
