"""The IRO's feedback on commissioned services (Central Bedfordshire's quality loop: "the
revised monitoring form includes feedback on Commissioned Services, including placements,
The Children's Society, CAMHS provision and other specialist services"): after a review the
IRO rates each service the child had, and the commissioning team sees the ratings by
provider. A red rating can open a challenge like any other (irohub.resolutions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from irohub.children.models import Child
from irohub.quality.models import Rating
from irohub.resolutions.models import Challenge
from irohub.reviews.models import Review


class ServiceKind(models.TextChoices):
    PLACEMENT = "placement", "Placement provider"
    CAMHS = "camhs", "CAMHS (children's mental health)"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor service"
    ADVOCACY = "advocacy", "Advocacy service"
    OTHER = "other", "Other specialist service"


class Provider(models.Model):
    """A commissioned service: kept by an administrator (the register's reference data)."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("service", max_length=30, choices=ServiceKind.choices)
    active = models.BooleanField(
        default=True, help_text="Offered to IROs for new feedback while commissioned"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderFeedback(models.Model):
    """The IRO's rating of one service after one review, with a comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="provider_feedback")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="provider_feedback")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="feedback")
    rating = models.CharField(max_length=5, choices=Rating.choices)
    comment = models.TextField(blank=True, default="")
    rated_on = models.DateField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-rated_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "provider"], name="provider_rated_once"),
            # A challenge opens only from a red rating.
            models.CheckConstraint(
                condition=Q(challenge__isnull=True) | Q(rating=Rating.RED),
                name="provider_challenge_only_when_red",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.rating} on {self.rated_on:%d/%m/%Y}"
