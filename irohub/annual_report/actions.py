"""Writes for the annual report: one transaction each, audited.

"Kept for next year": a new year's report starts from last year's — its purpose and legal
context carry over, and last year's "priorities for next year" become this year's "last
year's priorities", ready for the manager to say what was done about each.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from irohub.annual_report.models import AddedSection, AnnualReport, PlannedAction
from irohub.annual_report.narrative import DEFAULTS, NARRATIVE_FIELDS, moved
from irohub.annual_report.narrative import AddedSection as AddedSectionText
from irohub.annual_report.sections import section_titles
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.records.years import CollectionYear


def carried_over(year: CollectionYear) -> dict[str, str]:
    """The narrative a new report for `year` starts with (nothing is saved)."""
    start = {name: DEFAULTS.get(name, "") for name in NARRATIVE_FIELDS}
    last = AnnualReport.objects.filter(year=year.previous().label).first()
    if last is not None:
        start["last_year_priorities"] = last.next_year_priorities
    earlier = AnnualReport.objects.filter(year__lt=year.label).exclude(purpose="").first()
    if earlier is not None:  # the latest report before this year (ordering is -year)
        start["purpose"] = earlier.purpose
    return start


@transaction.atomic
def start_report(*, year: CollectionYear, actor: Any) -> AnnualReport:
    """This year's report, created from last year's when there is none yet."""
    report = AnnualReport.objects.select_for_update().filter(year=year.label).first()
    if report is not None:
        return report
    report = AnnualReport.objects.create(year=year.label, updated_by=None, **carried_over(year))
    _carry_sections(report, AnnualReport.objects.filter(year=year.previous().label).first())
    record_event(
        actor=actor,
        action=EventType.ANNUAL_REPORT_STARTED,
        target=report,
        year=year.label,
        carried_over_from=year.previous().label
        if AnnualReport.objects.filter(year=year.previous().label).exists()
        else None,
    )
    return report


@transaction.atomic
def save_narrative(
    *,
    year: CollectionYear,
    actor: Any,
    narrative: Mapping[str, str],
    version: str | None = None,
) -> AnnualReport:
    """Save the manager's text for `year` (starting the report if need be). `version` is
    what the form saw: the report's `updated_at` when it was opened, or "" when nobody
    had saved the report yet. If someone has saved since, nothing is saved and a
    ValidationError says so (the form keeps the text). None skips the check (a script
    that writes the whole narrative)."""
    unknown = set(narrative) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValueError(f"not narrative fields: {', '.join(sorted(unknown))}")
    report = start_report(year=year, actor=actor)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    saved = report.updated_at.isoformat() if report.updated_by_id is not None else ""
    if version is not None and version != saved:
        editor = report.updated_by
        who = (editor.get_full_name() or editor.get_username()) if editor else "Someone"
        raise ValidationError(
            f"{who} saved changes to this report while you were editing it. Your text is "
            "below: copy anything you need, reload the page to see their changes, then save "
            "again."
        )
    changed = [
        name
        for name in NARRATIVE_FIELDS
        if name in narrative and getattr(report, name) != narrative[name]
    ]
    for name in changed:
        setattr(report, name, narrative[name])
    report.updated_by = actor
    report.save()
    record_event(
        actor=actor,
        action=EventType.ANNUAL_REPORT_EDITED,
        target=report,
        year=year.label,
        sections=changed,
    )
    return report


@transaction.atomic
def save_report_in_admin(*, actor: Any, report: AnnualReport, sections: Any) -> AnnualReport:
    """A report edited in the administration pages: saved and audited as the app's own
    edits are."""
    report.updated_by = actor
    report.save()
    record_event(
        actor=actor,
        action=EventType.ANNUAL_REPORT_EDITED,
        target=report,
        year=report.year,
        sections=list(sections),
        purpose="administration",
    )
    return report


# --- Sections the manager adds and arranges ------------------------------------------------

TITLE_MAX = 120
TEXT_MAX = 20_000


def _carry_sections(report: AnnualReport, last: AnnualReport | None) -> None:
    """A new report keeps last year's added sections (titles only: the words are the
    year's) and the order of its sections."""
    if last is None:
        return
    keys: dict[str, str] = {}
    for section in last.added_sections.all():
        copy = AddedSection.objects.create(report=report, title=section.title)
        keys[section.key] = copy.key
    report.section_order = [keys.get(key, key) for key in last.section_order]
    report.save(update_fields=["section_order"])


def _title(title: str, report: AnnualReport, *, keep: AddedSection | None = None) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "Enter the section's title"})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"The title must be {TITLE_MAX} characters or fewer"})
    same = report.added_sections.filter(title__iexact=title)
    if keep is not None:
        same = same.exclude(pk=keep.pk)
    if same.exists():
        raise ValidationError({"title": f"The report already has a section called {title}"})
    return title


def _sections_changed(actor: Any, report: AnnualReport, **details: Any) -> None:
    record_event(
        actor=actor,
        action=EventType.ANNUAL_REPORT_SECTIONS_CHANGED,
        target=report,
        year=report.year,
        **details,
    )


@transaction.atomic
def add_section(*, year: CollectionYear, actor: Any, title: str) -> AddedSection:
    """A section of the manager's own (resource issues, a conclusion…), added at the end of
    the report (before the figures), for them to move where it reads best."""
    report = start_report(year=year, actor=actor)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    section = AddedSection.objects.create(report=report, title=_title(title, report))
    _sections_changed(actor, report, added=section.key, title=section.title)
    return section


@transaction.atomic
def save_section(*, actor: Any, section: AddedSection, title: str, text: str) -> AddedSection:
    report = AnnualReport.objects.select_for_update().get(pk=section.report_id)
    section.title = _title(title, report, keep=section)
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {"text": f"The text must be {TEXT_MAX:,} characters or fewer: split it"}
        )
    section.text = text.strip()
    section.save()
    report.updated_by = actor
    report.save(update_fields=["updated_by", "updated_at"])
    _sections_changed(actor, report, edited=section.key, title=section.title)
    return section


@transaction.atomic
def remove_section(*, actor: Any, section: AddedSection) -> None:
    report = AnnualReport.objects.select_for_update().get(pk=section.report_id)
    key, title = section.key, section.title
    section.delete()
    report.section_order = [k for k in report.section_order if k != key]
    report.save(update_fields=["section_order"])
    _sections_changed(actor, report, removed=key, title=title)


@transaction.atomic
def move_section(*, year: CollectionYear, actor: Any, key: str, step: int) -> AnnualReport:
    """Move a section one place up (step -1) or down (+1) in the year's report."""
    report = start_report(year=year, actor=actor)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    order = [k for k, _ in section_titles(year, _added_of(report), report.section_order)]
    if key not in order:
        raise ValidationError("The report has no such section: reload the page")
    if step not in (-1, 1):
        raise ValidationError("Choose to move the section up or down")
    report.section_order = moved(order, key, step)
    report.save(update_fields=["section_order"])
    _sections_changed(actor, report, moved=key, step=step)
    return report


def _added_of(report: AnnualReport) -> list[AddedSectionText]:
    return [
        AddedSectionText(section.key, section.title, section.text)
        for section in report.added_sections.all()
    ]


# --- The action plan for next year ----------------------------------------------------------

PLAN_LIMITS = {"action": 1000, "owner": 200, "timescale": 100, "impact": 1000, "outcome": 2000}
PLAN_NAMES = {
    "action": "the action",
    "owner": "who owns it",
    "timescale": "the timescale",
    "impact": "how its impact will be measured",
    "outcome": "what happened",
}


def _plan_fields(fields: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in names:
        value = (fields.get(name) or "").strip()
        if not value and name != "outcome":
            errors[name] = f"Enter {PLAN_NAMES[name]}"
        elif len(value) > PLAN_LIMITS[name]:
            errors[name] = (
                f"{PLAN_NAMES[name][:1].upper()}{PLAN_NAMES[name][1:]} must be "
                f"{PLAN_LIMITS[name]:,} characters or fewer"
            )
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


PLAN_FIELDS = ("action", "owner", "timescale", "impact")


def _plan_changed(actor: Any, planned: PlannedAction, **details: Any) -> None:
    record_event(
        actor=actor,
        action=EventType.ANNUAL_REPORT_PLAN_CHANGED,
        target=planned.report,
        year=planned.report.year,
        planned_action=planned.pk,
        **details,
    )


@transaction.atomic
def add_planned_action(
    *, year: CollectionYear, actor: Any, fields: Mapping[str, str]
) -> PlannedAction:
    """An action of `year`'s plan for the next year."""
    cleaned = _plan_fields(fields, PLAN_FIELDS)
    report = start_report(year=year, actor=actor)
    planned = PlannedAction.objects.create(report=report, **cleaned)
    _plan_changed(actor, planned, added=True)
    return planned


@transaction.atomic
def save_planned_action(
    *, actor: Any, planned: PlannedAction, fields: Mapping[str, str]
) -> PlannedAction:
    cleaned = _plan_fields(fields, PLAN_FIELDS)
    changed = [name for name in PLAN_FIELDS if getattr(planned, name) != cleaned[name]]
    for name, value in cleaned.items():
        setattr(planned, name, value)
    planned.save()
    _plan_changed(actor, planned, changed=changed)
    return planned


@transaction.atomic
def remove_planned_action(*, actor: Any, planned: PlannedAction) -> None:
    _plan_changed(actor, planned, removed=True, action_text=planned.action[:200])
    planned.delete()


@transaction.atomic
def record_outcome(*, actor: Any, planned: PlannedAction, outcome: str) -> PlannedAction:
    """What happened to an action of last year's plan (written in this year's report)."""
    planned.outcome = _plan_fields({"outcome": outcome}, ("outcome",))["outcome"]
    planned.save(update_fields=["outcome"])
    _plan_changed(actor, planned, outcome_recorded=bool(planned.outcome))
    return planned
