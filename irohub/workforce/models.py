"""The establishment, staff terms and absences. A person is an IRO (accounts.IRO) or a
foster carer reviewing officer (fostering.ReviewingOfficer): terms and absences name
exactly one of them (a database constraint). Dates are inclusive; no end while it lasts."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO, Team
from irohub.records.workforce import ABSENCE_REASONS, BASES, ROLES

FTE_HELP = "Full-time equivalent, for example 0.60 for three days a week"


def _fte_field(help_text: str = FTE_HELP) -> models.DecimalField:
    return models.DecimalField(
        "FTE", max_digits=3, decimal_places=2, default=Decimal("1.00"), help_text=help_text
    )


def _dates_in_order(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name=name
    )


def _fte_in_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name=name)


def _one_person(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(iro__isnull=False) & Q(reviewing_officer__isnull=True))
        | (Q(iro__isnull=True) & Q(reviewing_officer__isnull=False)),
        name=name,
    )


class Post(models.Model):
    """A post of the establishment: funded from `start_date`, filled or not."""

    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        help_text="None for a post outside the IRO teams (a foster carer reviewing officer)",
    )
    role = models.CharField(max_length=10, choices=list(ROLES.items()))
    fte = _fte_field("Full-time equivalent of the post, for example 1.00 or 0.50")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["team__name", "role", "start_date", "id"]
        constraints = [
            _fte_in_range("post_fte_between_0_and_1"),
            _dates_in_order("post_end_not_before_start"),
        ]

    def __str__(self) -> str:
        team = self.team.name if self.team else "no team"
        return f"{self.title or ROLES[self.role]} ({team}, {self.fte} FTE)"


class Terms(models.Model):
    """A person worked `fte` on `basis` (employed, agency, interim) between the dates: a
    change of hours, or a spell of agency or interim work."""

    iro = models.ForeignKey(
        IRO, on_delete=models.CASCADE, null=True, blank=True, related_name="terms"
    )
    reviewing_officer = models.ForeignKey(
        "fostering.ReviewingOfficer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
    )
    basis = models.CharField(max_length=10, choices=list(BASES.items()))
    fte = _fte_field()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "terms of work"
        verbose_name_plural = "terms of work"
        constraints = [
            _fte_in_range("terms_fte_between_0_and_1"),
            _dates_in_order("terms_end_not_before_start"),
            _one_person("terms_of_one_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {BASES[self.basis]}, {self.fte} FTE from {self.start_date}"

    @property
    def person(self) -> models.Model:
        return self.iro or self.reviewing_officer  # type: ignore[return-value]


class Absence(models.Model):
    """A person's absence (sickness or other leave) between the dates."""

    iro = models.ForeignKey(
        IRO, on_delete=models.CASCADE, null=True, blank=True, related_name="absences"
    )
    reviewing_officer = models.ForeignKey(
        "fostering.ReviewingOfficer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="absences",
    )
    reason = models.CharField(max_length=10, choices=list(ABSENCE_REASONS.items()))
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "id"]
        constraints = [
            _dates_in_order("absence_end_not_before_start"),
            _one_person("absence_of_one_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {ABSENCE_REASONS[self.reason]} from {self.start_date}"

    @property
    def person(self) -> models.Model:
        return self.iro or self.reviewing_officer  # type: ignore[return-value]
