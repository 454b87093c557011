"""Writes for allocation letters: one transaction each, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.allocation.models import Allocation
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import SocialWorkerAllocation
from irohub.core.formatting import long_date
from irohub.letters.defaults import DEFAULT_TEMPLATES
from irohub.letters.models import IROContact, Letter, LetterKind, LetterTemplate
from irohub.letters.photos import PhotoError, checked_photo
from irohub.letters.placeholders import child_version, fill

NO_NUMBER = "the IRO service"


def _social_worker_on(child_id: int, day: date) -> Any:
    held = (
        SocialWorkerAllocation.objects.filter(child_id=child_id, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("social_worker__user")
        .first()
    )
    return held.social_worker if held is not None else None


def letter_values(allocation: Allocation, day: date, social_worker: Any) -> dict[str, str]:
    """What each placeholder becomes for this allocation's letters."""
    child, iro = allocation.child, allocation.iro
    contact = IROContact.objects.filter(iro=iro).first()
    return {
        "child_first_name": child.first_name,
        "child_name": child.full_name,
        "iro_name": str(iro),
        "iro_first_name": iro.user.first_name or str(iro),
        "iro_phone": (contact.phone if contact else "") or NO_NUMBER,
        "iro_mobile": (contact.mobile if contact else "") or NO_NUMBER,
        "iro_email": (contact.email if contact else "") or NO_NUMBER,
        "start_date": long_date(allocation.start),
        "letter_date": long_date(day),
        "social_worker_name": str(social_worker) if social_worker else "your social worker",
        "council": settings.IROHUB_COUNCIL_NAME,
    }


@transaction.atomic
def write_allocation_letters(*, actor: Any, allocation: Allocation) -> list[Letter]:
    """The letter to the child (the version for their age on the day) and, when the child
    has a social worker that day, the letter to the social worker, about `allocation`."""
    allocation = Allocation.objects.select_related("child", "iro__user").get(pk=allocation.pk)
    if Letter.objects.filter(allocation=allocation).exists():
        raise ValidationError(
            f"The letters about {allocation.iro} becoming {allocation.child.first_name}'s IRO "
            "have been written already: download them below"
        )
    today = timezone.localdate()
    child = allocation.child
    day = max(today, allocation.start)  # the child's age when the IRO takes them on
    social_worker = _social_worker_on(child.pk, max(allocation.start, today))
    values = letter_values(allocation, today, social_worker)
    # The administrator's templates; IRO Hub's own text for any they have not kept.
    templates = dict(DEFAULT_TEMPLATES)
    templates.update({t.kind: (t.title, t.text) for t in LetterTemplate.objects.all()})
    kinds = [child_version(child.age_on(day))]
    if social_worker is not None:
        kinds.append(LetterKind.SOCIAL_WORKER)
    letters = [
        Letter.objects.create(
            child=child,
            allocation=allocation,
            iro=allocation.iro,
            kind=kind,
            addressed_to=child.full_name
            if kind != LetterKind.SOCIAL_WORKER
            else str(social_worker),
            title=fill(templates[kind][0], values)[:120],
            text=fill(templates[kind][1], values),
            written_on=today,
            written_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for kind in kinds
    ]
    record_event(
        actor=actor,
        action=EventType.LETTERS_WRITTEN,
        target=allocation,
        child_id=child.pk,
        letters=[letter.pk for letter in letters],
        kinds=kinds,
        iro=allocation.iro_id,
        no_social_worker=social_worker is None,
    )
    return letters


def record_download(*, actor: Any, letter: Letter) -> None:
    record_event(
        actor=actor,
        action=EventType.LETTER_DOWNLOADED,
        target=letter,
        child_id=letter.child_id,
        kind=letter.kind,
    )


@transaction.atomic
def save_contact(
    *,
    actor: Any,
    iro: IRO,
    phone: str,
    mobile: str,
    email: str,
    photo: bytes | None = None,
    photo_name: str = "the file",
    remove_photo: bool = False,
) -> IROContact:
    """An IRO's contact details and photo for letters. The photo is checked and re-encoded
    (letters.photos); a refused photo refuses the whole change, with the reason."""
    errors: dict[str, str] = {}
    for field, value, limit in (("phone", phone, 30), ("mobile", mobile, 30)):
        if len(value.strip()) > limit:
            errors[field] = f"The number must be {limit} characters or fewer"
        elif value.strip() and not all(ch in "0123456789 +()-" for ch in value.strip()):
            errors[field] = "Enter a phone number in digits, like 01632 960 001"
    kept: bytes | None = None
    if photo is not None:
        try:
            kept = checked_photo(photo, photo_name)
        except PhotoError as error:
            errors["photo"] = str(error)
    if errors:
        raise ValidationError(errors)
    contact, _ = IROContact.objects.select_for_update().get_or_create(iro=iro)
    contact.phone, contact.mobile, contact.email = phone.strip(), mobile.strip(), email.strip()
    if kept is not None:
        contact.photo = kept
    elif remove_photo:
        contact.photo = None
    contact.save()
    record_event(
        actor=actor,
        action=EventType.IRO_CONTACT_CHANGED,
        target=contact,
        iro=iro.pk,
        photo="uploaded" if kept is not None else ("removed" if remove_photo else "unchanged"),
    )
    return contact


__all__ = [
    "letter_values",
    "record_download",
    "save_contact",
    "write_allocation_letters",
]
