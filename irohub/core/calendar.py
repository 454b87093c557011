"""The working-day calendar in force: the shipped England calendar plus the adjustments
administrators have recorded. Cached per process; the cache is cleared whenever an
adjustment is saved or deleted in this process (see signals below) and, where several
processes serve (`irohub serve`'s workers), when the register's version has changed since
it was last checked, at most every few seconds (`recheck_every`)."""

from __future__ import annotations

import time
from functools import cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from irohub.core.models import CalendarAdjustment
from irohub.statutory import WorkingDayCalendar

# Sent when an administrator adds, changes or removes an adjustment: a holiday moves every
# 20-working-day deadline that spans it, so whatever caches deadlines refreshes (the
# children app's review clock listens; core does not know who does).
calendar_adjusted = Signal()


_recheck = {"seconds": 0.0, "at": 0.0, "version": ""}


def recheck_every(*, seconds: float) -> None:
    """In a process that serves beside others: look for a change made elsewhere (the
    register's version, which a calendar adjustment changes) at most every `seconds`."""
    _recheck["seconds"] = seconds


def get_calendar() -> WorkingDayCalendar:
    if _recheck["seconds"] and time.monotonic() - _recheck["at"] > _recheck["seconds"]:
        from irohub.core.register_version import current_version

        _recheck["at"] = time.monotonic()
        version = current_version()
        if version is not None and version != _recheck["version"]:
            _recheck["version"] = version
            _calendar.cache_clear()
    return _calendar()


@cache
def _calendar() -> WorkingDayCalendar:
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
    _calendar.cache_clear()
