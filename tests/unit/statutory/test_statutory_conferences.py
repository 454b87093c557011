"""Child protection conferences (spec §3): CP-1 to CP-6 and CP-PB, with the worked
examples CP-E1 to CP-E3."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import add_months, add_working_days, is_working_day, working_days_between
from irohub.statutory.conferences import (
    ConferenceStart,
    conference_kind,
    conference_schedule,
    core_group_due,
    icpc_due,
    pre_birth_icpc_due,
    report_due,
    transfer_in_due,
)

D = date


def test_cp_e1_icpc_over_christmas_then_the_review_conferences() -> None:
    # Strategy discussion Thu 19 Dec 2024 → ICPC by Tue 14 Jan 2025; held Mon 13 Jan →
    # first RCPC by Sun 13 Apr 2025 (book by Fri 11 Apr); held Thu 10 Apr → next by Fri
    # 10 Oct 2025.
    assert icpc_due(D(2024, 12, 19)) == D(2025, 1, 14)
    schedule = conference_schedule(D(2024, 12, 19), [D(2025, 1, 13)])
    assert schedule.next_due == D(2025, 4, 13)
    assert (schedule.next_due_is_working_day, schedule.book_by) == (False, D(2025, 4, 11))
    schedule = conference_schedule(D(2024, 12, 19), [D(2025, 1, 13), D(2025, 4, 10)])
    assert [(r.number, r.due, r.on_time) for r in schedule.reviews] == [
        (1, D(2025, 1, 14), True),
        (2, D(2025, 4, 13), True),
    ]
    assert schedule.next_due == D(2025, 10, 10)


def test_cp_e2_easter_2024() -> None:
    assert icpc_due(D(2024, 3, 21)) == D(2024, 4, 15)


def test_cp_e3_christmas_2022_substitute_day() -> None:
    assert icpc_due(D(2022, 12, 16)) == D(2023, 1, 11)


def test_a_late_icpc_is_late_by_working_and_calendar_days() -> None:
    (icpc,) = conference_schedule(D(2024, 12, 19), [D(2025, 1, 17)]).reviews
    assert (icpc.on_time, icpc.days_late, icpc.working_days_late) == (False, 3, 3)


def test_a_review_brought_forward_is_the_first_review_and_restarts_the_clock() -> None:
    # §3.2: an RCPC held early (new concerns, 20 Feb 2025) is the first review; the next is
    # due within 6 months of it.
    schedule = conference_schedule(D(2024, 12, 19), [D(2025, 1, 13), D(2025, 2, 20)])
    assert schedule.next_due == D(2025, 8, 20)


def test_the_plan_ending_ends_the_sequence() -> None:
    # An ICPC that decides no plan is needed: nothing more falls due.
    schedule = conference_schedule(D(2024, 12, 19), [D(2025, 1, 13)], plan_ended=D(2025, 1, 13))
    assert schedule.next_due is None
    # An enquiry that needed no ICPC.
    assert conference_schedule(D(2024, 12, 19), [], plan_ended=D(2024, 12, 20)).next_due is None


def test_transfer_in_conference_cp_6() -> None:
    # Told of the move on Thu 19 Dec 2024 → transfer-in conference by Tue 14 Jan 2025, then
    # the next review within 3 months of it (resolved: as after an ICPC).
    assert transfer_in_due(D(2024, 12, 19)) == D(2025, 1, 14)
    schedule = conference_schedule(
        D(2024, 12, 19), [D(2025, 1, 13)], begins=ConferenceStart.TRANSFER_IN
    )
    assert (schedule.reviews[0].due, schedule.next_due) == (D(2025, 1, 14), D(2025, 4, 13))


def test_pre_birth_conference_is_timed_by_the_local_rule_cp_pb() -> None:
    # Expected Fri 5 Sep 2025: by the 34th week by default, 6 weeks before, Fri 25 Jul.
    assert pre_birth_icpc_due(D(2025, 9, 5)) == D(2025, 7, 25)
    assert pre_birth_icpc_due(D(2025, 9, 5), weeks_before=13) == D(2025, 6, 6)
    schedule = conference_schedule(
        D(2025, 5, 1),
        [D(2025, 7, 28)],
        begins=ConferenceStart.PRE_BIRTH,
        first_due=pre_birth_icpc_due(D(2025, 9, 5)),
    )
    assert (schedule.reviews[0].on_time, schedule.next_due) == (False, D(2025, 10, 28))
    with pytest.raises(ValueError, match="local target: give first_due"):
        conference_schedule(D(2025, 5, 1), [], begins=ConferenceStart.PRE_BIRTH)


def test_core_group_and_reports() -> None:
    # CP-4: ICPC Mon 13 Jan 2025 → first core group by Mon 27 Jan 2025.
    assert core_group_due(D(2025, 1, 13)) == D(2025, 1, 27)
    # Reports at least 3 working days before an ICPC and 5 before a review (§3.2).
    assert report_due(D(2025, 1, 13), initial=True) == D(2025, 1, 8)
    assert report_due(D(2025, 4, 10), initial=False) == D(2025, 4, 3)


def test_conference_kinds() -> None:
    assert conference_kind(1, ConferenceStart.STRATEGY_DISCUSSION) == "initial"
    assert conference_kind(1, ConferenceStart.TRANSFER_IN) == "transfer-in"
    assert conference_kind(1, ConferenceStart.PRE_BIRTH) == "pre-birth initial"
    assert conference_kind(2, ConferenceStart.PRE_BIRTH) == "review"


@pytest.mark.parametrize(
    ("held", "plan_ended", "message"),
    [
        ([D(2024, 12, 18)], None, "conference held 2024-12-18 is before the strategy discussion"),
        ([D(2025, 2, 1)], D(2025, 1, 31), "conference held 2025-02-01 is after the strategy "),
        ([D(2025, 1, 6), D(2025, 1, 6)], None, "two conferences held on 2025-01-06"),
    ],
)
def test_impossible_dates_are_data_errors(
    held: list[date], plan_ended: date | None, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        conference_schedule(D(2024, 12, 19), held, plan_ended=plan_ended)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    st.lists(st.integers(min_value=1, max_value=250), max_size=8),
)
def test_icpc_in_15_working_days_then_3_months_then_6(start: date, gaps: list[int]) -> None:
    held, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    schedule = conference_schedule(start, held)
    first = add_working_days(start, 15)
    assert is_working_day(first) and working_days_between(start, first) == 15
    dues = [first] + [add_months(day, 3 if n == 1 else 6) for n, day in enumerate(held, 1)]
    assert [r.due for r in schedule.reviews] + [schedule.next_due] == dues
    assert all(r.on_time == (r.held <= r.due) for r in schedule.reviews)
