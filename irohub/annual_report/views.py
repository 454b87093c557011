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
from irohub.annual_report.actions import (
    add_planned_action,
    add_section,
    move_section,
    record_outcome,
    remove_planned_action,
    remove_section,
    save_narrative,
    save_planned_action,
    save_section,
)
from irohub.annual_report.figures import ReportFigures
from irohub.annual_report.forms import (
    AddedSectionForm,
    MoveForm,
    NarrativeForm,
    OutcomeForm,
    PlannedActionForm,
    SectionTitleForm,
)
from irohub.annual_report.narrative import ADDED_PREFIX
from irohub.annual_report.render import MEDIA_TYPES
from irohub.annual_report.sections import section_titles
from irohub.core.forms import show_on_form
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


# --- Arranging the sections and the action plan (the service manager) ---------------------


def _sections_page(
    request: HttpRequest, year: CollectionYear, slug: str, form: SectionTitleForm, status: int = 200
) -> HttpResponse:
    added, order = queries.arrangement(year)
    return render(
        request,
        "annual_report/sections.html",
        {
            "year": year,
            "slug": slug,
            "sections": section_titles(year, added, order),
            "added_ids": {section.key: section.key.removeprefix(ADDED_PREFIX) for section in added},
            "form": form,
        },
        status=status,
    )


@require_permission(Permission.WRITE_ANNUAL_REPORT)
def sections(request: HttpRequest, year: str) -> HttpResponse:
    """The report's sections in order: move them, add one of the manager's own."""
    collection_year = _year(year)
    form = SectionTitleForm()
    if request.method == "POST":
        if "step" in request.POST:
            move = MoveForm(request.POST)
            if not move.is_valid():
                messages.error(request, "Choose a section to move up or down")
                return redirect(reverse("annual_report_sections", args=[year]))
            try:
                move_section(
                    year=collection_year,
                    actor=request.user,
                    key=move.cleaned_data["key"],
                    step=move.cleaned_data["step"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(reverse("annual_report_sections", args=[year]))
        form = SectionTitleForm(request.POST)
        if form.is_valid():
            try:
                added = add_section(
                    year=collection_year, actor=request.user, title=form.cleaned_data["title"]
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, f"Section {added.title} added at the end")
                return redirect(reverse("annual_report_section", args=[year, added.pk]))
        return _sections_page(request, collection_year, year, form, status=400)
    return _sections_page(request, collection_year, year, form)


@require_permission(Permission.WRITE_ANNUAL_REPORT)
def section(request: HttpRequest, year: str, section_id: int) -> HttpResponse:
    """Write (or retitle, or remove) a section the manager added."""
    collection_year = _year(year)
    added = queries.added_section(collection_year, section_id)
    if added is None:
        raise Http404("This report has no such section")
    form = AddedSectionForm(initial={"title": added.title, "text": added.text})
    if request.method == "POST":
        if "remove" in request.POST:
            remove_section(actor=request.user, section=added)
            messages.success(request, f"Section {added.title} removed")
            return redirect(reverse("annual_report_sections", args=[year]))
        form = AddedSectionForm(request.POST)
        if form.is_valid():
            try:
                save_section(
                    actor=request.user,
                    section=added,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, f"Section {added.title} saved")
                return redirect(reverse("annual_report_sections", args=[year]))
    return render(
        request,
        "annual_report/section.html",
        {"year": collection_year, "slug": year, "section": added, "form": form},
        status=400 if form.errors else 200,
    )


@require_permission(Permission.WRITE_ANNUAL_REPORT)
def action_plan(request: HttpRequest, year: str) -> HttpResponse:
    """This year's action plan for next year (add, change), and last year's with what
    happened."""
    collection_year = _year(year)
    form = PlannedActionForm()
    if request.method == "POST":
        form = PlannedActionForm(request.POST)
        if form.is_valid():
            try:
                add_planned_action(
                    year=collection_year, actor=request.user, fields=form.cleaned_data
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Action added to the plan")
                return redirect(reverse("annual_report_action_plan", args=[year]))
    this, last = queries.planned_actions(collection_year)
    return render(
        request,
        "annual_report/action_plan.html",
        {
            "year": collection_year,
            "next_year": CollectionYear(collection_year.start_year + 1),
            "slug": year,
            "plan": this,
            "last_plan": last,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_permission(Permission.WRITE_ANNUAL_REPORT)
def planned_action(request: HttpRequest, year: str, action_id: int) -> HttpResponse:
    """Change or remove an action of this year's plan; or, for an action of last year's
    plan, record what happened."""
    collection_year = _year(year)
    planned = queries.planned_action(collection_year, action_id)
    if planned is None:
        raise Http404("This report's action plans have no such action")
    last_year = planned.report.year != collection_year.label
    form: PlannedActionForm | OutcomeForm
    if last_year:
        form = OutcomeForm(initial={"outcome": planned.outcome})
    else:
        form = PlannedActionForm(
            initial={name: getattr(planned, name) for name in PlannedActionForm.base_fields}
        )
    if request.method == "POST":
        if "remove" in request.POST and not last_year:
            remove_planned_action(actor=request.user, planned=planned)
            messages.success(request, "Action removed from the plan")
            return redirect(reverse("annual_report_action_plan", args=[year]))
        form = OutcomeForm(request.POST) if last_year else PlannedActionForm(request.POST)
        if form.is_valid():
            try:
                if last_year:
                    record_outcome(
                        actor=request.user, planned=planned, outcome=form.cleaned_data["outcome"]
                    )
                else:
                    save_planned_action(
                        actor=request.user, planned=planned, fields=form.cleaned_data
                    )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "What happened recorded" if last_year else "Action saved")
                return redirect(reverse("annual_report_action_plan", args=[year]))
    return render(
        request,
        "annual_report/planned_action.html",
        {
            "year": collection_year,
            "slug": year,
            "planned": planned,
            "last_year": last_year,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
