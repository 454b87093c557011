from django.db import models


class AuditEvent(models.Model):
    """Who did what to which record, and when.

    No foreign keys on purpose: a record may be deleted under the retention schedule
    while the trail of who saw and changed it must survive (docs/adr/0004).
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64, db_index=True)
    # The child the event concerns, so a child's access history is one indexed query.
    child_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        who = self.actor_username or "system"
        target = f"{self.target_type} {self.target_id}"
        return f"{self.created_at:%Y-%m-%d %H:%M} {who} {self.action} {target}"
