"""The DfE's published local-authority tables, read, and a council set beside its
statistical neighbours, its region and England (issue 17, item 5). Pure Python: no Django.

The tables come as CSV files in the explore-education-statistics (EES) open-data layout
that "Children looked after in England including adoptions" and "Characteristics of
children in need" publish: every row starts with the same geography and time columns
(time_period, time_identifier, geographic_level, country_code, region_code, region_name,
new_la_code, old_la_code, la_name...), then filter columns and indicator columns that
differ from one data set to the next. Which indicator (and which filter values) carries
each benchmark measure is one table here, :data:`SOURCES`; a layout the DfE changes is a
row added there, not a new reader.

Published cells may be numbers ("41,630", "71.5") or the GSS symbols: "c" suppressed,
"k" under 0.5%, "z" not applicable, "x" and ":" not available, "u" low reliability. A
symbol is kept (shown as published), never read as a number. Anything else is an error
that names the file, the row, the column and the value: a file loads whole or not at all.

England comes from the file's National row when it has one (the same release as the
council's own row), else from the shipped national figures (`national.json`), which name
their source and release.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from irohub.records.years import CollectionYear, parse_collection_year
from irohub.reporting.charts import Chart, grouped_bar_chart
from irohub.reporting.national import NationalFigure, for_report_year
from irohub.reporting.tables import Cell as TableCell
from irohub.reporting.tables import CellKind, Column, Table

__all__ = [
    "MEASURES",
    "SOURCES",
    "SYMBOLS",
    "BenchmarkMeasure",
    "Comparison",
    "ComparisonRow",
    "Level",
    "Neighbour",
    "PublishedFileError",
    "PublishedValue",
    "Source",
    "charts_for",
    "compare",
    "neighbours_table",
    "read_neighbours",
    "read_published",
    "summary_table",
]

# Columns every EES file in this layout has (country_name is optional: older files omit it).
REQUIRED_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
)
# The GSS symbols for a value that is not a number (DfE data guidance).
SYMBOLS = {
    "c": "suppressed (1 to 5, or could reveal one)",
    "k": "under 0.5%",
    "z": "not applicable",
    "x": "not available",
    ":": "not available",
    "u": "low reliability",
    "low": "under 0.5%",
}
ENGLAND_CODE = "E92000001"


class Level(StrEnum):
    NATIONAL = "National"
    REGIONAL = "Regional"
    LOCAL_AUTHORITY = "Local authority"


class PublishedFileError(ValueError):
    """Everything wrong with a file (or several): one line each, naming file, row, column
    and value. Nothing from any of them is loaded."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class BenchmarkMeasure:
    """A measure that exists nationally, and where the shipped England figure is in
    national.json (`national_key`, `national_value`)."""

    key: str
    title: str
    unit: str  # "count", "rate" (per 10,000 children) or "percent"
    national_key: str
    national_value: str

    @property
    def heading(self) -> str:
        return {"count": self.title, "rate": self.title, "percent": f"{self.title} (%)"}[self.unit]


MEASURES: tuple[BenchmarkMeasure, ...] = (
    BenchmarkMeasure(
        "cla_31_march",
        "Children looked after at 31 March",
        "count",
        "looked_after_31_march",
        "count",
    ),
    BenchmarkMeasure(
        "cla_rate_per_10000",
        "Children looked after at 31 March per 10,000 children",
        "rate",
        "looked_after_31_march",
        "rate_per_10000",
    ),
    BenchmarkMeasure(
        "cla_started",
        "Children who started to be looked after in the year",
        "count",
        "looked_after_flows",
        "started",
    ),
    BenchmarkMeasure(
        "cla_ceased",
        "Children who ceased to be looked after in the year",
        "count",
        "looked_after_flows",
        "ceased",
    ),
    BenchmarkMeasure(
        "cp_plans_31_march",
        "Children on a child protection plan at 31 March",
        "count",
        "cp_plans_31_march",
        "count",
    ),
    BenchmarkMeasure(
        "cp_repeat_plans",
        "Child protection plans starting in the year that were a second or later plan",
        "percent",
        "cp_repeat_plans",
        "percent",
    ),
    BenchmarkMeasure(
        "cp_plans_ended_2_years",
        "Child protection plans ending in the year that had lasted 2 years or more",
        "percent",
        "cp_plans_ended_lasting_2_years_or_more",
        "percent",
    ),
    BenchmarkMeasure(
        "icpc_within_15_days",
        "Initial child protection conferences within 15 working days of the section 47 start",
        "percent",
        "icpc_within_15_working_days",
        "percent",
    ),
)
_MEASURE_KEYS = {m.key for m in MEASURES}


@dataclass(frozen=True)
class Source:
    """Where a measure is in a published file: the indicator column(s) on rows whose filter
    columns have these values. With `per`, the measure is 100 × sum(indicators) / per (the
    CIN release publishes ICPCs by working days taken, not the percentage)."""

    measure: str
    indicators: tuple[str, ...]
    filters: tuple[tuple[str, str], ...] = ()
    per: str = ""


SOURCES: tuple[Source, ...] = (
    # Children looked after (LA table of numbers and rates at 31 March, starts and ceases).
    Source("cla_31_march", ("cla_31_march",)),
    Source("cla_rate_per_10000", ("cla_rate_per_10000",)),
    Source("cla_started", ("started_during_year",)),
    Source("cla_ceased", ("ceased_during_year",)),
    # The same, in the long layout: one row per group, the figure in `number`.
    Source("cla_31_march", ("number",), (("cla_group", "Children looked after at 31 March"),)),
    Source("cla_started", ("number",), (("cla_group", "Started during the year"),)),
    Source("cla_ceased", ("number",), (("cla_group", "Ceased during the year"),)),
    # Children in need: plans at 31 March, repeat plans, plans ending after 2 years.
    Source("cp_plans_31_march", ("CPP_at_31_March",)),
    Source("cp_repeat_plans", ("CPP_subsequent_percent",)),
    Source("cp_plans_ended_2_years", ("CPP_ended_2_years_or_more_percent",)),
    # C4 "Section 47s and initial child protection conferences by local authority".
    Source(
        "icpc_within_15_days",
        ("Duration_0-10_days", "Duration_11-15_days"),
        per="ICPC",
    ),
)


@dataclass(frozen=True)
class PublishedValue:
    """One published figure: a number, or a GSS symbol (`symbol`, value None)."""

    year: str  # the collection year it belongs to, "2023/24"
    level: Level
    code: str  # new_la_code, region_code or country_code
    name: str
    region_code: str
    region_name: str
    measure: str
    value: Decimal | None
    symbol: str = ""
    file: str = ""
    row: int = 0

    @property
    def text(self) -> str:
        if self.value is None:
            return self.symbol
        return _number_text(self.value, _unit(self.measure))


def _unit(measure_key: str) -> str:
    return next((m.unit for m in MEASURES if m.key == measure_key), "count")


def _number_text(value: Decimal, unit: str = "count") -> str:
    """Percentages always to 1 decimal place (spec §0.2); whole counts and rates as
    whole numbers; anything else (an average of counts) to 1 decimal place."""
    if unit != "percent" and value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.1f}"


# --- reading ------------------------------------------------------------------------


def read_published(
    files: Iterable[tuple[str, str]], *, sources: Sequence[Source] = SOURCES
) -> list[PublishedValue]:
    """Every benchmark figure in the files, given as (name, text) pairs. Raises
    PublishedFileError listing every problem; a file with no benchmark measure in it is
    itself a problem (it is probably the wrong table)."""
    problems: list[str] = []
    values: list[PublishedValue] = []
    seen: dict[tuple[str, Level, str, str], PublishedValue] = {}
    for name, text in files:
        found = _read_one(name, text, sources, problems)
        if found is None:
            continue
        if not found and not any(p.startswith(f"{name}:") for p in problems):
            problems.append(
                f"{name}: no benchmark measure found: expected one of the columns "
                + ", ".join(sorted({i for s in sources for i in s.indicators}))
            )
        for value in found:
            key = (value.year, value.level, value.code, value.measure)
            earlier = seen.get(key)
            if earlier is not None and (earlier.value, earlier.symbol) != (
                value.value,
                value.symbol,
            ):
                problems.append(
                    f"{name}: row {value.row}: {value.measure} for {value.name} {value.year} "
                    f"is {value.text!r}, but {earlier.file} row {earlier.row} says "
                    f"{earlier.text!r}"
                )
                continue
            seen[key] = value
            if earlier is None:
                values.append(value)
    if problems:
        raise PublishedFileError(problems)
    return values


def _read_one(
    name: str, text: str, sources: Sequence[Source], problems: list[str]
) -> list[PublishedValue] | None:
    if "\x00" in text:
        problems.append(f"{name}: not a CSV text file (is it a spreadsheet saved as .csv?)")
        return None
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if not header:
        problems.append(f"{name}: the file is empty")
        return None
    columns = [h.strip() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(
            f"{name}: row 1: missing column(s) {', '.join(missing)} — is this a DfE "
            "explore-education-statistics CSV?"
        )
        return None
    applicable = [
        s
        for s in sources
        if all(i in columns for i in s.indicators)
        and all(f in columns for f, _ in s.filters)
        and (not s.per or s.per in columns)
    ]
    found: list[PublishedValue] = []
    errors_before = len(problems)
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            problems.append(f"{name}: row {number}: {len(cells)} cells for {len(columns)} columns")
            continue
        row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
        place = _place(name, number, row, problems)
        if place is None:
            continue
        year, level, code, label = place
        for source in applicable:
            if any(row[column] != wanted for column, wanted in source.filters):
                continue
            result = _value(name, number, row, source, problems)
            if result is None:
                continue
            value, symbol = result
            found.append(
                PublishedValue(
                    year=year,
                    level=level,
                    code=code,
                    name=label,
                    region_code=row["region_code"],
                    region_name=row["region_name"],
                    measure=source.measure,
                    value=value,
                    symbol=symbol,
                    file=name,
                    row=number,
                )
            )
        if len(problems) - errors_before >= 50:
            problems.append(f"{name}: stopped after 50 problems")
            break
    return found


def _place(
    name: str, number: int, row: Mapping[str, str], problems: list[str]
) -> tuple[str, Level, str, str] | None:
    where = f"{name}: row {number}"
    year = _year(row["time_period"], row["time_identifier"])
    if year is None:
        problems.append(
            f"{where}: column time_period/time_identifier: {row['time_period']!r} "
            f"{row['time_identifier']!r} is not a reporting year (2024, 'Reporting year') or "
            "a financial year (202324, 'Financial year')"
        )
        return None
    try:
        level = Level(row["geographic_level"])
    except ValueError:
        problems.append(
            f"{where}: column geographic_level: {row['geographic_level']!r} is not one of "
            + ", ".join(repr(level.value) for level in Level)
        )
        return None
    column = {
        Level.NATIONAL: "country_code",
        Level.REGIONAL: "region_code",
        Level.LOCAL_AUTHORITY: "new_la_code",
    }[level]
    code = row[column]
    if not code:
        problems.append(f"{where}: column {column}: empty on a {level.value} row")
        return None
    label = {
        Level.NATIONAL: row.get("country_name") or "England",
        Level.REGIONAL: row["region_name"],
        Level.LOCAL_AUTHORITY: row["la_name"],
    }[level]
    if not label:
        problems.append(f"{where}: the {level.value} row {code} has no name")
        return None
    return year.label, level, code, label


def _year(period: str, identifier: str) -> CollectionYear | None:
    """A reporting year "2024" is the year ending 31 March 2024 (2023/24); a financial year
    "202324" is 2023/24."""
    try:
        if identifier == "Reporting year" and len(period) == 4 and period.isdigit():
            return parse_collection_year(f"{int(period) - 1}/{period[2:]}")
        if identifier == "Financial year" and len(period) == 6 and period.isdigit():
            return parse_collection_year(f"{period[:4]}/{period[4:]}")
    except ValueError:
        return None
    return None


def _value(
    name: str, number: int, row: Mapping[str, str], source: Source, problems: list[str]
) -> tuple[Decimal | None, str] | None:
    parts: list[Decimal] = []
    for column in (*source.indicators, *((source.per,) if source.per else ())):
        text = row[column]
        if text.lower() in SYMBOLS:
            return None, text.lower()
        number_value = _number(text)
        if number_value is None:
            problems.append(
                f"{name}: row {number}: column {column}: {text!r} is not a number or one of "
                f"the published symbols ({', '.join(SYMBOLS)})"
            )
            return None
        parts.append(number_value)
    if not source.per:
        return sum(parts, Decimal(0)), ""
    *numerators, denominator = parts
    if not denominator:
        return None, "z"
    percent = 100 * sum(numerators, Decimal(0)) / denominator
    return percent.quantize(Decimal("0.1")), ""


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0:
        return None
    return value


# --- statistical neighbours -------------------------------------------------------------


@dataclass(frozen=True)
class Neighbour:
    rank: int
    code: str
    name: str


def read_neighbours(name: str, text: str) -> list[Neighbour]:
    """A council's statistical neighbours from a CSV with the columns rank, new_la_code and
    la_name (the DfE's benchmarking tool lists ten, closest first)."""
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in ("rank", "new_la_code", "la_name") if c not in header]
    if missing:
        raise PublishedFileError([f"{name}: row 1: missing column(s) {', '.join(missing)}"])
    neighbours: list[Neighbour] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{name}: row {number}: {len(cells)} cells for {len(header)} columns")
            continue
        row = {c: v.strip() for c, v in zip(header, cells, strict=True)}
        if not row["rank"].isdigit() or not 1 <= int(row["rank"]) <= 50:
            problems.append(
                f"{name}: row {number}: column rank: {row['rank']!r} is not a whole number "
                "from 1 to 50"
            )
            continue
        if not row["new_la_code"] or not row["la_name"]:
            column = "new_la_code" if not row["new_la_code"] else "la_name"
            problems.append(f"{name}: row {number}: column {column}: empty")
            continue
        neighbours.append(Neighbour(int(row["rank"]), row["new_la_code"], row["la_name"]))
    for attribute in ("rank", "code"):
        values = [getattr(n, attribute) for n in neighbours]
        for repeated in sorted({v for v in values if values.count(v) > 1}, key=str):
            column = "rank" if attribute == "rank" else "new_la_code"
            problems.append(f"{name}: column {column}: {repeated!r} appears more than once")
    if not neighbours and not problems:
        problems.append(f"{name}: no neighbours listed")
    if problems:
        raise PublishedFileError(problems)
    return sorted(neighbours, key=lambda n: n.rank)


# --- the comparison -------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure in the comparison: a number, a published symbol, or nothing."""

    value: Decimal | None = None
    symbol: str = ""
    note: str = ""  # where an England figure came from when not the file
    unit: str = "count"

    @property
    def text(self) -> str:
        if self.value is not None:
            return _number_text(self.value, self.unit)
        return self.symbol or "no data"

    @property
    def number(self) -> float | None:
        return None if self.value is None else float(self.value)


@dataclass(frozen=True)
class ComparisonRow:
    measure: BenchmarkMeasure
    council: Cell
    neighbours: tuple[Cell, ...]
    neighbour_average: Cell
    region: Cell
    england: Cell


@dataclass(frozen=True)
class Comparison:
    year: str
    council_code: str
    council_name: str
    region_name: str
    neighbours: tuple[Neighbour, ...]
    rows: tuple[ComparisonRow, ...] = field(default=())
    years: tuple[str, ...] = ()  # every year the loaded figures cover, latest first

    @property
    def has_council(self) -> bool:
        return any(r.council.value is not None or r.council.symbol for r in self.rows)


def compare(
    values: Sequence[PublishedValue],
    *,
    council_code: str,
    council_name: str,
    neighbours: Sequence[Neighbour],
    year: str | None = None,
    years: Sequence[str] | None = None,
) -> Comparison:
    """The council beside each neighbour, the neighbours' average, its region and England,
    for every benchmark measure in `year` (default: the latest year with a figure for the
    council, else the latest year loaded).

    The neighbours' average is the mean of the neighbours that published a number (the
    DfE's benchmarking tool does the same), rounded to 1 decimal place; "no data" when none
    did. England: the file's National row, else the shipped national figure for the year.
    `years` (latest first) names every year loaded when `values` hold only one year's.
    """
    years = (
        tuple(years) if years is not None else tuple(sorted({v.year for v in values}, reverse=True))
    )
    if year is None:
        own = sorted({v.year for v in values if v.code == council_code}, reverse=True)
        year = own[0] if own else (years[0] if years else "")
    in_year = [v for v in values if v.year == year]
    council_values = [
        v for v in in_year if v.level is Level.LOCAL_AUTHORITY and v.code == council_code
    ]
    region_code = council_values[0].region_code if council_values else ""
    region_name = council_values[0].region_name if council_values else ""
    index = {(v.level, v.code, v.measure): v for v in in_year}
    national = _national(year)
    rows = []
    for measure in MEASURES:
        unit = measure.unit

        def cell(level: Level, code: str, unit: str = unit, key: str = measure.key) -> Cell:
            return _cell(index.get((level, code, key)), unit)

        neighbour_cells = tuple(cell(Level.LOCAL_AUTHORITY, n.code) for n in neighbours)
        numbers = [c.value for c in neighbour_cells if c.value is not None]
        average = (
            Cell((sum(numbers, Decimal(0)) / len(numbers)).quantize(Decimal("0.1")), unit=unit)
            if numbers
            else Cell(unit=unit)
        )
        england = cell(Level.NATIONAL, ENGLAND_CODE)
        if england.value is None and not england.symbol:
            england = _shipped(national, measure, year)
        rows.append(
            ComparisonRow(
                measure=measure,
                council=cell(Level.LOCAL_AUTHORITY, council_code),
                neighbours=neighbour_cells,
                neighbour_average=average,
                region=cell(Level.REGIONAL, region_code) if region_code else Cell(unit=unit),
                england=england,
            )
        )
    return Comparison(
        year=year,
        council_code=council_code,
        council_name=council_name,
        region_name=region_name,
        neighbours=tuple(neighbours),
        rows=tuple(rows),
        years=years,
    )


def _cell(value: PublishedValue | None, unit: str) -> Cell:
    if value is None:
        return Cell(unit=unit)
    return Cell(value.value, value.symbol, unit=unit)


def _national(year: str) -> dict[str, NationalFigure]:
    try:
        return for_report_year(year)
    except ValueError:
        return {}


def _shipped(national: Mapping[str, NationalFigure], measure: BenchmarkMeasure, year: str) -> Cell:
    """England from national.json, only when its period is this very year (or 31 March of
    it): an older England figure beside this year's council figure would mislead."""
    figure = national.get(measure.national_key)
    if figure is None or measure.national_value not in figure.values:
        return Cell(unit=measure.unit)
    if figure.period_end not in CollectionYear.parse(year):
        return Cell(unit=measure.unit)
    raw = figure.values[measure.national_value]
    if isinstance(raw, str):
        return Cell(unit=measure.unit)
    return Cell(Decimal(str(raw)), note=f"{figure.period}: {figure.citation}", unit=measure.unit)


def measure(key: str) -> BenchmarkMeasure:
    if key not in _MEASURE_KEYS:
        raise KeyError(f"no benchmark measure {key!r}")
    return next(m for m in MEASURES if m.key == key)


# --- presentation: the same tables and charts on the page and in the annual report ---------


def summary_table(comparison: Comparison) -> Table:
    """Each measure: the council, its neighbours' average, its region and England."""
    region = comparison.region_name or "Region"
    table = Table(
        name="benchmarking",
        caption=f"{comparison.council_name} beside its statistical neighbours, {region} and "
        f"England, {_year_title(comparison.year)}",
        columns=(
            Column("Measure"),
            Column(comparison.council_name, CellKind.DECIMAL),
            Column(
                f"Statistical neighbours' average ({len(comparison.neighbours)})", CellKind.DECIMAL
            ),
            Column(region, CellKind.DECIMAL),
            Column("England", CellKind.DECIMAL),
        ),
        empty="No published figures are loaded for this year.",
    )
    for row in comparison.rows:
        table.add(
            TableCell(row.measure.heading),
            *(
                _table_cell(cell)
                for cell in (row.council, row.neighbour_average, row.region, row.england)
            ),
        )
    return table


def neighbours_table(comparison: Comparison) -> Table:
    """Each authority (the council first, then its neighbours closest first) by measure."""
    table = Table(
        name="neighbours",
        caption=f"{comparison.council_name} and each statistical neighbour, "
        f"{_year_title(comparison.year)}",
        columns=(
            Column("Authority"),
            *(Column(m.heading, CellKind.DECIMAL) for m in MEASURES),
        ),
        empty="No statistical neighbours are loaded.",
    )
    table.add(
        TableCell(comparison.council_name, hint="this council"),
        *(_table_cell(row.council) for row in comparison.rows),
    )
    for index, neighbour in enumerate(comparison.neighbours):
        table.add(
            TableCell(neighbour.name, hint=f"neighbour {neighbour.rank}"),
            *(_table_cell(row.neighbours[index]) for row in comparison.rows),
        )
    return table


def charts_for(comparison: Comparison) -> list[Chart]:
    """A bar for the council, each neighbour, their average, the region and England, for
    each measure that compares councils of different sizes (rates and percentages)."""
    names = [
        f"{comparison.council_name} (this council)",
        *(n.name for n in comparison.neighbours),
        "Statistical neighbours' average",
        comparison.region_name or "Region",
        "England",
    ]
    out = []
    for row in comparison.rows:
        if row.measure.unit == "count":
            continue
        cells = [row.council, *row.neighbours, row.neighbour_average, row.region, row.england]
        out.append(
            grouped_bar_chart(
                f"{row.measure.heading}, {_year_title(comparison.year)}",
                names,
                {row.measure.heading: [_chart_value(c) for c in cells]},
                category_heading="Authority",
                horizontal=True,
            )
        )
    return out


def _table_cell(cell: Cell) -> TableCell:
    if cell.value is None:
        hint = SYMBOLS.get(cell.symbol, "")
        return TableCell(cell.symbol or None, text=cell.text, hint=hint)
    return TableCell(cell.value, text=cell.text, hint=cell.note)


def _chart_value(cell: Cell) -> float | str | None:
    if cell.value is not None:
        return float(cell.value)
    return cell.symbol or None


def _year_title(label: str) -> str:
    return CollectionYear.parse(label).title if label else "no year loaded"
