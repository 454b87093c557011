"""Sending the reminders that are due: each at most once, ever.

A reminder is claimed by inserting its key (unique) in the same transaction as the e-mail
is handed to the mail server: if sending fails the claim rolls back and the next run tries
again; if two runs overlap, the second waits on the key and then skips it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.reminders.collect import Reminder, due_reminders
from irohub.reminders.models import SentReminder


@dataclass
class SendResult:
    sent: Counter[str] = field(default_factory=Counter)
    already_sent: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "sent": sum(self.sent.values()),
            "by_kind": dict(sorted(self.sent.items())),
            "already_sent": self.already_sent,
        }


def send_reminder(reminder: Reminder) -> bool:
    """Send one reminder unless its key was sent before; True when sent now."""
    if SentReminder.objects.filter(key=reminder.key).exists():
        return False
    try:
        with transaction.atomic():
            claim = SentReminder.objects.create(
                key=reminder.key,
                kind=reminder.kind,
                recipient=reminder.recipient,
                child_id=reminder.child_id,
            )
            EmailMessage(reminder.subject, reminder.body, None, [reminder.recipient]).send()
            record_event(
                actor=None,
                action=EventType.REMINDER_SENT,
                target=claim,
                child_id=reminder.child_id,
                kind=reminder.kind,
                key=reminder.key,
            )
    except IntegrityError:  # another run sent it meanwhile
        return False
    return True


def send_due_reminders(*, today: date, base_url: str = "") -> SendResult:
    """Send every reminder due on `today` that has not been sent before."""
    result = SendResult()
    for reminder in due_reminders(today, base_url):
        if send_reminder(reminder):
            result.sent[reminder.kind] += 1
        else:
            result.already_sent += 1
    return result
