"""What the IRO does between reviews, independent visitors offered, and the managers'
audits of IRO case files (Bradford, Central Bedfordshire; spec M-PAR-03, M-PAR-07).

Kept over time, never overwritten: each contact and each audit is its own row. An
independent visitor once matched is a person around the child (children.PersonAroundChild,
role "independent_visitor"); the offer here is how the child came to have one, or is still
waiting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.records.oversight import AUDIT_GRADES, CONTACT_KINDS, VISITOR_OUTCOMES


class IroContact(models.Model):
    """A visit to the child, a midway check with the social worker, or another IRO entry on
    the child's case record between reviews."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="iro_contacts")
    kind = models.CharField(max_length=20, choices=list(CONTACT_KINDS.items()))
    day = models.DateField("date")
    iro = models.ForeignKey(
        IRO, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-day", "-id"]
        indexes = [models.Index(fields=["child", "day"])]

    def __str__(self) -> str:
        return f"{self.child.identifier}: {CONTACT_KINDS.get(self.kind, self.kind)} ({self.day})"


class VisitorOffer(models.Model):
    """An independent visitor offered to the child, and what came of it."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="visitor_offers")
    offered = models.DateField("date offered")
    outcome = models.CharField(
        max_length=20, choices=list(VISITOR_OUTCOMES.items()), default="waiting"
    )
    closed = models.DateField("date decided", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "offered", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=F("offered")),
                name="visitor_offer_closed_not_before_offered",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="waiting") & Q(closed__isnull=True))
                | (~Q(outcome="waiting") & Q(closed__isnull=False)),
                name="visitor_offer_outcome_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: independent visitor offered {self.offered}"


class CaseFileAudit(models.Model):
    """A manager's audit of an IRO's file for one child: each question of
    records.oversight.AUDIT_QUESTIONS answered yes, partly or no, an overall grade, the
    findings and what the IRO is to do."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_file_audits")
    iro = models.ForeignKey(
        IRO, null=True, blank=True, on_delete=models.SET_NULL, related_name="file_audits"
    )
    audited = models.DateField("date audited")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(default=dict)
    grade = models.CharField(max_length=30, choices=list(AUDIT_GRADES.items()))
    findings = models.TextField()
    actions = models.TextField("actions for the IRO", blank=True)

    class Meta:
        ordering = ["-audited", "-id"]

    def __str__(self) -> str:
        return f"Audit of {self.child.identifier}'s file ({self.audited})"
