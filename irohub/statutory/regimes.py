"""Which review regime a child is under (spec §2.1, §2.7), and the review clock of each of
a child's care periods under the regimes it passed through.

One rule, used by the review-clock cache, the child's page and the measures' timeline:

* placed for adoption (SSDA903 placement A3–A6): adoption reviews, AAR 2005 reg 36 (§5.2);
* a series of short breaks (legal status V3/V4): the reg 48 timetable (§4.2);
* anything else: the looked-after review clock, CPPCR Part 6 (§2.3–2.7).

A placement for adoption switches regime whatever the legal status. A care period can pass
through several regimes; each span restarts its own clock (AD-RESET; OQ-7 after an adoptive
placement ends without an adoption; OQ-9 after short breaks become full care).

A series of short breaks outlives its care periods: with legal status V3 every break is a
period of its own, and the reg 48 clock runs from the first break of the series (SB-1)
through every break, so the child's periods are evaluated together. Ambiguity (resolved
here): the spec does not say when a series ends; it ends when the child is looked after
under another regime (care, or a placement for adoption), however long the gap between
two breaks, and a review held on any break of the series counts for it.

Ambiguity (resolved here, see the spec's §4.1): the register does not record whether the
limits of reg 48 were kept; the legal status the council records is taken as its answer
(a council records V2 or a care order once the limits are passed, which switches regime).
The limits themselves are `irohub.statutory.short_breaks.limit_passed`.

Authority to place, not yet placed (§5.1): a looked-after span in which the child's legal
status is a placement order (E1) or a freeing order (D1) also runs AD-1/AD-2 from the day
that status began in the span (the day the agency first had authority, as far as the
register knows; written consent under ACA 2002 s19 is not in it) until the legal status
is something else (the order revoked, or another order made: resolved here, the spec says
only "until the child is placed"), and while it runs every deadline is the earlier of the
two (AD-COMBINE): `combined_review_schedule`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple, Protocol

from irohub.statutory.adoption import (
    authority_to_place_schedule,
    placed_for_adoption_schedule,
)
from irohub.statutory.calendar import WorkingDayCalendar, default_calendar
from irohub.statutory.review_record import EarlyReviewRequest
from irohub.statutory.reviews import (
    ReviewDateError,
    ReviewSchedule,
    ReviewTiming,
    SequenceStart,
    finish_schedule,
    review_schedule,
    time_meeting,
)
from irohub.statutory.short_breaks import short_break_review_schedule

__all__ = [
    "ADOPTION_PLACEMENTS",
    "AUTHORITY_TO_PLACE_LEGAL_STATUSES",
    "SHORT_BREAK_LEGAL_STATUSES",
    "Authority",
    "CarePeriodFacts",
    "EpisodeFacts",
    "Regime",
    "Span",
    "authority_in",
    "care_period_schedules",
    "combined_review_schedule",
    "regime_of",
    "regime_spans",
]


# The SSDA903 codes that decide the regime (the code lists re-export them):
# legal status V3/V4, an agreed series of short breaks (§4.3); placement A3–A6, placed
# for adoption (§5.2).
SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
# Legal status E1 (placement order) or D1 (freeing order): the agency has authority to
# place the child for adoption (§5.1).
AUTHORITY_TO_PLACE_LEGAL_STATUSES = frozenset({"E1", "D1"})


class Regime(StrEnum):
    CPPCR = "looked after review (CPPCR Part 6)"
    SHORT_BREAKS = "short breaks (CPPCR reg 48)"
    ADOPTION = "placed for adoption (AAR 2005 reg 36)"


class EpisodeFacts(Protocol):
    """What the rule reads of an episode (a database row or a core record both fit)."""

    @property
    def start(self) -> date: ...

    @property
    def legal_status(self) -> str: ...

    @property
    def placement(self) -> str: ...


def regime_of(legal_status: str, placement: str) -> Regime:
    """The regime of one episode. A placement for adoption switches regime whatever the
    legal status (§2.7)."""
    if placement in ADOPTION_PLACEMENTS:
        return Regime.ADOPTION
    if legal_status in SHORT_BREAK_LEGAL_STATUSES:
        return Regime.SHORT_BREAKS
    return Regime.CPPCR


class Span(NamedTuple):
    """Part of a care period under one regime, from `start` until `end` (the day the
    next regime began, or the period's end; None while it continues)."""

    regime: Regime
    start: date
    end: date | None


def regime_spans(
    period_start: date, period_end: date | None, episodes: Iterable[EpisodeFacts]
) -> list[Span]:
    """The period's spans in date order (`episodes` in date order). A period without
    episodes is all CPPCR. An episode superseded on its first day leaves no span."""
    changes: list[tuple[Regime, date]] = []
    for episode in episodes:
        if changes and period_end is not None and episode.start >= period_end:
            break
        regime = regime_of(episode.legal_status, episode.placement)
        day = max(episode.start, period_start) if changes else period_start
        if changes and changes[-1][1] >= day:
            changes.pop()  # superseded the same day: no span of the earlier regime
        if changes and changes[-1][0] is regime:
            continue  # the same regime goes on (an X1 change of placement or status)
        changes.append((regime, day))
    if not changes:
        return [Span(Regime.CPPCR, period_start, period_end)]
    ends = [day for _, day in changes[1:]] + [period_end]
    return [Span(regime, day, end) for (regime, day), end in zip(changes, ends, strict=True)]


class Authority(NamedTuple):
    """Authority to place within a span: from `start` until `end` (None: to the span's end)."""

    start: date
    end: date | None


def authority_in(span: Span, episodes: Sequence[EpisodeFacts]) -> Authority | None:
    """The first stretch of a span in which the child's legal status gave the agency
    authority to place (E1 or D1), or None. Each episode is in force from its start until
    the next begins (`episodes` in date order); the stretch ends on the first day of an
    episode with another legal status."""
    for index, episode in enumerate(episodes):
        if episode.legal_status not in AUTHORITY_TO_PLACE_LEGAL_STATUSES:
            continue
        day = max(episode.start, span.start)
        following = episodes[index + 1].start if index + 1 < len(episodes) else None
        if following is not None and following <= day:
            continue  # superseded before the span began (or the same day)
        if span.end is not None and day >= span.end:
            return None
        end = next(
            (
                later.start
                for later in episodes[index + 1 :]
                if later.legal_status not in AUTHORITY_TO_PLACE_LEGAL_STATUSES
            ),
            None,
        )
        if end is not None and span.end is not None and end >= span.end:
            end = None
        return Authority(day, end)
    return None


def combined_review_schedule(
    start: date,
    held: Sequence[date],
    *,
    authority: Authority | None,
    end: date | None = None,
    begins: SequenceStart = SequenceStart.PERIOD_START,
    calendar: WorkingDayCalendar | None = None,
    early: Sequence[EarlyReviewRequest] = (),
) -> ReviewSchedule:
    """The looked-after clock of a span from `start`, combined while `authority` runs (the
    agency had authority to place) with AD-1/AD-2 (AD-COMBINE): each review held then is
    measured against the earlier of the two deadlines live for it, and while it still runs
    at the span's end the next review is due by the earlier of the two. Without authority
    it is the looked-after clock alone. `early` are early-review requests (ER-1 to ER-6),
    which bring the looked-after clock forward (review_schedule)."""
    cal = calendar or default_calendar()
    looked_after = review_schedule(
        start, held, period_end=end, calendar=cal, begins=begins, early=early
    )
    if authority is None:
        return looked_after
    dates = sorted(held)
    until = authority.end
    during = [day for day in dates if authority.start <= day and (until is None or day < until)]
    ended = end if until is None else until
    reg36 = authority_to_place_schedule(authority.start, during, ended=ended, calendar=cal)
    first = dates.index(during[0]) if during else 0
    timings = [
        timing
        if not first <= index < first + len(during)
        else time_meeting(
            timing.number, timing.held, min(timing.due, reg36.reviews[index - first].due), cal
        )
        for index, timing in enumerate(looked_after.reviews)
    ]
    dues = [looked_after.next_due]
    if until is None or not dates or dates[-1] < until:
        # A deadline that fell while authority ran and is still unmet; a review held
        # since it ended answers to the looked-after clock alone.
        dues.append(reg36.next_due)
    found = [day for day in dues if day is not None]
    return finish_schedule(start, end, timings, min(found, default=None), cal)


class CarePeriodFacts(NamedTuple):
    """One care period as the clock needs it: its dates, episodes (in date order) and the
    dates of the reviews held in it (any order)."""

    start: date
    end: date | None
    episodes: Sequence[EpisodeFacts]
    held: Sequence[date]
    # Early-review requests (ER-1 to ER-6) raised in the period: they bring the looked-after
    # review clock forward (irohub.statutory.review_record.bring_forward).
    early: Sequence[EarlyReviewRequest] = ()


def _check_within(period: CarePeriodFacts, held: list[date]) -> None:
    # The same data errors review_schedule refuses, whichever regime the day falls in.
    if held and held[0] < period.start:
        raise ReviewDateError(
            f"review held {held[0].isoformat()} is before the care period began "
            f"({period.start.isoformat()})"
        )
    if held and period.end is not None and held[-1] > period.end:
        raise ReviewDateError(
            f"review held {held[-1].isoformat()} is after the care period ended "
            f"({period.end.isoformat()})"
        )


def care_period_schedules(
    periods: Sequence[CarePeriodFacts], *, calendar: WorkingDayCalendar | None = None
) -> list[ReviewSchedule]:
    """The review schedule of each of one child's care periods (given in date order), each
    review timed by the regime in force on the day it was held (a review on the day the
    regime changes belongs to the new one) and the next deadline by the regime in force
    at the period's end. The schedules come back in the order given.

    A series of short breaks carries over from one period to the next when the one ends
    and the next begins under short breaks; any other regime ends it.
    """
    cal = calendar or default_calendar()
    schedules: list[ReviewSchedule] = []
    series: tuple[date, list[date]] | None = None  # an open short-break series: start, held
    for period in periods:
        spans = regime_spans(period.start, period.end, period.episodes)
        held = sorted(period.held)
        _check_within(period, held)
        timings: list[ReviewTiming] = []
        schedule: ReviewSchedule | None = None
        for index, span in enumerate(spans):
            last = index == len(spans) - 1
            until = None if last else span.end
            in_span = [day for day in held if span.start <= day and (until is None or day < until)]
            if span.regime is Regime.SHORT_BREAKS:
                start, before = series if index == 0 and series is not None else (span.start, [])
                schedule = short_break_review_schedule(
                    start, before + in_span, ended=span.end, calendar=cal
                )
                timings += schedule.reviews[len(before) :]
                series = (start, before + in_span) if last else None
                continue
            series = None
            if span.regime is Regime.ADOPTION:
                schedule = placed_for_adoption_schedule(
                    span.start, in_span, ended=span.end, calendar=cal
                )
            else:
                begins = SequenceStart.PERIOD_START
                if index > 0:
                    begins = (
                        SequenceStart.AFTER_ADOPTION
                        if spans[index - 1].regime is Regime.ADOPTION
                        else SequenceStart.AFTER_SHORT_BREAKS
                    )
                early = [
                    r
                    for r in period.early
                    if span.start <= r.raised and (until is None or r.raised < until)
                ]
                schedule = combined_review_schedule(
                    span.start,
                    in_span,
                    authority=authority_in(span, period.episodes),
                    end=span.end,
                    begins=begins,
                    calendar=cal,
                    early=early,
                )
            timings += schedule.reviews
        assert schedule is not None  # a period has at least one span
        schedules.append(
            ReviewSchedule(
                period.start,
                period.end,
                tuple(timings),
                schedule.next_due,
                schedule.next_due_is_working_day,
                schedule.book_by,
                cal,
            )
        )
    return schedules
