"""What a measure is: its definition, its rows, and the figure, breakdowns and drill-down
that all come from those same rows.

A measure lists one `Row` per review, deadline, child or care period it counts (the
"unit"), each saying whether it is in the numerator. The figure counts the rows; a
breakdown groups them by a `Dimension` of the child on the row's day (or of the row
itself: how late a review was); the drill-down lists them. Because all three read the
same rows, a drill-down always has exactly the figure's numerator rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from irohub.measures.dimensions import STANDARD, Describer, Dimension
from irohub.measures.results import Count, MeasureResult, NoData, Rate, figure_of
from irohub.measures.timeline import ReviewBook, book_for
from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "Kind",
    "MeasureDefinition",
    "Row",
    "Scope",
    "Section",
    "breakdown",
    "not_held",
]


class Section(StrEnum):
    """The sections of spec/measures.md that IRO Hub computes."""

    TIMELINESS = "A. Looked after reviews: timeliness"
    PARTICIPATION = "B. Participation of children and families"
    PROCESS = "C. Review process and record quality"
    ESCALATION = "D. Challenge, escalation and Cafcass"
    WORKFORCE = "E. Workforce"
    POPULATION = "F. Looked after population and flows"
    PROTECTION = "G. Child protection (conference chairing)"
    FOSTERING = "H. Foster carer reviews"
    SHORT_BREAKS_AND_ADOPTION = "I. Short breaks and adoption"


class Kind(StrEnum):
    PERCENT = "percent"  # numerator of denominator
    COUNT = "count"  # how many rows
    RATE = "rate"  # rows per unit of something else (children per FTE)
    FTE = "fte"  # FTE of FTE (results.Fte): a measure of the establishment; needs `figure`


class Row(NamedTuple):
    """One review, deadline, child or care period behind a figure.

    `day` is what the row's breakdowns are taken on (the review date, the deadline, the
    snapshot date). `counted`: in the numerator (True), only in the denominator (False),
    unclassified (None). Count measures count every row; their `counted` is True.
    `columns` are the measure's own facts for the drill-down (see `columns`)."""

    child_id: str
    day: date
    counted: bool | None
    columns: tuple[object, ...] = ()


@dataclass(slots=True)
class Scope:
    """What a measure is computed over: a register, a year, a working-day calendar."""

    register: Register
    year: CollectionYear
    calendar: WorkingDayCalendar | None = None
    _describer: Describer | None = field(default=None, repr=False)

    @property
    def book(self) -> ReviewBook:
        return book_for(self.register, self.calendar)

    @property
    def describer(self) -> Describer:
        if self._describer is None:
            self._describer = Describer(self.register)
        return self._describer

    def at(self, year: CollectionYear) -> Scope:
        """The same register for another year (or year to date)."""
        return Scope(self.register, year, self.calendar, self._describer)


RowsOf = Callable[[Scope], "list[Row] | NoData"]


@dataclass(frozen=True)
class MeasureDefinition:
    """A measure of spec/measures.md.

    `rows` lists the measure's rows (or says why there is no data). `figure`, when given,
    is a faster path to the same figure that does not keep the rows (the M-REV measures
    over a 100,000-child register). A `RATE` measure divides its row count by
    `denominator` (e.g. the FTE in post); `denominator_by` (scope, dimension, group →
    denominator) gives one group's denominator (the FTE of one team or IRO), and a rate is
    broken down only when it is given. `snapshot` (day → result) marks a snapshot measure
    and gives its monthly trend."""

    id: str
    title: str
    section: Section
    unit: str  # what one row is: "review", "child", "care period", "deadline"
    rows: RowsOf
    kind: Kind = Kind.PERCENT
    description: str = ""
    columns: tuple[str, ...] = ()
    dimensions: tuple[Dimension, ...] = STANDARD
    figure: Callable[[Scope], MeasureResult] | None = None
    denominator: Callable[[Scope], float | NoData] | None = None
    denominator_by: Callable[[Scope, Dimension, str], float | NoData] | None = None
    snapshot: Callable[[Scope, date], MeasureResult] | None = None
    variant_of: str | None = None
    numerator_label: str = ""  # e.g. "on time"; what a counted row is

    def result(self, scope: Scope) -> MeasureResult:
        if self.figure is not None:
            return self.figure(scope)
        rows = self.rows(scope)
        if isinstance(rows, NoData):
            return rows
        return self.result_of(rows, scope)

    def result_of(
        self, rows: Sequence[Row], scope: Scope, group: tuple[Dimension, str] | None = None
    ) -> MeasureResult:
        """The figure of `rows`: all of the measure's, or one `group` of a breakdown
        (which only a rate's denominator depends on)."""
        if self.kind is Kind.COUNT:
            return Count(len(rows))
        if self.kind is Kind.FTE:
            assert self.figure is not None, f"{self.id}: an FTE measure needs its figure"
            return self.figure(scope)
        if self.kind is Kind.RATE:
            assert self.denominator is not None, f"{self.id}: a rate needs a denominator"
            if group is not None and self.denominator_by is not None:
                denominator = self.denominator_by(scope, *group)
            else:
                denominator = self.denominator(scope)
            if isinstance(denominator, NoData):
                return denominator
            return Rate(len(rows), denominator)
        return figure_of(row.counted for row in rows)

    def breakdowns(self, scope: Scope) -> dict[str, dict[str, MeasureResult]]:
        """The figure by each of the measure's dimensions (empty when there is no data).
        Team and IRO breakdowns need the service's staff; a rate has them only with a
        `denominator_by` (its denominator does not otherwise divide by group)."""
        if (
            (self.kind is Kind.RATE and self.denominator_by is None)
            or self.kind is Kind.FTE
            or not self.dimensions
        ):
            return {}
        rows = self.rows(scope)
        if isinstance(rows, NoData):
            return {}
        dimensions = [
            d for d in self.dimensions if not d.needs_staff or scope.register.staff is not None
        ]
        return breakdown(self, rows, dimensions, scope)


def breakdown(
    definition: MeasureDefinition,
    rows: Iterable[Row],
    dimensions: Sequence[Dimension],
    scope: Scope,
) -> dict[str, dict[str, MeasureResult]]:
    """Group `rows` by each dimension (of the child on the row's day, or of the row
    itself); groups in the dimension's order, unexpected values after them, empty groups
    left out."""
    groups: list[defaultdict[str, list[Row]]] = [defaultdict(list) for _ in dimensions]
    describe = scope.describer.describe_row
    for row in rows:
        for grouped, value in zip(groups, describe(row, dimensions), strict=True):
            grouped[value].append(row)
    out: dict[str, dict[str, MeasureResult]] = {}
    for dimension, grouped in zip(dimensions, groups, strict=True):
        order = {name: index for index, name in enumerate(dimension.groups)}
        names = sorted(grouped, key=lambda name: (order.get(name, len(order)), name))
        out[dimension.name] = {
            name: definition.result_of(grouped[name], scope, (dimension, name)) for name in names
        }
    return out


def not_held(reason: str) -> RowsOf:
    """The rows of a measure whose data the register does not hold (yet): never a number."""

    def rows(scope: Scope) -> NoData:
        return NoData(reason)

    return rows
