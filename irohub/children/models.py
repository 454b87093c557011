"""The register of children in care: child, care period, episode (SSDA903 shapes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Count, F, IntegerField, Q, Subquery
from django.db.models.functions import Coalesce

from irohub.records import codes


class SiblingGroup(models.Model):
    """Brothers and sisters known to the service, so that allocation can keep them together."""

    name = models.CharField(max_length=100, help_text="A working name, e.g. the family surname")

    def __str__(self) -> str:
        return self.name


# The child's items that a return carries, named as on the model and on
# irohub.records.register.ChildRecord alike: the SSDA903 import writes them, the register's
# core records read them.
RETURN_ITEMS = (
    "date_of_birth",
    "sex",
    "ethnicity",
    "uasc",
    "uasc_ceased",
    "upn",
    "mother",
    "mother_child_dob",
)


class Child(models.Model):
    identifier = models.CharField(
        max_length=20,
        unique=True,
        help_text="The council's own child identifier (SSDA903 CHILD); stable across years",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=codes.choices(codes.SEX))
    ethnicity = models.CharField(max_length=4, choices=codes.choices(codes.ETHNICITY))
    uasc = models.BooleanField(
        "UASC", default=False, help_text="Unaccompanied asylum-seeking child"
    )
    uasc_ceased = models.DateField(
        "date UASC status ceased",
        null=True,
        blank=True,
        help_text="SSDA903 DUC: the day the child stopped being an unaccompanied asylum seeker",
    )
    disability = models.BooleanField(default=False)
    # Items of the SSDA903 header the return needs and IRO Hub keeps as given, so that a
    # council's history round-trips: UPN (or UN1-UN10 when there is none), whether the
    # child is a mother (1/0, blank for boys) and her child's date of birth.
    upn = models.CharField(
        "UPN",
        max_length=13,
        blank=True,
        help_text="Unique Pupil Number (SSDA903 UPN), or the UN code saying why there is none",
    )
    mother = models.CharField(
        max_length=1,
        blank=True,
        choices=[("1", "Yes"), ("0", "No")],
        help_text="SSDA903 MOTHER: is the child a mother? Blank for boys",
    )
    mother_child_dob = models.DateField(
        "date of birth of the child's own child",
        null=True,
        blank=True,
        help_text="SSDA903 MC_DOB",
    )
    sibling_group = models.ForeignKey(
        SiblingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # A restricted record (e.g. a child of a member of staff, or a high-profile case)
    # opens only for the people named on it.
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="The only people who may open this record when it is restricted",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.identifier})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        return relativedelta(day, self.date_of_birth).years


class CarePeriod(models.Model):
    """One continuous spell of being looked after (an SSDA903 period of care).

    Its review due dates are a cache of the review clock in irohub.statutory, recomputed
    by irohub.children.clock.refresh_review_clock whenever a review or the period changes.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_periods")
    start = models.DateField(help_text="The day the child became looked after")
    end = models.DateField(
        null=True, blank=True, help_text="The day the child ceased to be looked after"
    )
    reason_ceased = models.CharField(
        max_length=3,
        blank=True,
        choices=codes.choices(codes.REASON_CEASED),
    )
    # Cache of the review clock (see class docstring); null when no review is due.
    next_review_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    reviews_held = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["child", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="care_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=(Q(end__isnull=True) & Q(reason_ceased=""))
                | (Q(end__isnull=False) & ~Q(reason_ceased="") & ~Q(reason_ceased="X1")),
                name="care_period_reason_ceased_with_end",
            ),
            # No two care periods of one child overlap: enforced by a database trigger or
            # exclusion constraint (migration 0002), which Django cannot express portably.
        ]

    def __str__(self) -> str:
        end = f"{self.end:%d/%m/%Y}" if self.end else "now"
        return f"{self.child.identifier}: {self.start:%d/%m/%Y} to {end}"

    @property
    def is_open(self) -> bool:
        return self.end is None


class Episode(models.Model):
    """One legal status and placement within a care period (an SSDA903 episode)."""

    care_period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="episodes")
    start = models.DateField()
    reason_new_episode = models.CharField(
        "reason for new episode", max_length=1, choices=codes.choices(codes.REASON_NEW_EPISODE)
    )
    legal_status = models.CharField(max_length=2, choices=codes.choices(codes.LEGAL_STATUS))
    category_of_need = models.CharField(max_length=2, choices=codes.choices(codes.CATEGORY_OF_NEED))
    placement = models.CharField(
        "placement type", max_length=2, choices=codes.choices(codes.PLACEMENT)
    )
    placement_provider = models.CharField(
        max_length=3, blank=True, choices=codes.choices(codes.PLACEMENT_PROVIDER)
    )
    end = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(
        max_length=3, blank=True, choices=codes.choices(codes.REASON_CEASED)
    )
    reason_place_change = models.CharField(
        "reason for placement change",
        max_length=6,
        blank=True,
        choices=codes.choices(codes.REASON_PLACE_CHANGE),
    )
    home_postcode = models.CharField(max_length=8, blank=True)
    placement_postcode = models.CharField(max_length=8, blank=True)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)

    class Meta:
        ordering = ["care_period", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="episode_end_not_before_start",
            ),
            # DfE rule 148: an end date exactly when a reason ceased.
            models.CheckConstraint(
                condition=(Q(end__isnull=True) & Q(reason_ceased=""))
                | (Q(end__isnull=False) & ~Q(reason_ceased="")),
                name="episode_reason_ceased_with_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} {self.legal_status}/{self.placement}"


class AdoptionDecision(models.Model):
    """The council's decision that a child should be placed for adoption, and when and why
    it ceased (the SSDA903 PlacedAdoption table): the return needs it for every child with
    a placement order or placed for adoption (DfE rules 551, 553, 555), and the SSDA903
    import keeps it so that an export carries it back out."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="adoption_decisions")
    decided = models.DateField(
        "date of the decision to place for adoption",
        help_text="SSDA903 DATE_PLACED: the day the council decided the child should be "
        "placed for adoption (not the day they were placed)",
    )
    ceased = models.DateField(
        "date the decision ceased",
        null=True,
        blank=True,
        help_text="SSDA903 DATE_PLACED_CEASED: the day it was decided the child should no "
        "longer be placed for adoption",
    )
    reason_ceased = models.CharField(
        "reason the decision ceased",
        max_length=3,
        blank=True,
        choices=codes.choices(codes.REASON_PLACED_CEASED),
    )

    class Meta:
        ordering = ["child", "decided"]
        constraints = [
            models.UniqueConstraint(fields=["child", "decided"], name="adoption_decision_once"),
            models.CheckConstraint(
                condition=Q(ceased__isnull=True) | Q(ceased__gte=F("decided")),
                name="adoption_decision_ceased_not_before_decided",
            ),
            models.CheckConstraint(
                condition=(Q(ceased__isnull=True) & Q(reason_ceased=""))
                | (Q(ceased__isnull=False) & ~Q(reason_ceased="")),
                name="adoption_decision_reason_with_ceased",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: decided {self.decided:%d/%m/%Y}"


class SocialWorkerAllocation(models.Model):
    """The child's allocated social worker over time: one at a time, never overwritten (a
    change ends the last allocation the day before the next starts). Who holds the child
    today decides which social worker and social-work manager may open the record
    (children.access.openable; ADR 0012)."""

    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="social_worker_allocations"
    )
    social_worker = models.ForeignKey(
        "accounts.SocialWorker", on_delete=models.PROTECT, related_name="allocations"
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="social_worker_allocation_end_not_before_start",
            ),
            models.UniqueConstraint(
                fields=["child", "start"], name="social_worker_allocation_one_start_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier}: {self.social_worker} from {self.start:%d/%m/%Y}"

    def live_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


# --- What builds on the register ------------------------------------------------------------
# Reviews (irohub.reviews), IRO allocations (irohub.allocation) and child protection
# (irohub.conferences) build on the child: each
# declares its relation to Child or CarePeriod, and their screens and actions use this app.
# So children never imports them (import-linter keeps it so). Where children must read or
# write their rows — the register adapter, the review-clock cache, the child's page, the
# SSDA903 import and the admin — it reaches their model through the relation they declared.


def review_model() -> type[models.Model]:
    """The review meeting model (irohub.reviews), through `CarePeriod.reviews`."""
    return CarePeriod._meta.get_field("reviews").related_model


def early_review_model() -> type[models.Model]:
    """The early-review request model (irohub.reviews), through `CarePeriod.early_reviews`."""
    return CarePeriod._meta.get_field("early_reviews").related_model


def review_action_model() -> type[models.Model]:
    """The review's decisions and actions (irohub.reviews), through `Review.actions`."""
    return review_model()._meta.get_field("actions").related_model


def overdue_actions_of(child: Any, today: date) -> Any:
    """A subquery: how many review actions of `child` (an OuterRef to a child) are not done
    and were due before `today` — shown on the IRO's caseload and the social worker's list."""
    overdue = (
        review_action_model()
        .objects.filter(review__child=child, completed__isnull=True, due__lt=today)
        .order_by()
        .values("review__child")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(overdue[:1], output_field=IntegerField()), 0)


def allocation_model() -> type[models.Model]:
    """The IRO allocation model (irohub.allocation), through `Child.allocations`."""
    return Child._meta.get_field("allocations").related_model


def protection_model() -> type[models.Model]:
    """The child protection case model (irohub.conferences), through `Child.protection_cases`."""
    return Child._meta.get_field("protection_cases").related_model


# --- The people around the child ----------------------------------------------------------


class PersonRole(models.TextChoices):
    """Who a person is to the child. Mothers and fathers are told apart because the
    councils report parents' participation mother by mother and father by father."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    OTHER_PARENT = "other_parent", "Other person with parental responsibility"
    CARER = "carer", "Carer"
    ADVOCATE = "advocate", "Advocate"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor"
    OTHER = "other", "Other"


# The roles invited to the review as parents (per-parent participation, M-PAR-04).
PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER, PersonRole.PARENT, PersonRole.OTHER_PARENT)
# Roles that never hold parental responsibility through that role.
NO_PR_ROLES = (PersonRole.ADVOCATE, PersonRole.INDEPENDENT_VISITOR)


class PreferredContact(models.TextChoices):
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    EMAIL = "email", "E-mail"
    POST = "post", "Post"
    IN_PERSON = "in_person", "In person (through the social worker)"


class PersonAroundChild(models.Model):
    """A parent, carer, advocate, independent visitor or other person in the child's life.

    Kept over time: a person who stops being (say) the carer is ended with the date, never
    deleted or overwritten, so a past review still names who was invited. Social workers are
    not here: they are accounts (accounts.SocialWorker) allocated to the child.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    name = models.CharField(max_length=200)
    relationship = models.CharField(
        "relation to the child",
        max_length=100,
        blank=True,
        help_text="In the family's words, e.g. birth mother, maternal grandmother, foster carer",
    )
    parental_responsibility = models.BooleanField(default=False)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    preferred_contact = models.CharField(
        max_length=10, blank=True, choices=PreferredContact.choices
    )
    start = models.DateField(help_text="Since when they have been in this role")
    end = models.DateField(null=True, blank=True, help_text="When they stopped being in it")
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["child", "start", "id"]
        verbose_name = "person around the child"
        verbose_name_plural = "people around the child"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="person_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[role.value for role in NO_PR_ROLES])
                | Q(parental_responsibility=False),
                name="person_advocate_visitor_without_pr",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()} of {self.child.identifier})"

    @property
    def is_parent(self) -> bool:
        return self.role in PARENT_ROLES

    def current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


def preparation_model() -> type[models.Model]:
    """The review checklist model (irohub.consultation), through `Child.review_preparations`;
    its views returned through the checklist's `responses`."""
    return Child._meta.get_field("review_preparations").related_model


def advocacy_referral_model() -> type[models.Model]:
    """The advocacy referral model (irohub.advocacy), through `Child.advocacy_referrals`."""
    return Child._meta.get_field("advocacy_referrals").related_model
