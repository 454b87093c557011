"""The benchmarking page: the council beside its statistical neighbours, its region and
England, for the measures published nationally. `?year=2023-24` chooses the year;
`?format=csv|xlsx&table=benchmarking|neighbours` downloads a table."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.benchmarking import queries
from irohub.records.years import CollectionYear, parse_year_slug, year_slug
from irohub.reporting.charts import Chart
from irohub.reporting.published import charts_for, neighbours_table, summary_table
from irohub.reporting.tables import as_csv, as_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OUTPUTS = ("csv", "xlsx")


@require_permission(Permission.VIEW_PERFORMANCE)
def benchmarking(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("year", "").strip()
    year: str | None = None
    if slug:
        try:
            year = parse_year_slug(slug).label
        except ValueError as error:
            return _problem(request, str(error))
    comparison = queries.comparison(year)
    if year is not None and year not in comparison.years:
        loaded = ", ".join(comparison.years) or "none"
        return _problem(request, f"No published figures are loaded for {year} (loaded: {loaded}).")
    tables = {"benchmarking": summary_table(comparison), "neighbours": neighbours_table(comparison)}
    output = request.GET.get("format")
    if output:
        wanted = request.GET.get("table", "benchmarking")
        if output not in OUTPUTS or wanted not in tables:
            return _problem(
                request,
                "A download is ?format=csv or ?format=xlsx with ?table=benchmarking or "
                "?table=neighbours.",
            )
        table = tables[wanted]
        stem = f"{wanted}-{year_slug(CollectionYear.parse(comparison.year))}"
        if output == "csv":
            response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(as_xlsx(table, table.name), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.{output}"'
        return response
    shown = [
        {
            "table": table,
            "columns": [column for _, column in table.shown_columns],
            "rows": table.page_rows(),
            "downloads": {kind: f"?{_query(comparison.year, name, kind)}" for kind in OUTPUTS},
        }
        for name, table in tables.items()
    ]
    return render(
        request,
        "benchmarking/page.html",
        {
            "comparison": comparison,
            "years": [
                {
                    "slug": year_slug(CollectionYear.parse(y)),
                    "label": y,
                    "current": y == comparison.year,
                }
                for y in comparison.years
            ],
            "tables": shown,
            "charts": [(chart.title, _svg(chart)) for chart in charts_for(comparison)],
        },
    )


def _query(year: str, table: str, output: str) -> str:
    slug = year_slug(CollectionYear.parse(year)) if year else ""
    return f"year={slug}&table={table}&format={output}"


@lru_cache(maxsize=64)
def _svg(chart: Chart) -> str:
    # The same figures always draw the same SVG; drawing takes about 0.2 s a chart.
    return chart.svg()


def _problem(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "benchmarking/problem.html", {"message": message}, status=404)
