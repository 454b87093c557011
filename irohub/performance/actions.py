"""Writes of the performance pages: only the audit trail of who saw which children."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from irohub.audit.actions import record_event
from irohub.audit.events import EventType, Target
from irohub.audit.models import AuditEvent
from irohub.performance.queries import NamedChild
from irohub.records.years import CollectionYear


def audit_list(
    user: Any,
    *,
    measure_id: str,
    year: CollectionYear,
    which: str,
    filters: Mapping[str, str],
    rows: int,
    children: Iterable[NamedChild],
    shown_as: str,
    withheld: int = 0,
) -> AuditEvent:
    """One audit event for a list of children behind a figure: who saw it, which list,
    how many rows and children, and which children (their record ids), so that a child's
    appearances in lists can be traced. Its target is the measure, which is not a database
    record."""
    listed = sorted({child.pk for child in children if child.pk is not None})
    return record_event(
        actor=user,
        action=EventType.PERFORMANCE_LISTED,
        target=Target("measures.measure", measure_id),
        measure=measure_id,
        year=year.title,
        which=which,
        filters=dict(filters),
        rows=rows,
        children=len(listed),
        child_ids=listed,
        shown_as=shown_as,
        withheld=withheld,  # rows of restricted records left out for this reader
    )
