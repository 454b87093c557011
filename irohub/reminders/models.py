"""Reminders sent by e-mail: one row per reminder, keyed so that it is never sent twice.

`key` names what the reminder is about and which deadline (e.g.
"report:preparation:12:2026-01-05"); the scheduled job (`irohub reminders send`) claims a
key before sending, and a key already claimed is skipped.
"""

from __future__ import annotations

from django.db import models


class SentReminder(models.Model):
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    recipient = models.EmailField()
    # No subject or body: they name the child, and this row outlives a record deleted
    # under retention (as the audit trail does, it keeps only the child's number).
    child_id = models.BigIntegerField(null=True, blank=True)
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} ({self.sent:%d/%m/%Y})"
