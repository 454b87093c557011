"""The performance pages: the year's figures, one measure with its breakdowns and trend,
and the rows behind a figure. Every table downloads as CSV or Excel (`?format=csv|xlsx`,
with `table=` naming the table on pages with several).

Each view reads the request, checks access and renders what irohub.performance.pages
builds. Lists of rows name children, so they need VIEW_CHILD as well as VIEW_PERFORMANCE,
hide restricted records from people not named on them, and are audited (pages.rows_page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.performance import pages
from irohub.performance.pages import Download, NotFound
from irohub.records.years import year_slug
from irohub.reporting.tables import as_csv, as_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _handled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            return render(
                request, "performance/not_found.html", {"message": str(error)}, status=404
            )

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _respond(request: HttpRequest, template: str, built: dict[str, Any] | Download) -> HttpResponse:
    """The page, or the table as a CSV or Excel file."""
    if not isinstance(built, Download):
        return render(request, template, built)
    if built.output == "csv":
        response = HttpResponse(as_csv(built.table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(as_xlsx(built.table, built.table.name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{built.stem}.{built.output}"'
    return response


def _output(request: HttpRequest) -> str | None:
    return request.GET.get("format") or None


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def year_to_date(request: HttpRequest) -> HttpResponse:
    """The year to date: every measure beside the same months a year earlier. The year
    chooser's form comes here with `?year=2024-25`."""
    chosen = request.GET.get("year")
    if chosen:
        return redirect("performance_year", year_slug(pages.parse_year(chosen)))
    built = pages.year_page(None, request.GET.get("table", "summary"), _output(request))
    return _respond(request, "performance/year.html", built)


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def year(request: HttpRequest, year: str) -> HttpResponse:
    """A collection year's figures (the current year to date, or a past year)."""
    built = pages.year_page(year, request.GET.get("table", "summary"), _output(request))
    return _respond(request, "performance/year.html", built)


@require_permission(Permission.VIEW_PERFORMANCE)
@_handled
def measure(request: HttpRequest, year: str, measure_id: str) -> HttpResponse:
    """One measure: what it counts, the figure beside last year's, its monthly trend and
    its breakdowns, each figure linking to the rows behind it."""
    built = pages.measure_page(year, measure_id, request.GET.get("table", ""), _output(request))
    if not isinstance(built, Download):
        built["may_set_targets"] = has_permission(request.user, Permission.SET_TARGETS)
    return _respond(request, "performance/measure.html", built)


@require_permission(Permission.VIEW_PERFORMANCE)
@require_permission(Permission.VIEW_CHILD)
@_handled
def rows(request: HttpRequest, year: str, measure_id: str) -> HttpResponse:
    """The reviews, children or care periods behind a figure: `which=numerator` (the
    default) lists exactly the rows the figure's numerator counts."""
    built = pages.rows_page(request.user, year, measure_id, request.GET, _output(request))
    return _respond(request, "performance/rows.html", built)
