"""Writes for IRO allocation: one transaction each, validated first for a friendly message
(the database refuses overlapping allocations of one child in any case), then audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.allocation.access import allocation_refusals
from irohub.allocation.models import Allocation
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import CarePeriod, Child
from irohub.core.formatting import long_date

# How far ahead an allocation may be planned: a start in 9999 is a typing mistake.
MOST_AHEAD = timedelta(days=366)


def _care_period_error(child: Child, start: date) -> str | None:
    """Why `start` is not a day on which the child is in care, or None if it is."""
    periods = list(CarePeriod.objects.filter(child=child).order_by("start"))
    if not periods:
        return (
            f"{child.full_name} has no care period: record that they came into care "
            "before allocating an IRO"
        )
    for period in periods:
        if period.start <= start and (period.end is None or start <= period.end):
            return None
    later = [period for period in periods if period.start > start]
    if later:
        return (
            f"The start date must be on or after {long_date(later[0].start)}, "
            f"when {child.first_name} came into care"
        )
    return (
        f"The start date must be on or before {long_date(periods[-1].end)}, "  # type: ignore[arg-type]
        f"when {child.first_name} left care"
    )


def _locked_allocations(child: Child) -> list[Allocation]:
    # Lock the child's allocations so two managers changing them at once cannot both pass.
    return list(
        Allocation.objects.select_for_update()
        .filter(child=child)
        .select_related("iro__user")
        .order_by("start", "pk")
    )


def _version(allocations: list[Allocation]) -> str:
    return "|".join(f"{a.pk}:{a.iro_id}:{a.start}:{a.end}" for a in allocations) or "none"


def allocations_seen(child: Child) -> str:
    """The version of a child's allocations that a form shows: `allocate_iro` refuses a
    form whose version is no longer the child's (someone allocated since it was opened)."""
    return _version(list(Allocation.objects.filter(child=child).order_by("start", "pk")))


@transaction.atomic
def allocate_iro(
    *, actor: Any, child: Child, iro: IRO, start: date, seen: str | None = None
) -> Allocation:
    """Make `iro` the child's IRO from `start`.

    The allocation in force on `start` ends the day before; one that itself starts on
    `start` is replaced (a correction, or a change of a planned IRO). A planned allocation
    (one starting after today) does not block cover: the new allocation runs until the
    planned one starts, or, for the planned IRO itself, brings it forward. An allocation
    that has already begun after `start` cannot be overtaken (that would rewrite history).
    `seen` is `allocations_seen` when the form was opened: if the child's allocations have
    changed since, nothing is done (the form never saw the allocation it would end or
    replace). Raises ValidationError keyed by the form's field names ("iro", "start").
    """
    allocations = _locked_allocations(child)
    if seen is not None and seen != _version(allocations):
        raise ValidationError(
            f"Someone changed {child.full_name}'s IRO while this page was open: check the "
            "current IRO shown on this page, then allocate again if you still need to."
        )
    in_force = next((a for a in allocations if a.start <= start and _runs_on(a, start)), None)
    following = next((a for a in allocations if a.start > start), None)

    errors: dict[str, list[str]] = {"iro": [], "start": []}
    today = timezone.localdate()
    # The team rule looks at the child's IRO today (irohub.allocation.access).
    live = next(
        (a for a in allocations if a.start <= today and (a.end is None or a.end >= today)), None
    )
    for field, problem in allocation_refusals(
        actor, iro=iro, current=live.iro if live is not None else None
    ).items():
        errors[field].append(problem)
    if start > (furthest := today + MOST_AHEAD):
        errors["start"].append(
            f"The start date must be by {long_date(furthest)}: an allocation can be planned "
            "up to a year ahead"
        )
    if problem := _care_period_error(child, start):
        errors["start"].append(problem)
    if following is not None and following.start <= today:
        errors["start"].append(
            f"The start date must be on or after {long_date(following.start)}, "
            f"when {following.iro} became {child.first_name}'s IRO"
        )
    if in_force is not None and in_force.iro_id == iro.pk:
        errors["iro"].append(f"{iro} is already the IRO for {child.full_name}")
    if iro.start_date > start or (iro.end_date is not None and iro.end_date < start):
        errors["iro"].append(f"{iro} is not in post on {long_date(start)}: choose another IRO")
    if any(errors.values()):
        raise ValidationError({field: messages for field, messages in errors.items() if messages})

    replaced = None
    if in_force is not None:
        if in_force.start == start:
            replaced = in_force.iro_id
            in_force.delete()
        else:
            in_force.end = start - timedelta(days=1)
            in_force.save(update_fields=["end"])
    end = None
    brought_forward = None
    if following is not None:
        if following.iro_id == iro.pk:
            # The planned IRO starts earlier: one allocation, from `start`.
            brought_forward = following.start
            end = following.end
            following.delete()
        else:
            end = following.start - timedelta(days=1)
    allocation = Allocation.objects.create(
        child=child, iro=iro, start=start, end=end, allocated_on=today
    )
    # A child's IRO must be able to open their record: allocating a restricted child names
    # the IRO on the restriction (the audit event says so).
    named_on_restriction = False
    if child.restricted and not child.restricted_to.filter(pk=iro.user_id).exists():
        child.restricted_to.add(iro.user_id)
        named_on_restriction = True
    record_event(
        actor=actor,
        action=EventType.ALLOCATION_MADE,
        target=allocation,
        child_id=child.pk,
        iro=iro.pk,
        iro_name=str(iro),
        start=start.isoformat(),
        end=None if end is None else end.isoformat(),
        planned=start > today,
        brought_forward_from=None if brought_forward is None else brought_forward.isoformat(),
        previous_iro=None if in_force is None else in_force.iro_id,
        previous_ended=None if in_force is None or replaced else in_force.end.isoformat(),
        replaced=replaced is not None,
        named_on_restriction=named_on_restriction,
    )
    return allocation


def _runs_on(allocation: Allocation, day: date) -> bool:
    return allocation.end is None or allocation.end >= day


@transaction.atomic
def cancel_planned_allocation(*, actor: Any, child: Child, allocation_id: int) -> Allocation:
    """Cancel an allocation that has not started yet (a planned IRO).

    The IRO before it, when their allocation ran up to the planned start, simply carries
    on for as long as the planned one would have run. Returns the cancelled allocation
    (no longer saved). Raises ValidationError when the allocation has already started.
    """
    today = timezone.localdate()
    allocations = _locked_allocations(child)
    planned = next((a for a in allocations if a.pk == allocation_id), None)
    if planned is None:
        raise ValidationError(
            f"{child.full_name} has no such allocation: it may have been cancelled already"
        )
    if planned.start <= today:
        raise ValidationError(
            f"Only a planned allocation can be cancelled: {planned.iro} has been "
            f"{child.first_name}'s IRO since {long_date(planned.start)}"
        )
    before = next(
        (a for a in allocations if a.end is not None and a.end == planned.start - timedelta(1)),
        None,
    )
    planned_id = planned.pk
    planned.delete()
    if before is not None:
        before.end = planned.end
        before.save(update_fields=["end"])
    record_event(
        actor=actor,
        action=EventType.ALLOCATION_CANCELLED,
        target=child,
        child_id=child.pk,
        allocation=planned_id,
        iro=planned.iro_id,
        iro_name=str(planned.iro),
        start=planned.start.isoformat(),
        continued_iro=None if before is None else before.iro_id,
    )
    return planned
