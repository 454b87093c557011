"""Keeps the review-clock cache on care periods in step with the rules core.

`CarePeriod.next_review_due` and `reviews_held` exist so that lists can be sorted and
filtered in SQL; the truth is irohub.statutory.review_schedule. This is the one place
that writes the cache: call it after any change to a care period or its reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from irohub.children.models import CarePeriod, review_model
from irohub.core.calendar import get_calendar
from irohub.statutory import ReviewSchedule, review_schedule

BATCH = 2000


def schedule_for(period: CarePeriod, held: Iterable[date]) -> ReviewSchedule:
    return review_schedule(period.start, held, period_end=period.end, calendar=get_calendar())


def refresh_review_clock(care_period_ids: Iterable[int] | None = None) -> int:
    """Recompute the cached clock for the given care periods (all when None).

    Returns how many care periods changed. Works in batches with two queries per batch,
    so refreshing a whole council is cheap.
    """
    periods = CarePeriod.objects.order_by("id")
    if care_period_ids is not None:
        periods = periods.filter(id__in=list(care_period_ids))
    changed = 0
    batch: list[CarePeriod] = []
    for period in periods.only("id", "start", "end", "next_review_due", "reviews_held").iterator(
        chunk_size=BATCH
    ):
        batch.append(period)
        if len(batch) == BATCH:
            changed += _refresh_batch(batch)
            batch = []
    if batch:
        changed += _refresh_batch(batch)
    return changed


def _refresh_batch(periods: list[CarePeriod]) -> int:
    held: dict[int, list[date]] = defaultdict(list)
    for period_id, day in (
        review_model().objects.filter(care_period__in=periods).values_list("care_period_id", "held")
    ):
        held[period_id].append(day)
    stale = []
    for period in periods:
        schedule = schedule_for(period, held[period.id])
        if (period.next_review_due, period.reviews_held) != (
            schedule.next_due,
            len(schedule.reviews),
        ):
            period.next_review_due = schedule.next_due
            period.reviews_held = len(schedule.reviews)
            stale.append(period)
    CarePeriod.objects.bulk_update(stale, ["next_review_due", "reviews_held"])
    return len(stale)
