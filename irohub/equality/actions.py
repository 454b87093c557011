from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.equality.models import Declaration
from irohub.records.codes import ETHNICITY
from irohub.records.equality import GENDERS


@transaction.atomic
def declare(
    *, actor: AbstractBaseUser | None, iro: IRO, ethnicity: str, gender: str
) -> Declaration:
    """Save what the IRO chose to declare ("" for anything left blank)."""
    errors: dict[str, str] = {}
    if ethnicity and ethnicity not in ETHNICITY:
        errors["ethnicity"] = "Select an ethnic group from the list, or leave it blank"
    if gender and gender not in GENDERS:
        errors["gender"] = "Select how you describe your gender from the list, or leave it blank"
    if errors:
        raise ValidationError(errors)
    declaration, _ = Declaration.objects.update_or_create(
        iro=iro,
        defaults={"ethnicity": ethnicity, "gender": gender, "updated": timezone.localdate()},
    )
    # The trail says that it changed, never what was declared.
    record_event(actor=actor, action=EventType.EQUALITY_DECLARED, target=declaration)
    return declaration
