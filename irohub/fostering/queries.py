"""Reads for the fostering pages: households (a FIRO's own first), one household with its
reviews timed against the rules core, the IROs' views feeding its next review, and the
reviewing officers' caseloads. Children are listed only as children/access.py allows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from irohub.children.access import visible
from irohub.core.calendar import get_calendar
from irohub.fostering.clock import schedule_of
from irohub.fostering.models import (
    CarerReview,
    ChangeOfCircumstances,
    Household,
    Placement,
    PlacementView,
    ReviewingOfficer,
)
from irohub.measures.fostering import FiroCaseload, firo_caseloads, reviewing_officers_needed
from irohub.records.fostering import (
    CarerReviewRecord,
    Fostering,
    HouseholdRecord,
    ReviewingOfficerRecord,
)
from irohub.records.register import Register
from irohub.statutory import DueStatus, ReviewTiming, add_months, due_status
from irohub.statutory.foster_carers import panel_required


def reviewing_officer_of(user: Any) -> ReviewingOfficer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return ReviewingOfficer.objects.filter(user=user).first()


def officers_in_post(today: date) -> QuerySet[ReviewingOfficer]:
    return (
        ReviewingOfficer.objects.filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("user")
    )


@dataclass(frozen=True)
class HouseholdLine:
    household: Household
    status: DueStatus
    children_placed: int


def households(
    *, officer: ReviewingOfficer | None, today: date, include_deregistered: bool = False
) -> list[HouseholdLine]:
    """Households (one officer's, or all), soonest review first; two queries."""
    found = Household.objects.select_related("reviewing_officer__user").annotate(
        placed=Count("placements", filter=Q(placements__end__isnull=True))
    )
    if officer is not None:
        found = found.filter(reviewing_officer=officer)
    if not include_deregistered:
        found = found.filter(deregistered__isnull=True)
    found = found.order_by("next_review_due", "name", "reference")
    calendar = get_calendar()
    return [
        HouseholdLine(h, due_status(h.next_review_due, today, calendar=calendar), h.placed)
        for h in found
    ]


@dataclass(frozen=True)
class TimedReview:
    review: CarerReview
    timing: ReviewTiming
    panel_required: bool


@dataclass(frozen=True)
class HouseholdPage:
    household: Household
    status: DueStatus
    reviews: list[TimedReview]
    changes: list[ChangeOfCircumstances]
    placements: list[Placement]
    views: list[PlacementView]  # the IROs' views since the last review (or approval)
    next_is_first: bool


def household_page(user: Any, household: Household, today: date) -> HouseholdPage:
    reviews = list(household.reviews.select_related("chair__user").order_by("held"))
    changes = list(household.changes.order_by("recorded", "id"))
    schedule = schedule_of(household, [r.held for r in reviews], [c.recorded for c in changes])
    timed = [
        TimedReview(review, timing, panel_required(timing.number))
        for review, timing in zip(reviews, schedule.reviews, strict=True)
    ]
    placements = list(
        household.placements.filter(visible(user, via="child"))
        .select_related("child")
        .order_by("-start", "id")
    )
    return HouseholdPage(
        household=household,
        status=due_status(household.next_review_due, today, calendar=get_calendar()),
        reviews=timed,
        changes=changes,
        placements=placements,
        views=views_for_next_review(user, household),
        next_is_first=not reviews,
    )


def views_for_next_review(user: Any, household: Household) -> list[PlacementView]:
    """The IROs' views of children's placements with the household recorded since its last
    review (or its approval): what its next review must read (FSR 2011 reg 28)."""
    last = household.reviews.order_by("-held").values_list("held", flat=True).first()
    since = last or household.approved
    return list(
        PlacementView.objects.filter(placement__household=household, recorded__gte=since)
        .filter(visible(user, via="placement__child"))
        .select_related("placement__child", "iro__user")
        .order_by("recorded", "id")
    )


def placements_of_child(child_id: int) -> QuerySet[Placement]:
    return Placement.objects.filter(child_id=child_id).select_related("household")


# --- caseloads ----------------------------------------------------------------------------


def fostering_snapshot() -> Fostering:
    """The households and officers as core records (the measures' shape): four queries."""
    held: dict[int, list[date]] = {}
    for household_id, day in CarerReview.objects.values_list("household_id", "held"):
        held.setdefault(household_id, []).append(day)
    panel = set(
        CarerReview.objects.filter(panel_date__isnull=False).values_list("household_id", "held")
    )
    changes: dict[int, list[date]] = {}
    for household_id, day in ChangeOfCircumstances.objects.values_list("household_id", "recorded"):
        changes.setdefault(household_id, []).append(day)
    records = tuple(
        HouseholdRecord(
            household_id=str(h.pk),
            kind=h.kind,
            approved=h.approved,
            deregistered=h.deregistered,
            reviews=tuple(
                CarerReviewRecord(day, (h.pk, day) in panel) for day in sorted(held.get(h.pk, ()))
            ),
            changes=tuple(sorted(changes.get(h.pk, ()))),
            firo_id="" if h.reviewing_officer_id is None else str(h.reviewing_officer_id),
        )
        for h in Household.objects.order_by("id")
    )
    officers = tuple(
        ReviewingOfficerRecord(str(o.pk), str(o), float(o.fte), o.start_date, o.end_date)
        for o in ReviewingOfficer.objects.select_related("user").order_by("id")
    )
    return Fostering(records, officers)


def with_fostering(register: Register) -> Register:
    """The register with the council's fostering households and reviewing officers."""
    return replace(register, fostering=fostering_snapshot())


@dataclass(frozen=True)
class Caseloads:
    caseloads: list[FiroCaseload]
    unallocated: int
    households: int
    fte_in_post: float
    per_fte_target: float
    fte_needed: float
    posts_needed: int
    reviews_due_in_12_months: int


def caseloads(today: date) -> Caseloads:
    fostering = fostering_snapshot()
    found, unallocated = firo_caseloads(fostering, today)
    approved = sum(1 for h in fostering.households if h.approved_on(today))
    target = float(settings.IROHUB_FIRO_HOUSEHOLDS_PER_FTE)
    fte_needed, posts = reviewing_officers_needed(approved, target)
    year_on = add_months(today, 12)
    due = Household.objects.filter(
        deregistered__isnull=True, next_review_due__isnull=False, next_review_due__lte=year_on
    ).count()
    return Caseloads(
        caseloads=found,
        unallocated=unallocated,
        households=approved,
        fte_in_post=sum(c.fte for c in found),
        per_fte_target=target,
        fte_needed=fte_needed,
        posts_needed=posts,
        reviews_due_in_12_months=due,
    )
