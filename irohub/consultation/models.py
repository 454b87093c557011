"""Before and after a review: the preparation checklist, consultation links and the
views returned (online, on paper or through an app).

An upcoming review is not a `reviews.Review` row until it is held, so the checklist and the
consultation hang on the child and the review's due date (from the review-clock cache);
when the review is recorded they are linked to it (irohub.consultation.receivers).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from irohub.children.models import Child, PersonAroundChild
from irohub.records.consultation import FORMS, VERSION_LABELS, Respondent
from irohub.reviews.models import Review

VERSION_CHOICES = [(version.value, VERSION_LABELS[version]) for version in FORMS]
RESPONDENT_CHOICES = [(r.value, r.value.capitalize()) for r in Respondent]

# How the IRO spoke to the child before the review (IRO-4).
SPOKE_HOW: dict[str, str] = {
    "in_person_alone": "In person, on their own",
    "in_person_with_someone": "In person, with someone they chose",
    "video": "By video call",
    "phone": "By phone",
    "message": "By text, e-mail or an app such as MOMO",
    "observed": "Observed (a young child or a child who does not use words)",
    "not_spoken": "Did not speak to the child",
}
SOURCES: dict[str, str] = {
    "online": "Online form",
    "paper": "Paper booklet",
    "app": "An app (for example MOMO)",
    "conversation": "Told to the IRO or social worker",
}


class ReviewPreparation(models.Model):
    """The checklist for one upcoming review of a child (due on `due`)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="review_preparations")
    due = models.DateField(help_text="The day the review is due (or booked), when prepared")
    review = models.OneToOneField(
        Review,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="preparation",
        help_text="The review, once it is held and recorded",
    )
    invitations_sent = models.DateField(null=True, blank=True)
    report_received = models.DateField("social worker's report received", null=True, blank=True)
    spoke_to_child = models.DateField(
        "IRO spoke to the child before the review", null=True, blank=True
    )
    spoke_how = models.CharField(max_length=30, blank=True, choices=list(SPOKE_HOW.items()))
    not_spoken_reason = models.CharField(max_length=500, blank=True)
    advocacy_offered = models.DateField(null=True, blank=True)
    advocate_wanted = models.BooleanField(null=True, blank=True)
    interpreter_needed = models.BooleanField(null=True, blank=True)
    interpreter_language = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "due"]
        constraints = [
            # One checklist per upcoming review: two for the same due day is a data error.
            models.UniqueConstraint(
                fields=["child", "due"],
                condition=Q(review__isnull=True),
                name="preparation_one_open_per_due_day",
            ),
            models.CheckConstraint(
                condition=~Q(spoke_how="not_spoken") | Q(spoke_to_child__isnull=True),
                name="preparation_not_spoken_has_no_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: review due {self.due:%d/%m/%Y}"


class ConsultationRequest(models.Model):
    """A signed, single-use, expiring link sent to the child, a parent or the carer.

    The link carries this row's id and `nonce`, signed with the site's secret
    (irohub.consultation.links); it opens the form until `expires` (end of that day) and
    once answered (`used`) never again.
    """

    preparation = models.ForeignKey(
        ReviewPreparation, on_delete=models.CASCADE, related_name="requests"
    )
    respondent = models.CharField(max_length=10, choices=RESPONDENT_CHOICES)
    name = models.CharField(
        max_length=200, help_text="Who the link is for, e.g. the child's first name or 'Mother'"
    )
    email = models.EmailField(blank=True)
    person = models.ForeignKey(
        PersonAroundChild,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
        help_text="The parent or carer on the child's record the link was sent to",
    )
    version = models.CharField(max_length=20, choices=VERSION_CHOICES)
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    expires = models.DateField(help_text="The last day the link works")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    used = models.DateTimeField(null=True, blank=True, help_text="When the form was sent back")

    class Meta:
        ordering = ["preparation", "created"]

    def __str__(self) -> str:
        return f"{VERSION_LABELS.get(self.version, self.version)} for {self.name}"


class ConsultationResponse(models.Model):
    """Views returned for a review: from an online form, or attached by the IRO from a
    paper booklet, an app such as MOMO, or a conversation."""

    preparation = models.ForeignKey(
        ReviewPreparation, on_delete=models.CASCADE, related_name="responses"
    )
    request = models.OneToOneField(
        ConsultationRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    respondent = models.CharField(max_length=10, choices=RESPONDENT_CHOICES)
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20, choices=VERSION_CHOICES)
    source = models.CharField(max_length=20, choices=list(SOURCES.items()))
    answers = models.JSONField(
        default=dict, blank=True, help_text="Question key → answer (a list for 'choose any')"
    )
    summary = models.TextField(blank=True, help_text="The views in the IRO's words (paper, app)")
    returned = models.DateField(help_text="The day the views reached the IRO")
    after_expiry = models.BooleanField(
        default=False, help_text="Sent back after the link had expired (kept all the same)"
    )
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["preparation", "returned", "id"]

    def __str__(self) -> str:
        return f"{VERSION_LABELS.get(self.version, self.version)} from {self.name}"
