from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from irohub.accounts.roles import ROLES


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_teams",
        help_text="Team managers who see this team's caseloads",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IRO(models.Model):
    """An Independent Reviewing Officer: a user of the system with a working pattern."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iro"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="iros")
    fte = models.DecimalField(
        "FTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text="Full-time equivalent, for example 0.60 for three days a week",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = "IRO"
        verbose_name_plural = "IROs"
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="iro_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="iro_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class UserRole(models.Model):
    """A role held by a user (see accounts.roles for what each may do)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(
        max_length=20, choices=[(key, role.name) for key, role in ROLES.items()]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="user_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {ROLES[self.role].name}"


class SocialWorkTeam(models.Model):
    """A team of the council's children's social care: not the IRO service (its teams are
    `Team`). Its social workers hold children's cases; its managers see the IRO's feedback on
    those cases and answer the IRO's challenges (ADR 0012)."""

    name = models.CharField(max_length=100, unique=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_social_work_teams",
        help_text="Team managers who open the records of the children the team holds",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "social-work team"

    def __str__(self) -> str:
        return self.name


class SocialWorker(models.Model):
    """A social worker of the council, who signs in to see the children they hold (ADR 0012)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="social_worker"
    )
    team = models.ForeignKey(
        SocialWorkTeam, on_delete=models.PROTECT, related_name="social_workers"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="social_worker_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
