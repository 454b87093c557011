"""Adoption reviews under AAR 2005 reg 36 (spec §5): authority to place (AD-1, AD-2,
combined with the looked-after clock: AD-COMBINE) and placed for adoption (AD-3 to AD-5,
AD-RESET)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import add_months, review_schedule
from irohub.statutory.adoption import (
    adoption_review_schedule,
    authority_to_place_schedule,
    placed_for_adoption_schedule,
)

D = date


def test_ad_e1_placed_for_adoption() -> None:
    # Placed Mon 3 Mar 2025 → first review by Mon 31 Mar 2025 (4 weeks, §1.4); held Thu 27
    # Mar → second by Fri 27 Jun 2025; held then → third within 6 months, Sat 27 Dec 2025.
    assert placed_for_adoption_schedule(D(2025, 3, 3), []).next_due == D(2025, 3, 31)
    schedule = placed_for_adoption_schedule(D(2025, 3, 3), [D(2025, 3, 27), D(2025, 6, 27)])
    assert [(r.due, r.on_time) for r in schedule.reviews] == [
        (D(2025, 3, 31), True),
        (D(2025, 6, 27), True),
    ]
    assert schedule.next_due == D(2025, 12, 27)


def test_the_adoption_order_ends_the_sequence() -> None:
    schedule = placed_for_adoption_schedule(D(2025, 3, 3), [D(2025, 3, 27)], ended=D(2025, 6, 1))
    assert schedule.next_due is None


def test_authority_to_place_alone_is_3_then_6_months() -> None:
    schedule = authority_to_place_schedule(D(2024, 11, 30), [D(2025, 2, 20)])
    assert schedule.reviews[0].due == D(2025, 2, 28)  # clipped to the month's end
    assert schedule.next_due == D(2025, 8, 20)


def test_ad_combine_the_earlier_of_the_two_clocks() -> None:
    # Looked after from Mon 6 Jan 2025, first review Thu 30 Jan (LAC-1 due 3 Feb). A
    # placement order on Mon 10 Feb 2025: AD-1 wants a review by 10 May, LAC-2 by 30 Apr.
    # The review held 28 Apr answers both; then LAC-3 (28 Oct) or AD-2 (28 Oct): equal.
    schedule = adoption_review_schedule(
        [D(2025, 1, 30), D(2025, 4, 28)],
        authority=D(2025, 2, 10),
        looked_after_from=D(2025, 1, 6),
    )
    assert [(r.number, r.due) for r in schedule.reviews] == [
        (1, D(2025, 2, 3)),
        (2, D(2025, 4, 30)),
    ]
    assert schedule.next_due == D(2025, 10, 28)
    # Authority after the second review: AD-1 (1 Aug) falls before LAC-3 (28 Oct).
    schedule = adoption_review_schedule(
        [D(2025, 1, 30), D(2025, 4, 28)],
        authority=D(2025, 5, 1),
        looked_after_from=D(2025, 1, 6),
    )
    assert schedule.next_due == D(2025, 8, 1)


def test_placement_for_adoption_restarts_the_sequence_ad_reset() -> None:
    schedule = adoption_review_schedule(
        [D(2025, 1, 30), D(2025, 3, 27)],
        authority=D(2025, 2, 10),
        placed=D(2025, 3, 3),
        looked_after_from=D(2025, 1, 6),
    )
    assert [(r.number, r.held, r.due) for r in schedule.reviews] == [
        (1, D(2025, 1, 30), D(2025, 2, 3)),
        (1, D(2025, 3, 27), D(2025, 3, 31)),
    ]
    assert schedule.next_due == D(2025, 6, 27)
    assert schedule.period_start == D(2025, 1, 6)


def test_placed_only_and_authority_only() -> None:
    placed = adoption_review_schedule([D(2025, 3, 27)], placed=D(2025, 3, 3))
    assert placed.next_due == D(2025, 6, 27)
    waiting = adoption_review_schedule([], authority=D(2025, 2, 10), ended=D(2025, 3, 1))
    assert waiting.next_due is None
    waiting = adoption_review_schedule([D(2025, 5, 1)], authority=D(2025, 2, 10))
    assert [(r.due, r.on_time) for r in waiting.reviews] == [(D(2025, 5, 10), True)]
    assert waiting.next_due == D(2025, 11, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "needs the authority to place or the placement"),
        (
            {"authority": D(2025, 3, 1), "placed": D(2025, 2, 1)},
            "the placement (2025-02-01) is before the authority to place (2025-03-01)",
        ),
        (
            {"authority": D(2025, 3, 1), "held": [D(2025, 2, 1)]},
            "review held 2025-02-01 is before the authority to place (2025-03-01)",
        ),
        (
            {"placed": D(2025, 3, 1), "held": [D(2025, 2, 1)]},
            "review held 2025-02-01 is before the placement for adoption began (2025-03-01)",
        ),
    ],
)
def test_impossible_dates_are_refused(kwargs: dict, message: str) -> None:
    held = kwargs.pop("held", [])
    with pytest.raises(ValueError, match=re.escape(message)):
        adoption_review_schedule(held, **kwargs)


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    st.integers(min_value=0, max_value=200),
    st.lists(st.integers(min_value=1, max_value=200), max_size=8),
)
def test_each_combined_deadline_is_the_earlier_of_the_two(
    looked_after_from: date, wait: int, gaps: list[int]
) -> None:
    authority = looked_after_from + timedelta(days=wait)
    held, day = [], looked_after_from
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    combined = adoption_review_schedule(
        held, authority=authority, looked_after_from=looked_after_from
    )
    lac = review_schedule(looked_after_from, held)
    ad = authority_to_place_schedule(authority, [d for d in held if d >= authority])
    ad_dues = {r.held: r.due for r in ad.reviews}
    for review, lac_review in zip(combined.reviews, lac.reviews, strict=True):
        assert review.due == min(lac_review.due, ad_dues.get(review.held, lac_review.due))
        assert review.on_time == (review.held <= review.due)
    assert combined.next_due == min(lac.next_due, ad.next_due)


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    st.lists(st.integers(min_value=1, max_value=250), max_size=8),
)
def test_placed_deadlines_are_4_weeks_3_months_then_6(placed: date, gaps: list[int]) -> None:
    held, day = [], placed
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    schedule = placed_for_adoption_schedule(placed, held)
    dues = [placed + timedelta(days=28)] + [
        add_months(day, 3 if number == 1 else 6) for number, day in enumerate(held, 1)
    ]
    assert [r.due for r in schedule.reviews] + [schedule.next_due] == dues
