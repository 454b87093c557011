"""Report building blocks shared by the performance page, its downloads and the annual
report: how a result and a change are worded, tables, charts, small-number suppression,
the national comparison figures and how numbers are written.

Pure Python (no Django, no app): it works on figures the measures computed, never on the
register. The database-to-records adapter is irohub.children.records; collection years
are irohub.records.years.
"""
