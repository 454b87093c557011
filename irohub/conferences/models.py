"""Child protection in the register: the enquiry, its conferences and the plan.

A `ProtectionCase` is one sequence of conferences as the rules core times it
(irohub.statutory.conferences): it begins with the strategy discussion that started a
section 47 enquiry (or the notice that a child on another council's plan has moved here, or
a pre-birth strategy discussion), its first conference makes a plan or decides none is
needed, review conferences keep the plan or end it. A child may or may not be in care. A
new plan after an ended one is a new case: a repeat plan for the measures.

The case's next conference due date is a cache of the rules core, written only by
irohub.conferences.clock.refresh_conference_clock.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.records import codes

# Who attended a conference (besides the IRO who chaired it).
CONFERENCE_ATTENDEES: dict[str, str] = {
    "child": "The child or young person",
    "parent": "Parent or person with parental responsibility",
    "social_worker": "Social worker",
    "police": "Police",
    "health": "Health (GP, health visitor, school nurse or other)",
    "education": "School or early years setting",
    "advocate": "Advocate",
    "other_professional": "Other professional",
}


class ProtectionCase(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="protection_cases")
    begins = models.CharField(
        "what started it",
        max_length=20,
        choices=list(codes.PROTECTION_START.items()),
        default="strategy discussion",
    )
    start = models.DateField(
        help_text="The strategy discussion that started the section 47 enquiry (or the day "
        "the council was told of the transfer in)"
    )
    s47_start = models.DateField(
        "section 47 enquiry started",
        null=True,
        blank=True,
        help_text="CIN census S47ActualStartDate; normally the day of the strategy discussion",
    )
    expected_delivery = models.DateField(
        "expected date of delivery",
        null=True,
        blank=True,
        help_text="For an unborn child: times the pre-birth initial conference",
    )
    chair = models.ForeignKey(
        IRO,
        on_delete=models.PROTECT,
        related_name="protection_cases_chaired",
        help_text="The IRO who chairs the child's conferences",
    )
    plan_start = models.DateField(null=True, blank=True, editable=False)
    category = models.CharField(
        "category of abuse when the plan was made",
        max_length=3,
        blank=True,
        choices=codes.choices(codes.CATEGORY_OF_ABUSE),
    )
    latest_category = models.CharField(
        "latest category of abuse",
        max_length=3,
        blank=True,
        choices=codes.choices(codes.CATEGORY_OF_ABUSE),
    )
    ended = models.DateField(null=True, blank=True, editable=False)
    end_reason = models.CharField(
        max_length=12, blank=True, choices=list(codes.PROTECTION_END_REASON.items())
    )
    # Cache of the conference clock (see the module docstring); null when none is due.
    next_conference_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    conferences_held = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["child", "start"]
        verbose_name = "child protection case"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=F("start")),
                name="protection_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=(Q(ended__isnull=True) & Q(end_reason=""))
                | (Q(ended__isnull=False) & ~Q(end_reason="")),
                name="protection_end_reason_with_end",
            ),
            models.CheckConstraint(
                condition=Q(plan_start__isnull=True) | Q(plan_start__gte=F("start")),
                name="protection_plan_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(begins="pre-birth") | Q(expected_delivery__isnull=False),
                name="protection_pre_birth_has_delivery_date",
            ),
            # One open case at a time for a child.
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended__isnull=True),
                name="protection_one_open_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: child protection from {self.start:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def plan_end(self) -> date | None:
        return self.ended if self.plan_start is not None else None


class Conference(models.Model):
    """A child protection conference (initial, pre-birth, transfer-in or review), chaired by
    an IRO. Which it is follows from its place in the case (the first is the initial)."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.CASCADE, related_name="conferences")
    held = models.DateField("date held")
    chair = models.ForeignKey(IRO, on_delete=models.PROTECT, related_name="conferences_chaired")
    participation = models.CharField(
        max_length=3,
        choices=codes.choices(codes.PARTICIPATION),
        help_text="How the child took part (the same codes as reviews)",
    )
    attendance = models.JSONField(
        default=list, blank=True, help_text="Who attended, as keys of CONFERENCE_ATTENDEES"
    )
    quorate = models.BooleanField(default=True)
    decision = models.CharField(max_length=10, choices=list(codes.CONFERENCE_DECISION.items()))

    class Meta:
        ordering = ["case", "held"]
        constraints = [
            models.UniqueConstraint(fields=["case", "held"], name="conference_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.case.child.identifier} conference {self.held:%d/%m/%Y}"

    @property
    def parents_attended(self) -> bool:
        return "parent" in self.attendance
