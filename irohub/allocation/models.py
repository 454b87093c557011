from django.db import models
from django.db.models import F, Q

from irohub.accounts.models import IRO
from irohub.children.models import Child


class Allocation(models.Model):
    """A child's IRO over a span of time. A child has one IRO at a time."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    iro = models.ForeignKey(IRO, on_delete=models.PROTECT, related_name="allocations")
    start = models.DateField(help_text="The day this IRO took the child on")
    end = models.DateField(null=True, blank=True)
    allocated_on = models.DateField(
        help_text="The day the allocation was made (for the allocation timescale)"
    )

    class Meta:
        ordering = ["child", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="allocation_end_not_before_start",
            ),
            # One IRO at a time: overlap is refused by a trigger/exclusion (migration 0002).
        ]

    def __str__(self) -> str:
        return f"{self.child.identifier} → {self.iro} from {self.start:%d/%m/%Y}"
