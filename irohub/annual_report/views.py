"""The annual report in the app: the years, one year's report, downloads, and editing the
narrative. Figures come from the register each time (queries); writes go through actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.annual_report import queries
from irohub.annual_report.actions import save_narrative
from irohub.annual_report.figures import ReportFigures
from irohub.annual_report.forms import NarrativeForm
from irohub.annual_report.render import MEDIA_TYPES
from irohub.records.years import CollectionYear, year_slug


def _year(slug: str) -> CollectionYear:
    year = queries.parse_slug(slug)
    if year is None:
        raise Http404("No such collection year: write it like 2025-26")
    return year


def _figures(year: CollectionYear) -> ReportFigures:
    figures = queries.figures_if_held(year)
    if figures is None:
        raise Http404("The register holds no children looked after in that year")
    return figures


@require_permission(Permission.VIEW_PERFORMANCE)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "annual_report/index.html",
        {
            "years": queries.report_years(),
            "can_write": has_permission(request.user, Permission.WRITE_ANNUAL_REPORT),
        },
    )


@require_permission(Permission.VIEW_PERFORMANCE)
def report(request: HttpRequest, year: str) -> HttpResponse:
    collection_year = _year(year)
    figures = _figures(collection_year)
    content = queries.report_content(collection_year, figures=figures)
    downloads = [
        (version, output, _download_label(version, output))
        for version in queries.VERSIONS
        for output in ("pdf", "docx")
    ]
    return render(
        request,
        "annual_report/report.html",
        {
            "content": content,
            "slug": year_slug(collection_year),
            "downloads": downloads,
            "can_write": has_permission(request.user, Permission.WRITE_ANNUAL_REPORT),
            "standalone": False,
        },
    )


def _download_label(version: str, output: str) -> str:
    kind = {"pdf": "PDF", "docx": "Word document", "html": "web page"}[output]
    return f"Download {queries.VERSIONS[version]} ({kind})"


@require_permission(Permission.VIEW_PERFORMANCE)
def download(request: HttpRequest, year: str, version: str, output: str) -> HttpResponse:
    collection_year = _year(year)
    if version not in queries.VERSIONS or output not in MEDIA_TYPES:
        raise Http404("No such download")
    data = queries.report_file(
        collection_year, _figures(collection_year), version=version, output=output
    )
    response = HttpResponse(data, content_type=MEDIA_TYPES[output])
    name = {
        "report": "iro-annual-report",
        "public": "iro-annual-report-public",
        "summary": "iro-annual-report-summary",
    }[version]
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{year_slug(collection_year)}.{output}"'
    )
    return response


@require_permission(Permission.WRITE_ANNUAL_REPORT)
def edit(request: HttpRequest, year: str) -> HttpResponse:
    collection_year = _year(year)
    narrative, saved = queries.narrative_of(collection_year)
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                save_narrative(
                    year=collection_year,
                    actor=request.user,
                    narrative=form.narrative(),
                    # "" is a version too: the form was opened before anyone saved.
                    version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Annual report {collection_year.label} saved")
                return redirect(reverse("annual_report_year", args=[year]))
    else:
        version = saved.updated_at.isoformat() if saved is not None else ""
        form = NarrativeForm(initial={**narrative, "version": version})
    return render(
        request,
        "annual_report/edit.html",
        {"form": form, "year": collection_year, "slug": year, "saved": saved},
    )
