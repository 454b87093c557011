"""Every review deadline of every child, worked out once and shared by the M-REV measures.

A care period is split into spans by review regime (statutory-rules.md §2.1):

* CPPCR: the looked-after review clock (LAC-1 to LAC-4), evaluated with
  `irohub.statutory.review_schedule`;
* reg 48 short breaks (legal status V3/V4, §4): outside POP-LAC-REV — a separate measure;
* placed for adoption (PLACE A3–A6, §5.2): adoption reviews under AAR 2005 reg 36 — a
  separate measure.

Each CPPCR span is a `Sequence` of `Deadline`s. A span that starts the care period runs
the ordinary clock. A CPPCR span after short breaks starts a new full-regime sequence
(OQ-9: first review within 20 working days, then the ordinary clock). A CPPCR span after
an adoptive placement ended without an adoption starts an early review within 20 working
days and then runs 6-monthly (OQ-7). A deadline falling on or after the day the span ends
is "not due" (OQ-15, and a regime switch likewise).

Incomplete history (`Register.history_from`): a span that began before that day has reviews
nobody can see. Its deadlines are then known only as a range — `earliest` (None when there
is no lower bound) to `latest` — and a review is classified only when every possible
history gives the same answer (brief: "never guess"):

* the deadline met by the first known review is at the latest
  `max(first review deadline, add_months(history_from − 1 day, 6))`, because the last unseen
  review was held before `history_from`; it is at the earliest the first-review deadline
  when the span's start is known (the care period began with RNE S, or at a regime switch);
* the next is `add_months(prev, 3)` if the first known review was review 1, else
  `add_months(prev, 6)`; unknown which, so both are kept;
* from a review known to be number 2 or later, every deadline is exact.

Three-valued answers (True / False / None = cannot tell) flow from here into the measures,
which count the None ones as unclassified.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from irohub.records.register import CarePeriodRecord, ChildRecord, EpisodeRecord, Register
from irohub.statutory import (
    Regime,
    ReviewDateError,
    SequenceStart,
    Span,
    WorkingDayCalendar,
    add_months,
    default_calendar,
    first_review_due,
    regime_of,
    review_schedule,
)
from irohub.statutory import regime_spans as _regime_spans
from irohub.statutory.reviews import LATER_REVIEW_MONTHS, months_after_review

__all__ = [
    "Deadline",
    "Regime",
    "ReviewBook",
    "Sequence",
    "SequenceStart",
    "all_of",
    "book_for",
    "clear_cache",
    "collector_paused",
    "regime_of",
    "regime_spans",
]

_ONE_DAY = timedelta(days=1)


def regime_spans(period: CarePeriodRecord) -> list[Span]:
    """The period's spans in date order, by the rules core's one rule for which regime
    applies (`irohub.statutory.regime_spans`)."""
    return _regime_spans(period.start, period.end, period.episodes)


class Deadline(NamedTuple):
    """One statutory review deadline and the review that answered it.

    `earliest`/`latest` bound the due date: equal when it is known; `earliest` None when
    nothing bounds it from below (history before `Register.history_from`). `held` is the
    review that answered it, None while none has. `on_time` is None when it cannot be
    told; an unanswered deadline is not met (False). `while_looked_after`: the deadline
    fell before the span ended (a deadline after the child left care, or switched regime,
    was not due — OQ-15 — even when a review had already been held early).
    """

    earliest: date | None
    latest: date
    held: date | None
    on_time: bool | None
    while_looked_after: bool | None
    number: int | None  # position in the sequence; None when history is incomplete

    @property
    def due(self) -> date | None:
        """The due date, or None when it is only known to lie in a range."""
        return self.latest if self.earliest == self.latest else None

    @property
    def days_late(self) -> int | None:
        """Calendar days after the due date (0 when on time); None when not knowable."""
        due = self.due
        if due is None or self.held is None:
            return None
        return max(0, (self.held - due).days)

    def due_between(self, first: date, last: date) -> bool | None:
        """Whether the due date lies in [first, last]."""
        if self.latest < first or (self.earliest is not None and self.earliest > last):
            return False
        if self.earliest is not None and self.earliest >= first and self.latest <= last:
            return True
        return None

    def due_on_or_before(self, day: date) -> bool | None:
        if self.latest <= day:
            return True
        if self.earliest is not None and self.earliest > day:
            return False
        return None


def all_of(*answers: bool | None) -> bool | None:
    """Three-valued AND: False if any is False, else None if any is unknown, else True."""
    result: bool | None = True
    for answer in answers:
        if answer is False:
            return False
        if answer is None:
            result = None
    return result


class Sequence(NamedTuple):
    """The deadlines of one CPPCR span: those answered by reviews, in order, then the
    one still outstanding (if any) at the end of the data."""

    start: date
    end: date | None
    begins: SequenceStart
    history_known: bool
    deadlines: tuple[Deadline, ...]
    # LAC-1 for M-REV-04 (None after an adoptive placement, or when it was not due).
    first_review: Deadline | None

    def looked_after_on(self, day: date) -> bool:
        """In this span at the close of `day` (a span ending on a day is over — OQ-14)."""
        return self.start <= day and (self.end is None or self.end > day)


def _judge(held: date, earliest: date | None, latest: date) -> bool | None:
    if earliest is not None and held <= earliest:
        return True
    if held > latest:
        return False
    return None


def _before(earliest: date | None, latest: date, end: date | None) -> bool | None:
    # Whether the due date falls before the span ends.
    if end is None or latest < end:
        return True
    if earliest is not None and earliest >= end:
        return False
    return None


def _ranged_deadlines(
    earliest: date | None,
    latest: date,
    held: list[date],
    end: date | None,
    *,
    after_first: tuple[int, int],
    numbered: bool,
) -> tuple[Deadline, ...]:
    """Deadlines whose first one is bounded by [earliest, latest]. After the first review
    the interval is `after_first` months (a range when it is unknown whether that review
    was review 1), and 6 months after every later one (LAC-3)."""
    out: list[Deadline] = []
    for index, when in enumerate(held):
        out.append(
            Deadline(
                earliest,
                latest,
                when,
                _judge(when, earliest, latest),
                _before(earliest, latest, end),
                index + 1 if numbered else None,
            )
        )
        if index == 0:
            earliest, latest = add_months(when, after_first[0]), add_months(when, after_first[1])
        else:
            earliest = latest = add_months(when, LATER_REVIEW_MONTHS)
    # The next review is outstanding unless the span certainly ended before it fell due.
    if not (end is not None and earliest is not None and end <= earliest):
        out.append(
            Deadline(
                earliest,
                latest,
                None,
                False,
                _before(earliest, latest, end),
                len(held) + 1 if numbered else None,
            )
        )
    return tuple(out)


def _known_deadlines(
    start: date, end: date | None, held: list[date], calendar: WorkingDayCalendar
) -> tuple[Deadline, ...]:
    """The ordinary clock (LAC-1 to LAC-4) from `irohub.statutory.review_schedule`."""
    schedule = review_schedule(start, held, period_end=end, calendar=calendar)
    # The hot loop of the measures (every review of every child): tuples built directly.
    make = tuple.__new__
    deadlines = [
        make(Deadline, (due, due, when, on_time, end is None or due < end, number))
        for number, when, due, on_time, _, _ in schedule.reviews
    ]
    if schedule.next_due is not None:
        due = schedule.next_due
        deadlines.append(Deadline(due, due, None, False, True, len(deadlines) + 1))
    return tuple(deadlines)


def _sequence(
    span: Span,
    begins: SequenceStart,
    start_known: bool,
    held: list[date],
    history_from: date | None,
    calendar: WorkingDayCalendar,
) -> Sequence:
    start, end = span.start, span.end
    history_known = history_from is None or start >= history_from
    if history_known and begins is not SequenceStart.AFTER_ADOPTION:
        deadlines = _known_deadlines(start, end, held, calendar)
        first_review = deadlines[0] if deadlines else None
        return Sequence(start, end, begins, True, deadlines, first_review)

    # OQ-7 / OQ-9: the rules core says how a sequence after a regime switch begins.
    first_due = first_review_due(start, calendar=calendar, begins=begins)
    after_first = (months_after_review(1, begins), LATER_REVIEW_MONTHS)
    if history_known:
        deadlines = _ranged_deadlines(
            first_due, first_due, held, end, after_first=after_first, numbered=True
        )
        return Sequence(start, end, begins, True, deadlines, None)

    # The span began before the data: reviews before `history_from` are unseen.
    assert history_from is not None
    known = [when for when in held if when >= history_from]
    latest_first = max(first_due, add_months(history_from - _ONE_DAY, LATER_REVIEW_MONTHS))
    deadlines = _ranged_deadlines(
        first_due if start_known else None,
        latest_first,
        known,
        end,
        after_first=after_first,
        numbered=False,
    )
    first_review = None
    if begins is not SequenceStart.AFTER_ADOPTION:
        # LAC-1 fell on `first_due` if the start is known, else on or before it (the true
        # start was earlier). It was met if a review we can see came by then; otherwise
        # an unseen review may have met it.
        met_by = known[0] if known and known[0] <= first_due else None
        first_review = Deadline(
            first_due if start_known else None,
            first_due,
            met_by,
            True if met_by is not None and start_known else None,
            _before(first_due if start_known else None, first_due, end),
            1,
        )
    return Sequence(start, end, begins, False, deadlines, first_review)


def _changes_regime(episodes: tuple[EpisodeRecord, ...]) -> bool:
    first = regime_of(episodes[0].legal_status, episodes[0].placement)
    return any(
        regime_of(episode.legal_status, episode.placement) is not first for episode in episodes
    )


def _reviews_held(period: CarePeriodRecord) -> list[date]:
    # A review is one meeting a day; one outside the period belongs to no sequence (both
    # are data errors the readers report; the measures carry on without them).
    start, end = period.start, period.end
    return sorted(
        {
            review.held
            for review in period.reviews
            if start <= review.held and (end is None or review.held <= end)
        }
    )


def _period_sequences(
    period: CarePeriodRecord,
    history_from: date | None,
    calendar: WorkingDayCalendar,
) -> list[Sequence]:
    if period.end is not None and period.end < period.start:
        return []  # a data error the readers report; nothing can be due in it
    start, end = period.start, period.end
    episodes = period.episodes
    single_regime = len(episodes) <= 1 or not _changes_regime(episodes)
    if (
        single_regime
        and episodes
        and regime_of(episodes[0].legal_status, episodes[0].placement) is not Regime.CPPCR
    ):
        return []  # all short breaks, or placed for adoption throughout
    if single_regime and (history_from is None or start >= history_from):
        # Most periods: one regime, all history known — the clock over the period as it is.
        try:
            deadlines = _known_deadlines(start, end, [r.held for r in period.reviews], calendar)
        except ReviewDateError:
            deadlines = _known_deadlines(start, end, _reviews_held(period), calendar)
        first_review = deadlines[0] if deadlines else None
        return [Sequence(start, end, SequenceStart.PERIOD_START, True, deadlines, first_review)]
    held = _reviews_held(period)
    if single_regime:
        start_known = bool(episodes) and episodes[0].reason_new_episode == "S"
        span = Span(Regime.CPPCR, start, end)
        return [
            _sequence(span, SequenceStart.PERIOD_START, start_known, held, history_from, calendar)
        ]
    spans = regime_spans(period)
    sequences: list[Sequence] = []
    for index, span in enumerate(spans):
        if span.regime is not Regime.CPPCR:
            continue
        last = index == len(spans) - 1
        # A review on the day the regime changes belongs to the regime in force that day.
        in_span = [
            when
            for when in held
            if span.start <= when and (last or span.end is None or when < span.end)
        ]
        if index == 0:
            begins = SequenceStart.PERIOD_START
            start_known = episodes[0].reason_new_episode == "S"
        else:
            previous = spans[index - 1].regime
            begins = (
                SequenceStart.AFTER_ADOPTION
                if previous is Regime.ADOPTION
                else SequenceStart.AFTER_SHORT_BREAKS
            )
            start_known = True  # a regime switch between two episodes we can see
        sequences.append(_sequence(span, begins, start_known, in_span, history_from, calendar))
    return sequences


T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building rows.

    Building millions of small acyclic tuples makes it walk the whole register again and
    again (about 40% of the time); nothing built here can form a cycle."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was built goes to the oldest generation as it is: re-enabled plainly,
            # the collector would walk all of it once at the next allocation.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@dataclass(slots=True, eq=False)
class ReviewBook:
    """The review sequences of one register, each care period evaluated at most once (the
    first time a year it overlaps is asked for) and shared by every measure and year.
    `memo` keeps each year's classified rows, for figures and, later, drill-down."""

    register: Register
    calendar: WorkingDayCalendar
    _periods: dict[int, list[Sequence]] = field(init=False, default_factory=dict)
    _memo: dict[tuple[str, Hashable], object] = field(init=False, default_factory=dict)

    def sequences(self, child: ChildRecord, first: date, last: date) -> list[Sequence]:
        """The CPPCR sequences of the child's care periods that overlap [first, last] —
        the only ones that can hold a review, deadline or snapshot in that time."""
        found: list[Sequence] = []
        known = self._periods
        for period in child.periods:
            if period.start > last or (period.end is not None and period.end < first):
                continue
            # Keyed by identity: the book holds the register, so ids stay unique.
            sequences = known.get(id(period))
            if sequences is None:
                sequences = known[id(period)] = _period_sequences(
                    period, self.register.history_from, self.calendar
                )
            found += sequences
        return found

    def memo(self, key: str, when: Hashable, build: Callable[[], T]) -> T:
        """`build()` once per key and year or day (a measure's classified rows)."""
        memo = self._memo
        if (key, when) not in memo:
            with collector_paused():
                memo[(key, when)] = build()
        return memo[(key, when)]  # type: ignore[return-value]


# The most recent registers' books: compute_measures asks for several measures of one
# register in a row. Kept small because each holds the whole register in memory.
_CACHE_SIZE = 2
_cache: list[tuple[Register, WorkingDayCalendar, ReviewBook]] = []
_cache_lock = threading.Lock()


def book_for(register: Register, calendar: WorkingDayCalendar | None = None) -> ReviewBook:
    """The review book of `register` (the same object while it stays in the cache)."""
    cal = calendar or default_calendar()
    with _cache_lock:
        for cached_register, cached_calendar, book in _cache:
            # Identity, not equality: hashing or comparing 100,000 children is slow.
            if cached_register is register and cached_calendar is cal:
                return book
    book = ReviewBook(register, cal)
    with _cache_lock:
        _cache.insert(0, (register, cal, book))
        del _cache[_CACHE_SIZE:]
    return book


def clear_cache() -> None:
    """Forget the cached books (and the registers they hold)."""
    with _cache_lock:
        _cache.clear()
