"""Property-based checks of the measures over random registers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.measures import (
    DEFINITIONS,
    Count,
    Figure,
    Kind,
    NoData,
    Rate,
    compute_measures,
    measure_rows,
)
from irohub.measures.catalogue import Scope
from irohub.measures.reviews import DeadlineRow, _classify_year, year_reviews
from irohub.measures.timeline import book_for
from irohub.records.register import (
    AllocationRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    IroRecord,
    Register,
    ReviewRecord,
)
from irohub.records.years import CollectionYear
from irohub.statutory import add_months, first_review_due
from tests.unit.measures.builders import TIMELINESS_AND_PARTICIPATION, review_figures

checked = settings(max_examples=120, deadline=None)

CODES = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", ""]
# Episode patterns: (legal status, placement, days into the period the episode starts).
PATTERNS = [
    [("C2", "U4", 0)],
    [("V2", "R1", 0)],
    [("C2", "U4", 0), ("C1", "U5", 40)],
    [("C2", "U4", 0), ("E1", "A5", 100)],  # placed for adoption
    [("C2", "U4", 0), ("E1", "A6", 100), ("E1", "U4", 200)],  # placement disrupted
    [("V3", "U1", 0)],  # short breaks only
    [("V4", "U1", 0), ("V2", "U1", 60)],  # full regime after short breaks
]


@st.composite
def care_periods(draw: st.DrawFn, start: date, on_due_dates: bool) -> CarePeriodRecord:
    length = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=1500)))
    end = None if length is None else start + timedelta(days=length)
    pattern = [("C2", "U4", 0)] if on_due_dates else draw(st.sampled_from(PATTERNS))
    episodes: list[EpisodeRecord] = []
    for index, (status, place, offset) in enumerate(pattern):
        day = start + timedelta(days=offset)
        if end is not None and day >= end:
            break
        episodes.append(EpisodeRecord(day, "S" if index == 0 else "B", status, "N1", place))
    episodes = [  # each episode ends when the next begins
        replace(episode, end=following.start, reason_ceased="X1")
        for episode, following in pairwise(episodes)
    ] + [replace(episodes[-1], end=end, reason_ceased="E4A" if end else "")]
    held: list[date] = []
    stop = end or date(2027, 12, 31)
    if on_due_dates:
        # Every review on the day it falls due, until the next would be after `stop`.
        due = first_review_due(start)
        while due < stop:
            held.append(due)
            due = add_months(due, 3 if len(held) == 1 else 6)
    else:
        day = start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
        for gap in draw(st.lists(st.integers(min_value=1, max_value=250), max_size=12)):
            if day > stop:
                break
            held.append(day)
            day += timedelta(days=gap)
    reviews = tuple(ReviewRecord(day, draw(st.sampled_from(CODES))) for day in held)
    return CarePeriodRecord(start, end, tuple(episodes), reviews)


STAFF = (
    IroRecord("I1", "Asha Patel", "North", 1.0, date(2010, 1, 1)),
    IroRecord("I2", "Ben Okafor", "South", 0.5, date(2015, 1, 1), date(2023, 6, 30)),
)


@st.composite
def allocations(draw: st.DrawFn, start: date) -> tuple[AllocationRecord, ...]:
    """Consecutive allocations from `start`, to staff in post or not ("I9": unknown)."""
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=900)))
        end = None if length is None else start + timedelta(days=length)
        out.append(AllocationRecord(draw(st.sampled_from(["I1", "I2", "I9"])), start, end))
        if end is None:
            break
        start = end + timedelta(days=draw(st.integers(min_value=1, max_value=60)))
    return tuple(out)


@st.composite
def registers(draw: st.DrawFn, on_due_dates: bool = False, with_staff: bool = False) -> Register:
    children = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        periods = []
        start = first = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2024, 12, 31)))
        for _ in range(draw(st.integers(min_value=1, max_value=2))):
            period = draw(care_periods(start, on_due_dates))
            periods.append(period)
            if period.end is None:
                break
            start = period.end + timedelta(days=draw(st.integers(min_value=1, max_value=120)))
        person = ChildRecord(
            f"C{number}",
            draw(st.dates(min_value=date(2004, 1, 1), max_value=date(2016, 1, 1))),
            draw(st.sampled_from(["M", "F"])),
            draw(st.sampled_from(["WBRI", "BAFR", "MWBC", "NOBT"])),
            tuple(periods),
        )
        if with_staff:
            person = replace(person, allocations=draw(allocations(first)))
        children.append(person)
    return Register(tuple(children), staff=STAFF if with_staff else None)


years = st.integers(min_value=2016, max_value=2025).map(CollectionYear)


@checked
@given(registers(), years)
def test_figures_hang_together(register: Register, year: CollectionYear) -> None:
    result = review_figures(register, year.label)
    for measure_id, figure in result.items():
        if measure_id.startswith("M-PAR-01") and isinstance(figure, NoData):
            continue  # every review in the year uncoded
        if DEFINITIONS[measure_id].kind is Kind.PERCENT:
            assert isinstance(figure, Figure)
            assert 0 <= figure.numerator <= figure.denominator
            assert figure.unclassified == 0  # complete history
    rev01, rev01a = result["M-REV-01"], result["M-REV-01a"]
    assert isinstance(rev01, Figure) and isinstance(rev01a, Figure)
    # 01a is 01 without the open overdue deadlines, which are never on time.
    assert rev01a.denominator <= rev01.denominator
    assert rev01a.numerator == rev01.numerator
    # M-REV-05 counts 01's rows that are not on time; M-REV-06 the reviews held (01a's).
    assert result["M-REV-05"] == Count(rev01.denominator - rev01.numerator)
    assert result["M-REV-06"] == Count(rev01a.denominator)
    rate = result["M-REV-06b"]
    assert isinstance(rate, Rate) and rate.numerator == rev01a.denominator
    children = len(register.children)
    assert rate.denominator <= children
    assert rate.denominator or not rate.numerator  # no review without a child
    for child_level in ("M-REV-02", "M-REV-03"):
        assert result[child_level].denominator <= children  # type: ignore[union-attr]
    par01, par01a, par01b = (result[m] for m in ("M-PAR-01", "M-PAR-01a", "M-PAR-01b"))
    if isinstance(par01, Figure):
        # 01a adds PN4 to the numerator; 01b keeps one review per child.
        assert isinstance(par01a, Figure) and isinstance(par01b, Figure)
        assert par01a.denominator == par01.denominator
        assert par01a.numerator >= par01.numerator
        assert par01b.denominator <= min(children, par01.denominator)
    contract = compute_measures(register, year)
    for measure_id in TIMELINESS_AND_PARTICIPATION:
        value = contract["measures"][measure_id]  # type: ignore[index]
        if "status" in value or "count" in value:
            continue
        if "value" in value:  # a rate
            assert (value["value"] is None) == (value["denominator"] == 0)
            continue
        assert set(value) == {"numerator", "denominator", "percent"}
        assert (value["percent"] is None) == (value["denominator"] == 0)


@checked
@given(registers(with_staff=True), years)
def test_breakdowns_partition_the_rows(register: Register, year: CollectionYear) -> None:
    """Every dimension puts each row in exactly one group: a percentage's numerators (and
    denominators) add up to the figure's, a count's counts to the count; and the
    drill-down's counted rows are the numerator."""
    scope = Scope(register, year)
    for measure_id, definition in DEFINITIONS.items():
        figure = definition.result(scope)
        if isinstance(figure, NoData):
            continue
        rows = measure_rows(register, year, measure_id)
        assert not isinstance(rows, NoData), measure_id
        for name, groups in definition.breakdowns(scope).items():
            if definition.kind is Kind.PERCENT:
                assert isinstance(figure, Figure)
                parts = [group for group in groups.values() if isinstance(group, Figure)]
                assert len(parts) == len(groups)
                assert sum(part.numerator for part in parts) == figure.numerator, (measure_id, name)
                assert sum(part.denominator for part in parts) == figure.denominator
                assert sum(part.unclassified for part in parts) == figure.unclassified
            elif definition.kind is Kind.COUNT:
                assert isinstance(figure, Count)
                assert sum(group.value for group in groups.values()) == figure.value  # type: ignore[union-attr]
        if definition.kind is Kind.PERCENT:
            assert isinstance(figure, Figure)
            assert figure == Figure(
                sum(row.counted is True for row in rows),
                sum(row.counted is not None for row in rows),
                sum(row.counted is None for row in rows),
            ), measure_id
        elif definition.kind is Kind.COUNT:
            assert figure == Count(len(rows)), measure_id


@checked
@given(registers(on_due_dates=True), years)
def test_every_review_held_on_its_due_date_gives_100_percent(
    register: Register, year: CollectionYear
) -> None:
    for measure_id, figure in review_figures(register, year.label).items():
        if measure_id.startswith("M-REV") and DEFINITIONS[measure_id].kind is Kind.PERCENT:
            assert isinstance(figure, Figure)
            assert figure.numerator == figure.denominator, measure_id
    assert review_figures(register, year.label)["M-REV-05"] == Count(0)


@checked
@given(registers(), years)
def test_fast_path_agrees_with_three_valued_path(register: Register, year: CollectionYear) -> None:
    book = book_for(register)
    assert _classify_year(book, year) == _classify_year(book, year, fast=False)


def _truncated(register: Register, history_from: date) -> Register:
    """The register as SSDA903 files from `history_from` would show it: no reviews before."""
    return Register(
        tuple(
            replace(
                child,
                periods=tuple(
                    replace(
                        period,
                        reviews=tuple(r for r in period.reviews if r.held >= history_from),
                    )
                    for period in child.periods
                ),
            )
            for child in register.children
        ),
        history_from,
    )


def _verdicts(rows: Iterable[DeadlineRow]) -> dict[str, Counter[bool | None]]:
    by_child: dict[str, Counter[bool | None]] = {}
    for row in rows:
        by_child.setdefault(row.child_id, Counter())[row.on_time] += 1
    return by_child


def _within(full: Counter[bool | None], partial: Counter[bool | None]) -> bool:
    # Each verdict in the full history is one the partial history gave or left open.
    return all(
        partial[verdict] <= full[verdict] <= partial[verdict] + partial[None]
        for verdict in (True, False)
    ) and sum(full.values()) <= sum(partial.values())


@checked
@given(registers(), st.integers(min_value=2017, max_value=2024), st.integers(0, 2))
def test_incomplete_history_never_contradicts_the_full_history(
    register: Register, first_year: int, later: int
) -> None:
    history_from = date(first_year, 4, 1)
    year = CollectionYear(first_year + later)
    full = year_reviews(book_for(register), year)
    partial = year_reviews(book_for(_truncated(register, history_from)), year)

    # Reviews held in the year: the same reviews, and every classified one agrees.
    def held(rows: list[DeadlineRow]) -> dict[tuple[str, date | None], bool | None]:
        return {(r.child_id, r.deadline.held): r.on_time for r in rows if r.held_in_year}

    full_held, partial_held = held(full.reviews), held(partial.reviews)
    assert full_held.keys() == partial_held.keys()
    for key, verdict in partial_held.items():
        assert verdict is None or verdict == full_held[key]

    # Open deadlines and first reviews, child by child.
    open_full = [row for row in full.reviews if not row.held_in_year]
    open_partial = [row for row in partial.reviews if not row.held_in_year]
    for rows_full, rows_partial in (
        (open_full, open_partial),
        (full.first_reviews, partial.first_reviews),
    ):
        full_by_child, partial_by_child = _verdicts(rows_full), _verdicts(rows_partial)
        for child_id in full_by_child.keys() | partial_by_child.keys():
            assert _within(
                full_by_child.get(child_id, Counter()), partial_by_child.get(child_id, Counter())
            ), child_id

    # Child-level measures: a classified child has the full history's verdict.
    for rows_full, rows_partial in (
        (full.children, partial.children),
        (full.snapshot, partial.snapshot),
    ):
        full_children = {row.child_id: row.in_time for row in rows_full}
        for row in rows_partial:
            if row.in_time is not None:
                assert full_children[row.child_id] == row.in_time, row.child_id
        assert full_children.keys() <= {row.child_id for row in rows_partial}
