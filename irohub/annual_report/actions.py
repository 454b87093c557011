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

from irohub.annual_report.models import AnnualReport
from irohub.annual_report.narrative import DEFAULTS, NARRATIVE_FIELDS
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
