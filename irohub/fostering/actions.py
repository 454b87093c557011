"""Writes to fostering: each action validates, saves, writes the audit event and keeps the
foster carer review clock cache in step, in one transaction. Refusals are ValidationErrors
keyed by the form field they are about, in words the person can act on."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.core.formatting import long_date
from irohub.fostering.clock import refresh_carer_review_clock
from irohub.fostering.models import (
    CHANGE_KINDS,
    DEREGISTRATION_REASONS,
    MEETS_NEEDS,
    RECOMMENDATIONS,
    CarerReview,
    ChangeOfCircumstances,
    Household,
    Placement,
    PlacementView,
    ReviewingOfficer,
)
from irohub.records.fostering import HOUSEHOLD_KINDS
from irohub.statutory.foster_carers import panel_required

Actor = AbstractBaseUser | AnonymousUser | None


def _not_future(field: str, day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"{what} cannot be in the future"})


def _one_of(field: str, value: str, options: dict[str, str], what: str) -> None:
    if value not in options:
        raise ValidationError({field: f"Select {what} from the list"})


def _lock(household: Household) -> Household:
    # Two writes to one household take turns, so each sees what the other saved.
    return Household.objects.select_for_update().get(pk=household.pk)


def _in_approval(field: str, household: Household, day: date, what: str) -> None:
    if day < household.approved:
        raise ValidationError(
            {
                field: f"{what} is before the household was approved "
                f"({long_date(household.approved)})"
            }
        )
    if household.deregistered is not None and day > household.deregistered:
        raise ValidationError(
            {
                field: f"{what} is after the household was deregistered "
                f"({long_date(household.deregistered)})"
            }
        )


@transaction.atomic
def approve_household(
    *,
    actor: Actor,
    reference: str,
    name: str,
    carers: str,
    kind: str,
    approved: date,
    terms_of_approval: str = "",
    reviewing_officer: ReviewingOfficer | None = None,
) -> Household:
    """Record a household the agency decision-maker approved; its first review falls due a
    year later (FC-1)."""
    reference = reference.strip()
    _one_of("kind", kind, HOUSEHOLD_KINDS, "the kind of household")
    _not_future("approved", approved, "The date of approval")
    if Household.objects.filter(reference__iexact=reference).exists():
        raise ValidationError(
            {"reference": f"A household with the reference {reference} is already recorded"}
        )
    try:
        with transaction.atomic():
            household = Household.objects.create(
                reference=reference,
                name=name.strip(),
                carers=carers.strip(),
                kind=kind,
                approved=approved,
                terms_of_approval=terms_of_approval.strip(),
                reviewing_officer=reviewing_officer,
            )
    except IntegrityError:
        raise ValidationError(
            {"reference": f"A household with the reference {reference} is already recorded"}
        ) from None
    refresh_carer_review_clock([household.pk])
    record_event(
        actor=actor,
        action=EventType.HOUSEHOLD_APPROVED,
        target=household,
        reference=reference,
        kind=kind,
        approved=approved.isoformat(),
        reviewing_officer=reviewing_officer.pk if reviewing_officer else None,
    )
    household.refresh_from_db()
    return household


@transaction.atomic
def deregister_household(
    *, actor: Actor, household: Household, deregistered: date, reason: str
) -> Household:
    """End a household's approval: no review falls due from that day."""
    household = _lock(household)
    _one_of("reason", reason, DEREGISTRATION_REASONS, "why the household was deregistered")
    if household.deregistered is not None:
        raise ValidationError(
            {
                "deregistered": "The household was already deregistered on "
                f"{long_date(household.deregistered)}"
            }
        )
    _not_future("deregistered", deregistered, "The date of deregistration")
    _in_approval("deregistered", household, deregistered, "The date of deregistration")
    last = household.reviews.order_by("-held").values_list("held", flat=True).first()
    later = household.changes.filter(recorded__gt=deregistered).exists()
    if (last is not None and last > deregistered) or later:
        raise ValidationError(
            {
                "deregistered": "A review or change of circumstances is recorded after "
                f"{long_date(deregistered)}: deregistration cannot come before it"
            }
        )
    household.deregistered = deregistered
    household.deregistration_reason = reason
    household.save(update_fields=["deregistered", "deregistration_reason"])
    refresh_carer_review_clock([household.pk])
    record_event(
        actor=actor,
        action=EventType.HOUSEHOLD_DEREGISTERED,
        target=household,
        deregistered=deregistered.isoformat(),
        reason=reason,
    )
    household.refresh_from_db()
    return household


@transaction.atomic
def allocate_reviewing_officer(
    *, actor: Actor, household: Household, officer: ReviewingOfficer | None
) -> Household:
    """Make `officer` the household's reviewing officer (None: no one)."""
    household = _lock(household)
    today = timezone.localdate()
    if officer is not None and (
        officer.start_date > today or (officer.end_date is not None and officer.end_date < today)
    ):
        raise ValidationError({"officer": f"{officer} is not in post today"})
    household.reviewing_officer = officer
    household.save(update_fields=["reviewing_officer"])
    record_event(
        actor=actor,
        action=EventType.REVIEWING_OFFICER_ALLOCATED,
        target=household,
        reviewing_officer=officer.pk if officer else None,
    )
    return household


@transaction.atomic
def record_change_of_circumstances(
    *, actor: Actor, household: Household, recorded: date, kind: str, note: str = ""
) -> ChangeOfCircumstances:
    """A change that calls for a review (FC-3): the next review is due by the earlier of
    the yearly deadline and 20 working days after the day it was recorded."""
    household = _lock(household)
    _one_of("kind", kind, CHANGE_KINDS, "what changed")
    _not_future("recorded", recorded, "The date the change was recorded")
    if recorded <= household.approved:
        raise ValidationError(
            {
                "recorded": "A change of circumstances comes after the approval "
                f"({long_date(household.approved)})"
            }
        )
    _in_approval("recorded", household, recorded, "The date the change was recorded")
    change = ChangeOfCircumstances.objects.create(
        household=household,
        recorded=recorded,
        kind=kind,
        note=note.strip(),
        recorded_by=actor if isinstance(actor, AbstractBaseUser) else None,
    )
    refresh_carer_review_clock([household.pk])
    record_event(
        actor=actor,
        action=EventType.CHANGE_OF_CIRCUMSTANCES_RECORDED,
        target=change,
        household=household.pk,
        recorded=recorded.isoformat(),
        kind=kind,
    )
    return change


@transaction.atomic
def record_carer_review(
    *,
    actor: Actor,
    household: Household,
    held: date,
    chair: ReviewingOfficer | None,
    carers_views: str,
    childrens_views: str = "",
    recommendation: str,
    panel_date: date | None = None,
    decision_date: date | None = None,
) -> CarerReview:
    """Record a review of the household's approval held on `held`; the next review falls
    due a year later (FC-2). The first review of an approval goes to the fostering panel
    (FC-4): its panel date is required."""
    household = _lock(household)
    _one_of("recommendation", recommendation, RECOMMENDATIONS, "the review's recommendation")
    _not_future("held", held, "The date the review was held")
    _in_approval("held", household, held, "The date the review was held")
    if not carers_views.strip():
        raise ValidationError({"carers_views": "Enter the foster carers' views"})
    if household.reviews.filter(held=held).exists():
        raise ValidationError(
            {"held": f"A review on {long_date(held)} is already recorded for this household"}
        )
    number = household.reviews.filter(held__lt=held).count() + 1
    if panel_required(number) and panel_date is None:
        raise ValidationError(
            {
                "panel_date": "This is the first review of the household's approval, which "
                "goes to the fostering panel: enter the date it was presented"
            }
        )
    for field, day, what in (
        ("panel_date", panel_date, "The panel date"),
        ("decision_date", decision_date, "The date of the decision"),
    ):
        if day is not None and day < held:
            raise ValidationError({field: f"{what} cannot be before the review was held"})
    try:
        with transaction.atomic():
            review = CarerReview.objects.create(
                household=household,
                held=held,
                chair=chair,
                carers_views=carers_views.strip(),
                childrens_views=childrens_views.strip(),
                recommendation=recommendation,
                panel_date=panel_date,
                decision_date=decision_date,
            )
    except IntegrityError:
        raise ValidationError(
            {"held": f"A review on {long_date(held)} is already recorded for this household"}
        ) from None
    refresh_carer_review_clock([household.pk])
    record_event(
        actor=actor,
        action=EventType.CARER_REVIEW_RECORDED,
        target=review,
        household=household.pk,
        held=held.isoformat(),
        number=number,
        recommendation=recommendation,
        panel_date=panel_date.isoformat() if panel_date else None,
    )
    return review


def looked_after_on(child: Child, day: date) -> bool:
    return child.care_periods.filter(start__lte=day).exclude(end__lt=day).exists()


@transaction.atomic
def place_child(*, actor: Actor, household: Household, child: Child, start: date) -> Placement:
    """Record that a child in care was placed with the household from `start`."""
    household = _lock(household)
    _not_future("start", start, "The date of the placement")
    _in_approval("start", household, start, "The date of the placement")
    if not household.is_approved:
        raise ValidationError({"start": "The household is deregistered: no child can be placed"})
    if not looked_after_on(child, start):
        raise ValidationError(
            {"child": f"{child.full_name} was not looked after on {long_date(start)}"}
        )
    if Placement.objects.filter(child=child, household=household, end__isnull=True).exists():
        raise ValidationError({"child": f"{child.full_name} is already placed with this household"})
    placement = Placement.objects.create(household=household, child=child, start=start)
    record_event(
        actor=actor,
        action=EventType.CHILD_PLACED_WITH_HOUSEHOLD,
        target=placement,
        child_id=child.pk,
        household=household.pk,
        start=start.isoformat(),
    )
    return placement


@transaction.atomic
def record_placement_view(
    *,
    actor: Actor,
    placement: Placement,
    recorded: date,
    iro: IRO | None,
    meets_needs: str,
    view: str,
) -> PlacementView:
    """The child's IRO's view of the placement, which the carer's next review reads."""
    _one_of("meets_needs", meets_needs, MEETS_NEEDS, "whether the placement meets the needs")
    _not_future("recorded", recorded, "The date of the view")
    if recorded < placement.start:
        raise ValidationError(
            {
                "recorded": f"The placement began on {long_date(placement.start)}: the view "
                "comes after it"
            }
        )
    if not view.strip():
        raise ValidationError({"view": "Enter your view of the placement"})
    found = PlacementView.objects.create(
        placement=placement, recorded=recorded, iro=iro, meets_needs=meets_needs, view=view.strip()
    )
    details: dict[str, Any] = {
        "household": placement.household_id,
        "recorded": recorded.isoformat(),
        "meets_needs": meets_needs,
    }
    record_event(
        actor=actor,
        action=EventType.PLACEMENT_VIEW_RECORDED,
        target=found,
        child_id=placement.child_id,
        **details,
    )
    return found
