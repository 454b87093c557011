"""The working-day calendar in force: the shipped England calendar plus the adjustments
administrators have recorded. Cached per process; the cache is cleared whenever an
adjustment is saved or deleted (see signals below)."""

from __future__ import annotations

from functools import cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from irohub.core.models import CalendarAdjustment
from irohub.statutory import WorkingDayCalendar

# Sent when an administrator adds, changes or removes an adjustment: a holiday moves every
# 20-working-day deadline that spans it, so whatever caches deadlines refreshes (the
# children app's review clock listens; core does not know who does).
calendar_adjusted = Signal()


@cache
def get_calendar() -> WorkingDayCalendar:
    added, removed = [], []
    for adjustment in CalendarAdjustment.objects.all():
        if adjustment.kind == CalendarAdjustment.Kind.HOLIDAY:
            added.append(adjustment.date)
        else:
            removed.append(adjustment.date)
    return WorkingDayCalendar(extra_holidays=added, removed_holidays=removed)


@receiver(post_save, sender=CalendarAdjustment)
@receiver(post_delete, sender=CalendarAdjustment)
def _forget_calendar(**kwargs: object) -> None:
    get_calendar.cache_clear()
