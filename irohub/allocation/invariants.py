"""Allocation's invariant, kept by the database (installed by irohub.core.invariants):
a child has one IRO at a time (allocations do not overlap)."""

from irohub.core.invariants import NoOverlap

INVARIANTS = [
    NoOverlap(name="allocation_no_overlap", table="allocation_allocation", key="child_id"),
]
