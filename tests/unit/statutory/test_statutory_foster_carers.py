"""Foster carer reviews (spec §7, FSR 2011 reg 28): FC-1 to FC-4 and the worked example
FC-E1."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import add_months, add_working_days
from irohub.statutory.foster_carers import foster_carer_review_schedule, panel_required

D = date


def test_fc_e1_approved_on_29_february() -> None:
    # Approved Thu 29 Feb 2024 → first review by Fri 28 Feb 2025; held Mon 17 Feb 2025 →
    # the next by Tue 17 Feb 2026.
    assert foster_carer_review_schedule(D(2024, 2, 29), []).next_due == D(2025, 2, 28)
    schedule = foster_carer_review_schedule(D(2024, 2, 29), [D(2025, 2, 17)])
    assert [(r.due, r.on_time) for r in schedule.reviews] == [(D(2025, 2, 28), True)]
    assert schedule.next_due == D(2026, 2, 17)


def test_the_first_review_goes_to_panel_fc_4() -> None:
    assert panel_required(1) and not panel_required(2)


def test_a_change_of_circumstances_brings_the_review_forward_fc_3() -> None:
    # A change recorded Sun 1 Jun 2025: a review is due within 20 working days, Fri 27 Jun
    # 2025, before the yearly one. Held Fri 20 Jun: on time, and the next yearly review
    # runs from it.
    changes = [D(2025, 6, 1)]
    waiting = foster_carer_review_schedule(D(2024, 2, 29), [D(2025, 2, 17)], changes=changes)
    assert waiting.next_due == D(2025, 6, 27)
    schedule = foster_carer_review_schedule(
        D(2024, 2, 29), [D(2025, 2, 17), D(2025, 6, 20)], changes=changes
    )
    assert [(r.number, r.due, r.on_time) for r in schedule.reviews] == [
        (1, D(2025, 2, 28), True),
        (2, D(2025, 6, 27), True),
    ]
    assert schedule.next_due == D(2026, 6, 20)
    # Held late, on Mon 30 Jun, it is late against the change's target.
    late = foster_carer_review_schedule(
        D(2024, 2, 29), [D(2025, 2, 17), D(2025, 6, 30)], changes=changes
    )
    assert (late.reviews[1].days_late, late.reviews[1].working_days_late) == (3, 1)


def test_a_change_recorded_on_the_day_of_a_review_is_answered_by_it() -> None:
    schedule = foster_carer_review_schedule(
        D(2024, 2, 29), [D(2025, 2, 17)], changes=[D(2025, 2, 17)]
    )
    assert schedule.next_due == D(2026, 2, 17)


def test_the_target_for_an_extra_review_is_configurable() -> None:
    schedule = foster_carer_review_schedule(
        D(2024, 2, 29), [], changes=[D(2024, 6, 3)], extra_review_working_days=10
    )
    assert schedule.next_due == D(2024, 6, 17)


def test_deregistration_ends_the_sequence() -> None:
    schedule = foster_carer_review_schedule(
        D(2024, 2, 29), [D(2025, 2, 17)], deregistered=D(2025, 9, 1)
    )
    assert schedule.next_due is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"held": [D(2024, 2, 1)]}, "review held 2024-02-01 is before the approval began"),
        (
            {"changes": [D(2024, 2, 29)]},
            "the change of circumstances on 2024-02-29 is not after the approval (2024-02-29)",
        ),
        (
            {"changes": [D(2025, 3, 1)], "deregistered": D(2025, 2, 1)},
            "the change of circumstances on 2025-03-01 is after the household was "
            "deregistered (2025-02-01)",
        ),
    ],
)
def test_impossible_dates_are_data_errors(kwargs: dict, message: str) -> None:
    held = kwargs.pop("held", [])
    with pytest.raises(ValueError, match=re.escape(message)):
        foster_carer_review_schedule(D(2024, 2, 29), held, **kwargs)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    st.lists(st.integers(min_value=1, max_value=500), max_size=6),
    st.lists(st.integers(min_value=1, max_value=2000), max_size=4),
)
def test_each_deadline_is_the_year_or_the_first_change_since_the_review_before(
    approved: date, gaps: list[int], change_offsets: list[int]
) -> None:
    held, day = [], approved
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    changes = sorted({approved + timedelta(days=o) for o in change_offsets})
    schedule = foster_carer_review_schedule(approved, held, changes=changes)

    def due_after(previous: date, until: date | None) -> date:
        yearly = add_months(previous, 12)
        pending = [c for c in changes if c > previous and (until is None or c <= until)]
        return min([yearly, add_working_days(pending[0], 20)] if pending else [yearly])

    previous = approved
    for review in schedule.reviews:
        assert review.due == due_after(previous, review.held)
        previous = review.held
    assert schedule.next_due == due_after(previous, None)
