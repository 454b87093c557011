"""Writes between reviews: validate, save and audit in one transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.core.formatting import long_date
from irohub.core.open_items import OpenItem, close_open_item
from irohub.oversight.models import CaseFileAudit, IroContact, VisitorOffer
from irohub.records.oversight import (
    AUDIT_ANSWERS,
    AUDIT_GRADES,
    AUDIT_QUESTIONS,
    CONTACT_KINDS,
    VISITOR_OUTCOMES,
)


def _when(child: Child, day: date, field: str, label: str) -> dict[str, str]:
    """The date's problems: in the future, or before the child was born."""
    if day > timezone.localdate():
        return {field: f"The {label} cannot be in the future"}
    if day < child.date_of_birth:
        return {
            field: f"The {label} is before {child.first_name} was born "
            f"({long_date(child.date_of_birth)})"
        }
    return {}


@transaction.atomic
def record_contact(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    kind: str,
    day: date,
    iro: IRO | None = None,
    note: str = "",
) -> IroContact:
    """Record an IRO visit to the child, a midway check or another entry between reviews."""
    errors = _when(child, day, "day", "date")
    if kind not in CONTACT_KINDS:
        errors["kind"] = "Select what the IRO did from the list"
    if errors:
        raise ValidationError(errors)
    contact = IroContact.objects.create(
        child=child, kind=kind, day=day, iro=iro, note=note.strip(), recorded_by=signed_in(actor)
    )
    record_event(
        actor=actor,
        action=EventType.IRO_CONTACT_RECORDED,
        target=contact,
        child_id=child.pk,
        kind=kind,
        day=day.isoformat(),
    )
    return contact


@transaction.atomic
def record_visitor_offer(
    *, actor: AbstractBaseUser | None, child: Child, offered: date
) -> VisitorOffer:
    """Record that an independent visitor was offered (the referral waits for a match)."""
    errors = _when(child, offered, "offered", "date offered")
    if not errors and child.visitor_offers.filter(outcome="waiting").exists():
        errors["offered"] = (
            f"{child.first_name} is already waiting for an independent visitor: record what "
            "came of that offer first"
        )
    if errors:
        raise ValidationError(errors)
    offer = VisitorOffer.objects.create(child=child, offered=offered, recorded_by=signed_in(actor))
    record_event(
        actor=actor,
        action=EventType.VISITOR_OFFERED,
        target=offer,
        child_id=child.pk,
        offered=offered.isoformat(),
    )
    return offer


VISITOR_OFFER = OpenItem(
    outcomes=VISITOR_OUTCOMES,
    still_open="waiting",
    opened_field="offered",
    closed_field="closed",
    choose="Select what came of the offer from the list",
    closed_words="The date decided",
    opened_words="the offer",
    event=EventType.VISITOR_OUTCOME,
)


def record_visitor_outcome(
    *, actor: AbstractBaseUser | None, offer: VisitorOffer, outcome: str, closed: date
) -> VisitorOffer:
    """Close an offer: matched with a visitor, declined by the child, or withdrawn."""
    return close_open_item(VISITOR_OFFER, actor=actor, item=offer, outcome=outcome, closed=closed)


@transaction.atomic
def record_file_audit(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    iro: IRO | None,
    audited: date,
    answers: dict[str, str],
    grade: str,
    findings: str,
    actions: str = "",
) -> CaseFileAudit:
    """A manager's audit of the IRO's file for the child, with its findings."""
    errors = _when(child, audited, "audited", "date audited")
    for key in AUDIT_QUESTIONS:
        if answers.get(key) not in AUDIT_ANSWERS:
            errors[key] = "Answer yes, partly or no"
    unknown = set(answers) - set(AUDIT_QUESTIONS)
    if unknown:
        errors["__all__"] = f"Not a question of the audit: {', '.join(sorted(unknown))}"
    if grade not in AUDIT_GRADES:
        errors["grade"] = "Select the overall grade from the list"
    if not findings.strip():
        errors["findings"] = "Enter the findings of the audit"
    if errors:
        raise ValidationError(errors)
    audit = CaseFileAudit.objects.create(
        child=child,
        iro=iro,
        audited=audited,
        auditor=signed_in(actor),
        answers={key: answers[key] for key in AUDIT_QUESTIONS},
        grade=grade,
        findings=findings.strip(),
        actions=actions.strip(),
    )
    record_event(
        actor=actor,
        action=EventType.FILE_AUDITED,
        target=audit,
        child_id=child.pk,
        grade=grade,
        iro_id=iro.pk if iro else None,
    )
    return audit
