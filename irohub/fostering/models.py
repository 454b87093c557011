"""Fostering households, the foster carer reviewing officers (FIROs) who review them, and
their reviews (FSR 2011 reg 28; statutory-rules.md §7).

A household's next review due is a cache of the rules core's foster carer clock
(irohub.statutory.foster_carers), written only by irohub.fostering.clock.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.records.fostering import HOUSEHOLD_KINDS

DEREGISTRATION_REASONS = {
    "resigned": "The carers resigned",
    "unsuitable": "The review found the household no longer suitable",
    "moved": "The carers moved to another fostering service",
    "connected_ended": "Connected-person approval ended (the child's placement ended)",
    "other": "Another reason",
}
CHANGE_KINDS = {
    "allegation": "An allegation or a concern about standards of care",
    "significant_change": "A significant change in the household (someone joined or left, "
    "health, a move)",
    "terms": "A change to the terms of approval",
    "other": "Another change the fostering service considers calls for a review",
}
RECOMMENDATIONS = {
    "continue": "Approval continues on the same terms",
    "change_terms": "Approval continues with changed terms",
    "terminate": "Approval should end",
}
MEETS_NEEDS = {
    "yes": "The placement meets the child's needs",
    "concerns": "It meets the child's needs, with concerns",
    "no": "It does not meet the child's needs",
}


def choices(options: dict[str, str]) -> list[tuple[str, str]]:
    return list(options.items())


class ReviewingOfficer(models.Model):
    """A foster carer reviewing officer (FIRO): a member of staff who reviews fostering
    households independently of their supervising social workers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviewing_officer"
    )
    fte = models.DecimalField(
        "FTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text="Full-time equivalent on foster carer reviews, for example 0.60",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = "foster carer reviewing officer (FIRO)"
        verbose_name_plural = "foster carer reviewing officers (FIROs)"
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="firo_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="firo_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Household(models.Model):
    """A fostering household approved by the council: mainstream foster carers, or
    connected persons (family and friends) approved for a particular child."""

    reference = models.CharField(
        max_length=20, unique=True, help_text="The fostering service's own reference"
    )
    name = models.CharField(max_length=100, help_text="For example, the Patel household")
    carers = models.CharField(max_length=200, help_text="The foster carers' names")
    kind = models.CharField(max_length=10, choices=choices(HOUSEHOLD_KINDS))
    approved = models.DateField(help_text="The agency decision-maker's approval")
    terms_of_approval = models.CharField(max_length=200, blank=True)
    deregistered = models.DateField(null=True, blank=True)
    deregistration_reason = models.CharField(
        max_length=20, blank=True, choices=choices(DEREGISTRATION_REASONS)
    )
    reviewing_officer = models.ForeignKey(
        ReviewingOfficer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
    )
    # Cache of the foster carer review clock (see the module docstring).
    next_review_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    reviews_held = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deregistered__isnull=True) | Q(deregistered__gte=F("approved")),
                name="household_deregistered_not_before_approved",
            ),
            models.CheckConstraint(
                condition=(Q(deregistered__isnull=True) & Q(deregistration_reason=""))
                | (Q(deregistered__isnull=False) & ~Q(deregistration_reason="")),
                name="household_deregistration_reason_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"

    @property
    def is_approved(self) -> bool:
        return self.deregistered is None


class ChangeOfCircumstances(models.Model):
    """A change the fostering service considers calls for a review (FC-3)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="changes")
    recorded = models.DateField()
    kind = models.CharField(max_length=20, choices=choices(CHANGE_KINDS))
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["household", "recorded", "id"]
        verbose_name_plural = "changes of circumstances"

    def __str__(self) -> str:
        return f"{self.household.reference}: {self.get_kind_display()} on {self.recorded:%d/%m/%Y}"


class CarerReview(models.Model):
    """One review of a household's approval: the meeting (its date times the clock,
    OQ-12), who chaired it, the views gathered, the recommendation, and when it went to
    the fostering panel and the decision was made."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="reviews")
    held = models.DateField()
    chair = models.ForeignKey(
        ReviewingOfficer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    carers_views = models.TextField(max_length=4000)
    childrens_views = models.TextField(max_length=4000, blank=True)
    recommendation = models.CharField(max_length=20, choices=choices(RECOMMENDATIONS))
    panel_date = models.DateField(null=True, blank=True)
    decision_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["household", "held"]
        constraints = [
            models.UniqueConstraint(fields=["household", "held"], name="carer_review_once_a_day"),
            models.CheckConstraint(
                condition=Q(panel_date__isnull=True) | Q(panel_date__gte=F("held")),
                name="carer_review_panel_not_before_held",
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True) | Q(decision_date__gte=F("held")),
                name="carer_review_decision_not_before_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household.reference}: review on {self.held:%d/%m/%Y}"


class Placement(models.Model):
    """A child in care placed with a fostering household."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="placements")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="foster_placements")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["household", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="foster_placement_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier} with {self.household.reference}"


class PlacementView(models.Model):
    """The child's IRO's view of the placement, for the carer's next review (FSR 2011:
    the views of every authority that placed a child in the year)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="views")
    recorded = models.DateField()
    iro = models.ForeignKey(IRO, null=True, on_delete=models.SET_NULL, related_name="+")
    meets_needs = models.CharField(max_length=10, choices=choices(MEETS_NEEDS))
    view = models.TextField(max_length=4000)

    class Meta:
        ordering = ["placement", "recorded", "id"]

    def __str__(self) -> str:
        return f"{self.placement}: view on {self.recorded:%d/%m/%Y}"
