"""The resolution process (spec §2.10, DR-1 to DR-3): every allowed move walked, every
disallowed one refused with its message, and the deadlines across bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.statutory import WorkingDayCalendar, add_working_days
from irohub.statutory.resolution import (
    Move,
    Outcome,
    ResolutionMoveError,
    ResolutionRules,
    ResolutionState,
    Stage,
    Status,
    allowed_moves,
    close,
    deadlines,
    escalate,
    open_challenge,
    refer_to_cafcass,
    resolved_in_time,
    respond,
)

D = date
DAY = D(2026, 3, 2)  # a Monday
LATER = D(2026, 3, 4)


def state_at(stage: Stage, status: Status, *, cafcass: bool = False) -> ResolutionState:
    """A challenge at `stage` in `status`, reached through the moves themselves."""
    state = open_challenge(DAY)
    for _ in range(stage):
        state = escalate(state, DAY)
    if status is Status.RESPONDED:
        state = respond(state, DAY)
    if cafcass:
        state = refer_to_cafcass(state, DAY)
    return state


OPEN_STATES = [
    (stage, status) for stage in Stage for status in (Status.AWAITING_RESPONSE, Status.RESPONDED)
]


# --- the allowed moves, from every open state ------------------------------------------


@pytest.mark.parametrize(("stage", "status"), OPEN_STATES)
def test_the_moves_allowed_from_each_open_state(stage: Stage, status: Status) -> None:
    state = state_at(stage, status)
    expected = {Move.CLOSE, Move.REFER_TO_CAFCASS}
    if status is Status.AWAITING_RESPONSE:
        expected.add(Move.RESPOND)
    if stage < Stage.STAGE_3:
        expected.add(Move.ESCALATE)
    assert allowed_moves(state) == expected


@pytest.mark.parametrize("stage", list(Stage))
def test_respond_walks_awaiting_to_responded(stage: Stage) -> None:
    state = respond(state_at(stage, Status.AWAITING_RESPONSE), LATER)
    assert (state.stage, state.status, state.last_step) == (stage, Status.RESPONDED, LATER)


@pytest.mark.parametrize(("stage", "status"), [s for s in OPEN_STATES if s[0] < Stage.STAGE_3])
def test_escalate_walks_to_the_next_stage(stage: Stage, status: Status) -> None:
    state = escalate(state_at(stage, status), LATER)
    assert state.stage == stage + 1
    assert state.status is Status.AWAITING_RESPONSE
    assert state.stage_started == LATER
    # The formal process starts on the first formal stage and never moves after.
    assert state.formal_started == (LATER if stage is Stage.INFORMAL else DAY)


@pytest.mark.parametrize(("stage", "status"), OPEN_STATES)
@pytest.mark.parametrize("outcome", list(Outcome))
def test_close_walks_any_open_state_to_closed(
    stage: Stage, status: Status, outcome: Outcome
) -> None:
    state = close(state_at(stage, status), LATER, outcome, agreed_action="Plan updated")
    assert (state.status, state.closed, state.outcome, state.stage) == (
        Status.CLOSED,
        LATER,
        outcome,
        stage,
    )
    assert allowed_moves(state) == (
        set() if outcome is Outcome.RESOLVED else {Move.REFER_TO_CAFCASS}
    )


@pytest.mark.parametrize(("stage", "status"), OPEN_STATES)
def test_cafcass_referral_is_allowed_from_any_open_state_and_the_process_goes_on(
    stage: Stage, status: Status
) -> None:
    state = refer_to_cafcass(state_at(stage, status), LATER)
    assert state.cafcass_referred == LATER
    assert (state.stage, state.status) == (stage, status)
    assert Move.REFER_TO_CAFCASS not in allowed_moves(state)
    assert Move.CLOSE in allowed_moves(state)


@pytest.mark.parametrize("outcome", [Outcome.PARTLY, Outcome.NOT_RESOLVED])
def test_cafcass_referral_after_a_challenge_closed_unresolved(outcome: Outcome) -> None:
    closed = close(state_at(Stage.STAGE_3, Status.RESPONDED), DAY, outcome, agreed_action="None")
    assert refer_to_cafcass(closed, LATER).cafcass_referred == LATER


def test_skipping_stages_with_the_welfare_reason() -> None:
    state = escalate(open_challenge(DAY), LATER, Stage.STAGE_3, skip_reason="Placement unsafe")
    assert (state.stage, state.formal_started) == (Stage.STAGE_3, LATER)
    assert open_challenge(DAY, Stage.STAGE_2, skip_reason="At risk").stage is Stage.STAGE_2
    # Opening at stage 1 is not skipping (a formal dispute may start there).
    opened = open_challenge(DAY, Stage.STAGE_1)
    assert (opened.formal_started, opened.status) == (DAY, Status.AWAITING_RESPONSE)


# --- every disallowed move refused with a clear message --------------------------------


@pytest.mark.parametrize("stage", list(Stage))
def test_a_second_response_at_one_stage_is_refused(stage: Stage) -> None:
    with pytest.raises(ResolutionMoveError, match="already has its response"):
        respond(state_at(stage, Status.RESPONDED), LATER)


@pytest.mark.parametrize("status", [Status.AWAITING_RESPONSE, Status.RESPONDED])
def test_escalating_past_the_last_stage_is_refused(status: Status) -> None:
    with pytest.raises(ResolutionMoveError, match=r"Stage 3 .* is the last stage"):
        escalate(state_at(Stage.STAGE_3, status), LATER)


@pytest.mark.parametrize("to", [Stage.INFORMAL, Stage.STAGE_1])
def test_escalating_to_the_same_or_an_earlier_stage_is_refused(to: Stage) -> None:
    with pytest.raises(ResolutionMoveError, match="can only go to a later stage"):
        escalate(state_at(Stage.STAGE_1, Status.RESPONDED), LATER, to)


def test_skipping_without_a_reason_is_refused() -> None:
    with pytest.raises(ResolutionMoveError, match=r"Going past Stage 1 .* and Stage 2 .* skips"):
        escalate(open_challenge(DAY), LATER, Stage.STAGE_3, skip_reason="  ")
    with pytest.raises(ResolutionMoveError, match=r"Going past Stage 1 .* skips a stage"):
        open_challenge(DAY, Stage.STAGE_2)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_move_but_cafcass_is_refused_once_closed(outcome: Outcome) -> None:
    closed = close(state_at(Stage.STAGE_1, Status.RESPONDED), DAY, outcome, agreed_action="x")
    message = rf"closed on 2026-03-02 \({outcome}\): it cannot"
    with pytest.raises(ResolutionMoveError, match=message + " be responded to"):
        respond(closed, LATER)
    with pytest.raises(ResolutionMoveError, match=message + " be escalated"):
        escalate(closed, LATER)
    with pytest.raises(ResolutionMoveError, match=message + " be closed again"):
        close(closed, LATER, Outcome.RESOLVED, agreed_action="x")


def test_cafcass_is_refused_twice_and_after_a_resolved_close() -> None:
    referred = state_at(Stage.STAGE_1, Status.AWAITING_RESPONSE, cafcass=True)
    with pytest.raises(ResolutionMoveError, match="already referred to Cafcass on 2026-03-02"):
        refer_to_cafcass(referred, LATER)
    resolved = close(
        state_at(Stage.INFORMAL, Status.RESPONDED), DAY, Outcome.RESOLVED, agreed_action="x"
    )
    with pytest.raises(ResolutionMoveError, match="resolved on 2026-03-02: there is nothing left"):
        refer_to_cafcass(resolved, LATER)


def test_closing_without_the_agreed_action_is_refused() -> None:
    with pytest.raises(ResolutionMoveError, match="needs the agreed action"):
        close(open_challenge(DAY), LATER, Outcome.RESOLVED, agreed_action=" ")


def test_a_move_dated_before_the_last_step_is_refused() -> None:
    state = escalate(open_challenge(DAY), LATER)
    before = LATER - timedelta(days=1)
    with pytest.raises(ResolutionMoveError, match="The response cannot be dated 2026-03-03"):
        respond(state, before)
    with pytest.raises(ResolutionMoveError, match="The escalation cannot be dated"):
        escalate(state, before)
    with pytest.raises(ResolutionMoveError, match="Closing cannot be dated"):
        close(state, before, Outcome.RESOLVED, agreed_action="x")
    with pytest.raises(ResolutionMoveError, match="The Cafcass referral cannot be dated"):
        refer_to_cafcass(state, before)


# --- deadlines on the working-day calendar ---------------------------------------------


def test_stage_1_over_christmas_and_the_formal_target_over_new_year() -> None:
    # Stage 1 from Mon 22 Dec 2025: 23, 24, 29, 30, 31 Dec (25, 26 Dec bank holidays, 27-28
    # the weekend) → response due Wed 31 Dec 2025. The formal target: 20 WD, skipping
    # 1 Jan 2026 too → Thu 22 Jan 2026.
    state = open_challenge(D(2025, 12, 22), Stage.STAGE_1)
    due = deadlines(state)
    assert (due.stage_due, due.formal_due) == (D(2025, 12, 31), D(2026, 1, 22))


def test_informal_over_easter() -> None:
    # Informal from Wed 1 Apr 2026: 2 Apr, then Good Friday 3 Apr and Easter Monday 6 Apr
    # are not working days → the 10th working day is Fri 17 Apr 2026; no formal target yet.
    due = deadlines(open_challenge(D(2026, 4, 1)))
    assert (due.stage_due, due.formal_due) == (D(2026, 4, 17), None)


def test_escalated_over_the_may_bank_holidays() -> None:
    # Informal from Thu 30 Apr 2026, escalated to stage 1 on Fri 1 May: the response is due
    # 5 WD later skipping Mon 4 May (early May bank holiday) → Mon 11 May; the formal target
    # 20 WD from 1 May skipping 4 May and Mon 25 May (spring bank holiday) → Tue 2 Jun.
    state = escalate(open_challenge(D(2026, 4, 30)), D(2026, 5, 1))
    due = deadlines(state)
    assert (due.stage_due, due.formal_due) == (D(2026, 5, 11), D(2026, 6, 2))
    # The response came: no stage deadline runs until a later stage starts.
    assert deadlines(respond(state, D(2026, 5, 6))).stage_due is None
    # Stage 2 on Tue 12 May restarts the stage clock but not the formal one.
    stage_2 = escalate(respond(state, D(2026, 5, 6)), D(2026, 5, 12))
    assert deadlines(stage_2) == type(due)(D(2026, 5, 19), D(2026, 6, 2))


def test_configured_stage_times_names_and_an_administrators_holiday() -> None:
    rules = ResolutionRules(
        stage_working_days={
            Stage.INFORMAL: 5,
            Stage.STAGE_1: 3,
            Stage.STAGE_2: 3,
            Stage.STAGE_3: 3,
        },
        stage_names={Stage.STAGE_1: "Service manager"},
        formal_working_days=15,
    )
    # An extra bank holiday on Thu 5 Mar 2026 moves the deadlines a day.
    calendar = WorkingDayCalendar(extra_holidays=[D(2026, 3, 5)])
    state = open_challenge(DAY, Stage.STAGE_1, rules=rules)
    due = deadlines(state, rules=rules, calendar=calendar)
    assert (due.stage_due, due.formal_due) == (D(2026, 3, 6), D(2026, 3, 24))
    assert rules.name(Stage.STAGE_1) == "Service manager"
    assert rules.name(Stage.STAGE_2) == "Stage 2 (head of service)"
    with pytest.raises(ResolutionMoveError, match="Service manager already has its response"):
        respond(respond(state, DAY, rules=rules), DAY, rules=rules)


def test_rules_refuse_a_stage_without_a_response_time() -> None:
    with pytest.raises(
        ValueError, match=r"Stage 2 .*: the response time must be 1 working day or more, not 0"
    ):
        ResolutionRules(
            stage_working_days={
                Stage.INFORMAL: 5,
                Stage.STAGE_1: 5,
                Stage.STAGE_2: 0,
                Stage.STAGE_3: 5,
            }
        )
    with pytest.raises(ValueError, match=r"Informal: the response time .* not None"):
        ResolutionRules(stage_working_days={})
    with pytest.raises(
        ValueError, match="formal process target must be 1 working day or more, not 0"
    ):
        ResolutionRules(formal_working_days=0)


def test_resolved_in_time_dr_3() -> None:
    formal = open_challenge(D(2025, 12, 22), Stage.STAGE_1)  # target Thu 22 Jan 2026
    on_target = close(formal, D(2026, 1, 22), Outcome.RESOLVED, agreed_action="x")
    a_day_late = close(formal, D(2026, 1, 23), Outcome.RESOLVED, agreed_action="x")
    assert resolved_in_time(on_target) is True
    assert resolved_in_time(a_day_late) is False
    # Still open: not judged before the target, late after it.
    assert resolved_in_time(formal, as_of=D(2026, 1, 22)) is None
    assert resolved_in_time(formal, as_of=D(2026, 1, 23)) is False
    assert resolved_in_time(formal) is None
    # An informal challenge has no formal target.
    assert (
        resolved_in_time(close(open_challenge(DAY), DAY, Outcome.RESOLVED, agreed_action="x"))
        is None
    )


# --- properties ------------------------------------------------------------------------

MOVES = st.sampled_from(list(Move))
OUTCOMES = st.sampled_from(list(Outcome))
STAGES = st.sampled_from(list(Stage))


@given(
    start=st.dates(D(2000, 1, 1), D(2090, 12, 31)),
    steps=st.lists(st.tuples(MOVES, st.integers(0, 30), STAGES, OUTCOMES), max_size=12),
)
def test_any_sequence_of_moves_keeps_the_process_consistent(
    start: date, steps: list[tuple[Move, int, Stage, Outcome]]
) -> None:
    state = open_challenge(start)
    for move, gap, to, outcome in steps:
        day = state.last_step + timedelta(days=gap)
        allowed = move in allowed_moves(state)
        before = state
        try:
            if move is Move.RESPOND:
                state = respond(state, day)
            elif move is Move.ESCALATE:
                state = escalate(
                    state, day, None if to <= state.stage else to, skip_reason="welfare"
                )
            elif move is Move.CLOSE:
                state = close(state, day, outcome, agreed_action="agreed")
            else:
                state = refer_to_cafcass(state, day)
        except ResolutionMoveError:
            # A move refused is exactly a move not allowed, and nothing changed.
            assert not allowed
            assert state == before
            continue
        assert allowed
        # Stages only go up; the formal process starts once and stays.
        assert state.stage >= before.stage
        assert (state.formal_started is not None) == state.stage.formal
        if before.formal_started is not None:
            assert state.formal_started == before.formal_started
        assert state.last_step == day >= before.last_step
        assert (
            (state.closed is not None)
            == (state.status is Status.CLOSED)
            == (state.outcome is not None)
        )
        due = deadlines(state)
        if due.stage_due is not None:
            assert due.stage_due > state.stage_started
        if due.formal_due is not None:
            assert state.formal_started is not None
            assert due.formal_due == add_working_days(state.formal_started, 20)


@given(start=st.dates(D(2000, 1, 1), D(2090, 12, 31)), stage=STAGES)
def test_each_stage_deadline_is_its_working_days_after_it_began(start: date, stage: Stage) -> None:
    state = open_challenge(start, stage, skip_reason="welfare")
    expected = {Stage.INFORMAL: 10}.get(stage, 5)
    assert deadlines(state).stage_due == add_working_days(start, expected)
