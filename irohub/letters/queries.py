"""Reads for allocation letters."""

from __future__ import annotations

from typing import Any

from irohub.allocation.models import Allocation
from irohub.letters.models import IROContact, Letter


def letters_of(child: Any) -> list[Letter]:
    return list(
        Letter.objects.filter(child=child).select_related("iro__user", "written_by", "allocation")
    )


def allocations_of(child: Any) -> list[Allocation]:
    """The child's allocations, latest first, with whether their letters are written."""
    written = set(
        Letter.objects.filter(child=child, allocation__isnull=False).values_list(
            "allocation_id", flat=True
        )
    )
    allocations = list(
        Allocation.objects.filter(child=child).select_related("iro__user").order_by("-start")
    )
    for allocation in allocations:
        allocation.letters_written = allocation.pk in written
    return allocations


def photo_of(iro_id: int) -> bytes | None:
    contact = IROContact.objects.filter(iro_id=iro_id).only("photo").first()
    return bytes(contact.photo) if contact is not None and contact.photo else None
