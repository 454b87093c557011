"""Short breaks under CPPCR reg 48 (spec §4): the 17- and 75-day limits (SB-LIM), the review
timetable (SB-1, SB-2) and the move to the full regime (OQ-9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import add_months, add_working_days, review_schedule
from irohub.statutory.reviews import SequenceStart
from irohub.statutory.short_breaks import (
    BreakUnit,
    Limit,
    LimitPassed,
    ShortBreak,
    limit_passed,
    short_break_clock,
    short_break_review_schedule,
)

D = date


def weekends(first: date, count: int, *, nights: int = 2, carer: str = "") -> list[ShortBreak]:
    return [
        ShortBreak(first + timedelta(weeks=i), first + timedelta(weeks=i, days=nights), carer)
        for i in range(count)
    ]


def test_sb_e1_review_timetable() -> None:
    # First break with the carer starts Sat 14 Jun 2025 → first review by Sun 14 Sep 2025
    # (not a working day: book by Fri 12 Sep); held Thu 11 Sep 2025 → next by Wed 11 Mar 2026.
    schedule = short_break_review_schedule(D(2025, 6, 14), [])
    assert schedule.next_due == D(2025, 9, 14)
    assert (schedule.next_due_is_working_day, schedule.book_by) == (False, D(2025, 9, 12))
    schedule = short_break_review_schedule(D(2025, 6, 14), [D(2025, 9, 11)])
    assert schedule.reviews[0].on_time and schedule.next_due == D(2026, 3, 11)


def test_sb_e1_through_the_clock_with_its_breaks() -> None:
    clock = short_break_clock(weekends(D(2025, 6, 14), 10), [D(2025, 9, 11)])
    assert (clock.passed, clock.short_break_reviews) == (None, 1)
    assert clock.schedule.next_due == D(2026, 3, 11)


def test_no_breaks_pass_no_limit() -> None:
    assert limit_passed([]) is None


def test_a_single_break_of_17_nights_is_within_the_limit_18_is_not() -> None:
    assert limit_passed([ShortBreak(D(2025, 7, 1), D(2025, 7, 18))]) is None
    assert limit_passed([ShortBreak(D(2025, 7, 1), D(2025, 7, 19))]) == LimitPassed(
        D(2025, 7, 18), Limit.SINGLE_BREAK
    )


def test_counted_in_days_a_break_of_17_nights_is_18_days() -> None:
    # OQ-8: the alternative unit counts every day placed, the first and last included.
    assert limit_passed([ShortBreak(D(2025, 7, 1), D(2025, 7, 17))], unit=BreakUnit.DAYS) is None
    assert limit_passed(
        [ShortBreak(D(2025, 7, 1), D(2025, 7, 18))], unit=BreakUnit.DAYS
    ) == LimitPassed(D(2025, 7, 18), Limit.SINGLE_BREAK)


def test_the_76th_night_in_12_months_passes_the_limit() -> None:
    # Weekend breaks (Fri to Sun, 2 nights) every week from Fri 3 Jan 2025: the 38th
    # weekend's Saturday night, 20 Sep 2025, is the 76th.
    assert limit_passed(weekends(D(2025, 1, 3), 37)) is None
    assert limit_passed(weekends(D(2025, 1, 3), 40)) == LimitPassed(
        D(2025, 9, 20), Limit.TWELVE_MONTHS
    )
    # Counted in days, each weekend is 3 (Fri, Sat, Sun): the 76th is Fri 27 Jun 2025.
    assert limit_passed(weekends(D(2025, 1, 3), 40), unit=BreakUnit.DAYS) == LimitPassed(
        D(2025, 6, 27), Limit.TWELVE_MONTHS
    )


def test_the_12_months_roll_they_are_not_the_financial_year() -> None:
    # 39 nights from January 2025 and 39 from April 2025 (Friday to Monday each week): no
    # financial year holds 76, but the 12 months from January do; the 76th night is the
    # first of the 13th April break, Fri 27 Jun 2025.
    winter = weekends(D(2025, 1, 3), 13, nights=3)
    spring = weekends(D(2025, 4, 4), 13, nights=3)
    assert limit_passed(winter) is None and limit_passed(spring) is None
    assert limit_passed(winter + spring) == LimitPassed(D(2025, 6, 27), Limit.TWELVE_MONTHS)
    # A window from 1 March ends on the last day of February: 40 nights in March 2024 and
    # 40 from March 2025 never meet in one window.
    assert limit_passed(weekends(D(2024, 3, 1), 20) + weekends(D(2025, 3, 7), 20)) is None


def test_a_break_with_a_second_carer_ends_the_reg_48_series() -> None:
    second = ShortBreak(D(2025, 2, 7), D(2025, 2, 9), "Birch Lodge")
    breaks = [*weekends(D(2025, 1, 3), 3, carer="Ash House"), second]
    assert limit_passed(breaks) == LimitPassed(D(2025, 2, 7), Limit.SECOND_CARER)


def test_the_earliest_limit_passed_is_the_one_reported() -> None:
    breaks = [
        ShortBreak(D(2025, 1, 3), D(2025, 1, 25), "A"),
        ShortBreak(D(2025, 2, 7), D(2025, 2, 9), "B"),
    ]
    assert limit_passed(breaks) == LimitPassed(D(2025, 1, 20), Limit.SINGLE_BREAK)


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (
            [ShortBreak(D(2025, 1, 5), D(2025, 1, 3))],
            "the break from 2025-01-05 ends before it began",
        ),
        (
            [ShortBreak(D(2025, 1, 3), D(2025, 1, 6)), ShortBreak(D(2025, 1, 5), D(2025, 1, 7))],
            "the break from 2025-01-05 begins before the break from 2025-01-03 ended",
        ),
    ],
)
def test_impossible_breaks_are_refused(breaks: list[ShortBreak], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        limit_passed(breaks)


def test_passing_a_limit_moves_the_child_to_the_full_regime_oq_9() -> None:
    # An 18-night break from Tue 1 Jul 2025 passes the limit on Fri 18 Jul: the first full
    # review is due 20 working days later, Fri 15 Aug 2025; reviews before it were reg 48's.
    breaks = [ShortBreak(D(2025, 4, 4), D(2025, 4, 6)), ShortBreak(D(2025, 7, 1), D(2025, 7, 19))]
    clock = short_break_clock(breaks, [D(2025, 7, 2), D(2025, 8, 14)])
    assert clock.passed == LimitPassed(D(2025, 7, 18), Limit.SINGLE_BREAK)
    assert clock.short_break_reviews == 1
    assert [(r.number, r.due) for r in clock.schedule.reviews] == [
        (1, D(2025, 7, 4)),
        (1, D(2025, 8, 15)),
    ]
    assert clock.schedule.next_due == D(2025, 11, 14)  # LAC-2, 3 months
    ended = short_break_clock(breaks, [D(2025, 7, 2)], ended=D(2025, 8, 1))
    assert ended.schedule.next_due is None


def test_the_clock_refuses_no_breaks_or_an_end_before_the_limit_was_passed() -> None:
    with pytest.raises(ValueError, match="at least one break"):
        short_break_clock([], [])
    breaks = [ShortBreak(D(2025, 7, 1), D(2025, 7, 19))]
    with pytest.raises(ValueError, match="ended \\(2025-07-10\\) before the limit was passed"):
        short_break_clock(breaks, [], ended=D(2025, 7, 10))


def test_reviews_before_the_first_break_are_data_errors() -> None:
    with pytest.raises(ValueError, match="review held 2025-06-13 is before the short breaks began"):
        short_break_review_schedule(D(2025, 6, 14), [D(2025, 6, 13)])


@st.composite
def series(draw: st.DrawFn) -> list[ShortBreak]:
    day = draw(st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 1, 1)))
    breaks = []
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        day += timedelta(days=draw(st.integers(min_value=0, max_value=30)))
        length = draw(st.integers(min_value=0, max_value=20))
        breaks.append(ShortBreak(day, day + timedelta(days=length)))
        day += timedelta(days=length)
    return breaks


def _units(breaks: list[ShortBreak], unit: BreakUnit) -> list[date]:
    extra = 0 if unit is BreakUnit.NIGHTS else 1
    return sorted(
        {b.start + timedelta(days=i) for b in breaks for i in range((b.end - b.start).days + extra)}
    )


@settings(max_examples=150, deadline=None)
@given(series(), st.sampled_from(list(BreakUnit)))
def test_the_limit_is_passed_on_the_first_day_a_count_goes_over(
    breaks: list[ShortBreak], unit: BreakUnit
) -> None:
    units = _units(breaks, unit)

    def over_on(day: date) -> bool:
        # Brute force: some break has 18 units by `day`, or some 12-month window ending
        # by `day` holds 76.
        so_far = [u for u in units if u <= day]
        for b in breaks:
            if len(_units([b], unit)) > 17 and b.start + timedelta(days=17) <= day:
                return True
        return any(
            len([u for u in so_far if s <= u <= add_months(s - timedelta(days=1), 12)]) > 75
            for s in so_far
        )

    passed = limit_passed(breaks, unit=unit)
    if passed is None:
        assert not units or not over_on(units[-1])
    else:
        assert passed.day in units and over_on(passed.day)
        earlier = [u for u in units if u < passed.day]
        assert not earlier or not over_on(earlier[-1])


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 1, 1)),
    st.lists(st.integers(min_value=1, max_value=250), max_size=10),
)
def test_sb_deadlines_are_3_months_then_6_from_the_review_before(
    first: date, gaps: list[int]
) -> None:
    held, day = [], first
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    schedule = short_break_review_schedule(first, held)
    dues = [add_months(first, 3)] + [add_months(day, 6) for day in held]
    assert [r.due for r in schedule.reviews] + [schedule.next_due] == dues


def test_after_the_switch_the_full_regime_is_the_looked_after_clock_from_that_day() -> None:
    breaks = [ShortBreak(D(2025, 7, 1), D(2025, 7, 25))]
    clock = short_break_clock(breaks, [D(2025, 8, 1)])
    assert (
        clock.schedule.reviews
        == review_schedule(
            D(2025, 7, 18), [D(2025, 8, 1)], begins=SequenceStart.AFTER_SHORT_BREAKS
        ).reviews
    )
    assert clock.schedule.reviews[0].due == add_working_days(D(2025, 7, 18), 20)
