"""Optional records of a child's nationality and immigration applications (EU Settlement
Scheme, asylum claims of unaccompanied children, other leave, citizenship), with dates and
outcomes (Bradford 2020/21). Kept over time: a new application is a new row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from irohub.children.models import Child
from irohub.records.immigration import APPLICATION_KINDS, NEEDS, OUTCOMES


class Nationality(models.Model):
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="nationality")
    nationality = models.CharField(max_length=100, blank=True)
    needs = models.CharField(
        "immigration status", max_length=20, choices=list(NEEDS.items()), default="unknown"
    )
    updated = models.DateField()

    class Meta:
        verbose_name_plural = "nationalities"

    def __str__(self) -> str:
        return f"{self.child.identifier}: {self.nationality or 'nationality not recorded'}"


class Application(models.Model):
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="immigration_applications"
    )
    kind = models.CharField(max_length=20, choices=list(APPLICATION_KINDS.items()))
    made = models.DateField("date made")
    outcome = models.CharField(max_length=20, choices=list(OUTCOMES.items()), default="pending")
    decided = models.DateField("date decided", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-made", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="pending") & Q(decided__isnull=True))
                | (~Q(outcome="pending") & Q(decided__isnull=False) & Q(decided__gte=F("made"))),
                name="immigration_decided_with_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: {APPLICATION_KINDS.get(self.kind, self.kind)}"
