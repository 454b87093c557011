"""The local targets as the rule's records (irohub.measures.targets.Target)."""

from __future__ import annotations

from irohub.measures.targets import Target
from irohub.targets.models import Target as TargetRow

__all__ = ["target_for", "targets"]


def _record(row: TargetRow) -> Target:
    return Target(row.measure_id, row.value, row.amber_margin, row.higher_is_better)


def targets() -> dict[str, Target]:
    """Every measure's local target (one query)."""
    return {row.measure_id: _record(row) for row in TargetRow.objects.all()}


def target_for(measure_id: str) -> Target | None:
    row = TargetRow.objects.filter(measure_id=measure_id).first()
    return None if row is None else _record(row)
