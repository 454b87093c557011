"""The IRO's challenge: the dispute resolution process as a state machine (spec §2.10,
rules DR-1 to DR-3; IRO Handbook para 6.2; Children Act 1989 s25B(3)).

A challenge starts at the informal stage (an amber or red quality rating opens one) or,
when the IRO judges it right, straight at a formal stage. At each stage the council's
manager responds; the IRO then closes it with the agreed action and an outcome, or
escalates it to a later stage. Stages may be skipped when the child's welfare requires
it (the IRO gives the reason). The IRO may refer the case to Cafcass at any point, in
parallel with the local process, once.

Deadlines are on the working-day calendar: each stage's response is due a configurable
number of working days after the stage began (DR-2: 10 informal, 5 per formal stage by
default), and the whole formal process within 20 working days of its first formal stage
(DR-1); a challenge is resolved in time when it closed by then (DR-3).

Resolved here (the spec leaves them open):

* Opening straight at stage 1 needs no reason (several councils' procedures start a
  formal dispute there for a breach of a child's rights); opening at stage 2 or 3, or
  escalating past a stage, is skipping and needs the reason.
* Each move is dated; no move may be dated before the step before it (dates may be the
  same day).
* A stage gets one response; a later stage starts a new wait for one.
* A challenge closed as resolved can no longer be referred to Cafcass; one closed as
  partly or not resolved can, as the Handbook's last resort.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum, StrEnum

from irohub.statutory.calendar import WorkingDayCalendar, default_calendar

__all__ = [
    "DEFAULT_STAGE_NAMES",
    "DEFAULT_STAGE_WORKING_DAYS",
    "FORMAL_PROCESS_WORKING_DAYS",
    "Move",
    "Outcome",
    "ResolutionDeadlines",
    "ResolutionMoveError",
    "ResolutionRules",
    "ResolutionState",
    "Stage",
    "Status",
    "allowed_moves",
    "close",
    "deadlines",
    "escalate",
    "open_challenge",
    "refer_to_cafcass",
    "resolved_in_time",
    "respond",
]


class Stage(IntEnum):
    INFORMAL = 0
    STAGE_1 = 1
    STAGE_2 = 2
    STAGE_3 = 3

    @property
    def formal(self) -> bool:
        return self is not Stage.INFORMAL


class Status(StrEnum):
    AWAITING_RESPONSE = "awaiting response"
    RESPONDED = "responded"
    CLOSED = "closed"


class Outcome(StrEnum):
    RESOLVED = "resolved"
    PARTLY = "partly resolved"
    NOT_RESOLVED = "not resolved"


class Move(StrEnum):
    RESPOND = "respond"
    ESCALATE = "escalate"
    CLOSE = "close"
    REFER_TO_CAFCASS = "refer to Cafcass"


FORMAL_PROCESS_WORKING_DAYS = 20  # DR-1
# DR-2: informal 10 WD (Nottinghamshire; others use 5), 5 WD per formal stage.
DEFAULT_STAGE_WORKING_DAYS: Mapping[Stage, int] = {
    Stage.INFORMAL: 10,
    Stage.STAGE_1: 5,
    Stage.STAGE_2: 5,
    Stage.STAGE_3: 5,
}
DEFAULT_STAGE_NAMES: Mapping[Stage, str] = {
    Stage.INFORMAL: "Informal",
    Stage.STAGE_1: "Stage 1 (team or service manager)",
    Stage.STAGE_2: "Stage 2 (head of service)",
    Stage.STAGE_3: "Stage 3 (assistant director or director)",
}


class ResolutionMoveError(ValueError):
    """A move the resolution process does not allow; the message says why."""


@dataclass(frozen=True, slots=True)
class ResolutionRules:
    """A council's process: the name and response time of each stage, the formal target."""

    stage_working_days: Mapping[Stage, int] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_WORKING_DAYS)
    )
    stage_names: Mapping[Stage, str] = field(default_factory=lambda: dict(DEFAULT_STAGE_NAMES))
    formal_working_days: int = FORMAL_PROCESS_WORKING_DAYS

    def __post_init__(self) -> None:
        for stage in Stage:
            days = self.stage_working_days.get(stage)
            if days is None or days < 1:
                raise ValueError(
                    f"{self.name(stage)}: the response time must be 1 working day or more, "
                    f"not {days}"
                )
        if self.formal_working_days < 1:
            raise ValueError(
                "the formal process target must be 1 working day or more, "
                f"not {self.formal_working_days}"
            )

    def name(self, stage: Stage) -> str:
        return self.stage_names.get(stage) or DEFAULT_STAGE_NAMES[stage]


@dataclass(frozen=True, slots=True)
class ResolutionState:
    """Where a challenge is. `stage_started`: the day its current stage began;
    `formal_started`: the day it first reached a formal stage (None while informal);
    `last_step`: the day of its latest move (no later move may be dated before it)."""

    stage: Stage
    status: Status
    opened: date
    stage_started: date
    last_step: date
    formal_started: date | None = None
    closed: date | None = None
    outcome: Outcome | None = None
    cafcass_referred: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status is not Status.CLOSED


@dataclass(frozen=True, slots=True)
class ResolutionDeadlines:
    """`stage_due`: the current stage's response (None once closed or responded);
    `formal_due`: the formal process's 20-working-day target (None while informal)."""

    stage_due: date | None
    formal_due: date | None


def _rules(rules: ResolutionRules | None) -> ResolutionRules:
    return rules if rules is not None else ResolutionRules()


def _skip_reason_needed(skipped: list[Stage], reason: str, rules: ResolutionRules) -> None:
    if skipped and not reason.strip():
        names = " and ".join(rules.name(stage) for stage in skipped)
        raise ResolutionMoveError(
            f"Going past {names} skips a stage: give the reason the child's welfare requires it"
        )


def open_challenge(
    day: date,
    stage: Stage = Stage.INFORMAL,
    *,
    skip_reason: str = "",
    rules: ResolutionRules | None = None,
) -> ResolutionState:
    """A new challenge, waiting for the council's response at `stage`."""
    rules = _rules(rules)
    _skip_reason_needed([s for s in Stage if Stage.STAGE_1 <= s < stage], skip_reason, rules)
    return ResolutionState(
        stage=stage,
        status=Status.AWAITING_RESPONSE,
        opened=day,
        stage_started=day,
        last_step=day,
        formal_started=day if stage.formal else None,
    )


def allowed_moves(state: ResolutionState) -> frozenset[Move]:
    """The moves the process allows from `state` (each other one is refused by its move)."""
    moves: set[Move] = set()
    if state.is_open:
        moves.add(Move.CLOSE)
        if state.status is Status.AWAITING_RESPONSE:
            moves.add(Move.RESPOND)
        if state.stage < Stage.STAGE_3:
            moves.add(Move.ESCALATE)
    if state.cafcass_referred is None and state.outcome is not Outcome.RESOLVED:
        moves.add(Move.REFER_TO_CAFCASS)
    return frozenset(moves)


def _dated(state: ResolutionState, day: date, what: str) -> None:
    if day < state.last_step:
        raise ResolutionMoveError(
            f"{what} cannot be dated {day.isoformat()}, before the challenge's last step on "
            f"{state.last_step.isoformat()}"
        )


def _still_open(state: ResolutionState, what: str) -> None:
    if not state.is_open:
        assert state.closed is not None and state.outcome is not None
        raise ResolutionMoveError(
            f"This challenge was closed on {state.closed.isoformat()} ({state.outcome}): "
            f"it cannot {what}"
        )


def respond(
    state: ResolutionState, day: date, *, rules: ResolutionRules | None = None
) -> ResolutionState:
    """The council's manager responds at the current stage."""
    rules = _rules(rules)
    _still_open(state, "be responded to")
    if state.status is Status.RESPONDED:
        raise ResolutionMoveError(
            f"{rules.name(state.stage)} already has its response: the IRO closes the "
            "challenge or escalates it"
        )
    _dated(state, day, "The response")
    return replace(state, status=Status.RESPONDED, last_step=day)


def escalate(
    state: ResolutionState,
    day: date,
    to: Stage | None = None,
    *,
    skip_reason: str = "",
    rules: ResolutionRules | None = None,
) -> ResolutionState:
    """The IRO takes the challenge to a later stage (the next one unless `to` says)."""
    rules = _rules(rules)
    _still_open(state, "be escalated")
    if state.stage is Stage.STAGE_3:
        raise ResolutionMoveError(
            f"{rules.name(Stage.STAGE_3)} is the last stage: close the challenge or refer the "
            "case to Cafcass"
        )
    target = Stage(state.stage + 1) if to is None else to
    if target <= state.stage:
        raise ResolutionMoveError(
            f"A challenge at {rules.name(state.stage)} can only go to a later stage, "
            f"not {rules.name(target)}"
        )
    _skip_reason_needed([s for s in Stage if state.stage < s < target], skip_reason, rules)
    _dated(state, day, "The escalation")
    return replace(
        state,
        stage=target,
        status=Status.AWAITING_RESPONSE,
        stage_started=day,
        last_step=day,
        formal_started=state.formal_started or day,
    )


def close(
    state: ResolutionState,
    day: date,
    outcome: Outcome,
    *,
    agreed_action: str,
) -> ResolutionState:
    """The IRO closes the challenge with the agreed action and its outcome."""
    _still_open(state, "be closed again")
    if not agreed_action.strip():
        raise ResolutionMoveError(
            "Closing a challenge needs the agreed action (or why none was agreed)"
        )
    _dated(state, day, "Closing")
    return replace(state, status=Status.CLOSED, closed=day, outcome=outcome, last_step=day)


def refer_to_cafcass(state: ResolutionState, day: date) -> ResolutionState:
    """The IRO refers the case to Cafcass (CA 1989 s25B(3)), alongside the local process."""
    if state.cafcass_referred is not None:
        raise ResolutionMoveError(
            f"The case was already referred to Cafcass on {state.cafcass_referred.isoformat()}"
        )
    if state.outcome is Outcome.RESOLVED:
        assert state.closed is not None
        raise ResolutionMoveError(
            f"This challenge was resolved on {state.closed.isoformat()}: there is nothing left "
            "to refer to Cafcass"
        )
    _dated(state, day, "The Cafcass referral")
    return replace(state, cafcass_referred=day, last_step=day)


def deadlines(
    state: ResolutionState,
    *,
    rules: ResolutionRules | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ResolutionDeadlines:
    """When the current stage's response is due (DR-2) and the formal target (DR-1)."""
    rules = _rules(rules)
    calendar = calendar or default_calendar()
    stage_due = None
    if state.status is Status.AWAITING_RESPONSE:
        stage_due = calendar.add_working_days(
            state.stage_started, rules.stage_working_days[state.stage]
        )
    formal_due = None
    if state.formal_started is not None:
        formal_due = calendar.add_working_days(state.formal_started, rules.formal_working_days)
    return ResolutionDeadlines(stage_due, formal_due)


def resolved_in_time(
    state: ResolutionState,
    *,
    as_of: date | None = None,
    rules: ResolutionRules | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> bool | None:
    """DR-3 for a formal challenge: closed on or before the 20-working-day target. Still
    open on `as_of` after its target: not in time. None for an informal challenge, or a
    formal one still open with its target not yet passed."""
    formal_due = deadlines(state, rules=rules, calendar=calendar).formal_due
    if formal_due is None:
        return None
    if state.closed is not None:
        return state.closed <= formal_due
    if as_of is not None and as_of > formal_due:
        return False
    return None
