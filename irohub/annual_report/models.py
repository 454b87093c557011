"""The annual report's narrative: what the service manager writes, one report a year.

The figures are never stored: they are computed from the register each time the report is
shown or downloaded, so they are always the register's. The narrative is kept, and next
year's report starts from it (see actions.start_report).
"""

from django.conf import settings
from django.db import models

from irohub.annual_report.narrative import ADDED_PREFIX, LABELS
from irohub.records.years import CollectionYear, year_slug


def _text(name: str) -> models.TextField:
    return models.TextField(LABELS[name], blank=True, default="")


class AnnualReport(models.Model):
    year = models.CharField(
        "collection year",
        max_length=7,
        unique=True,
        help_text="The financial year the report covers, written like 2025/26",
    )
    introduction = _text("introduction")
    purpose = _text("purpose")
    service = _text("service")
    children = _text("children")
    timeliness = _text("timeliness")
    participation = _text("participation")
    parents = _text("parents")
    quality = _text("quality")
    resolutions = _text("resolutions")
    advocacy = _text("advocacy")
    child_protection = _text("child_protection")
    complaints_compliments = _text("complaints_compliments")
    last_year_priorities = _text("last_year_priorities")
    next_year_priorities = _text("next_year_priorities")
    # The order of the report's sections as the manager arranged it (section keys; empty:
    # the standard order). The figures appendix always comes last.
    section_order = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__regex=r"^[0-9]{4}/[0-9]{2}$"),
                name="annual_report_year_label",
            )
        ]

    def __str__(self) -> str:
        return f"IRO annual report {self.year}"

    @property
    def slug(self) -> str:
        """The year in a URL: 2025/26 → 2025-26."""
        return year_slug(CollectionYear.parse(self.year))


class AddedSection(models.Model):
    """A section the service manager added to a year's report (resource issues, the Ofsted
    action plan, a conclusion…). Next year's report starts with the same sections, empty."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="added_sections"
    )
    title = models.CharField(max_length=120)
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "title"], name="added_section_title_once")
        ]

    def __str__(self) -> str:
        return f"{self.report.year}: {self.title}"

    @property
    def key(self) -> str:
        return f"{ADDED_PREFIX}{self.pk}"


class PlannedAction(models.Model):
    """One action of a year's plan for the next year: what, who, by when and how its impact
    will be measured. Next year's report shows it again with what happened (`outcome`)."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="planned_actions"
    )
    action = models.TextField()
    owner = models.CharField(max_length=200)
    timescale = models.CharField(max_length=100)
    impact = models.TextField("how impact will be measured")
    outcome = models.TextField("what happened", blank=True, default="")

    class Meta:
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="") & ~models.Q(owner="") & ~models.Q(timescale=""),
                name="planned_action_has_action_owner_timescale",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report.year}: {self.action[:60]}"
