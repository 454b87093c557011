"""Advocacy referrals: a child referred to the advocacy service, why, whether it is a new
request or a re-referral, and what came of it (Central Bedfordshire's tables, M-PAR-05).

The offer of an advocate before each review is an item of the review checklist
(irohub.consultation); a referral is the service's record that one was asked for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from irohub.children.models import Child
from irohub.records.advocacy import OUTCOMES, REASONS


class AdvocacyReferral(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="advocacy_referrals")
    referred = models.DateField("date referred")
    reason = models.CharField(max_length=20, choices=list(REASONS.items()))
    re_referral = models.BooleanField(
        "re-referral", default=False, help_text="The child has had an advocate before"
    )
    outcome = models.CharField(max_length=20, choices=list(OUTCOMES.items()), default="open")
    closed = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "referred", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=F("referred")),
                name="advocacy_closed_not_before_referred",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="open") & Q(closed__isnull=True))
                | (~Q(outcome="open") & Q(closed__isnull=False)),
                name="advocacy_outcome_with_closed_date",
            ),
        ]

    def __str__(self) -> str:
        reason = REASONS.get(self.reason, self.reason)
        return f"{self.child.identifier}: {reason} ({self.referred:%d/%m/%Y})"
