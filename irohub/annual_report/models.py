"""The annual report's narrative: what the service manager writes, one report a year.

The figures are never stored: they are computed from the register each time the report is
shown or downloaded, so they are always the register's. The narrative is kept, and next
year's report starts from it (see actions.start_report).
"""

from django.conf import settings
from django.db import models

from irohub.annual_report.narrative import LABELS
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
