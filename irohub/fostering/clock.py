"""Keeps the foster carer review clock cache on households in step with the rules core.

`Household.next_review_due` and `reviews_held` exist so that lists can be sorted and
filtered in SQL; the truth is irohub.statutory.foster_carers.foster_carer_review_schedule
(FC-1 to FC-3). This is the one place that writes the cache: call it after any change to
a household's approval, deregistration, reviews or changes of circumstances.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from irohub.core.calendar import get_calendar
from irohub.fostering.models import CarerReview, ChangeOfCircumstances, Household
from irohub.statutory.foster_carers import foster_carer_review_schedule
from irohub.statutory.reviews import ReviewSchedule


def schedule_of(
    household: Household, held: Iterable[date], changes: Iterable[date]
) -> ReviewSchedule:
    return foster_carer_review_schedule(
        household.approved,
        held,
        changes=changes,
        deregistered=household.deregistered,
        calendar=get_calendar(),
    )


def refresh_carer_review_clock(household_ids: Iterable[int] | None = None) -> int:
    """Recompute the cache for the given households (all when None); three queries.
    Returns how many changed."""
    households = Household.objects.order_by("id")
    if household_ids is not None:
        households = households.filter(id__in=list(household_ids))
    households = list(
        households.only("id", "approved", "deregistered", "next_review_due", "reviews_held")
    )
    ids = [h.id for h in households]
    held: dict[int, list[date]] = defaultdict(list)
    for household_id, day in CarerReview.objects.filter(household_id__in=ids).values_list(
        "household_id", "held"
    ):
        held[household_id].append(day)
    changes: dict[int, list[date]] = defaultdict(list)
    for household_id, day in ChangeOfCircumstances.objects.filter(household_id__in=ids).values_list(
        "household_id", "recorded"
    ):
        changes[household_id].append(day)
    stale = []
    for household in households:
        schedule = schedule_of(household, held[household.id], changes[household.id])
        clock = (schedule.next_due, len(schedule.reviews))
        if (household.next_review_due, household.reviews_held) != clock:
            household.next_review_due, household.reviews_held = clock
            stale.append(household)
    Household.objects.bulk_update(stale, ["next_review_due", "reviews_held"], batch_size=2000)
    return len(stale)
