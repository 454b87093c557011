"""Keeps the review-clock cache on care periods in step with the rules core.

`CarePeriod.next_review_due` and `reviews_held` exist so that lists can be sorted and
filtered in SQL; the truth is irohub.statutory.care_period_schedules, which times each
period by the regime the child is under (looked after, short breaks, placed for adoption)
and brings a review forward when an early review is asked for (ER-1 to ER-6).
This is the one place that writes the cache: call it after any change to a care period,
its episodes or its reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from irohub.children.models import CarePeriod, Episode, early_review_model, review_model
from irohub.core.bulk import update_rows
from irohub.core.calendar import get_calendar
from irohub.statutory import (
    CarePeriodFacts,
    EarlyReviewRequest,
    EpisodeFacts,
    ReviewSchedule,
    ReviewTiming,
    care_period_schedules,
)

BATCH = 2000


class _Episode(NamedTuple):
    start: date
    legal_status: str
    placement: str


def schedules_for(
    periods: Sequence[tuple[CarePeriod, Sequence[EpisodeFacts], Iterable[date]]],
    early: Mapping[int, Sequence[EarlyReviewRequest]] | None = None,
) -> list[ReviewSchedule]:
    """The schedules of one child's care periods, given oldest first with each period's
    episodes (oldest first) and review dates; a series of short breaks runs across them.
    `early` are the early-review requests of each period, by care period id: they bring
    the next review forward (irohub.statutory.review_record)."""
    early = early or {}
    return care_period_schedules(
        [
            CarePeriodFacts(
                period.start, period.end, episodes, list(held), early.get(period.pk, ())
            )
            for period, episodes, held in periods
        ],
        calendar=get_calendar(),
    )


def early_requests(periods: Iterable[CarePeriod | int]) -> dict[int, list[EarlyReviewRequest]]:
    """The early-review requests of the given care periods, by care period id (one query)."""
    found: dict[int, list[EarlyReviewRequest]] = defaultdict(list)
    rows = (
        early_review_model()
        .objects.filter(care_period__in=list(periods))
        .order_by("raised", "id")
        .values_list("care_period_id", "raised", "due")
    )
    for period_id, raised, due in rows:
        found[period_id].append(EarlyReviewRequest(raised, due))
    return found


def refresh_review_clock(care_period_ids: Iterable[int] | None = None) -> int:
    """Recompute the cached clock for the given care periods (all when None), and for the
    other periods of the same children, whose clocks can depend on each other.

    Returns how many care periods changed. Works in batches of whole children with four
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
    early = early_requests(periods)
    by_child: dict[int, list[CarePeriod]] = defaultdict(list)
    for period in periods:  # in date order within each child
        by_child[period.child_id].append(period)
    stale = []
    for child_periods in by_child.values():
        schedules = schedules_for(
            [(period, episodes[period.id], held[period.id]) for period in child_periods], early
        )
        for period, schedule in zip(child_periods, schedules, strict=True):
            if (period.next_review_due, period.reviews_held) != (
                schedule.next_due,
                len(schedule.reviews),
            ):
                period.next_review_due = schedule.next_due
                period.reviews_held = len(schedule.reviews)
                stale.append(period)
    update_rows(
        CarePeriod,
        ("next_review_due", "reviews_held"),
        [(p.pk, p.next_review_due, p.reviews_held) for p in stale],
    )
    return len(stale)


def review_timing(care_period_id: int, held: date) -> ReviewTiming | None:
    """The timing of the review held on `held` in a care period (against the deadline that
    was live for it, early-review requests included), or None if no review was held then."""
    period = CarePeriod.objects.only("child_id").get(pk=care_period_id)
    periods = list(CarePeriod.objects.filter(child_id=period.child_id).order_by("start", "id"))
    held_in: dict[int, list[date]] = defaultdict(list)
    for period_id, day in (
        review_model().objects.filter(care_period__in=periods).values_list("care_period_id", "held")
    ):
        held_in[period_id].append(day)
    episodes: dict[int, list[_Episode]] = defaultdict(list)
    for period_id, *values in (
        Episode.objects.filter(care_period__in=periods)
        .order_by("start", "id")
        .values_list("care_period_id", "start", "legal_status", "placement")
    ):
        episodes[period_id].append(_Episode(*values))
    schedules = schedules_for(
        [(p, episodes[p.id], held_in[p.id]) for p in periods], early_requests(periods)
    )
    for p, schedule in zip(periods, schedules, strict=True):
        if p.pk == care_period_id:
            return next((timing for timing in schedule.reviews if timing.held == held), None)
    return None
