from django.conf import settings
from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO
from irohub.children.models import CarePeriod, Child, PersonAroundChild
from irohub.records import codes
from irohub.records.lifecycle import (
    CHAIRING,
    LATE_REASONS,
    MEETING_FORMATS,
    NON_PARTICIPATION_REASONS,
    PARENT_STATUS,
)
from irohub.statutory import EarlyTrigger

# Who attended the review meeting (besides the IRO who chaired it). Parents are recorded
# one by one (ReviewParent), not here.
ATTENDEES: dict[str, str] = {
    "child": "The child or young person",
    "carer": "Carer (foster carer, residential worker or other)",
    "social_worker": "Social worker",
    "advocate": "Advocate",
    "other_professional": "Other professional (health, education, …)",
}


def _choices(codes_: dict[str, str]) -> list[tuple[str, str]]:
    return list(codes_.items())


class Review(models.Model):
    """A statutory looked-after review meeting, chaired by the IRO.

    The database refuses a review outside its care period, a care period of another child,
    and a participation code that does not fit the child's age (PN0 exactly under 4) —
    see migration 0002 for the trigger.

    `held` is the date the review was completed (REV-DATE, OQ-2): for an adjourned review
    `first_session` is the day it opened; the clock and timeliness use `held`.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reviews")
    # No index of its own: review_one_per_day's (care_period, held) serves look-ups by care
    # period, and a second index only slows every review written (an import writes 400,000).
    care_period = models.ForeignKey(
        CarePeriod, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
    held = models.DateField("date held")
    participation = models.CharField(
        max_length=3,
        choices=codes.choices(codes.PARTICIPATION),
        help_text="How the child took part (SSDA903 REVIEW_CODE)",
    )
    chair = models.ForeignKey(
        IRO, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews_chaired"
    )
    attendance = models.JSONField(
        default=list, blank=True, help_text="Who attended, as keys of reviews.models.ATTENDEES"
    )
    # At the meeting. Blank for reviews recorded before IRO Hub asked (and imported ones).
    non_participation_reason = models.CharField(
        "why the child did not take part",
        max_length=20,
        blank=True,
        choices=_choices(NON_PARTICIPATION_REASONS),
    )
    chairing = models.CharField(
        "who chaired", max_length=20, blank=True, choices=_choices(CHAIRING)
    )
    meeting_format = models.CharField(
        "how the meeting was held", max_length=20, blank=True, choices=_choices(MEETING_FORMATS)
    )
    interpreter_used = models.BooleanField(null=True, blank=True)
    first_session = models.DateField(
        "date of the first session",
        null=True,
        blank=True,
        help_text="For an adjourned review: the day it opened (ADJ-1)",
    )
    adjournments = models.PositiveSmallIntegerField(default=0)
    adjournment_reason = models.CharField(max_length=500, blank=True)
    late_reason = models.CharField(
        "why the review was late", max_length=30, blank=True, choices=_choices(LATE_REASONS)
    )
    # After the meeting (REC-1, REC-2) and the record written to the child.
    decisions_circulated = models.DateField(null=True, blank=True)
    record_distributed = models.DateField(null=True, blank=True)
    letter_to_child = models.TextField(
        "the record written to the child",
        blank=True,
        help_text="The review's record in words the child can read",
    )
    letter_sent = models.DateField("letter sent to the child", null=True, blank=True)

    class Meta:
        ordering = ["child", "held"]
        constraints = [
            # A review is one meeting: two on the same day for one care period is a data error.
            models.UniqueConstraint(fields=["care_period", "held"], name="review_one_per_day"),
            models.CheckConstraint(
                condition=Q(first_session__isnull=True) | Q(first_session__lte=F("held")),
                name="review_first_session_not_after_held",
            ),
            models.CheckConstraint(
                condition=Q(adjournments=0) | Q(first_session__isnull=False),
                name="review_adjourned_has_first_session",
            ),
            models.CheckConstraint(
                condition=Q(decisions_circulated__isnull=True)
                | Q(decisions_circulated__gte=F("held")),
                name="review_decisions_not_before_held",
            ),
            models.CheckConstraint(
                condition=Q(record_distributed__isnull=True) | Q(record_distributed__gte=F("held")),
                name="review_record_not_before_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier} review {self.held:%d/%m/%Y} ({self.participation})"


class ReviewParent(models.Model):
    """One parent's (or other person with parental responsibility's) part in a review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="parents")
    person = models.ForeignKey(
        PersonAroundChild, on_delete=models.RESTRICT, related_name="review_parts"
    )
    status = models.CharField(max_length=30, choices=_choices(PARENT_STATUS))
    reason = models.CharField(
        max_length=500, blank=True, help_text="Why they were not invited (safety, court order…)"
    )

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="review_parent_once"),
            models.CheckConstraint(
                condition=~Q(status="not_invited") | ~Q(reason=""),
                name="review_parent_not_invited_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}: {self.get_status_display()}"


class ReviewAction(models.Model):
    """A decision of the review and the action agreed on it: who does it, by when."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    decision = models.TextField()
    owner = models.CharField(
        max_length=200, help_text="Who is responsible, by name or role (e.g. the foster carer)"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_actions",
        help_text="The owner's IRO Hub account, when they have one (a social worker)",
    )
    due = models.DateField("due by")
    completed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "due", "id"]

    def __str__(self) -> str:
        return f"{self.decision[:40]} ({self.owner}, by {self.due:%d/%m/%Y})"


class EarlyReview(models.Model):
    """An early review asked for (ER-1 to ER-6, spec §2.4): it brings the next review
    forward until a review is held on or after the day it was raised (the review clock in
    irohub.statutory reads it through `CarePeriod.early_reviews`)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="early_reviews")
    care_period = models.ForeignKey(
        CarePeriod, on_delete=models.CASCADE, related_name="early_reviews"
    )
    trigger = models.CharField(
        max_length=4, choices=[(t.value, f"{t.value}: {t.description}") for t in EarlyTrigger]
    )
    raised = models.DateField("date raised")
    event_date = models.DateField(
        "date the change takes effect",
        null=True,
        blank=True,
        help_text="ER-3 to ER-6: the review must be held before this day",
    )
    due = models.DateField("early review due by")
    note = models.CharField(max_length=500, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "raised", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due__gte=F("raised")), name="early_review_due_not_before_raised"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier} {self.trigger} raised {self.raised:%d/%m/%Y}"
