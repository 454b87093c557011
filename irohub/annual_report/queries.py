"""Reads for the annual report: the register's figures and the manager's narrative,
brought together as the report's content."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.annual_report.actions import carried_over
from irohub.annual_report.content import ReportContent
from irohub.annual_report.figures import ReportFigures, ServiceFacts, gather_figures, has_data
from irohub.annual_report.models import AnnualReport, PlannedAction
from irohub.annual_report.narrative import NARRATIVE_FIELDS, AddedSection, PlannedActionText
from irohub.annual_report.render import render
from irohub.annual_report.sections import build_report
from irohub.annual_report.summary import SummaryContent, build_summary
from irohub.benchmarking import queries as benchmarking_queries
from irohub.children.models import CarePeriod, Child
from irohub.children.records import register_from_database
from irohub.core.calendar import get_calendar
from irohub.core.council import caseload_band
from irohub.core.register_version import cached_figures
from irohub.planning.queries import plan_for_report
from irohub.records.years import CollectionYear, parse_year_slug, year_slug
from irohub.reporting.national import for_report_year
from irohub.reporting.published import Comparison
from irohub.targets.queries import targets

YEARS_LISTED = 10


def parse_slug(slug: str) -> CollectionYear | None:
    """ "2025-26" (the year in a URL) → the collection year; None when it is not one."""
    try:
        return parse_year_slug(slug)
    except ValueError:
        return None


@dataclass(frozen=True)
class YearRow:
    year: CollectionYear
    report: AnnualReport | None

    @property
    def slug(self) -> str:
        return year_slug(self.year)


def report_years(today=None) -> list[YearRow]:  # type: ignore[no-untyped-def]
    """Complete collection years the register holds, latest first, with their reports."""
    today = today or timezone.localdate()
    latest = CollectionYear.to_date(today)
    if not latest.complete:
        latest = latest.previous()
    first = CarePeriod.objects.aggregate(first=Min("start"))["first"]
    reports = {report.year: report for report in AnnualReport.objects.select_related("updated_by")}
    if first is None:
        earliest = latest.start_year
    else:
        earliest = max(
            CollectionYear.containing(first).start_year, latest.start_year - YEARS_LISTED + 1
        )
    years = [CollectionYear(start) for start in range(latest.start_year, earliest - 1, -1)]
    # A report written for a year outside that range is still listed.
    for label in reports:
        year = CollectionYear.parse(label)
        if year not in years:
            years.append(year)
    years.sort(key=lambda y: y.start_year, reverse=True)
    return [YearRow(year, reports.get(year.label)) for year in years]


def narrative_of(year: CollectionYear) -> tuple[dict[str, str], AnnualReport | None]:
    """The saved narrative for `year`, or what a new report would start with."""
    report = AnnualReport.objects.select_related("updated_by").filter(year=year.label).first()
    if report is None:
        return carried_over(year), None
    return {name: getattr(report, name) for name in NARRATIVE_FIELDS}, report


def edited_note(report: AnnualReport | None) -> str:
    if report is None or report.updated_by is None:
        return ""
    who = report.updated_by.get_full_name() or report.updated_by.get_username()
    when = timezone.localtime(report.updated_at)
    return f"Narrative last edited by {who} on {when:%-d %B %Y}"


def figures_if_held(year: CollectionYear) -> ReportFigures | None:
    """The report's figures, or None when the register holds no child looked after in
    the year (there is no report to show). Computed once per register version and served
    from the cache after that (irohub.core.register_version)."""
    figures = cached_figures("annual-report", lambda: _figures_if_held(year), year.label)
    # The national and published figures are not the register's: added after the cache.
    if figures is None:
        return None
    return replace(
        figures, national=for_report_year(year.label), benchmarking=published_comparison(year)
    )


def published_comparison(year: CollectionYear) -> Comparison | None:
    """The published figures for the report's year, else the latest year before it (the
    DfE publishes in the autumn after the year): None when none are loaded."""
    loaded = [y for y in benchmarking_queries.loaded_years() if y <= year.label]
    return benchmarking_queries.comparison(max(loaded)) if loaded else None


def _figures_if_held(year: CollectionYear) -> ReportFigures | None:
    register = register_from_database()
    if not has_data(register, year):
        return None
    figures = gather_figures(register, year, calendar=get_calendar(), service=service_facts())
    forecast = plan_for_report(register, year, timezone.localdate())
    return replace(figures, national={}, forecast=forecast)


def service_facts() -> ServiceFacts:
    """Recognitions, complaints, compliments and observations (irohub.quality), as dates.
    The report does not import irohub.quality (it would reach reviews, which the apps'
    independence forbids): its models are reached through the relations they declare on
    the child and the IRO, as children reaches reviews."""
    recognition = Child._meta.get_field("recognitions").related_model
    feedback = IRO._meta.get_field("feedback").related_model
    observation = IRO._meta.get_field("observations").related_model
    received = list(feedback.objects.values_list("kind", "received"))
    return ServiceFacts(
        recognitions=tuple(recognition.objects.values_list("sent_on", flat=True)),
        complaints=tuple(day for kind, day in received if kind == "complaint"),
        compliments=tuple(day for kind, day in received if kind == "compliment"),
        observations=tuple(
            (day, str(iro)) for day, iro in observation.objects.values_list("observed", "iro_id")
        ),
    )


# The versions of the report, by the name a download's address and `irohub report` use.
VERSIONS = {
    "report": "the report",
    "public": "the public version",
    "summary": "the summary for children and young people",
}


def report_file(
    year: CollectionYear, figures: ReportFigures, *, version: str, output: str
) -> bytes:
    """One version of the year's report (VERSIONS) as a file in `output` (html, pdf,
    docx): what the app's downloads and `irohub report` both send."""
    if version == "summary":
        return render(summary_content(year, figures=figures), output)
    return render(report_content(year, figures=figures, public=version == "public"), output)


def report_content(
    year: CollectionYear, *, figures: ReportFigures, public: bool = False
) -> ReportContent:
    narrative, report = narrative_of(year)
    return build_report(
        figures,
        **_made_for(narrative),
        public=public,
        edited=edited_note(report),
        band=caseload_band(),
        targets=targets(),
        **arrangement_of(year, report),
    )


def arrangement_of(year: CollectionYear, report: AnnualReport | None) -> dict[str, Any]:
    """The sections the manager added, their order, this year's action plan for next year
    and last year's plan with what happened: what build_report takes besides the figures."""
    last = AnnualReport.objects.filter(year=year.previous().label).first()
    return {
        "added": added_sections(report),
        "order": report.section_order if report is not None else last_order(last),
        "plan": plan_of(report),
        "last_plan": plan_of(last) if last is not None else None,
    }


def added_sections(report: AnnualReport | None) -> list[AddedSection]:
    if report is None:
        return []
    return [AddedSection(s.key, s.title, s.text) for s in report.added_sections.all()]


def last_order(last: AnnualReport | None) -> list[str]:
    """Before this year's report is saved, it is arranged as last year's was (its added
    sections are not there yet: they are copied when the report is started)."""
    return list(last.section_order) if last is not None else []


def plan_of(report: AnnualReport | None) -> list[PlannedActionText]:
    if report is None:
        return []
    return [
        PlannedActionText(p.action, p.owner, p.timescale, p.impact, p.outcome)
        for p in report.planned_actions.all()
    ]


def planned_actions(year: CollectionYear) -> tuple[list[PlannedAction], list[PlannedAction]]:
    """The year's actions for next year, and last year's actions (for what happened)."""
    this = list(PlannedAction.objects.filter(report__year=year.label))
    last = list(PlannedAction.objects.filter(report__year=year.previous().label))
    return this, last


def summary_content(year: CollectionYear, *, figures: ReportFigures) -> SummaryContent:
    narrative, _ = narrative_of(year)
    return build_summary(figures, **_made_for(narrative))


def _made_for(narrative: dict[str, str]) -> dict[str, Any]:
    """What the report and the summary say besides the figures: the manager's narrative,
    the council's name and the day they are made."""
    return {
        "narrative": narrative,
        "council": settings.IROHUB_COUNCIL_NAME,
        "generated_on": timezone.localdate(),
    }


def arrangement(year: CollectionYear) -> tuple[list[AddedSection], list[str]]:
    """The sections the manager added to `year`'s report and the order they saved."""
    report = AnnualReport.objects.filter(year=year.label).first()
    arranged = arrangement_of(year, report)
    return arranged["added"], arranged["order"]


def added_section(year: CollectionYear, section_id: int) -> Any:
    """A section added to `year`'s report, or None."""
    from irohub.annual_report.models import AddedSection as AddedSectionRow

    return (
        AddedSectionRow.objects.select_related("report")
        .filter(report__year=year.label, pk=section_id)
        .first()
    )


def planned_action(year: CollectionYear, action_id: int) -> PlannedAction | None:
    """An action of `year`'s plan or of last year's (whose outcome this year records)."""
    return (
        PlannedAction.objects.select_related("report")
        .filter(report__year__in=[year.label, year.previous().label], pk=action_id)
        .first()
    )
