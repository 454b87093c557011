"""Writes to advocacy referrals: validate, save and audit in one transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.advocacy.models import AdvocacyReferral
from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.core.formatting import long_date
from irohub.core.open_items import OpenItem, close_open_item
from irohub.records.advocacy import OUTCOMES, REASONS


@transaction.atomic
def record_referral(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    referred: date,
    reason: str,
    re_referral: bool | None = None,
) -> AdvocacyReferral:
    """Record that the child was referred to the advocacy service. `re_referral` left as
    None is worked out: a re-referral when the child has been referred before."""
    errors: dict[str, str] = {}
    if reason not in REASONS:
        errors["reason"] = f"{reason!r} is not one of the reasons for a referral"
    if referred > timezone.localdate():
        errors["referred"] = "The date referred cannot be in the future"
    if referred < child.date_of_birth:
        errors["referred"] = (
            f"The date referred is before {child.first_name} was born "
            f"({long_date(child.date_of_birth)})"
        )
    if errors:
        raise ValidationError(errors)
    if re_referral is None:
        re_referral = child.advocacy_referrals.filter(referred__lte=referred).exists()
    referral = AdvocacyReferral.objects.create(
        child=child,
        referred=referred,
        reason=reason,
        re_referral=re_referral,
        recorded_by=signed_in(actor),
    )
    record_event(
        actor=actor,
        action=EventType.ADVOCACY_RECORDED,
        target=referral,
        child_id=child.pk,
        referred=referred.isoformat(),
        reason=reason,
        re_referral=re_referral,
    )
    return referral


ADVOCACY_REFERRAL = OpenItem(
    outcomes=OUTCOMES,
    still_open="open",
    opened_field="referred",
    closed_field="closed",
    choose="Select what came of the referral from the list",
    closed_words="The date closed",
    opened_words="the referral",
    event=EventType.ADVOCACY_OUTCOME,
)


def record_outcome(
    *, actor: AbstractBaseUser | None, referral: AdvocacyReferral, outcome: str, closed: date
) -> AdvocacyReferral:
    """Close a referral with its outcome."""
    return close_open_item(
        ADVOCACY_REFERRAL, actor=actor, item=referral, outcome=outcome, closed=closed
    )
