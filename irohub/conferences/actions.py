"""Writes to child protection: each action validates, saves, audits and refreshes the
conference clock in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.children.participation import participation_error
from irohub.conferences.clock import refresh_conference_clock
from irohub.conferences.models import CONFERENCE_ATTENDEES, Conference, ProtectionCase
from irohub.core.formatting import long_date
from irohub.records.codes import (
    CATEGORY_OF_ABUSE,
    CONFERENCE_DECISION,
    FIRST_CONFERENCE_DECISIONS,
    PLAN_ENDS_WITHOUT_CONFERENCE,
    PROTECTION_END_REASON,
    PROTECTION_START,
    REVIEW_CONFERENCE_DECISIONS,
)
from irohub.statutory.conferences import ConferenceStart

__all__ = ["end_plan", "lock_case", "record_conference", "start_protection"]


def _not_in_future(field: str, day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"The {what} cannot be in the future"})


def _chair_in_post(chair: IRO, day: date, field: str = "chair") -> None:
    if chair.start_date > day or (chair.end_date is not None and chair.end_date < day):
        raise ValidationError({field: f"{chair} was not an IRO in post on {long_date(day)}"})


def lock_case(case_id: int) -> ProtectionCase:
    """The case, locked until the transaction ends, so two conferences recorded at once
    take turns (as irohub.children.actions.lock_care_period does for reviews)."""
    return ProtectionCase.objects.select_for_update().select_related("child").get(pk=case_id)


@transaction.atomic
def start_protection(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    start: date,
    chair: IRO,
    begins: str = ConferenceStart.STRATEGY_DISCUSSION.value,
    s47_start: date | None = None,
    expected_delivery: date | None = None,
) -> ProtectionCase:
    """Record the strategy discussion that started a section 47 enquiry (or the notice of a
    transfer in, or a pre-birth strategy discussion): the initial conference falls due."""
    if begins not in PROTECTION_START:
        raise ValidationError({"begins": f"{begins!r} is not a way a child protection case starts"})
    _not_in_future("start", start, "date")
    if s47_start is not None:
        _not_in_future("s47_start", s47_start, "section 47 start")
        if s47_start < start:
            raise ValidationError(
                {"s47_start": "The section 47 enquiry cannot start before the strategy discussion"}
            )
    if begins == ConferenceStart.PRE_BIRTH:
        if expected_delivery is None:
            raise ValidationError(
                {"expected_delivery": "Enter the expected date of delivery of an unborn child"}
            )
        if expected_delivery <= start:
            raise ValidationError(
                {"expected_delivery": "The expected date of delivery must be after the discussion"}
            )
    elif expected_delivery is not None:
        raise ValidationError(
            {"expected_delivery": "An expected date of delivery is only for a pre-birth case"}
        )
    _chair_in_post(chair, start)
    # Locking the child makes a second case started at once wait, then be refused below.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    open_case = ProtectionCase.objects.filter(child=child, ended__isnull=True).first()
    already = ValidationError(
        {"start": f"{child.first_name} already has an open child protection case"}
    )
    if open_case is not None:
        raise already
    last_end = ProtectionCase.objects.filter(child=child).aggregate(last=Max("ended"))["last"]
    if last_end is not None and start < last_end:
        raise ValidationError(
            {"start": f"A new case cannot start before the last one ended ({long_date(last_end)})"}
        )
    try:
        with transaction.atomic():
            case = ProtectionCase.objects.create(
                child=child,
                begins=begins,
                start=start,
                s47_start=s47_start,
                expected_delivery=expected_delivery,
                chair=chair,
            )
    except IntegrityError:
        raise already from None
    refresh_conference_clock([case.id])
    record_event(
        actor=actor,
        action=EventType.PROTECTION_STARTED,
        target=case,
        child_id=child.id,
        begins=begins,
        start=start.isoformat(),
        chair=chair.pk,
    )
    case.refresh_from_db()
    return case


def attendance_error(attendance: Iterable[str]) -> str | None:
    unknown = sorted(set(attendance) - CONFERENCE_ATTENDEES.keys())
    if unknown:
        return f"{', '.join(map(repr, unknown))} is not one of the people who attend a conference"
    return None


@transaction.atomic
def record_conference(
    *,
    actor: AbstractBaseUser | None,
    case: ProtectionCase,
    held: date,
    chair: IRO,
    participation: str,
    decision: str,
    category: str = "",
    attendance: Iterable[str] = (),
    quorate: bool = True,
) -> Conference:
    """Record a conference of an open case. The first conference makes a plan (with its
    category of abuse) or decides none is needed; a review conference keeps the plan (the
    category may change) or ends it. The next conference due date moves at once."""
    _not_in_future("held", held, "date held")
    attendance = set(attendance)
    if message := attendance_error(attendance):
        raise ValidationError({"attendance": message})
    if decision not in CONFERENCE_DECISION:
        raise ValidationError({"decision": f"{decision!r} is not a conference's decision"})
    if category and category not in CATEGORY_OF_ABUSE:
        raise ValidationError({"category": f"{category!r} is not a category of abuse"})
    case = lock_case(case.pk)
    child = case.child
    if case.ended is not None:
        raise ValidationError(
            {"held": f"This child protection case ended on {long_date(case.ended)}"}
        )
    if held < case.start:
        raise ValidationError(
            {"held": f"The conference cannot be before the case began ({long_date(case.start)})"}
        )
    last = case.conferences.order_by("-held").values_list("held", flat=True).first()
    if last is not None and held <= last:
        raise ValidationError(
            {"held": f"The conference must be after the last one recorded ({long_date(last)})"}
        )
    first = last is None
    allowed = FIRST_CONFERENCE_DECISIONS if first else REVIEW_CONFERENCE_DECISIONS
    if decision not in allowed:
        which = "an initial" if first else "a review"
        choices = " or ".join(f"“{CONFERENCE_DECISION[d]}”" for d in sorted(allowed))
        raise ValidationError({"decision": f"At {which} conference the decision is {choices}"})
    if decision == "plan" and not category:
        raise ValidationError({"category": "Select the category of abuse of the plan"})
    if decision in ("no plan", "end") and category:
        raise ValidationError({"category": "A category of abuse is only for a plan that continues"})
    if message := participation_error(child, held, participation):
        raise ValidationError({"participation": message})
    _chair_in_post(chair, held)
    try:
        with transaction.atomic():  # the database's own check, should the lock be bypassed
            conference = Conference.objects.create(
                case=case,
                held=held,
                chair=chair,
                participation=participation,
                attendance=[key for key in CONFERENCE_ATTENDEES if key in attendance],
                quorate=quorate,
                decision=decision,
            )
    except IntegrityError:
        raise ValidationError(
            {"held": f"A conference on {long_date(held)} is already recorded"}
        ) from None
    if decision == "plan":
        case.plan_start, case.category, case.latest_category = held, category, category
    elif decision == "continue" and category:
        case.latest_category = category
    elif decision in ("no plan", "end"):
        case.ended, case.end_reason = held, "no plan" if decision == "no plan" else "conference"
    case.save(update_fields=["plan_start", "category", "latest_category", "ended", "end_reason"])
    refresh_conference_clock([case.id])
    record_event(
        actor=actor,
        action=EventType.CONFERENCE_RECORDED,
        target=conference,
        child_id=child.id,
        held=held.isoformat(),
        participation=participation,
        chair=chair.pk,
        decision=decision,
        category=category,
    )
    return conference


@transaction.atomic
def end_plan(
    *, actor: AbstractBaseUser | None, case: ProtectionCase, ended: date, reason: str
) -> ProtectionCase:
    """End a case without a conference: the child moved to another council, was adopted,
    turned 18 or died (a conference's decision ends it through `record_conference`)."""
    if reason not in PLAN_ENDS_WITHOUT_CONFERENCE:
        known = ", ".join(
            PROTECTION_END_REASON[r].lower() for r in sorted(PLAN_ENDS_WITHOUT_CONFERENCE)
        )
        raise ValidationError(
            {"reason": f"Choose why the plan ended without a conference: {known}"}
        )
    _not_in_future("ended", ended, "date the plan ended")
    case = lock_case(case.pk)
    if case.ended is not None:
        raise ValidationError({"ended": f"This case already ended on {long_date(case.ended)}"})
    last = case.conferences.order_by("-held").values_list("held", flat=True).first()
    earliest = last or case.start
    if ended < earliest:
        raise ValidationError(
            {"ended": f"The plan cannot end before {long_date(earliest)} (the last event recorded)"}
        )
    case.ended, case.end_reason = ended, reason
    case.save(update_fields=["ended", "end_reason"])
    refresh_conference_clock([case.id])
    record_event(
        actor=actor,
        action=EventType.PROTECTION_ENDED,
        target=case,
        child_id=case.child_id,
        ended=ended.isoformat(),
        reason=reason,
    )
    case.refresh_from_db()
    return case
