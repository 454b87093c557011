"""The figures of the performance page: each measure for a year beside the same period a
year earlier, its breakdowns, its monthly trend and the rows behind it, as `Table`s.

Everything comes from the measures catalogue (irohub.measures): the figure, each breakdown
and the drill-down list are counts of the same rows, so a list always has exactly the
figure's numerator rows. A figure and its change are worded, and rounded, as the annual
report words them (irohub.reporting.wording).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from irohub.measures import registry
from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import IRO as IRO_DIMENSION
from irohub.measures.dimensions import TEAM as TEAM_DIMENSION
from irohub.measures.dimensions import Dimension
from irohub.measures.results import Count, Figure, MeasureResult, NoData
from irohub.measures.targets import Target
from irohub.measures.timeline import collector_paused
from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.reporting import wording
from irohub.reporting.tables import Cell, CellKind, Column, Table

__all__ = [
    "WHICH",
    "Drilldown",
    "MeasureLine",
    "breakdown_tables",
    "comparison_year",
    "definitions",
    "dimension_slug",
    "drilldown",
    "drilldown_rows",
    "measure_lines",
    "plural",
    "summary_table",
    "trend",
    "years_covered",
]

NOT_COVERED = "Not covered"  # last year is before the register's data begins


def plural(unit: str, count: int = 2) -> str:
    """The unit for `count` of them: review → reviews, child → children, change of IRO →
    changes of IRO."""
    if count == 1:
        return unit
    head, of, tail = unit.partition(" of ")
    return {"child": "children"}.get(head, head + "s") + of + tail


# --- years -----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def comparison_year(year: CollectionYear) -> CollectionYear:
    """What a year is compared with: the whole of the year before, or for a year to date the
    same months a year earlier (eight months are not compared with twelve)."""
    if year.through is None:
        return year.previous()
    through = year.through
    return CollectionYear(year.start_year - 1, _month_end(through.year - 1, through.month))


def first_year(register: Register) -> CollectionYear | None:
    """The earliest collection year in which the register has a child looked after."""
    starts = [period.start for child in register.children for period in child.periods]
    return CollectionYear.containing(min(starts)) if starts else None


def years_covered(register: Register, today: date) -> list[CollectionYear]:
    """The year to date and every earlier year the register covers, newest first."""
    latest = CollectionYear.to_date(today)
    first = first_year(register)
    if first is None:
        return [latest]
    years = [latest]
    for start in range(latest.start_year - 1, first.start_year - 1, -1):
        years.append(CollectionYear(start))
    return years


# --- numbers ---------------------------------------------------------------------------
# How a figure and its change are worded is irohub.reporting.wording's, shared with the
# annual report.


def figure_kind(definition: MeasureDefinition) -> CellKind:
    kinds = {
        Kind.PERCENT: CellKind.PERCENT,
        Kind.FTE: CellKind.PERCENT,
        Kind.COUNT: CellKind.NUMBER,
    }
    return kinds.get(definition.kind, CellKind.DECIMAL)


# --- the year's figures ------------------------------------------------------------------


def definitions() -> list[MeasureDefinition]:
    """Every measure in the catalogue, section by section in the spec's order (measures
    other modules add appear without a change here)."""
    order = {section: index for index, section in enumerate(Section)}
    listed = list(registry.DEFINITIONS.values())
    return sorted(listed, key=lambda d: order.get(d.section, len(order)))  # stable: spec order


@dataclass(frozen=True)
class MeasureLine:
    definition: MeasureDefinition
    result: MeasureResult
    last: MeasureResult | None  # None: the year before is not covered by the register

    @property
    def change(self) -> Decimal | int | None:
        return wording.change(self.result, self.last)

    @property
    def change_text(self) -> str:
        return wording.change_text(self.result, self.last)

    @property
    def unclassified(self) -> int:
        return self.result.unclassified if isinstance(self.result, Figure) else 0


def measure_lines(
    scope: Scope, covered_from: CollectionYear | None, only: Sequence[str] | None = None
) -> list[MeasureLine]:
    """Each measure for the scope's year and for its comparison year (when the register
    covers it)."""
    before = comparison_year(scope.year)
    covered = covered_from is not None and before.start_year >= covered_from.start_year
    last_scope = scope.at(before)
    lines = []
    with collector_paused():
        for definition in definitions():
            if only is not None and definition.id not in only:
                continue
            result = definition.result(scope)
            last = definition.result(last_scope) if covered else None
            lines.append(MeasureLine(definition, result, last))
    return lines


def notes(line: MeasureLine, *, reason: bool = True) -> str:
    """What a reader should know about a figure: why there is none (unless `reason` is
    False, where the page shows it in the figure's place), unclassified rows, variants."""
    said = []
    if isinstance(line.result, NoData):
        if reason:
            said.append(f"{wording.NO_DATA}: {line.result.reason}")
    elif line.last is not None and isinstance(line.last, NoData):
        said.append(f"{wording.NO_DATA} for last year: {line.last.reason}")
    if line.unclassified:
        said.append(
            f"{line.unclassified:,} {plural(line.definition.unit, line.unclassified)} "
            "could not be classified (they depend on history before the data begins)"
        )
    if line.definition.variant_of:
        said.append(f"A variant of {line.definition.variant_of}")
    return "".join(f"{part.rstrip('.')}. " for part in said).strip()


def summary_table(
    lines: Sequence[MeasureLine],
    year: CollectionYear,
    last_year: CollectionYear,
    *,
    name: str = "summary",
    caption: str | None = None,
    measure_href: Callable[[MeasureDefinition], str] | None = None,
    rows_href: Callable[[MeasureDefinition, str], str] | None = None,
    targets: Mapping[str, Target] | None = None,
) -> Table:
    """One row per measure: the figure with numerator and denominator, last year's, the
    change and any note. The numerator and denominator link to the rows behind them. With
    local `targets` (any), two more columns: each measure's target and its figure against
    it, red, amber or green in words."""
    with_targets = bool(targets)
    table = Table(
        name=name,
        caption=caption or f"Figures for {year.title}",
        columns=(
            Column("Measure"),
            Column("Measure ID", shown=False),
            Column("Section", shown=False),
            Column("Figure", CellKind.DECIMAL),
            Column("Unit", shown=False),
            Column("Numerator", CellKind.NUMBER),
            Column("Denominator", CellKind.DECIMAL),
            Column(f"Last year ({last_year.title})", CellKind.DECIMAL),
            Column("Last year numerator", CellKind.NUMBER, shown=False),
            Column("Last year denominator", CellKind.DECIMAL, shown=False),
            Column("Change", CellKind.DECIMAL),
            Column("Unclassified", CellKind.NUMBER, shown=False),
            *((Column("Target"), Column("Against target")) if with_targets else ()),
            Column("Notes"),
        ),
        empty="No measures.",
    )
    for line in lines:
        d = line.definition
        numerator, denominator = _numbers(line.result)
        last_numerator, last_denominator = _numbers(line.last)
        table.add(
            Cell(d.title, text=f"{d.id} {d.title}", href=measure_href(d) if measure_href else None),
            Cell(d.id),
            Cell(str(d.section)),
            _figure_cell(line.result),
            Cell(_unit(d)),
            Cell(
                numerator,
                href=_link(rows_href, d, "numerator", line.result),
                hidden=f" {d.id}: list the {plural(d.unit)} {d.numerator_label or 'counted'}",
            ),
            Cell(
                denominator,
                href=(
                    _link(rows_href, d, "denominator", line.result)
                    if d.kind is Kind.PERCENT
                    else None
                ),
                hidden=f" {d.id}: list all the {plural(d.unit)}",
            ),
            Cell(
                wording.value(line.last) if line.last is not None else None,
                text=wording.short_text(line.last) if line.last is not None else NOT_COVERED,
                hint=wording.of_text(line.last),
            ),
            Cell(last_numerator),
            Cell(last_denominator),
            Cell(line.change, text=line.change_text),
            Cell(line.unclassified or None),
            *(target_cells(d, line.result, (targets or {}).get(d.id)) if with_targets else ()),
            Cell(notes(line), text=notes(line, reason=False)),
        )
    return table


def target_cells(
    definition: MeasureDefinition, result: MeasureResult | None, target: Target | None
) -> tuple[Cell, Cell]:
    """The target in words and the figure against it (red, amber or green, in words as well
    as colour); two empty cells without a target."""
    if target is None:
        return Cell(None, text=""), Cell(None, text="")
    percent = definition.kind in (Kind.PERCENT, Kind.FTE)
    rating, words = wording.against_target(result, target, percent=percent)
    return (
        Cell(target.text(percent=percent)),
        Cell(words, tag=rating.value if rating else ""),
    )


def _figure_cell(result: MeasureResult) -> Cell:
    """The figure; for a measure without data, its reason across the figure, numerator,
    denominator, last year and change columns of the page."""
    if isinstance(result, NoData):
        return Cell(None, text=f"{wording.NO_DATA}: {result.reason}", span=5)
    return Cell(wording.value(result), text=wording.short_text(result))


def _numbers(result: MeasureResult | None) -> tuple[int | Decimal | None, int | Decimal | None]:
    """Numerator and denominator; a count's numerator is the count."""
    if isinstance(result, Count):
        return result.value, None
    return wording.parts(result)


def _unit(definition: MeasureDefinition) -> str:
    if definition.kind is Kind.PERCENT:
        return "percent"
    if definition.kind is Kind.FTE:
        return "percent of FTE"
    if definition.kind is Kind.COUNT:
        return plural(definition.unit)
    return "rate"


def _link(
    rows_href: Callable[[MeasureDefinition, str], str] | None,
    definition: MeasureDefinition,
    which: str,
    result: MeasureResult,
) -> str | None:
    if rows_href is None or isinstance(result, NoData):
        return None
    return rows_href(definition, which)


# --- breakdowns --------------------------------------------------------------------------


def dimension_slug(dimension: Dimension | str) -> str:
    """How a dimension is named in an address: "age band" → age-band, "IRO" → iro."""
    name = dimension if isinstance(dimension, str) else dimension.name
    return name.lower().replace(" ", "-")


def breakdown_tables(
    definition: MeasureDefinition,
    breakdowns: Mapping[str, Mapping[str, MeasureResult]],
    year: CollectionYear,
    rows_href: Callable[[str, dict[str, str]], str] | None = None,
) -> list[Table]:
    """One table per dimension of `breakdowns` (`definition.breakdowns(scope)`): the figure
    for each group, the numerator and denominator linking to that group's rows."""
    tables = []
    heading = {Kind.PERCENT: "Figure", Kind.RATE: "Rate"}
    for name, groups in breakdowns.items():
        slug = dimension_slug(name)
        first = Column(name if name[:1].isupper() else name.capitalize())
        columns: tuple[Column, ...]
        if definition.kind is Kind.COUNT:
            columns = (first, Column(plural(definition.unit).capitalize(), CellKind.NUMBER))
        else:
            columns = (
                first,
                Column(heading[definition.kind], figure_kind(definition)),
                Column(
                    (definition.numerator_label or plural(definition.unit)).capitalize(),
                    CellKind.NUMBER,
                ),
                Column("Denominator", CellKind.DECIMAL),
                Column("Unclassified", CellKind.NUMBER, shown=False),
            )
        table = Table(
            name=slug,
            caption=f"{definition.id} {definition.title} by {name}, {year.title}",
            columns=columns,
            empty=f"No {plural(definition.unit)} to break down.",
        )
        for group, result in groups.items():
            href = (lambda which, g=group, s=slug: rows_href(which, {s: g})) if rows_href else None
            listed = f" {group}: list them"
            if isinstance(result, Count):
                table.add(
                    Cell(group),
                    Cell(result.value, href=href("numerator") if href else None, hidden=listed),
                )
                continue
            if isinstance(result, NoData) or definition.kind is Kind.COUNT:
                continue
            numerator, denominator = wording.parts(result)
            percent = isinstance(result, Figure)
            table.add(
                Cell(group),
                Cell(wording.value(result), text=wording.short_text(result)),
                Cell(numerator, href=href("numerator") if href else None, hidden=listed),
                Cell(
                    denominator,
                    href=href("denominator") if href and percent else None,
                    hidden=listed if percent else "",
                ),
                Cell((result.unclassified or None) if percent else None),
            )
        tables.append(table)
    return tables


# --- monthly trends ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    month_end: date
    result: MeasureResult
    last: MeasureResult | None


def trend(
    definition: MeasureDefinition, scope: Scope, covered_from: CollectionYear | None
) -> list[TrendPoint]:
    """A snapshot measure at the end of each month of the year (to date), with the same
    month a year earlier when the register covers it."""
    assert definition.snapshot is not None, f"{definition.id} is not a snapshot measure"
    before = comparison_year(scope.year)
    covered = covered_from is not None and before.start_year >= covered_from.start_year
    last_scope = scope.at(before)
    points = []
    with collector_paused():
        last_ends = before.month_ends() if covered else []
        for index, day in enumerate(scope.year.month_ends()):
            last = (
                definition.snapshot(last_scope, last_ends[index])
                if index < len(last_ends)
                else None
            )
            points.append(TrendPoint(day, definition.snapshot(scope, day), last))
    return points


def trend_table(
    definition: MeasureDefinition,
    year: CollectionYear,
    points: Sequence[TrendPoint],
    target: Target | None = None,
) -> Table:
    """The figure at each month end beside a year earlier; with a local target, each month
    against it (red, amber or green, in words)."""
    kind = figure_kind(definition)
    table = Table(
        name="trend",
        caption=f"{definition.id} {definition.title} at the end of each month, {year.title}",
        columns=(
            Column("Month end", CellKind.DATE),
            Column("Figure", kind),
            Column("Numerator", CellKind.NUMBER),
            Column("Denominator", CellKind.DECIMAL),
            Column("A year earlier", kind),
            *((Column("Against target"),) if target is not None else ()),
        ),
        empty="No complete month yet.",
    )
    for point in points:
        numerator, denominator = wording.parts(point.result)
        if isinstance(point.result, Count):
            numerator = point.result.value
        table.add(
            Cell(point.month_end, text=f"{point.month_end:%B %Y}"),
            Cell(wording.value(point.result), text=wording.short_text(point.result)),
            Cell(numerator),
            Cell(denominator),
            Cell(
                wording.value(point.last) if point.last is not None else None,
                text=wording.short_text(point.last) if point.last is not None else "",
            ),
            *((target_cells(definition, point.result, target)[1],) if target is not None else ()),
        )
    return table


# --- the rows behind a figure ------------------------------------------------------------

# Which rows a list shows: the numerator (the default), the whole denominator, the
# denominator rows not in the numerator, or those that could not be classified.
WHICH: dict[str, Callable[[bool | None], bool]] = {
    "numerator": lambda counted: counted is True,
    "denominator": lambda counted: counted is not None,
    "not-counted": lambda counted: counted is False,
    "unclassified": lambda counted: counted is None,
}


@dataclass(frozen=True)
class Drilldown:
    """A measure's rows for a year with everything the lists behind its figures need and
    nothing of the register (so it can be cached): each row's group in each dimension
    (`slugs`, in order) and, for rows of children when the service's staff are known, the
    IRO and team on the row's day."""

    rows: tuple[Row, ...]
    slugs: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]  # per row; () for a row that is not of a child
    of_children: frozenset[str]  # the rows' identifiers that are children of the register
    staff: tuple[tuple[str, ...], ...] | None  # per row (IRO, team); None: no staff known

    @property
    def all_of_children(self) -> bool:
        return all(row.child_id in self.of_children for row in self.rows)


def drilldown(definition: MeasureDefinition, scope: Scope) -> Drilldown | NoData:
    """The rows of `definition` for the scope's year, described (see Drilldown)."""
    rows = definition.rows(scope)
    if isinstance(rows, NoData):
        return rows
    has_staff = scope.register.staff is not None
    dimensions = [d for d in definition.dimensions if not d.needs_staff or has_staff]
    describer = scope.describer
    children = describer.children
    groups = tuple(
        tuple(describer.describe_row(row, dimensions)) if row.child_id in children else ()
        for row in rows
    )
    of_children = frozenset(row.child_id for row in rows if row.child_id in children)
    staff: tuple[tuple[str, ...], ...] | None = None
    if has_staff and all(row.child_id in children for row in rows):
        staff = tuple(
            tuple(describer.describe_row(row, (IRO_DIMENSION, TEAM_DIMENSION))) for row in rows
        )
    return Drilldown(
        rows=tuple(rows),
        slugs=tuple(dimension_slug(d) for d in dimensions),
        groups=groups,
        of_children=of_children,
        staff=staff,
    )


def drilldown_rows(
    definition: MeasureDefinition, listed: Drilldown, which: str, filters: Mapping[str, str]
) -> list[int]:
    """The rows a list shows, as positions in `listed.rows`: those `which` selects (a count
    or rate counts every row, so its list is every row) in the groups `filters` names
    ({dimension slug: group}), in date order."""
    keep = WHICH[which] if definition.kind is Kind.PERCENT else (lambda counted: True)
    wanted = [(listed.slugs.index(slug), group) for slug, group in filters.items()]
    chosen = [
        index
        for index, row in enumerate(listed.rows)
        if keep(row.counted)
        and all(
            listed.groups[index] and listed.groups[index][position] == group
            for position, group in wanted
        )
    ]
    return sorted(chosen, key=lambda index: (listed.rows[index].day, listed.rows[index].child_id))
