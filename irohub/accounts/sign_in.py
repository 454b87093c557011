"""Failed sign-ins: who is locked out, which addresses are throttled (docs/security.md).

Two rules, both counted from django-axes' records:
- an account is locked for one address after `AXES_FAILURE_LIMIT` failures for that
  username from that address (axes itself refuses those);
- an address is throttled after `IROHUB_SIGN_IN_ADDRESS_ATTEMPTS` failures for any
  usernames within `IROHUB_SIGN_IN_ADDRESS_MINUTES` (SignInThrottleMiddleware refuses its
  sign-ins until the oldest of them is older than that), so a password sprayer is slowed
  without locking anyone else out.
The moment either begins is written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Count, Max
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from irohub.audit.actions import record_event
from irohub.audit.events import EventType


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, which irohub.project.proxy has set from a
    trusted proxy's X-Forwarded-For (and only then)."""
    return request.META.get("REMOTE_ADDR", "")


# Usernames are at most this long (Django's user model); anything longer was never one.
USERNAME_MAX = 150


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The username a failed sign-in tried, as django-axes records it: cut to the longest
    a username can be, so a 5,000-character one is counted (and locked) like any other
    instead of overflowing axes' 255-character column (a 500 on PostgreSQL)."""
    if credentials is not None:
        username = credentials.get("username")
    else:
        username = request.POST.get("username")
    return str(username or "")[:USERNAME_MAX]


def _cooloff() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


def _window() -> timedelta:
    return timedelta(minutes=settings.IROHUB_SIGN_IN_ADDRESS_MINUTES)


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str
    failures: int
    last_failure: datetime

    @property
    def until(self) -> datetime:
        return self.last_failure + _cooloff()


@dataclass(frozen=True)
class Throttle:
    ip_address: str
    failures: int
    usernames: int
    until: datetime


def lockouts() -> list[Lockout]:
    """Accounts locked now, each for one address."""
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - _cooloff())
        .values("username", "ip_address")
        # As axes counts: the most failures of any one record (one per browser).
        .annotate(failures=Max("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        Lockout(row["username"] or "", row["ip_address"] or "", row["failures"], row["last"])
        for row in rows
    ]


def _recent_failures(ip_address: str | None = None) -> Any:
    recent = AccessFailureLog.objects.filter(attempt_time__gte=timezone.now() - _window())
    return recent if ip_address is None else recent.filter(ip_address=ip_address)


def throttled_until(ip_address: str) -> datetime | None:
    """When the address may try again, if it is throttled now."""
    limit = settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS
    times = list(
        _recent_failures(ip_address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)[:limit]
    )
    if len(times) < limit:
        return None
    # Free again when the oldest of the last `limit` failures leaves the window.
    return times[-1] + _window()


def throttles() -> list[Throttle]:
    """Addresses throttled now."""
    rows = (
        _recent_failures()
        .values("ip_address")
        .annotate(failures=Count("id"), usernames=Count("username", distinct=True))
        .filter(failures__gte=settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS)
        .order_by("ip_address")
    )
    found = []
    for row in rows:
        until = throttled_until(row["ip_address"])
        if until is not None:
            found.append(Throttle(row["ip_address"], row["failures"], row["usernames"], until))
    return found


@receiver(user_locked_out, dispatch_uid="irohub-sign-in-locked-out")
def _audit_lockout(sender: Any, request: HttpRequest, username: str, ip_address: str, **_: Any):
    # axes signals on every failure while locked: record the one that locked the account.
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    if attempt is not None:
        record_event(
            actor=None,
            action=EventType.SIGN_IN_LOCKED_OUT,
            target=attempt,
            username=username or "",
            ip_address=ip_address,
            failures=settings.AXES_FAILURE_LIMIT,
        )


@receiver(user_login_failed, dispatch_uid="irohub-sign-in-address-throttled")
def _audit_throttle(sender: Any, credentials: dict, request: HttpRequest | None = None, **_: Any):
    # Connected after axes' own receiver (axes is installed first), so the failure that
    # has just happened is already in the log.
    if request is None:
        return
    address = client_address(request)
    if _recent_failures(address).count() != settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS:
        return
    latest = _recent_failures(address).order_by("-attempt_time").first()
    if latest is not None:
        record_event(
            actor=None,
            action=EventType.SIGN_IN_ADDRESS_THROTTLED,
            target=latest,
            ip_address=address,
            failures=settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS,
            minutes=settings.IROHUB_SIGN_IN_ADDRESS_MINUTES,
        )
