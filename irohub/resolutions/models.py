"""The IRO's challenges through the council's dispute resolution process (spec §2.10).

The moves and deadlines are the rules core's (irohub.statutory.resolution); a challenge
row keeps where it is (its `ResolutionState`) and the deadlines computed from it, as a
cache for lists, written only by irohub.resolutions.actions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from irohub.accounts.models import IRO, SocialWorkTeam
from irohub.children.models import Child
from irohub.reviews.models import Review
from irohub.statutory.resolution import (
    DEFAULT_STAGE_NAMES,
    Outcome,
    ResolutionState,
    Stage,
    Status,
)

STAGE_CHOICES = [(stage.value, DEFAULT_STAGE_NAMES[stage]) for stage in Stage]
STATUS_CHOICES = [(status.value, status.value.capitalize()) for status in Status]
OUTCOME_CHOICES = [(outcome.value, outcome.value.capitalize()) for outcome in Outcome]


class PracticeTheme(models.Model):
    """A theme of practice an IRO names in a rating or a challenge (drift in permanence,
    contact, health …): the council keeps its own list in the administration pages."""

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists")
    active = models.BooleanField(default=True, help_text="Offered for new ratings and challenges")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ResolutionStage(models.Model):
    """The council's name and response time for each stage (DR-2): editable, one row each."""

    stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES, unique=True)
    name = models.CharField(max_length=100)
    response_working_days = models.PositiveSmallIntegerField(
        help_text="Working days the manager has to respond at this stage"
    )

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_working_days__gte=1), name="resolution_stage_days_positive"
            ),
            models.CheckConstraint(condition=Q(stage__lte=3), name="resolution_stage_known"),
        ]

    def __str__(self) -> str:
        return self.name


class Challenge(models.Model):
    """One IRO challenge about one child: informal or formal, with its stage and dates."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="challenges")
    review = models.ForeignKey(
        Review,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
        help_text="The review whose quality rating opened it, if one did",
    )
    iro = models.ForeignKey(
        IRO, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges"
    )
    social_work_team = models.ForeignKey(
        SocialWorkTeam,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
        help_text="The team of the child's social worker when it was raised: its managers respond",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issue = models.TextField(help_text="What the IRO is challenging")
    themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="challenges")
    opened = models.DateField()
    stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    stage_started = models.DateField()
    last_step = models.DateField()
    formal_started = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)
    agreed_action = models.TextField(blank=True)
    cafcass_referred = models.DateField(null=True, blank=True)
    # Caches of the rules core's deadlines for the current state (lists sort on them).
    stage_due = models.DateField(null=True, blank=True)
    formal_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status=Status.CLOSED.value, closed__isnull=False)
                    & ~Q(outcome="")
                    & ~Q(agreed_action="")
                )
                | (~Q(status=Status.CLOSED.value) & Q(closed__isnull=True) & Q(outcome="")),
                name="challenge_closed_with_date_outcome_and_action",
            ),
            models.CheckConstraint(
                condition=Q(stage=0, formal_started__isnull=True)
                | Q(stage__gte=1, stage__lte=3, formal_started__isnull=False),
                name="challenge_formal_start_with_formal_stage",
            ),
        ]
        indexes = [models.Index(fields=["status", "stage_due"])]

    def __str__(self) -> str:
        return f"Challenge {self.pk} about {self.child.identifier} ({self.get_stage_display()})"

    @property
    def state(self) -> ResolutionState:
        return ResolutionState(
            stage=Stage(self.stage),
            status=Status(self.status),
            opened=self.opened,
            stage_started=self.stage_started,
            last_step=self.last_step,
            formal_started=self.formal_started,
            closed=self.closed,
            outcome=Outcome(self.outcome) if self.outcome else None,
            cafcass_referred=self.cafcass_referred,
        )

    def take(self, state: ResolutionState) -> None:
        """Copy the rules core's state onto the row (the action saves it)."""
        self.stage = int(state.stage)
        self.status = state.status.value
        self.opened = state.opened
        self.stage_started = state.stage_started
        self.last_step = state.last_step
        self.formal_started = state.formal_started
        self.closed = state.closed
        self.outcome = state.outcome.value if state.outcome else ""
        self.cafcass_referred = state.cafcass_referred

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED.value


class ChallengeStep(models.Model):
    """One dated step of a challenge: opened, a response, an escalation, closing, Cafcass."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        RESPONDED = "responded", "Response"
        ESCALATED = "escalated", "Escalated"
        CLOSED = "closed", "Closed"
        CAFCASS = "cafcass", "Referred to Cafcass"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=150, blank=True)
    text = models.TextField(blank=True, help_text="The issue, response, reason or agreed action")

    class Meta:
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.day:%d/%m/%Y}"
