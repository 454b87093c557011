"""Writes to reviews: each action validates, saves, audits and refreshes the clock in one
transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import EventType
from irohub.children.actions import lock_care_period
from irohub.children.clock import refresh_review_clock, review_timing
from irohub.children.models import PARENT_ROLES, CarePeriod, Child, PersonAroundChild
from irohub.children.participation import participation_error
from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.records.lifecycle import (
    CHAIRING,
    LATE_REASONS,
    MEETING_FORMATS,
    NON_PARTICIPATION_REASONS,
    PARENT_STATUS,
)
from irohub.reviews.models import ATTENDEES, EarlyReview, Review, ReviewAction, ReviewParent
from irohub.statutory import (
    EarlyReviewError,
    EarlyTrigger,
    adjournment_deadline,
    early_review_deadline,
)


def attendance_error(attendance: Iterable[str]) -> str | None:
    unknown = sorted(set(attendance) - ATTENDEES.keys())
    if unknown:
        return f"{', '.join(map(repr, unknown))} is not one of the people who attend a review"
    return None


def care_period_on(child: Child, held: date) -> CarePeriod:
    for period in child.care_periods.order_by("start"):
        if period.start <= held and (period.end is None or held <= period.end):
            return period
    raise ValidationError({"held": f"{child.first_name} was not looked after on {long_date(held)}"})


def parents_on(child: Child, day: date) -> list[PersonAroundChild]:
    """The child's parents and others with parental responsibility on `day`: each needs a
    status when a review held that day is recorded (M-PAR-04)."""
    people = child.people.filter(start__lte=day).exclude(end__lt=day).order_by("start", "id")
    return [p for p in people if p.role in PARENT_ROLES or p.parental_responsibility]


def _choice_error(value: str, allowed: Mapping[str, str], what: str) -> str | None:
    if value and value not in allowed:
        return f"{value!r} is not one of the choices for {what}"
    return None


def meeting_errors(
    *,
    child: Child,
    held: date,
    participation: str,
    parents: Mapping[int, tuple[str, str]],
    non_participation_reason: str,
    chairing: str,
    meeting_format: str,
    first_session: date | None,
    adjournments: int,
) -> dict[str, str]:
    """What is wrong with what the IRO recorded about the meeting, by field (none: {})."""
    errors: dict[str, str] = {}
    for value, allowed, field, what in (
        (
            non_participation_reason,
            NON_PARTICIPATION_REASONS,
            "non_participation_reason",
            "why the child did not take part",
        ),
        (chairing, CHAIRING, "chairing", "who chaired"),
        (meeting_format, MEETING_FORMATS, "meeting_format", "how the meeting was held"),
    ):
        if message := _choice_error(value, allowed, what):
            errors[field] = message
    if participation == "PN7" and not non_participation_reason:
        errors["non_participation_reason"] = (
            f"Select why {child.first_name} did not take part in the review (PN7)"
        )
    expected = {p.pk: p for p in parents_on(child, held)}
    for person_id, (status, reason) in parents.items():
        person = expected.get(person_id)
        key = f"parent_{person_id}"
        if person is None:
            errors[key] = (
                "That person is not one of the child's parents or people with parental "
                f"responsibility on {long_date(held)}"
            )
        elif status not in PARENT_STATUS:
            errors[key] = f"Select how {person.name} took part in the review"
        elif status == "not_invited" and not reason.strip():
            errors[f"{key}_reason"] = f"Give the reason {person.name} was not invited"
    for person_id, person in expected.items():
        if person_id not in parents:
            errors[f"parent_{person_id}"] = (
                f"Select how {person.name} ({person.get_role_display().lower()}) took part in "
                "the review"
            )
    if adjournments < 0 or adjournments > 9:
        errors["adjournments"] = "The number of adjournments must be from 0 to 9"
    elif adjournments and first_session is None:
        errors["first_session"] = "Enter the date of the first session of the adjourned review"
    if first_session is not None:
        if not adjournments:
            errors["first_session"] = (
                "A first session is recorded only for an adjourned review: say it was adjourned"
            )
        elif first_session > held:
            errors["first_session"] = (
                "The first session must be on or before the date the review was completed"
            )
    return errors


@transaction.atomic
def record_review(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    held: date,
    participation: str,
    chair: IRO | None = None,
    attendance: Iterable[str] = (),
    parents: Mapping[int, tuple[str, str]] | None = None,
    non_participation_reason: str = "",
    chairing: str = "iro",
    meeting_format: str = "",
    interpreter_used: bool | None = None,
    first_session: date | None = None,
    adjournments: int = 0,
    adjournment_reason: str = "",
    late_reason: str = "",
) -> Review:
    """Record a review held for a child; the next review due date moves at once.

    `attendance` lists who attended, as keys of reviews.models.ATTENDEES; `parents` gives
    each parent's part, {person id: (status, reason)}, for every parent or person with
    parental responsibility on the day (children.PersonAroundChild; a missing one is
    refused). A review held after the deadline live for it needs `late_reason` (M-REV-05);
    an adjourned review (`adjournments` >= 1) its `first_session` (ADJ-1: a second
    adjournment is recorded, and flagged on the review).
    """
    if held > timezone.localdate():
        raise ValidationError({"held": "The date held cannot be in the future"})
    attendance = set(attendance)
    if message := attendance_error(attendance):
        raise ValidationError({"attendance": message})
    if message := _choice_error(late_reason, LATE_REASONS, "why the review was late"):
        raise ValidationError({"late_reason": message})
    # Two reviews recorded at once for one care period take turns (children.actions), so
    # the second sees the first: a same-day duplicate is refused below, and the clock cache
    # is refreshed from both.
    period = lock_care_period(care_period_on(child, held).pk)
    if message := participation_error(child, held, participation):
        raise ValidationError({"participation": message})
    parents = dict(parents or {})
    errors = meeting_errors(
        child=child,
        held=held,
        participation=participation,
        parents=parents,
        non_participation_reason=non_participation_reason,
        chairing=chairing,
        meeting_format=meeting_format,
        first_session=first_session,
        adjournments=adjournments,
    )
    if errors:
        raise ValidationError(errors)
    duplicate = ValidationError(
        {"held": f"A review on {long_date(held)} is already recorded for this care period"}
    )
    if period.reviews.filter(held=held).exists():
        raise duplicate
    # Stored in the order of ATTENDEES, so the record reads the same however it was entered.
    attended = [key for key in ATTENDEES if key in attendance]
    try:
        with transaction.atomic():  # the database's own check, should the lock be bypassed
            review = Review.objects.create(
                child=child,
                care_period=period,
                held=held,
                participation=participation,
                chair=chair,
                attendance=attended,
                non_participation_reason=non_participation_reason if participation == "PN7" else "",
                chairing=chairing,
                meeting_format=meeting_format,
                interpreter_used=interpreter_used,
                first_session=first_session,
                adjournments=adjournments,
                adjournment_reason=adjournment_reason.strip() if adjournments else "",
            )
    except IntegrityError:
        raise duplicate from None
    ReviewParent.objects.bulk_create(
        [
            ReviewParent(
                review=review,
                person_id=person_id,
                status=status,
                reason=reason.strip() if status == "not_invited" else "",
            )
            for person_id, (status, reason) in sorted(parents.items())
        ]
    )
    # Late against the deadline that was live for it (early reviews asked for included)?
    # Then the reason is needed (M-REV-05); on time, none is kept.
    timing = review_timing(period.id, held)
    late = timing is not None and not timing.on_time
    if late and not late_reason:
        due = long_date(timing.due) if timing else ""
        raise ValidationError(
            {"late_reason": f"The review was due by {due}: select why it was late"}
        )
    if late:
        review.late_reason = late_reason
        review.save(update_fields=["late_reason"])
    refresh_review_clock([period.id])
    record_event(
        actor=actor,
        action=EventType.REVIEW_RECORDED,
        target=review,
        child_id=child.id,
        held=held.isoformat(),
        participation=participation,
        chair=chair.pk if chair else None,
        attendance=attended,
        parents={str(k): v[0] for k, v in sorted(parents.items())},
        late_reason=review.late_reason,
        adjournments=adjournments,
    )
    return review


# --- after the meeting ---------------------------------------------------------------------------


def _not_before_review(review: Review, day: date | None, what: str) -> str | None:
    if day is None:
        return None
    if day < review.held:
        return f"The date {what} cannot be before the review, on {long_date(review.held)}"
    if day > timezone.localdate():
        return f"The date {what} cannot be in the future"
    return None


@transaction.atomic
def record_after_meeting(
    *,
    actor: AbstractBaseUser | None,
    review: Review,
    decisions_circulated: date | None,
    record_distributed: date | None,
    letter_to_child: str,
    letter_sent: date | None,
) -> Review:
    """Record when the decisions were circulated (REC-1) and the record distributed (REC-2),
    and the record written to the child with the date it was sent."""
    errors = {
        field: message
        for field, message in (
            (
                "decisions_circulated",
                _not_before_review(review, decisions_circulated, "the decisions were circulated"),
            ),
            (
                "record_distributed",
                _not_before_review(review, record_distributed, "the record was distributed"),
            ),
            ("letter_sent", _not_before_review(review, letter_sent, "the letter was sent")),
        )
        if message
    }
    if letter_sent is not None and not letter_to_child.strip() and "letter_sent" not in errors:
        errors["letter_to_child"] = "Write the letter to the child before recording it was sent"
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "decisions_circulated": decisions_circulated,
        "record_distributed": record_distributed,
        "letter_to_child": letter_to_child.strip(),
        "letter_sent": letter_sent,
    }
    changed = [name for name, value in values.items() if getattr(review, name) != value]
    if not changed:
        return review
    for name in changed:
        setattr(review, name, values[name])
    review.save(update_fields=changed)
    record_event(
        actor=actor,
        action=EventType.REVIEW_RECORD_UPDATED,
        target=review,
        child_id=review.child_id,
        changed=changed,
    )
    return review


@transaction.atomic
def add_review_action(
    *,
    actor: AbstractBaseUser | None,
    review: Review,
    decision: str,
    owner: str,
    due: date,
    owner_user: AbstractBaseUser | None = None,
) -> ReviewAction:
    """Add one of the review's decisions with its action: who does it and by when."""
    errors = {}
    if not decision.strip():
        errors["decision"] = "Enter the decision or action agreed"
    if not owner.strip() and owner_user is None:
        errors["owner"] = "Enter who is responsible for the action"
    if due < review.held:
        errors["due"] = f"The due date cannot be before the review, on {long_date(review.held)}"
    if errors:
        raise ValidationError(errors)
    action = ReviewAction.objects.create(
        review=review,
        decision=decision.strip(),
        owner=owner.strip() or (owner_user.get_full_name() if owner_user else ""),
        owner_user=owner_user,
        due=due,
    )
    record_event(
        actor=actor,
        action=EventType.REVIEW_ACTION_ADDED,
        target=action,
        child_id=review.child_id,
        due=due.isoformat(),
        owner_user=owner_user.pk if owner_user else None,
    )
    return action


@transaction.atomic
def complete_review_action(
    *, actor: AbstractBaseUser | None, action: ReviewAction, completed: date
) -> ReviewAction:
    """Mark an action done on `completed`."""
    if action.completed is not None:
        raise ValidationError(
            {"completed": f"This action was already done on {long_date(action.completed)}"}
        )
    if message := _not_before_review(action.review, completed, "the action was done"):
        raise ValidationError({"completed": message})
    action.completed = completed
    action.save(update_fields=["completed"])
    record_event(
        actor=actor,
        action=EventType.REVIEW_ACTION_COMPLETED,
        target=action,
        child_id=action.review.child_id,
        completed=completed.isoformat(),
    )
    return action


# --- early reviews (ER-1 to ER-6) -----------------------------------------------------------


@transaction.atomic
def ask_for_early_review(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    trigger: str,
    raised: date,
    event_date: date | None = None,
    note: str = "",
) -> EarlyReview:
    """Record an early-review trigger (spec §2.4): the early review is due by the deadline
    of the rules core, and the child's next review moves forward to it at once."""
    try:
        kind = EarlyTrigger(trigger)
    except ValueError:
        raise ValidationError({"trigger": "Select what brings the review forward"}) from None
    if raised > timezone.localdate():
        raise ValidationError({"raised": "The date raised cannot be in the future"})
    try:
        period = lock_care_period(care_period_on(child, raised).pk)
    except ValidationError:
        raise ValidationError(
            {"raised": f"{child.first_name} was not looked after on {long_date(raised)}"}
        ) from None
    if not period.is_open:
        raise ValidationError(
            {
                "raised": f"{child.first_name}'s care period ended on {long_date(period.end)}: "
                "no review is due"
            }
        )
    try:
        due = early_review_deadline(kind, raised, event_date=event_date, calendar=get_calendar())
    except EarlyReviewError as error:
        raise ValidationError({"event_date": str(error)}) from None
    request = EarlyReview.objects.create(
        child=child,
        care_period=period,
        trigger=kind.value,
        raised=raised,
        event_date=event_date if kind.needs_event_date else None,
        due=due,
        note=note.strip(),
        raised_by=signed_in(actor),
    )
    refresh_review_clock([period.id])
    record_event(
        actor=actor,
        action=EventType.EARLY_REVIEW_REQUESTED,
        target=request,
        child_id=child.id,
        trigger=kind.value,
        raised=raised.isoformat(),
        due=due.isoformat(),
    )
    return request


def adjourned_by(review: Review) -> date | None:
    """ADJ-1: the day an adjourned review had to be completed by (None if not adjourned)."""
    if not review.adjournments or review.first_session is None:
        return None
    return adjournment_deadline(review.first_session, calendar=get_calendar())
