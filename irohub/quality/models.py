"""Quality assurance by the IRO service: the rating after every review (M-PRC-04 to 06),
recognitions of good practice, complaints and compliments about the service, and
observations of each IRO chairing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.resolutions.models import PracticeTheme
from irohub.reviews.models import Review


class Rating(models.TextChoices):
    # The words shown are configurable (quality.labels); the stored keys are not.
    GOLD = "gold", "Gold"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


# An amber or red care-planning rating opens an informal challenge (seed: Wolverhampton 6.3).
CHALLENGE_RATINGS = frozenset({Rating.AMBER, Rating.RED})


class InDate(models.TextChoices):
    YES = "yes", "In date"
    NO = "no", "Not in date"
    NOT_APPLICABLE = "na", "Not applicable"


# The other plans checked at the review (M-PRC-06): field name → what it is.
PLAN_CHECKS: dict[str, str] = {
    "pep": "Personal education plan (PEP)",
    "health_assessment": "Health assessment",
    "sdq": "Strengths and difficulties questionnaire (SDQ)",
    "pathway_plan": "Pathway plan (16 and over)",
    "permanence_plan": "Permanence plan (by the second review)",
}


def _in_date(label: str) -> models.CharField:
    return models.CharField(label, max_length=3, choices=InDate.choices)


class QualityRating(models.Model):
    """The IRO's quality assurance of one review: three ratings, the plans checked, themes."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="quality_rating")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="quality_ratings")
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_on = models.DateField()
    care_planning = models.CharField(
        max_length=5, choices=Rating.choices, help_text="The quality of the child's care planning"
    )
    preparation = models.CharField(
        "preparation for the review", max_length=5, choices=Rating.choices
    )
    social_work_report = models.CharField(
        "the social worker's report", max_length=5, choices=Rating.choices
    )
    care_plan_up_to_date = models.BooleanField("care plan up to date")
    pep = _in_date(PLAN_CHECKS["pep"])
    health_assessment = _in_date(PLAN_CHECKS["health_assessment"])
    sdq = _in_date(PLAN_CHECKS["sdq"])
    pathway_plan = _in_date(PLAN_CHECKS["pathway_plan"])
    permanence_plan = _in_date(PLAN_CHECKS["permanence_plan"])
    themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="ratings")
    feedback = models.TextField(
        blank=True, help_text="Feedback for the social worker and their team manager"
    )

    class Meta:
        ordering = ["-rated_on", "-id"]

    def __str__(self) -> str:
        return f"Rating of {self.review}: {self.get_care_planning_display()}"


class Recognition(models.Model):
    """A recognition of excellent or good practice sent by an IRO (Wolverhampton 6.6)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="recognitions")
    rating = models.ForeignKey(
        QualityRating, null=True, blank=True, on_delete=models.SET_NULL, related_name="recognitions"
    )
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recognised = models.CharField(
        max_length=150, help_text="Who is recognised (the social worker, the carer …)"
    )
    note = models.TextField(help_text="The good practice seen")

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"Recognition of {self.recognised} on {self.sent_on:%d/%m/%Y}"


class ServiceFeedback(models.Model):
    """A complaint or a compliment about the IRO service, with its outcome."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        COMPLIMENT = "compliment", "Compliment"

    class From(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        PROFESSIONAL = "professional", "Professional"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    received = models.DateField()
    source = models.CharField("from", max_length=12, choices=From.choices)
    about_iro = models.ForeignKey(
        IRO, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    summary = models.TextField()
    outcome = models.TextField(blank=True, help_text="For a complaint: what was found and done")
    concluded = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received", "-id"]
        verbose_name = "complaint or compliment"
        verbose_name_plural = "complaints and compliments"
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded__isnull=True) | Q(concluded__gte=models.F("received")),
                name="service_feedback_concluded_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} received {self.received:%d/%m/%Y}"


class ChairingObservation(models.Model):
    """An observation of an IRO chairing a review (Central Bedfordshire: each IRO yearly)."""

    iro = models.ForeignKey(IRO, on_delete=models.PROTECT, related_name="observations")
    observed = models.DateField()
    observer = models.CharField(max_length=150)
    rating = models.CharField(max_length=5, choices=Rating.choices)
    feedback = models.TextField()
    actions = models.TextField(blank=True, help_text="What the IRO will develop")

    class Meta:
        ordering = ["-observed", "-id"]

    def __str__(self) -> str:
        return f"Observation of {self.iro} on {self.observed:%d/%m/%Y}"
