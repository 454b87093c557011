from __future__ import annotations

from django.db import models
from django.db.models import Q


class Target(models.Model):
    """A local target for one measure (irohub.measures.targets says how a figure is rated
    against it). One target a measure: setting it again replaces it."""

    measure_id = models.CharField(max_length=20, unique=True)
    value = models.DecimalField(max_digits=9, decimal_places=2)
    amber_margin = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    higher_is_better = models.BooleanField(default=True)
    set_on = models.DateField()
    set_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["measure_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_margin__gte=0), name="target_amber_margin_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Target for {self.measure_id}: {self.value}"
