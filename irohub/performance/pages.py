"""What the performance pages show, built as plain functions of what the address asks
for: the year's figures, one measure with its breakdowns and trend, and the rows behind a
figure. Each returns the template's context, or a `Download` when the address asks for a
table as CSV or Excel (`format=csv|xlsx`, with `table=` naming the table on pages with
several). A year, measure, list or table that does not exist raises `NotFound`.

The views (views.py) only read the request, check access and render what comes back.
Lists of rows name children: `rows_page` leaves out the rows of restricted records for
people not named on them and writes the audit event for every list shown or downloaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from irohub.core.council import caseload_band
from irohub.core.navigation import address_maker
from irohub.measures import registry
from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Section
from irohub.measures.results import NoData
from irohub.performance import figures
from irohub.performance.actions import audit_list
from irohub.performance.figures import (
    WHICH,
    TrendPoint,
    comparison_year,
    dimension_slug,
    plural,
)
from irohub.performance.queries import (
    NamedChild,
    Service,
    children_named,
    hidden_identifiers,
    load_service,
)
from irohub.records.years import CollectionYear, parse_year_slug, year_slug
from irohub.reporting import charts, wording
from irohub.reporting.tables import TAG_CLASSES, Cell, CellKind, Column, Table
from irohub.targets.queries import targets

__all__ = [
    "DOWNLOADS",
    "PAGE_SIZE",
    "Download",
    "NotFound",
    "chart_svg",
    "measure_page",
    "parse_year",
    "rows_page",
    "rows_table",
    "year_page",
]

PAGE_SIZE = 500  # rows of a list on one page; downloads carry every row
DOWNLOADS = ("csv", "xlsx")
# Measures drawn against the council's caseload band of children per FTE IRO.
BANDED = frozenset({"M-WF-01"})
SECTION_SLUGS = {section.name.lower(): section for section in Section}


class NotFound(Exception):
    """A year, measure or list that does not exist, with the reason in plain words."""


@dataclass(frozen=True)
class Download:
    """A table to send as a file: `output` is "csv" or "xlsx"; `stem` the file's name
    without its extension."""

    table: Table
    stem: str
    output: str


def _checked(output: str) -> str:
    if output not in DOWNLOADS:
        raise NotFound("Downloads come as format=csv or format=xlsx.")
    return output


def _download(table: Table, stem: str, output: str) -> Download:
    return Download(table, stem, _checked(output))


# --- years, measures and links -----------------------------------------------------------


def parse_year(slug: str | None) -> CollectionYear | None:
    """The year an address names (None: none named); NotFound for a malformed one."""
    if slug is None:
        return None
    try:
        return parse_year_slug(slug)
    except ValueError as error:
        raise NotFound(str(error)) from None


def _resolve_year(slug: str | None, service: Service) -> CollectionYear:
    """The year an address names, checked against the register: the current year is the
    year to date; a year not begun or before the register's first is not found."""
    latest = CollectionYear.to_date(service.today)
    year = parse_year(slug)
    if year is None:
        return latest
    if year.start_year == latest.start_year:
        return latest
    if year.start_year > latest.start_year:
        raise NotFound(
            f"There are no figures for {year.label} yet: the latest are for {latest.title}."
        )
    first = service.first_year
    if first is None or year.start_year < first.start_year:
        since = f"begins in {first.label}" if first else "holds no care periods yet"
        raise NotFound(f"There are no figures for {year.label}: the register {since}.")
    return year


def _service_for(slug: str | None) -> tuple[Service, CollectionYear]:
    """The figures and the year the address names. A malformed year is refused before
    anything is read."""
    parse_year(slug)
    service = load_service(chart_svg)
    return service, _resolve_year(slug, service)


def _definition(measure_id: str) -> MeasureDefinition:
    try:
        return registry.definition(measure_id)
    except KeyError:
        raise NotFound(f"There is no measure {measure_id!r}.") from None


def _downloads(params: dict[str, str]) -> dict[str, str]:
    """The links to a table's downloads, keeping the page's own parameters."""
    return {kind: "?" + urlencode({**params, "format": kind}) for kind in DOWNLOADS}


def _table_context(table: Table, params: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "table": table,
        "columns": [column for _, column in table.shown_columns],
        "rows": table.page_rows(),
        "downloads": _downloads(params if params is not None else {"table": table.name}),
    }


def _rows_href(
    year: CollectionYear, definition: MeasureDefinition, which: str, **filters: str
) -> str:
    base = reverse("performance_rows", args=[year_slug(year), definition.id])
    query = {"which": which, **filters} if which != "numerator" or filters else {}
    return base + ("?" + urlencode(query) if query else "")


def _measure_href(year: CollectionYear, definition: MeasureDefinition) -> str:
    return reverse("performance_measure", args=[year_slug(year), definition.id])


# --- trends ------------------------------------------------------------------------------


def chart_svg(definition: MeasureDefinition, year: CollectionYear, points: list[TrendPoint]) -> str:
    """A snapshot measure's monthly trend as a line chart (SVG), with the caseload band
    where the measure is drawn against it."""
    labels = [f"{point.month_end:%b}" for point in points]
    series: dict[str, list[float | None]] = {
        year.label: [_number(wording.value(point.result)) for point in points]
    }
    if any(point.last is not None for point in points):
        series[comparison_year(year).label] = [
            _number(wording.value(point.last)) if point.last is not None else None
            for point in points
        ]
    band = caseload_band() if definition.id in BANDED else None
    chart = charts.line_chart(
        f"{definition.id} {definition.title}, {year.title}",
        labels,
        series,
        y_label="Percentage" if definition.kind in (Kind.PERCENT, Kind.FTE) else definition.title,
        band=(band.low, band.high) if band else None,
        band_label=band.label if band else None,
    )
    return _svg(chart)


@lru_cache(maxsize=128)
def _svg(chart: charts.Chart) -> str:
    # Drawing takes about 0.2 s a chart; the same figures always draw the same SVG, and a
    # past year's figures do not change, so each is drawn once per process.
    return chart.svg()


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _trends(
    service: Service, year: CollectionYear, only: str | None = None
) -> list[tuple[MeasureDefinition, Table, str]]:
    """Each snapshot measure's monthly trend: its table (each month against the local
    target, when one is set) and its chart (SVG)."""
    out = []
    computed = service.year_figures(year).trends
    local = targets()
    for definition in figures.definitions():
        if definition.id not in computed or (only is not None and definition.id != only):
            continue
        points, svg = computed[definition.id]
        table = figures.trend_table(definition, year, points, local.get(definition.id))
        table.name = f"trend-{definition.id}"
        out.append((definition, table, svg))
    return out


# --- the year's figures ------------------------------------------------------------------


def year_page(slug: str | None, wanted: str, output: str | None) -> dict[str, Any] | Download:
    """A collection year's figures (the year to date when `slug` is None) beside the
    year compared with, section by section, with the monthly trends; or the table
    `wanted` ("summary", a section, "trend-<measure>") as a download."""
    service, shown = _service_for(slug)
    before = comparison_year(shown)
    local = targets()

    def summary(lines: list[figures.MeasureLine], name: str, caption: str | None = None) -> Table:
        return figures.summary_table(
            lines,
            shown,
            before,
            name=name,
            caption=caption,
            measure_href=lambda d: _measure_href(shown, d),
            rows_href=lambda d, which: _rows_href(shown, d, which),
            targets=local,
        )

    if output:
        if wanted.startswith("trend-"):
            found = _trends(service, shown, only=wanted.removeprefix("trend-"))
            if not found:
                raise NotFound(f"There is no table {wanted!r} on this page.")
            table = found[0][1]
        else:
            lines = service.lines(shown)
            if wanted == "summary":
                table = summary(lines, "summary")
            elif wanted in SECTION_SLUGS:
                section = SECTION_SLUGS[wanted]
                table = summary([ln for ln in lines if ln.definition.section == section], wanted)
            else:
                raise NotFound(f"There is no table {wanted!r} on this page.")
        return _download(table, f"irohub-{table.name}-{year_slug(shown)}", output)

    lines = service.lines(shown)
    sections = []
    for section in Section:
        in_section = [line for line in lines if line.definition.section == section]
        if in_section:
            table = summary(in_section, section.name.lower(), caption=str(section))
            sections.append(_table_context(table))
    trends = [
        {"definition": definition, "svg": svg, **_table_context(table)}
        for definition, table, svg in _trends(service, shown)
    ]
    latest = CollectionYear.to_date(service.today)
    years = service.year_figures(shown).years
    return {
        "year": shown,
        "before": before,
        "is_latest": shown.start_year == latest.start_year,
        "years": [
            {"slug": year_slug(y), "title": y.title, "current": y.start_year == shown.start_year}
            for y in years
        ],
        "sections": sections,
        "trends": trends,
        "downloads": _downloads({"table": "summary"}),
    }


# --- one measure -------------------------------------------------------------------------


def measure_page(
    slug: str, measure_id: str, wanted: str, output: str | None
) -> dict[str, Any] | Download:
    """One measure: what it counts, the figure beside last year's, its monthly trend and
    its breakdowns, each figure linking to the rows behind it; or the table `wanted`
    ("trend", a dimension) as a download."""
    definition = _definition(measure_id)
    service, shown = _service_for(slug)

    def group_href(which: str, filters: dict[str, str]) -> str:
        return _rows_href(shown, definition, which, **filters)

    if output:
        if wanted == "trend" and definition.snapshot is not None:
            table = _trends(service, shown, only=definition.id)[0][1]
            table.name = "trend"
        else:
            tables = {t.name: t for t in _breakdown_tables(service, definition, shown, group_href)}
            if wanted not in tables:
                raise NotFound(f"There is no table {wanted!r} on this page.")
            table = tables[wanted]
        stem = f"irohub-{definition.id}-{year_slug(shown)}-{table.name}"
        return _download(table, stem, output)

    line = next(ln for ln in service.lines(shown) if ln.definition.id == definition.id)
    trend = None
    if definition.snapshot is not None:
        _, table, svg = _trends(service, shown, only=definition.id)[0]
        table.name = "trend"
        trend = {"svg": svg, **_table_context(table)}
    breakdowns = [
        _table_context(table) for table in _breakdown_tables(service, definition, shown, group_href)
    ]
    lists = []
    if not isinstance(line.result, NoData):
        kinds = ["numerator"]
        if definition.kind is Kind.PERCENT:
            kinds += ["not-counted", "denominator"]
            if line.unclassified:
                kinds.append("unclassified")
        lists = [
            {"href": _rows_href(shown, definition, which), "text": _list_title(definition, which)}
            for which in kinds
        ]
    target = targets().get(definition.id)
    against = None
    if target is not None:
        text, rated = figures.target_cells(definition, line.result, target)
        against = {
            "target": text.display(CellKind.TEXT),
            "words": rated.display(CellKind.TEXT),
            "tag": TAG_CLASSES.get(rated.tag),
        }
    return {
        "definition": definition,
        "against": against,
        "year": shown,
        "year_slug": year_slug(shown),
        "before": comparison_year(shown),
        "line": line,
        "figure": wording.short_text(line.result),
        "of": wording.of_text(line.result),
        "last": wording.short_text(line.last) if line.last is not None else None,
        "last_of": wording.of_text(line.last),
        "change": line.change_text,
        "notes": figures.notes(line),
        "trend": trend,
        "breakdowns": breakdowns,
        "lists": lists,
    }


def _breakdown_tables(
    service: Service,
    definition: MeasureDefinition,
    year: CollectionYear,
    rows_href: Any,
) -> list[Table]:
    groups = service.measure_figures(definition, year).breakdowns
    return figures.breakdown_tables(definition, groups, year, rows_href)


def _list_title(definition: MeasureDefinition, which: str) -> str:
    unit = plural(definition.unit)
    label = definition.numerator_label or "counted"
    if definition.kind is not Kind.PERCENT:
        return f"The {unit} counted"
    return {
        "numerator": f"The {unit} {label} (the numerator)",
        "denominator": f"All the {unit} in the figure (the denominator)",
        "not-counted": f"The {unit} not {label}",
        "unclassified": f"The {unit} that could not be classified",
    }[which]


# --- the rows behind a figure ------------------------------------------------------------


def rows_page(
    user: Any,
    slug: str,
    measure_id: str,
    query: Mapping[str, str],
    output: str | None,
) -> dict[str, Any] | Download:
    """The reviews, children or care periods behind a figure, a page at a time, or all of
    them as a download. `query` is the address's parameters: `which` list (numerator, the
    default, lists exactly the rows the figure's numerator counts), a group of any of the
    measure's dimensions (e.g. `age-band=10 to 15`) and the `page`. Every list shown or
    downloaded is audited, with the children in it."""
    definition = _definition(measure_id)
    which = query.get("which", "numerator")
    if which not in WHICH:
        raise NotFound(f"{which!r} is not a list: ask for one of {', '.join(WHICH)}.")
    if definition.kind is not Kind.PERCENT and which != "numerator":
        raise NotFound(f"{definition.id} is a count: its only list is the rows it counts.")
    service, shown = _service_for(slug)
    listed_rows = service.drilldown(definition, shown)
    # The dimensions a list can be narrowed by (team and IRO only with the staff known).
    slugs = listed_rows.slugs if isinstance(listed_rows, figures.Drilldown) else ()
    dimensions = {dimension_slug(d): d for d in definition.dimensions}
    dimensions = {slug: dimensions[slug] for slug in slugs}
    filters = {slug: query[slug] for slug in dimensions if slug in query}
    context: dict[str, Any] = {
        "definition": definition,
        "year": shown,
        "which": which,
        "measure_href": _measure_href(shown, definition),
        "filters": [(dimensions[slug].name, group) for slug, group in filters.items()],
    }
    if isinstance(listed_rows, NoData):
        context["no_data"] = listed_rows.reason
        return context
    rows = listed_rows.rows
    chosen = figures.drilldown_rows(definition, listed_rows, which, filters)
    children = listed_rows.of_children
    # Restricted children the reader is not named on are left out of the list and its
    # downloads altogether (irohub.children.access): not their name, nor any detail.
    hidden = hidden_identifiers(user)
    kept = [i for i in chosen if not (rows[i].child_id in children and rows[i].child_id in hidden)]
    withheld = len(chosen) - len(kept)
    chosen = kept

    def identifiers(indices: list[int]) -> set[str]:
        return {rows[i].child_id for i in indices if rows[i].child_id in children}

    where = "".join(f", {dimensions[slug].name} {group}" for slug, group in filters.items())
    caption = f"{definition.id} {definition.title}, {shown.title}{where}"
    params = {"which": which, **filters}

    def listed(indices: list[int], shown_as: str) -> Table:
        """The table of the rows at `indices`, with the audit event that says who saw
        them. Only these rows' children are read from the register (a page of a long
        list names at most PAGE_SIZE children)."""
        names = children_named(user, identifiers(indices))
        audit_list(
            user,
            measure_id=definition.id,
            year=shown,
            which=which,
            filters=filters,
            rows=len(indices),
            children=[names[rows[i].child_id] for i in indices if rows[i].child_id in names],
            shown_as=shown_as,
            withheld=withheld,
        )
        return rows_table(definition, listed_rows, indices, which, names, caption)

    if output:
        stem = "-".join(
            [f"irohub-{definition.id}-{year_slug(shown)}-{which}"]
            + [_file_part(group) for group in filters.values()]
        )
        _checked(output)  # an unknown format is refused before anything is audited
        return _download(listed(chosen, output), stem, output)

    paginator = Paginator(chosen, PAGE_SIZE)
    page = paginator.get_page(query.get("page"))
    table = listed(list(page.object_list), f"page {page.number} of {paginator.num_pages}")

    def page_href(number: int) -> str:
        return "?" + urlencode({**params, "page": number})

    pages = [
        {"number": number, "href": page_href(number), "current": number == page.number}
        for number in paginator.page_range
    ]
    context.update(
        {
            "title": _list_title(definition, which),
            "count": len(chosen),
            "count_text": f"{len(chosen):,} {plural(definition.unit, len(chosen))}",
            "children": len(identifiers(chosen)),
            "withheld": withheld,
            "page": page,
            "pages": pages if paginator.num_pages > 1 else [],
            "previous_href": (
                page_href(page.previous_page_number()) if page.has_previous() else None
            ),
            "next_href": page_href(page.next_page_number()) if page.has_next() else None,
            **_table_context(table, params),
        }
    )
    return context


def rows_table(
    definition: MeasureDefinition,
    listed: figures.Drilldown,
    indices: list[int],
    which: str,
    names: dict[str, NamedChild],
    caption: str,
) -> Table:
    """The list behind a figure: child, identifier, the row's date, whether it is in the
    numerator (for a list wider than the numerator), the measure's own columns, and the IRO
    and team on the row's date. Rows that are not children (the IROs in post) show their
    identifier and the measure's columns."""
    rows = [listed.rows[i] for i in indices]
    of_children = all(row.child_id in listed.of_children for row in rows)
    staff = of_children and listed.staff is not None
    show_counted = definition.kind is Kind.PERCENT and which != "numerator"
    width = len(definition.columns)
    own = [[_own(row, i) for row in rows] for i in range(width)]
    columns = [Column("Child"), Column("Identifier")] if of_children else [Column("Identifier")]
    kinds = [_column_kind(values) for values in own]
    # The page leaves out the day a row is counted on when the measure's own dates (due,
    # held) say it already; downloads keep it.
    columns.append(Column("Date counted", CellKind.DATE, shown=CellKind.DATE not in kinds))
    if show_counted:
        columns.append(Column(definition.numerator_label.capitalize() or "In the numerator"))
    columns += [
        Column(heading[:1].upper() + heading[1:], kind)
        for heading, kind in zip(definition.columns, kinds, strict=True)
    ]
    if staff:
        columns += [Column("IRO"), Column("Team")]
    table = Table(name=which, caption=caption, columns=tuple(columns), empty="No rows.")
    child_href = address_maker("child")
    for index, row in zip(indices, rows, strict=True):
        cells = []
        if of_children:
            child = names[row.child_id]
            href = child_href(child.pk) if child.may_open and child.pk else None
            cells.append(Cell(child.name, href=href))
        cells += [Cell(row.child_id), Cell(row.day)]
        if show_counted:
            cells.append(Cell(_counted_text(row.counted)))
        cells += [Cell(_own(row, i)) for i in range(width)]
        if staff and listed.staff is not None:
            iro, team = listed.staff[index]
            cells += [Cell(iro), Cell(team)]
        table.add(*cells)
    return table


def _column_kind(values: list[object]) -> CellKind:
    for value in values:
        if value is None:
            continue
        if isinstance(value, date):
            return CellKind.DATE
        if isinstance(value, int | float) and not isinstance(value, bool):
            return CellKind.NUMBER
        return CellKind.TEXT
    return CellKind.TEXT


def _counted_text(counted: bool | None) -> str:
    # Under a heading that names the numerator ("On time"): yes, no or unclassified.
    if counted is None:
        return "Unclassified"
    return "Yes" if counted else "No"


def _own(row: Row, index: int) -> object:
    return row.columns[index] if index < len(row.columns) else None


def _file_part(text: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in kept.split("-") if part) or "group"
