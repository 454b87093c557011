"""An IRO's own, optional declaration of their ethnicity and gender. Only the IRO writes
it; only counts of it leave this app (the annual report, with small numbers suppressed in
its public version)."""

from __future__ import annotations

from django.db import models

from irohub.accounts.models import IRO
from irohub.records.codes import ETHNICITY
from irohub.records.equality import GENDERS


class Declaration(models.Model):
    iro = models.OneToOneField(IRO, on_delete=models.CASCADE, related_name="declaration")
    ethnicity = models.CharField(max_length=4, blank=True, choices=list(ETHNICITY.items()))
    gender = models.CharField(max_length=20, blank=True, choices=list(GENDERS.items()))
    updated = models.DateField()

    def __str__(self) -> str:
        return f"Equality details of {self.iro}"
