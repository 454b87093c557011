"""Looked after reviews — timeliness: M-REV-01 to M-REV-06 (with M-REV-01a and M-REV-06b).

spec/measures.md §A, over POP-LAC-REV (§0.3): reg 48 short-break spans (V3/V4) and the
days a child is placed for adoption (PLACE A3–A6) are outside it (see `timeline`). Review
statuses follow §0.4. The year is judged at its close: a deadline on 31 March with no
review on or before 31 March is overdue at the year end, as the 31 March snapshot is taken
at the close of the day (OQ-14).

One pass over the register per year classifies every review and deadline the year
touches into rows, one list per measure (`year_reviews`); each measure counts its list,
and the counts are kept in the register's `ReviewBook` (`year_figures`). The same rows can
later list the reviews or children behind a figure. M-REV-05 (lateness) reads the same
rows; M-REV-06 (review activity) numbers each review held within its care period.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import STANDARD, row_dimension
from irohub.measures.results import Count, MeasureResult, NoData, Rate, figure_of
from irohub.measures.timeline import (
    Deadline,
    ReviewBook,
    Sequence,
    SequenceStart,
    all_of,
    book_for,
    collector_paused,
)
from irohub.records.codes import ADOPTION_PLACEMENTS
from irohub.records.lifecycle import LATE_REASONS
from irohub.records.register import ChildRecord, Register
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "DEFINITIONS",
    "ChildRow",
    "DeadlineRow",
    "YearReviews",
    "children_reviews_all_on_time",
    "children_under_review",
    "family_figure",
    "first_reviews_on_time",
    "history_gap",
    "late_reviews",
    "lateness_band",
    "review_activity",
    "reviews_held_on_time",
    "reviews_in_date_at_year_end",
    "reviews_on_time",
    "reviews_per_child",
    "year_ending",
    "year_figures",
    "year_reviews",
]


class DeadlineRow(NamedTuple):
    """A review held in the year, or a deadline still awaited at the year end, with the
    measure's verdict on it (None: unclassified — it depends on reviews before the data
    began)."""

    child_id: str
    deadline: Deadline
    on_time: bool | None
    held_in_year: bool  # False: the deadline was still open (overdue) at the year end


class ChildRow(NamedTuple):
    child_id: str
    in_time: bool | None  # None: unclassified
    deadlines: tuple[Deadline, ...]  # the deadlines that decided it


@dataclass(slots=True)
class YearReviews:
    """The rows of every M-REV measure for one collection year."""

    reviews: list[DeadlineRow] = field(default_factory=list)  # M-REV-01 (and 01a)
    children: list[ChildRow] = field(default_factory=list)  # M-REV-02
    snapshot: list[ChildRow] = field(default_factory=list)  # M-REV-03
    first_reviews: list[DeadlineRow] = field(default_factory=list)  # M-REV-04


def history_gap(register: Register, year: CollectionYear) -> NoData | None:
    """NoData when the register's history starts after the year began: the year's reviews
    are not all there to count."""
    history_from = register.history_from
    if history_from is not None and history_from > year.start:
        return NoData(
            f"the data is complete only from {history_from.isoformat()}, after "
            f"{year.label} began on {year.start.isoformat()}"
        )
    return None


def _placed_for_adoption_during(child: ChildRecord, first: date, last: date) -> bool:
    # SSDA903 counts an episode in the year if it ended on or after 1 April.
    return any(
        episode.placement in ADOPTION_PLACEMENTS
        and episode.start <= last
        and (episode.end is None or episode.end >= first)
        for period in child.periods
        for episode in period.episodes
    )


def _negate(answer: bool | None) -> bool | None:
    return None if answer is None else not answer


def _child_outcome(deciding: list[tuple[Deadline, bool | None]]) -> bool | None:
    """M-REV-02 for one child from its deadlines that may fall in the year: False on one
    certain failure; otherwise None on any doubt (including whether the child had a
    deadline in the year at all); True when every deadline certainly in the year was met."""
    member = uncertain = False
    for deadline, falls in deciding:
        if falls and deadline.on_time is False:
            return False
        if deadline.on_time is not True:
            uncertain = True  # an unclassified deadline, or an unmet one maybe in the year
        member = member or bool(falls)
    return None if uncertain or not member else True


_make = tuple.__new__  # builds a row without a Python-level __new__: the hot path


class _Child:
    """Accumulates one child's rows during the year pass."""

    __slots__ = ("awaited_at_end", "child_id", "deciding", "looked_after_at_end", "rows")

    def __init__(self, child_id: str, rows: YearReviews) -> None:
        self.child_id = child_id
        self.rows = rows
        self.deciding: list[tuple[Deadline, bool | None]] = []  # M-REV-02
        self.awaited_at_end: list[Deadline] = []  # M-REV-03
        self.looked_after_at_end = False


_SKIP_FROM = 6  # deadlines in a sequence before searching rather than walking


def _held_or_never(deadline: Deadline) -> date:
    return deadline.held or date.max


def _known_sequence(child: _Child, sequence: Sequence, first: date, last: date) -> None:
    """The year's rows from a sequence whose every due date is exact (the usual case):
    the same decisions as `_ranged_sequence`, with plain comparisons."""
    child_id, reviews, deciding = child.child_id, child.rows.reviews, child.deciding
    at_end = sequence.looked_after_on(last)
    child.looked_after_at_end |= at_end
    deadlines = sequence.deadlines
    if len(deadlines) > _SKIP_FROM:
        # Long histories: jump to the first review held in or after the year, then back
        # over reviews held before it whose deadline still falls in it (held early). Both
        # review dates and due dates only ever increase along a sequence.
        index = bisect_left(deadlines, first, key=_held_or_never)
        while index and deadlines[index - 1].latest >= first:
            index -= 1
        deadlines = deadlines[index:]
    for deadline in deadlines:
        _, due, held, on_time, while_looked_after, _ = deadline
        if held is not None and held <= last:
            if held < first:
                if due < first:
                    continue  # answered, and due, before the year
            else:
                reviews.append(_make(DeadlineRow, (child_id, deadline, on_time, True)))
            if first <= due <= last and while_looked_after:
                deciding.append((deadline, True))
            continue
        # Still awaited at the close of 31 March; later deadlines run from a review held
        # after the year, so none of them falls in it.
        if at_end:
            if first <= due <= last:
                reviews.append(_make(DeadlineRow, (child_id, deadline, False, False)))
            child.awaited_at_end.append(deadline)
        if first <= due <= last and while_looked_after:
            deciding.append((deadline, True))
        break
    lac1 = sequence.first_review
    if lac1 is not None and first <= lac1.latest <= last and lac1.while_looked_after:
        held = lac1.held
        child.rows.first_reviews.append(
            _make(
                DeadlineRow,
                (child_id, lac1, lac1.on_time, held is not None and first <= held <= last),
            )
        )


def _ranged_sequence(child: _Child, sequence: Sequence, first: date, last: date) -> None:
    """The year's rows from any sequence, due dates known or only bounded (history
    before `Register.history_from`), in three-valued logic."""
    child_id, reviews, deciding = child.child_id, child.rows.reviews, child.deciding
    at_end = sequence.looked_after_on(last)
    child.looked_after_at_end |= at_end
    for deadline in sequence.deadlines:
        held = deadline.held
        if held is not None and held < first and deadline.latest < first:
            continue  # answered, and due, before the year
        awaited = held is None or held > last
        if not awaited:
            # M-REV-01: every review held in the year counts (LAC-4).
            if held >= first:  # type: ignore[operator]
                reviews.append(DeadlineRow(child_id, deadline, deadline.on_time, True))
        elif at_end:
            # Overdue (open) at the close of 31 March, and fell in the year.
            counted = all_of(deadline.due_on_or_before(last), deadline.due_between(first, last))
            if counted is not False:
                reviews.append(DeadlineRow(child_id, deadline, False if counted else None, False))
            child.awaited_at_end.append(deadline)
        falls = all_of(deadline.due_between(first, last), deadline.while_looked_after)
        if falls is not False:
            deciding.append((deadline, falls))
        if awaited:
            break
    lac1 = sequence.first_review
    if lac1 is not None:
        falls = all_of(lac1.due_between(first, last), lac1.while_looked_after)
        if falls is not False:
            held = lac1.held
            child.rows.first_reviews.append(
                DeadlineRow(
                    child_id,
                    lac1,
                    lac1.on_time if falls else None,
                    held is not None and first <= held <= last,
                )
            )


def _classify_year(book: ReviewBook, year: CollectionYear, *, fast: bool = True) -> YearReviews:
    """One pass over the register: every row of every M-REV measure for the year.
    `fast=False` sends every sequence through the three-valued path (tests compare)."""
    first, last = year.start, year.end
    rows = YearReviews()
    for child_record in book.register.children:
        sequences = book.sequences(child_record, first, last)
        if not sequences:
            continue  # not looked after in the year, or only under reg 48 or adoption
        child = _Child(child_record.child_id, rows)
        for sequence in sequences:
            if fast and sequence.history_known:
                _known_sequence(child, sequence, first, last)
            else:
                _ranged_sequence(child, sequence, first, last)
        deciding = child.deciding
        # Children with only V3/V4 spans have no sequences, so they never get here.
        if deciding and not _placed_for_adoption_during(child_record, first, last):
            rows.children.append(
                _make(
                    ChildRow,
                    (
                        child.child_id,
                        _child_outcome(deciding),
                        tuple([deadline for deadline, _ in deciding]),
                    ),
                )
            )
        if child.looked_after_at_end:
            # Looked after at 31 March under CPPCR timescales (reg 48 and placed-for-adoption
            # children at 31 March have no CPPCR sequence open then). In date unless a
            # review awaited at the close of 31 March was due by then.
            awaited = child.awaited_at_end
            in_date = all_of(*(_negate(deadline.due_on_or_before(last)) for deadline in awaited))
            rows.snapshot.append(_make(ChildRow, (child.child_id, in_date, tuple(awaited))))
    return rows


def year_reviews(book: ReviewBook, year: CollectionYear) -> YearReviews:
    """Every M-REV row of `year`: the reviews and children behind each figure."""
    with collector_paused():
        return _classify_year(book, year)


def _year_figures(book: ReviewBook, year: CollectionYear) -> dict[str, MeasureResult]:
    rows = _classify_year(book, year)
    # Only the counts are kept: the rows die here, so a council-sized register does not
    # carry a million of them per year (list them again with `year_reviews`).
    return {
        "M-REV-01": figure_of(row.on_time for row in rows.reviews),
        "M-REV-01a": figure_of(row.on_time for row in rows.reviews if row.held_in_year),
        "M-REV-02": figure_of(row.in_time for row in rows.children),
        "M-REV-03": figure_of(row.in_time for row in rows.snapshot),
        "M-REV-04": figure_of(row.on_time for row in rows.first_reviews),
        # Late for certain: held late, or still overdue at the year end.
        "M-REV-05": Count(sum(row.on_time is False for row in rows.reviews)),
        # Every review held in the year, classified or not (M-REV-06's rows are the same
        # reviews, numbered within their care period).
        "M-REV-06": Count(sum(row.held_in_year for row in rows.reviews)),
    }


def year_figures(book: ReviewBook, year: CollectionYear) -> dict[str, MeasureResult]:
    """The M-REV figures of `year`, classified once per register and year."""
    return book.memo("M-REV", year, lambda: _year_figures(book, year))


def family_figure(
    measure_id: str,
    register: Register,
    year: CollectionYear,
    calendar: WorkingDayCalendar | None,
    family: str,
    compute: Callable[[ReviewBook], Mapping[str, MeasureResult] | NoData],
) -> MeasureResult:
    """One figure of a family worked out together (the M-REV figures, the M-PAR figures):
    "no data" for a year before the data's history, else the family's figures built once
    per register and year (kept in the register's book) or the family's reason for none."""
    if gap := history_gap(register, year):
        return gap
    book = book_for(register, calendar)
    figures = book.memo(family, year, lambda: compute(book))
    return figures if isinstance(figures, NoData) else figures[measure_id]


def _review_figure(
    measure_id: str,
    register: Register,
    year: CollectionYear,
    calendar: WorkingDayCalendar | None,
) -> MeasureResult:
    return family_figure(
        measure_id, register, year, calendar, "M-REV", lambda book: _year_figures(book, year)
    )


def reviews_on_time(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-01 Reviews held on time (measures.md §A, review-level).

    Numerator: reviews held in the year that were on time. Denominator: reviews held in the
    year (POP-LAC-REV, pre-placement reviews of children later placed for adoption included
    — OQ-13) plus deadlines that fell in the year and were still overdue (open) at
    31 March with the child looked after then.
    """
    return _review_figure("M-REV-01", register, year, calendar)


def reviews_held_on_time(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-01a Reviews held in timescale (measures.md §A, variant of M-REV-01): the same
    without the deadlines still open at the year end."""
    return _review_figure("M-REV-01a", register, year, calendar)


def children_reviews_all_on_time(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-02 Children whose reviews were all on time (measures.md §A, child-level,
    historical DfE style).

    Denominator: children with at least one LAC-1/2/3 deadline falling in the year while
    they were looked after, excluding children placed for adoption (PLACE A3–A6) at any
    time in the year (OQ-13) and children with only V3/V4 (reg 48) spans. Numerator: those
    for whom every such deadline was met; a deadline overdue at 31 March fails the child.
    """
    return _review_figure("M-REV-02", register, year, calendar)


def reviews_in_date_at_year_end(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-03 Reviews in date at snapshot (measures.md §A), snapshot SNAP-YE.

    Denominator: children looked after at 31 March (start ≤ 31 March and no end or end
    after it — OQ-14), excluding those under reg 48 (V3/V4) or placed for adoption (A3–A6)
    on 31 March. Numerator: those with no overdue (open) review at the close of 31 March
    (a child whose first review is not yet due is in date).
    """
    return _review_figure("M-REV-03", register, year, calendar)


def first_reviews_on_time(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-04 First reviews within 20 working days (measures.md §A; LAC-1, 28 days for
    care periods that began before 1 April 2011).

    Denominator: care periods whose LAC-1 deadline fell in the year while the child was
    looked after — met, late, or still open (overdue). A first full-regime review after
    short breaks (OQ-9) counts; the early review after an adoptive placement ends (OQ-7)
    does not. Numerator: those whose first review was held on or before the deadline.
    """
    return _review_figure("M-REV-04", register, year, calendar)


def late_reviews(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-05 Lateness profile (measures.md §A): how many reviews were late.

    Counts the reviews held late in the year and the deadlines of the year still overdue
    (open) at its end — M-REV-01's rows that are not on time. Reviews whose lateness
    cannot be told (history before the data began) are left out. The days-late bands
    come with the breakdowns (`MeasureDefinition.breakdowns`)."""
    return _review_figure("M-REV-05", register, year, calendar)


def review_activity(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-06 Review activity (measures.md §A): reviews held in the year under the
    looked after review timetable (POP-LAC-REV: not short-break or adoption reviews),
    on time or not — M-REV-01a's reviews, unclassified ones included."""
    return _review_figure("M-REV-06", register, year, calendar)


def _span_in_year(sequence: Sequence, first: date, last: date) -> bool:
    # SSDA903's rule for an episode in the year: it ended on or after 1 April.
    return sequence.start <= last and (sequence.end is None or sequence.end >= first)


def _children_under_review(book: ReviewBook, year: CollectionYear) -> int:
    first, last = year.start, year.end
    return sum(
        any(_span_in_year(sequence, first, last) for sequence in book.sequences(child, first, last))
        for child in book.register.children
    )


def children_under_review(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> int:
    """Children looked after at some time in the year under the looked after review
    timetable (POP-LAC-REV): M-REV-06b's denominator."""
    book = book_for(register, calendar)
    return book.memo("POP-LAC-REV", year, lambda: _children_under_review(book, year))


def reviews_per_child(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-REV-06b Reviews per child (measures.md §A, M-REV-06's ratio): reviews held in the
    year (M-REV-06) per child looked after in the year under the looked after review
    timetable. Both sides leave out short-break and adoption reviews and the children
    who only had those."""
    if gap := history_gap(register, year):
        return gap
    held = review_activity(register, year, calendar)
    assert isinstance(held, Count)
    return Rate(held.value, children_under_review(register, year, calendar))


# --- The measures' definitions: rows for breakdowns and drill-down ----------------------

REVIEW_COLUMNS = ("review number", "due", "held", "status", "days late", "working days late")


def _status(deadline: Deadline, on_time: bool | None, held_in_year: bool) -> str:
    if not held_in_year:
        return "overdue"
    if on_time is None:
        return "cannot tell"
    return "on time" if on_time else "late"


def _review_columns(deadline: Deadline, row: DeadlineRow, scope: Scope) -> tuple[object, ...]:
    due, held = deadline.due, deadline.held if row.held_in_year else None
    days_late = working_late = None
    if due is not None:
        end = held or scope.year.end
        days_late = max(0, (end - due).days)
        calendar = scope.book.calendar
        working_late = calendar.working_days_between(due, end) if end > due else 0
    return (
        deadline.number,
        due,
        held,
        _status(deadline, row.on_time, row.held_in_year),
        days_late,
        working_late,
    )


def _classified(scope: Scope) -> YearReviews | NoData:
    gap = history_gap(scope.register, scope.year)
    return gap or year_reviews(scope.book, scope.year)


def _deadline_rows(rows: list[DeadlineRow], scope: Scope) -> list[Row]:
    out = []
    for row in rows:
        deadline = row.deadline
        day = (deadline.held if row.held_in_year else None) or deadline.latest
        out.append(Row(row.child_id, day, row.on_time, _review_columns(deadline, row, scope)))
    return out


def _rev01_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    return rows if isinstance(rows, NoData) else _deadline_rows(rows.reviews, scope)


def _rev01a_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    if isinstance(rows, NoData):
        return rows
    return _deadline_rows([row for row in rows.reviews if row.held_in_year], scope)


def _rev04_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    return rows if isinstance(rows, NoData) else _deadline_rows(rows.first_reviews, scope)


def _child_rows(rows: list[ChildRow], scope: Scope) -> list[Row]:
    out = []
    for row in rows:
        missed = [d for d in row.deadlines if d.on_time is False]
        first_missed = missed[0].due if missed else None
        out.append(
            Row(row.child_id, scope.year.end, row.in_time, (len(row.deadlines), first_missed))
        )
    return out


def _rev02_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    return rows if isinstance(rows, NoData) else _child_rows(rows.children, scope)


def _rev03_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    return rows if isinstance(rows, NoData) else _child_rows(rows.snapshot, scope)


LATENESS_BANDS = ("1 to 5 working days", "6 to 20 working days", "More than 20 working days")
NOT_KNOWN = "Not known"
_STATUS = REVIEW_COLUMNS.index("status")


def lateness_band(working_days_late: int | None) -> str:
    """M-REV-05's bands (measures.md: 1–5, 6–20, more than 20 working days)."""
    if working_days_late is None:
        return NOT_KNOWN  # the due date is only known to lie in a range
    # Late by less than a working day (held on the Saturday after a Friday deadline, or a
    # deadline of the year's last day still open at its close) is in the first band.
    if working_days_late <= 5:
        return LATENESS_BANDS[0]
    if working_days_late <= 20:
        return LATENESS_BANDS[1]
    return LATENESS_BANDS[2]


def _band(deadline: Deadline, until: date, calendar: WorkingDayCalendar) -> str:
    """The lateness band of a deadline missed until `until` (the review, or the year end).
    A due date known only as a range has a band when every date in the range gives the
    same one (with no lower bound, only the top band is certain)."""
    least = lateness_band(calendar.working_days_between(deadline.latest, until))
    if deadline.earliest is None:
        return least if least == LATENESS_BANDS[-1] else NOT_KNOWN
    most = lateness_band(calendar.working_days_between(deadline.earliest, until))
    return least if least == most else NOT_KNOWN


NOT_RECORDED, NOT_YET_HELD = "Not recorded", "Not held yet"


def _late_reasons(register: Register) -> dict[tuple[str, date], str]:
    """The reason recorded for each late review (M-REV-05's local list), by child and day."""
    return {
        (child.child_id, review.held): LATE_REASONS.get(review.details.late_reason, NOT_RECORDED)
        for child in register.children
        for period in child.periods
        for review in period.reviews
        if review.details is not None and review.details.late_reason
    }


def _rev05_rows(scope: Scope) -> list[Row] | NoData:
    rows = _classified(scope)
    if isinstance(rows, NoData):
        return rows
    late = [row for row in rows.reviews if row.on_time is False]
    calendar, year_end = scope.book.calendar, scope.year.end
    reasons = scope.book.memo("late reasons", None, lambda: _late_reasons(scope.register))
    out = []
    for row, late_row in zip(_deadline_rows(late, scope), late, strict=True):
        deadline = late_row.deadline
        held = late_row.held_in_year and deadline.held
        until = deadline.held if held else year_end
        band = _band(deadline, until, calendar)
        reason = reasons.get((row.child_id, deadline.held), NOT_RECORDED) if held else NOT_YET_HELD
        # Every row is counted: a count measure (the status column says late or overdue).
        out.append(row._replace(counted=True, columns=(*row.columns, band, reason)))
    return out


HELD_LATE, STILL_OVERDUE = "Held late", "Overdue at the period end"
DAYS_LATE = row_dimension(
    "days late", lambda row: str(row.columns[-2]), (*LATENESS_BANDS, NOT_KNOWN)
)
DELAY_REASON = row_dimension(
    "reason for delay",
    lambda row: str(row.columns[-1]),
    (*LATE_REASONS.values(), NOT_RECORDED, NOT_YET_HELD),
)
LATE_OR_OVERDUE = row_dimension(
    "late or overdue",
    lambda row: HELD_LATE if row.columns[_STATUS] == "late" else STILL_OVERDUE,
    (HELD_LATE, STILL_OVERDUE),
)

REVIEW_NUMBERS = ("First", "Second", "Subsequent")


def _review_number(number: int | None) -> str:
    if number is None:
        return NOT_KNOWN  # reviews before the data began are unseen
    return REVIEW_NUMBERS[min(number, 3) - 1]


def _rev06_rows(scope: Scope) -> list[Row] | NoData:
    """Every review held in the year under the looked after review timetable, numbered
    within its care period: the first review after short breaks starts again at 1 (it is
    a first review, OQ-9), the early review after an adoptive placement ended goes on from
    the reviews before the placement (OQ-7)."""
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    book, first, last = scope.book, year.start, year.end
    out: list[Row] = []
    with collector_paused():
        for child in register.children:
            sequences = book.sequences(child, first, last)
            if not sequences:
                continue
            starts = [period.start for period in child.periods]
            in_period: int | None = None  # reviews held in this care period before
            period = -1
            for sequence in sequences:
                index = bisect_right(starts, sequence.start) - 1
                if index != period or sequence.begins is not SequenceStart.AFTER_ADOPTION:
                    in_period = 0
                period = index
                held_here = 0
                for deadline in sequence.deadlines:
                    held = deadline.held
                    if held is None:
                        break
                    held_here += 1
                    if first <= held <= last:
                        number = (
                            None
                            if in_period is None or deadline.number is None
                            else in_period + deadline.number
                        )
                        out.append(
                            Row(child.child_id, held, True, (_review_number(number), number, held))
                        )
                in_period = (
                    in_period + held_here
                    if in_period is not None and sequence.history_known
                    else None
                )
    return out


REVIEW_NUMBER = row_dimension(
    "review number", lambda row: str(row.columns[0]), (*REVIEW_NUMBERS, NOT_KNOWN)
)


def _rev06b_denominator(scope: Scope) -> float | NoData:
    gap = history_gap(scope.register, scope.year)
    return gap or children_under_review(scope.register, scope.year, scope.calendar)


def year_ending(day: date) -> CollectionYear:
    """The collection year that `day` falls in, cut at `day` (whole when it is 31 March)."""
    year = CollectionYear.containing(day)
    return year if day == year.end else CollectionYear(year.start_year, day)


def _rev03_on(scope: Scope, day: date) -> MeasureResult:
    return reviews_in_date_at_year_end(scope.register, year_ending(day), scope.calendar)


def _fast(measure: Callable[..., MeasureResult]) -> Callable[[Scope], MeasureResult]:
    return lambda scope: measure(scope.register, scope.year, scope.calendar)


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-REV-01",
        "Reviews held on time",
        Section.TIMELINESS,
        "review",
        _rev01_rows,
        description=(
            "Reviews held in the year on or before their deadline, of all reviews held in "
            "the year plus deadlines in the year still overdue at its end."
        ),
        columns=REVIEW_COLUMNS,
        figure=_fast(reviews_on_time),
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-REV-01a",
        "Reviews held in timescale (reviews held only)",
        Section.TIMELINESS,
        "review",
        _rev01a_rows,
        description="As M-REV-01 without the deadlines still overdue at the year end.",
        columns=REVIEW_COLUMNS,
        figure=_fast(reviews_held_on_time),
        variant_of="M-REV-01",
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-REV-02",
        "Children whose reviews were all on time",
        Section.TIMELINESS,
        "child",
        _rev02_rows,
        description=(
            "Children with a review deadline in the year (not placed for adoption, not "
            "only on short breaks) all of whose deadlines in the year were met."
        ),
        columns=("deadlines in the year", "first deadline missed"),
        figure=_fast(children_reviews_all_on_time),
        numerator_label="all on time",
    ),
    MeasureDefinition(
        "M-REV-03",
        "Children with reviews in date",
        Section.TIMELINESS,
        "child",
        _rev03_rows,
        description=(
            "Children looked after at the snapshot date with no overdue review (short "
            "breaks and placed for adoption excluded)."
        ),
        columns=("deadlines awaited", "overdue since"),
        figure=_fast(reviews_in_date_at_year_end),
        snapshot=_rev03_on,
        numerator_label="in date",
    ),
    MeasureDefinition(
        "M-REV-04",
        "First reviews within 20 working days",
        Section.TIMELINESS,
        "care period",
        _rev04_rows,
        description=(
            "Care periods whose first review deadline fell in the year, first review held on time."
        ),
        columns=REVIEW_COLUMNS,
        figure=_fast(first_reviews_on_time),
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-REV-05",
        "Late reviews by days late",
        Section.TIMELINESS,
        "review",
        _rev05_rows,
        kind=Kind.COUNT,
        description=(
            "Reviews held late in the year, and deadlines of the year still overdue at its "
            "end (labelled), by working days late: 1 to 5, 6 to 20, more than 20, and by "
            "the reason for delay the IRO recorded (the local list: IRO, social worker or "
            "child unavailable, parent's request, reports not ready, administrative error, "
            "other). Reviews whose lateness cannot be told (history before the data began) "
            "are left out."
        ),
        columns=(*REVIEW_COLUMNS, "days late band", "reason for delay"),
        dimensions=(DAYS_LATE, DELAY_REASON, LATE_OR_OVERDUE, *STANDARD),
        figure=_fast(late_reviews),
        numerator_label="late or overdue",
    ),
    MeasureDefinition(
        "M-REV-06",
        "Reviews held",
        Section.TIMELINESS,
        "review",
        _rev06_rows,
        kind=Kind.COUNT,
        description=(
            "Looked after reviews held in the year (not short-break or adoption reviews), "
            "first, second or subsequent in the care period. Early reviews, adjournments, "
            "reviews held without a meeting and how a meeting was held (in person, virtual, "
            "hybrid) are not recorded, so they are not counted."
        ),
        columns=("review", "number in the care period", "held"),
        dimensions=(REVIEW_NUMBER, *STANDARD),
        figure=_fast(review_activity),
        numerator_label="held",
    ),
    MeasureDefinition(
        "M-REV-06b",
        "Reviews per child looked after",
        Section.TIMELINESS,
        "review",
        _rev06_rows,
        kind=Kind.RATE,
        description=(
            "Looked after reviews held in the year (M-REV-06) per child looked after at "
            "some time in the year under the looked after review timetable (children only "
            "on short breaks or placed for adoption throughout are left out of both)."
        ),
        columns=("review", "number in the care period", "held"),
        figure=_fast(reviews_per_child),
        denominator=_rev06b_denominator,
        variant_of="M-REV-06",
        numerator_label="reviews held",
    ),
)
