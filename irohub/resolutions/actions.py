"""Writes to challenges: each action asks the rules core whether the move is allowed,
saves the new state with its deadlines and the dated step, and audits it, in one
transaction. A move the process does not allow is refused with the core's message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.core.calendar import get_calendar
from irohub.resolutions.access import team_holding
from irohub.resolutions.models import Challenge, ChallengeStep, PracticeTheme
from irohub.resolutions.rules import resolution_rules
from irohub.reviews.models import Review
from irohub.statutory import resolution as process
from irohub.statutory.resolution import Outcome, ResolutionMoveError, ResolutionState, Stage

__all__ = ["close", "escalate", "open_challenge", "refer_to_cafcass", "respond"]


def _name(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return actor.get_full_name() or actor.get_username()


def _not_in_future(day: date, field: str = "day") -> None:
    if day > timezone.localdate():
        raise ValidationError({field: "The date cannot be in the future"})


def _save(
    challenge: Challenge,
    state: ResolutionState,
    *,
    actor: Any,
    kind: str,
    text: str,
    event: EventType,
    **details: Any,
) -> Challenge:
    rules = resolution_rules()
    challenge.take(state)
    due = process.deadlines(state, rules=rules, calendar=get_calendar())
    challenge.stage_due, challenge.formal_due = due.stage_due, due.formal_due
    challenge.save()
    ChallengeStep.objects.create(
        challenge=challenge,
        kind=kind,
        day=state.last_step,
        stage=int(state.stage),
        by=actor if getattr(actor, "is_authenticated", False) else None,
        by_name=_name(actor),
        text=text,
    )
    record_event(
        actor=actor,
        action=event,
        target=challenge,
        child_id=challenge.child_id,
        day=state.last_step.isoformat(),
        stage=int(state.stage),
        **details,
    )
    return challenge


def _move(call: Any, *args: Any, **kwargs: Any) -> ResolutionState:
    try:
        return call(*args, **kwargs)
    except ResolutionMoveError as error:
        raise ValidationError(str(error)) from None


def _locked(challenge: Challenge) -> Challenge:
    # Two people moving one challenge at once take turns; the second sees the first's move.
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


@transaction.atomic
def open_challenge(
    *,
    actor: Any,
    child: Child,
    day: date,
    issue: str,
    themes: Iterable[PracticeTheme] = (),
    stage: Stage = Stage.INFORMAL,
    skip_reason: str = "",
    review: Review | None = None,
    iro: IRO | None = None,
) -> Challenge:
    """Open a challenge about `child` at `stage` (informal unless the IRO goes formal)."""
    if not issue.strip():
        raise ValidationError({"issue": "Say what the challenge is about"})
    _not_in_future(day)
    state = _move(
        process.open_challenge, day, stage, skip_reason=skip_reason, rules=resolution_rules()
    )
    # Routed to the team of the child's social worker that day: its managers respond.
    challenge = Challenge(
        child=child,
        review=review,
        iro=iro,
        raised_by=None,
        issue=issue.strip(),
        social_work_team=team_holding(child, day),
    )
    if getattr(actor, "is_authenticated", False):
        challenge.raised_by = actor
    text = issue.strip() + (
        f"\n\nStages skipped because: {skip_reason.strip()}" if skip_reason.strip() else ""
    )
    _save(
        challenge,
        state,
        actor=actor,
        kind=ChallengeStep.Kind.OPENED,
        text=text,
        event=EventType.CHALLENGE_OPENED,
        review=review.pk if review else None,
        social_work_team=challenge.social_work_team_id,
    )
    challenge.themes.set(list(themes))
    return challenge


@transaction.atomic
def respond(*, actor: Any, challenge: Challenge, day: date, response: str) -> Challenge:
    """The manager's response at the challenge's current stage."""
    if not response.strip():
        raise ValidationError({"response": "Enter the response"})
    _not_in_future(day)
    challenge = _locked(challenge)
    state = _move(process.respond, challenge.state, day, rules=resolution_rules())
    return _save(
        challenge,
        state,
        actor=actor,
        kind=ChallengeStep.Kind.RESPONDED,
        text=response.strip(),
        event=EventType.CHALLENGE_RESPONDED,
    )


@transaction.atomic
def escalate(
    *,
    actor: Any,
    challenge: Challenge,
    day: date,
    reason: str,
    to: Stage | None = None,
    skip_reason: str = "",
) -> Challenge:
    """The IRO takes the challenge to a later stage (skipping needs the welfare reason)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the challenge is escalated"})
    _not_in_future(day)
    challenge = _locked(challenge)
    state = _move(
        process.escalate,
        challenge.state,
        day,
        to,
        skip_reason=skip_reason,
        rules=resolution_rules(),
    )
    text = reason.strip() + (
        f"\n\nStages skipped because: {skip_reason.strip()}" if skip_reason.strip() else ""
    )
    return _save(
        challenge,
        state,
        actor=actor,
        kind=ChallengeStep.Kind.ESCALATED,
        text=text,
        event=EventType.CHALLENGE_ESCALATED,
    )


@transaction.atomic
def close(
    *, actor: Any, challenge: Challenge, day: date, outcome: Outcome, agreed_action: str
) -> Challenge:
    """The IRO closes the challenge with the agreed action and the outcome."""
    _not_in_future(day)
    challenge = _locked(challenge)
    state = _move(process.close, challenge.state, day, outcome, agreed_action=agreed_action)
    challenge.agreed_action = agreed_action.strip()
    return _save(
        challenge,
        state,
        actor=actor,
        kind=ChallengeStep.Kind.CLOSED,
        text=agreed_action.strip(),
        event=EventType.CHALLENGE_CLOSED,
        outcome=outcome.value,
    )


@transaction.atomic
def refer_to_cafcass(*, actor: Any, challenge: Challenge, day: date, reason: str) -> Challenge:
    """The IRO refers the case to Cafcass (Children Act 1989 s25B(3))."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is referred to Cafcass"})
    _not_in_future(day)
    challenge = _locked(challenge)
    state = _move(process.refer_to_cafcass, challenge.state, day)
    return _save(
        challenge,
        state,
        actor=actor,
        kind=ChallengeStep.Kind.CAFCASS,
        text=reason.strip(),
        event=EventType.CHALLENGE_CAFCASS,
    )
