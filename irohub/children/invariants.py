"""The register's invariant, kept by the database (installed by irohub.core.invariants):
no two care periods of one child overlap."""

from irohub.core.invariants import NoOverlap

INVARIANTS = [
    NoOverlap(name="care_period_no_overlap", table="children_careperiod", key="child_id"),
]
