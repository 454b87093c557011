"""Reads of what the IRO recorded between reviews: the register's extension for the
measures, a child's page, and the managers' list of audits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.db.models import QuerySet

from irohub.children.access import visible
from irohub.oversight.models import CaseFileAudit, IroContact, VisitorOffer
from irohub.records.oversight import IroContactRecord, VisitorOfferRecord
from irohub.records.register import Register

CHUNK = 5000


def with_oversight(register: Register) -> Register:
    """The register with each child's IRO contacts and independent visitor offers (two
    queries for the whole register)."""
    contacts: dict[str, list[IroContactRecord]] = defaultdict(list)
    rows = IroContact.objects.order_by("child_id", "day", "id").values_list(
        "child__identifier", "day", "kind"
    )
    for identifier, day, kind in rows.iterator(chunk_size=CHUNK):
        contacts[identifier].append(IroContactRecord(day, kind))
    offers: dict[str, list[VisitorOfferRecord]] = defaultdict(list)
    rows = VisitorOffer.objects.order_by("child_id", "offered", "id").values_list(
        "child__identifier", "offered", "outcome", "closed"
    )
    for identifier, offered, outcome, closed in rows.iterator(chunk_size=CHUNK):
        offers[identifier].append(VisitorOfferRecord(offered, outcome, closed))
    children = tuple(
        replace(
            child,
            iro_contacts=tuple(contacts.get(child.child_id, ())),
            visitor_offers=tuple(offers.get(child.child_id, ())),
        )
        if child.child_id in contacts or child.child_id in offers
        else child
        for child in register.children
    )
    return replace(register, children=children, oversight_held=True)


def audits_for(user: Any) -> QuerySet[CaseFileAudit]:
    """Every audit of a child's file the person may see (restricted children left out)."""
    return (
        CaseFileAudit.objects.filter(visible(user, via="child"))
        .select_related("child", "iro__user", "auditor")
        .order_by("-audited", "-id")
    )
