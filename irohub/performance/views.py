"""The performance pages: the year's figures, one measure with its breakdowns and trend,
and the rows behind a figure. Every table downloads as CSV or Excel (`?format=csv|xlsx`,
with `table=` naming the table on pages with several).

Lists of rows name children, so they need VIEW_CHILD as well as VIEW_PERFORMANCE, hide
restricted records from people not named on them, and are audited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.measures import registry
from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import IRO, TEAM
from irohub.measures.records import CollectionYear
from irohub.measures.results import NoData
from irohub.performance import figures
from irohub.performance.figures import (
    WHICH,
    comparison_year,
    dimension_slug,
    plural,
    year_slug,
)
from irohub.performance.queries import (
    NamedChild,
    Service,
    audit_list,
    children_named,
    load_service,
)
from irohub.performance.tables import Cell, CellKind, Column, Table, as_csv, as_xlsx
from irohub.reporting import charts

PAGE_SIZE = 500  # rows of a list on one page; downloads carry every row
# Measures drawn against a reference band (the IRO Handbook's 50–70 children per FTE).
BANDS: dict[str, tuple[float, float]] = {"M-WF-01": settings.IROHUB_CASELOAD_BAND}


class NotFound(Exception):
    """A year, measure or list that does not exist, with the reason in plain words."""


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "performance/not_found.html", {"message": message}, status=404)


def _parse_year(slug: str | None) -> CollectionYear | None:
    if slug is None:
        return None
    try:
        return figures.parse_year_slug(slug)
    except ValueError as error:
        raise NotFound(str(error)) from None


def _resolve_year(slug: str | None, service: Service) -> CollectionYear:
    """The year an address names, checked against the register: the current year is the
    year to date; a year not begun or before the register's first is not found."""
    latest = CollectionYear.to_date(service.today)
    year = _parse_year(slug)
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


def _definition(measure_id: str) -> MeasureDefinition:
    try:
        return registry.definition(measure_id)
    except KeyError:
        raise NotFound(f"There is no measure {measure_id!r}.") from None


def _download(request: HttpRequest, table: Table, stem: str) -> HttpResponse | None:
    """The table as CSV or Excel when `?format=` asks for it."""
    kind = request.GET.get("format")
    if kind == "csv":
        response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
        extension = "csv"
    elif kind == "xlsx":
        response = HttpResponse(
            as_xlsx(table, table.name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        extension = "xlsx"
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


def _downloads(params: dict[str, str]) -> dict[str, str]:
    """The links to a table's downloads, keeping the page's own parameters."""
    return {kind: "?" + urlencode({**params, "format": kind}) for kind in ("csv", "xlsx")}


def _table_context(table: Table, params: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "table": table,
        "columns": [column for _, column in table.shown_columns],
        "rows": table.page_rows(),
        "downloads": _downloads(params if params is not None else {"table": table.name}),
    }


def _handled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            return _not_found(request, str(error))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _rows_href(
    year: CollectionYear, definition: MeasureDefinition, which: str, **filters: str
) -> str:
    base = reverse("performance_rows", args=[year_slug(year), definition.id])
    query = {"which": which, **filters} if which != "numerator" or filters else {}
    return base + ("?" + urlencode(query) if query else "")


def _measure_href(year: CollectionYear, definition: MeasureDefinition) -> str:
    return reverse("performance_measure", args=[year_slug(year), definition.id])


# --- the year's figures ------------------------------------------------------------------


def _trend_chart(definition: MeasureDefinition, year: CollectionYear, points: list) -> str:
    labels = [f"{point.month_end:%b}" for point in points]
    series: dict[str, list[float | None]] = {
        year.label: [_number(figures.figure_value(point.result)) for point in points]
    }
    if any(point.last is not None for point in points):
        series[comparison_year(year).label] = [
            _number(figures.figure_value(point.last)) if point.last is not None else None
            for point in points
        ]
    band = BANDS.get(definition.id)
    chart = charts.line_chart(
        f"{definition.id} {definition.title}, {year.title}",
        labels,
        series,
        y_label="Percentage" if definition.kind is Kind.PERCENT else definition.title,
        band=band,
        band_label=f"Reference band {band[0]:g} to {band[1]:g}" if band else None,
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
    service: Service, scope: Scope, only: str | None = None
) -> list[tuple[MeasureDefinition, Table, list]]:
    out = []
    for definition in figures.definitions():
        if definition.snapshot is None or (only is not None and definition.id != only):
            continue
        points = figures.trend(definition, scope, service.first_year)
        table = figures.trend_table(definition, scope.year, points)
        table.name = f"trend-{definition.id}"
        out.append((definition, table, points))
    return out


SECTION_SLUGS = {section.name.lower(): section for section in Section}


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def year_to_date(request: HttpRequest) -> HttpResponse:
    """The year to date: every measure beside the same months a year earlier. The year
    chooser's form comes here with `?year=2024-25`."""
    chosen = request.GET.get("year")
    if chosen:
        return redirect("performance_year", year_slug(_parse_year(chosen)))
    return _year_page(request, None)


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def year(request: HttpRequest, year: str) -> HttpResponse:
    """A collection year's figures (the current year to date, or a past year)."""
    return _year_page(request, year)


def _year_page(request: HttpRequest, slug: str | None) -> HttpResponse:
    _parse_year(slug)  # a malformed year is refused before the register is read
    service = load_service()
    shown = _resolve_year(slug, service)
    scope = service.scope(shown)
    before = comparison_year(shown)
    wanted = request.GET.get("table", "summary")

    def summary(lines: list[figures.MeasureLine], name: str, caption: str | None = None) -> Table:
        return figures.summary_table(
            lines,
            shown,
            before,
            name=name,
            caption=caption,
            measure_href=lambda d: _measure_href(shown, d),
            rows_href=lambda d, which: _rows_href(shown, d, which),
        )

    if request.GET.get("format"):
        if wanted.startswith("trend-"):
            found = _trends(service, scope, only=wanted.removeprefix("trend-"))
            if not found:
                raise NotFound(f"There is no table {wanted!r} on this page.")
            table = found[0][1]
        else:
            lines = figures.measure_lines(scope, service.first_year)
            if wanted == "summary":
                table = summary(lines, "summary")
            elif wanted in SECTION_SLUGS:
                section = SECTION_SLUGS[wanted]
                table = summary([ln for ln in lines if ln.definition.section == section], wanted)
            else:
                raise NotFound(f"There is no table {wanted!r} on this page.")
        response = _download(request, table, f"irohub-{table.name}-{year_slug(shown)}")
        if response is None:
            raise NotFound("Downloads come as format=csv or format=xlsx.")
        return response

    lines = figures.measure_lines(scope, service.first_year)
    sections = []
    for section in Section:
        in_section = [line for line in lines if line.definition.section == section]
        if in_section:
            table = summary(in_section, section.name.lower(), caption=str(section))
            sections.append(_table_context(table))
    trends = [
        {
            "definition": definition,
            "svg": _trend_chart(definition, shown, points),
            **_table_context(table),
        }
        for definition, table, points in _trends(service, scope)
    ]
    latest = CollectionYear.to_date(service.today)
    years = figures.years_covered(service.register, service.today)
    return render(
        request,
        "performance/year.html",
        {
            "year": shown,
            "before": before,
            "is_latest": shown.start_year == latest.start_year,
            "years": [
                {
                    "slug": year_slug(y),
                    "title": y.title,
                    "current": y.start_year == shown.start_year,
                }
                for y in years
            ],
            "sections": sections,
            "trends": trends,
            "downloads": _downloads({"table": "summary"}),
        },
    )


# --- one measure -------------------------------------------------------------------------


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def measure(request: HttpRequest, year: str, measure_id: str) -> HttpResponse:
    """One measure: what it counts, the figure beside last year's, its monthly trend and
    its breakdowns, each figure linking to the rows behind it."""
    definition = _definition(measure_id)
    _parse_year(year)
    service = load_service()
    shown = _resolve_year(year, service)
    scope = service.scope(shown)
    wanted = request.GET.get("table", "")

    def group_href(which: str, filters: dict[str, str]) -> str:
        return _rows_href(shown, definition, which, **filters)

    if request.GET.get("format"):
        if wanted == "trend" and definition.snapshot is not None:
            table = _trends(service, scope, only=definition.id)[0][1]
            table.name = "trend"
        else:
            tables = {t.name: t for t in figures.breakdown_tables(definition, scope, group_href)}
            if wanted not in tables:
                raise NotFound(f"There is no table {wanted!r} on this page.")
            table = tables[wanted]
        response = _download(
            request, table, f"irohub-{definition.id}-{year_slug(shown)}-{table.name}"
        )
        if response is None:
            raise NotFound("Downloads come as format=csv or format=xlsx.")
        return response

    line = figures.measure_lines(scope, service.first_year, only=[definition.id])[0]
    before = comparison_year(shown)
    trend = None
    if definition.snapshot is not None:
        _, table, points = _trends(service, scope, only=definition.id)[0]
        table.name = "trend"
        trend = {"svg": _trend_chart(definition, shown, points), **_table_context(table)}
    breakdowns = [
        _table_context(table) for table in figures.breakdown_tables(definition, scope, group_href)
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
    return render(
        request,
        "performance/measure.html",
        {
            "definition": definition,
            "year": shown,
            "year_slug": year_slug(shown),
            "before": before,
            "line": line,
            "figure": figures.figure_text(line.result),
            "of": figures.of_text(line.result),
            "last": figures.figure_text(line.last) if line.last is not None else None,
            "last_of": figures.of_text(line.last) if line.last is not None else "",
            "change": figures.change_text(definition, line.change),
            "notes": figures.notes(line),
            "trend": trend,
            "breakdowns": breakdowns,
            "lists": lists,
        },
    )


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


def rows_table(
    definition: MeasureDefinition,
    rows: list[Row],
    scope: Scope,
    which: str,
    names: dict[str, NamedChild],
    caption: str,
) -> Table:
    """The list behind a figure: child, identifier, the row's date, whether it is in the
    numerator (for a list wider than the numerator), the measure's own columns, and the IRO
    and team on the row's date. Rows that are not children (the IROs in post) show their
    identifier and the measure's columns."""
    children = scope.describer.children
    of_children = all(row.child_id in children for row in rows)
    staff = of_children and scope.register.staff is not None
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
    describe = scope.describer.describe_row
    for row in rows:
        cells = []
        if of_children:
            child = names[row.child_id]
            href = reverse("child", args=[child.pk]) if child.may_open and child.pk else None
            cells.append(Cell(child.name, href=href))
        cells += [Cell(row.child_id), Cell(row.day)]
        if show_counted:
            cells.append(Cell(_counted_text(row.counted)))
        cells += [Cell(_own(row, i)) for i in range(width)]
        if staff:
            iro, team = describe(row, (IRO, TEAM))
            cells += [Cell(iro), Cell(team)]
        table.add(*cells)
    return table


def _own(row: Row, index: int) -> object:
    return row.columns[index] if index < len(row.columns) else None


@require_permission(Permission.VIEW_PERFORMANCE)
@require_permission(Permission.VIEW_CHILD)
@_handled
def rows(request: HttpRequest, year: str, measure_id: str) -> HttpResponse:
    """The reviews, children or care periods behind a figure: `which=numerator` (the
    default) lists exactly the rows the figure's numerator counts."""
    definition = _definition(measure_id)
    which = request.GET.get("which", "numerator")
    if which not in WHICH:
        raise NotFound(f"{which!r} is not a list: ask for one of {', '.join(WHICH)}.")
    if definition.kind is not Kind.PERCENT and which != "numerator":
        raise NotFound(f"{definition.id} is a count: its only list is the rows it counts.")
    _parse_year(year)
    service = load_service()
    shown = _resolve_year(year, service)
    scope = service.scope(shown)
    dimensions = {
        dimension_slug(d): d
        for d in definition.dimensions
        if not d.needs_staff or service.register.staff is not None
    }
    filters = {slug: request.GET[slug] for slug in dimensions if slug in request.GET}
    all_rows = definition.rows(scope)
    context: dict[str, Any] = {
        "definition": definition,
        "year": shown,
        "which": which,
        "measure_href": _measure_href(shown, definition),
        "filters": [(dimensions[slug].name, group) for slug, group in filters.items()],
    }
    if isinstance(all_rows, NoData):
        context["no_data"] = all_rows.reason
        return render(request, "performance/rows.html", context)
    chosen = figures.drilldown_rows(definition, all_rows, scope, which, filters)
    children = scope.describer.children
    names = children_named(request.user, {r.child_id for r in chosen if r.child_id in children})
    title = _list_title(definition, which)
    where = "".join(f", {dimensions[slug].name} {group}" for slug, group in filters.items())
    caption = f"{definition.id} {definition.title}, {shown.title}{where}"
    params = {"which": which, **filters}
    stem = "-".join(
        [f"irohub-{definition.id}-{year_slug(shown)}-{which}"]
        + [_file_part(group) for group in filters.values()]
    )
    if request.GET.get("format"):
        table = rows_table(definition, chosen, scope, which, names, caption)
        response = _download(request, table, stem)
        if response is None:
            raise NotFound("Downloads come as format=csv or format=xlsx.")
        audit_list(
            request.user,
            measure_id=definition.id,
            year=shown,
            which=which,
            filters=filters,
            rows=len(chosen),
            children=[names[row.child_id] for row in chosen if row.child_id in names],
            shown_as=request.GET["format"],
        )
        return response
    paginator = Paginator(chosen, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    table = rows_table(definition, on_page, scope, which, names, caption)
    audit_list(
        request.user,
        measure_id=definition.id,
        year=shown,
        which=which,
        filters=filters,
        rows=len(on_page),
        children=[names[row.child_id] for row in on_page if row.child_id in names],
        shown_as=f"page {page.number} of {paginator.num_pages}",
    )
    pages = [
        {
            "number": number,
            "href": "?" + urlencode({**params, "page": number}),
            "current": number == page.number,
        }
        for number in paginator.page_range
    ]
    context.update(
        {
            "title": title,
            "count": len(chosen),
            "count_text": f"{len(chosen):,} {plural(definition.unit, len(chosen))}",
            "children": len(names),
            "page": page,
            "pages": pages if paginator.num_pages > 1 else [],
            "previous_href": (
                "?" + urlencode({**params, "page": page.previous_page_number()})
                if page.has_previous()
                else None
            ),
            "next_href": (
                "?" + urlencode({**params, "page": page.next_page_number()})
                if page.has_next()
                else None
            ),
            **_table_context(table, params),
        }
    )
    return render(request, "performance/rows.html", context)


def _file_part(text: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in kept.split("-") if part) or "group"
