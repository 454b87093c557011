from django.conf import settings
from django.db import models


class CalendarAdjustment(models.Model):
    """An administrator's correction to the England bank-holiday calendar.

    The shipped calendar comes from the `holidays` library (docs/adr/0003). When a new
    holiday is proclaimed (a jubilee, a state funeral) before the library knows it, an
    administrator adds it here; a day the library has wrong can be marked a working day.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "Bank holiday (not a working day)"
        WORKING_DAY = "working_day", "Working day (remove a holiday)"

    date = models.DateField(unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(max_length=200, help_text="For example: Coronation of King Charles III")
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the proclamation was published"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "calendar adjustment"

    def __str__(self) -> str:
        return f"{self.date:%a %d %b %Y}: {self.name} ({self.get_kind_display()})"


class RegisterVersion(models.Model):
    """The register's version: one row whose token changes after every committed write to
    the register (irohub.core.register_version). Figures computed from the register are
    cached under it, so a write makes them stale at once, whichever app wrote."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"register version {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
