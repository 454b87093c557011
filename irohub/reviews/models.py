from django.db import models

from irohub.accounts.models import IRO
from irohub.children.models import CarePeriod, Child
from irohub.records import codes

# Who attended the review meeting (besides the IRO who chaired it).
ATTENDEES: dict[str, str] = {
    "child": "The child or young person",
    "parent": "Parent or person with parental responsibility",
    "carer": "Carer (foster carer, residential worker or other)",
    "social_worker": "Social worker",
    "advocate": "Advocate",
    "other_professional": "Other professional (health, education, …)",
}


class Review(models.Model):
    """A statutory looked-after review meeting, chaired by the IRO.

    The database refuses a review outside its care period, a care period of another child,
    and a participation code that does not fit the child's age (PN0 exactly under 4) —
    see migration 0002 for the trigger.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reviews")
    care_period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="reviews")
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

    class Meta:
        ordering = ["child", "held"]
        constraints = [
            # A review is one meeting: two on the same day for one care period is a data error.
            models.UniqueConstraint(fields=["care_period", "held"], name="review_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier} review {self.held:%d/%m/%Y} ({self.participation})"
