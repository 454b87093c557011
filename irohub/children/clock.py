"""Keeps the review-clock cache on care periods in step with the rules core.

`CarePeriod.next_review_due` and `reviews_held` exist so that lists can be sorted and
filtered in SQL; the truth is irohub.statutory.care_period_schedules, which times each
period by the regime the child is under (looked after, short breaks, placed for adoption).
This is the one place that writes the cache: call it after any change to a care period,
its episodes or its reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from irohub.children.models import CarePeriod, Episode, review_model
from irohub.core.calendar import get_calendar
from irohub.statutory import CarePeriodFacts, EpisodeFacts, ReviewSchedule, care_period_schedules

BATCH = 2000


class _Episode(NamedTuple):
    start: date
    legal_status: str
    placement: str


def schedules_for(
    periods: Sequence[tuple[CarePeriod, Sequence[EpisodeFacts], Iterable[date]]],
) -> list[ReviewSchedule]:
    """The schedules of one child's care periods, given oldest first with each period's
    episodes (oldest first) and review dates; a series of short breaks runs across them."""
    return care_period_schedules(
        [
            CarePeriodFacts(period.start, period.end, episodes, list(held))
            for period, episodes, held in periods
        ],
        calendar=get_calendar(),
    )


def refresh_review_clock(care_period_ids: Iterable[int] | None = None) -> int:
    """Recompute the cached clock for the given care periods (all when None), and for the
    other periods of the same children, whose clocks can depend on each other.

    Returns how many care periods changed. Works in batches of whole children with three
    queries per batch, so refreshing a whole council is cheap.
    """
    periods = CarePeriod.objects.order_by("child_id", "start", "id")
    if care_period_ids is not None:
        children = CarePeriod.objects.filter(id__in=list(care_period_ids)).values("child_id")
        periods = periods.filter(child_id__in=children)
    changed = 0
    batch: list[CarePeriod] = []
    fields = ("id", "child_id", "start", "end", "next_review_due", "reviews_held")
    for period in periods.only(*fields).iterator(chunk_size=BATCH):
        if len(batch) >= BATCH and period.child_id != batch[-1].child_id:
            changed += _refresh_batch(batch)
            batch = []
        batch.append(period)
    if batch:
        changed += _refresh_batch(batch)
    return changed


def _refresh_batch(periods: list[CarePeriod]) -> int:
    held: dict[int, list[date]] = defaultdict(list)
    for period_id, day in (
        review_model().objects.filter(care_period__in=periods).values_list("care_period_id", "held")
    ):
        held[period_id].append(day)
    episodes: dict[int, list[_Episode]] = defaultdict(list)
    for period_id, *values in (
        Episode.objects.filter(care_period__in=periods)
        .order_by("start", "id")
        .values_list("care_period_id", "start", "legal_status", "placement")
    ):
        episodes[period_id].append(_Episode(*values))
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in periods:  # in date order within each child
        by_child[period.child_id].append(period)
    stale = []
    for child_periods in by_child.values():
        schedules = schedules_for(
            [(period, episodes[period.id], held[period.id]) for period in child_periods]
        )
        for period, schedule in zip(child_periods, schedules, strict=True):
            if (period.next_review_due, period.reviews_held) != (
                schedule.next_due,
                len(schedule.reviews),
            ):
                period.next_review_due = schedule.next_due
                period.reviews_held = len(schedule.reviews)
                stale.append(period)
    CarePeriod.objects.bulk_update(stale, ["next_review_due", "reviews_held"])
    return len(stale)
