"""Which regime a child is under (spec §2.1, §2.7) and the clock of each care period under
the regimes it passed through: the one rule the cache, the child's page and the measures'
timeline share."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import (
    CarePeriodFacts,
    Regime,
    ReviewDateError,
    SequenceStart,
    Span,
    care_period_schedules,
    regime_of,
    regime_spans,
    review_schedule,
)
from irohub.statutory.adoption import authority_to_place_schedule, placed_for_adoption_schedule
from irohub.statutory.regimes import Authority, authority_in, combined_review_schedule
from irohub.statutory.reviews import months_after_review
from irohub.statutory.short_breaks import short_break_review_schedule

D = date


class Ep(NamedTuple):
    start: date
    legal_status: str = "C2"
    placement: str = "U4"


def facts(start, end=None, episodes=(), held=()):
    return CarePeriodFacts(start, end, list(episodes), list(held))


def test_regime_of_each_kind() -> None:
    assert regime_of("C2", "U4") is Regime.CPPCR
    assert regime_of("V3", "U6") is Regime.SHORT_BREAKS
    assert regime_of("V4", "U6") is Regime.SHORT_BREAKS
    assert regime_of("E1", "A6") is Regime.ADOPTION
    # A placement for adoption switches regime whatever the legal status.
    assert regime_of("V2", "A3") is Regime.ADOPTION


def test_spans_ignore_episodes_after_the_period_ends() -> None:
    spans = regime_spans(
        D(2024, 1, 1), D(2024, 6, 1), [Ep(D(2024, 1, 1)), Ep(D(2024, 6, 1), "E1", "A6")]
    )
    assert spans == [Span(Regime.CPPCR, D(2024, 1, 1), D(2024, 6, 1))]


def test_a_period_without_episodes_is_looked_after() -> None:
    assert regime_spans(D(2024, 1, 1), None, []) == [Span(Regime.CPPCR, D(2024, 1, 1), None)]


def test_the_interval_after_each_review_by_how_the_sequence_began() -> None:
    assert [months_after_review(n) for n in (1, 2, 3)] == [3, 6, 6]
    assert months_after_review(1, SequenceStart.AFTER_SHORT_BREAKS) == 3
    assert months_after_review(1, SequenceStart.AFTER_ADOPTION) == 6


def test_an_ordinary_child_runs_the_looked_after_clock() -> None:
    # LAC-E1: looked after Mon 9 Dec 2024 → first review by Thu 9 Jan 2025.
    (schedule,) = care_period_schedules([facts(D(2024, 12, 9), episodes=[Ep(D(2024, 12, 9))])])
    assert schedule == review_schedule(D(2024, 12, 9), [])
    assert schedule.next_due == D(2025, 1, 9)


def test_sb_e1_short_breaks_run_the_reg_48_timetable() -> None:
    period = facts(D(2025, 6, 14), episodes=[Ep(D(2025, 6, 14), "V4", "U6")], held=[D(2025, 9, 11)])
    (schedule,) = care_period_schedules([period])
    assert [(r.due, r.on_time) for r in schedule.reviews] == [(D(2025, 9, 14), True)]
    assert schedule.next_due == D(2026, 3, 11)


def test_ad_e1_placement_for_adoption_restarts_the_clock() -> None:
    period = facts(
        D(2025, 1, 6),
        episodes=[Ep(D(2025, 1, 6)), Ep(D(2025, 3, 3), "E1", "A6")],
        held=[D(2025, 1, 30), D(2025, 3, 27)],
    )
    (schedule,) = care_period_schedules([period])
    assert [(r.number, r.due) for r in schedule.reviews] == [
        (1, D(2025, 2, 3)),  # LAC-1: 20 working days from 6 Jan 2025
        (1, D(2025, 3, 31)),  # AD-3: 4 weeks from the placement
    ]
    assert schedule.next_due == D(2025, 6, 27)  # AD-4


def test_return_from_an_adoptive_placement_is_an_early_review_then_six_monthly() -> None:
    # OQ-7: back from the placement on Mon 2 Jun 2025 → review by 30 Jun 2025 (20 WD), then
    # 6 months after it (not 3).
    period = facts(
        D(2025, 1, 6),
        episodes=[Ep(D(2025, 1, 6), "E1", "A6"), Ep(D(2025, 6, 2), "E1", "U4")],
        held=[D(2025, 1, 20), D(2025, 6, 2), D(2025, 6, 20)],
    )
    (schedule,) = care_period_schedules([period])
    # A review on the day of the switch belongs to the new regime.
    assert [(r.number, r.held, r.due) for r in schedule.reviews] == [
        (1, D(2025, 1, 20), D(2025, 2, 3)),
        (1, D(2025, 6, 2), D(2025, 6, 30)),
        (2, D(2025, 6, 20), D(2025, 12, 2)),
    ]
    assert schedule.next_due == D(2025, 12, 20)


def test_short_breaks_that_become_full_care_start_the_full_regime_oq_9() -> None:
    period = facts(
        D(2025, 1, 4),
        episodes=[Ep(D(2025, 1, 4), "V4", "U6"), Ep(D(2025, 3, 3), "V2", "U6")],
        held=[D(2025, 3, 1)],
    )
    (schedule,) = care_period_schedules([period])
    assert [(r.held, r.due) for r in schedule.reviews] == [(D(2025, 3, 1), D(2025, 4, 4))]
    assert (
        schedule.next_due
        == review_schedule(D(2025, 3, 3), [], begins=SequenceStart.AFTER_SHORT_BREAKS).next_due
        == D(2025, 3, 31)
    )


def test_a_series_of_breaks_runs_across_care_periods() -> None:
    first = facts(D(2025, 6, 14), D(2025, 6, 16), [Ep(D(2025, 6, 14), "V3", "U6")])
    second = facts(D(2025, 7, 5), D(2025, 7, 7), [Ep(D(2025, 7, 5), "V3", "U6")])
    third = facts(D(2025, 9, 10), None, [Ep(D(2025, 9, 10), "V3", "U6")], [D(2025, 9, 11)])
    schedules = care_period_schedules([first, second, third])
    # SB-1 falls after the first two breaks ended: nothing was due in them (OQ-15).
    assert [s.next_due for s in schedules] == [None, None, D(2026, 3, 11)]
    assert [(r.number, r.due) for r in schedules[2].reviews] == [(1, D(2025, 9, 14))]
    # Without the earlier breaks the clock would start on 10 Sep 2025.
    assert care_period_schedules([third])[0].reviews[0].due == D(2025, 12, 10)


def test_a_series_ends_with_a_period_in_care() -> None:
    breaks = facts(D(2024, 1, 6), D(2024, 1, 8), [Ep(D(2024, 1, 6), "V3", "U6")])
    in_care = facts(D(2024, 2, 1), D(2024, 5, 1), [Ep(D(2024, 2, 1))])
    later = facts(D(2024, 6, 1), None, [Ep(D(2024, 6, 1), "V3", "U6")])
    assert care_period_schedules([breaks, in_care, later])[2].next_due == D(2024, 9, 1)
    # Short breaks then care within one period, then breaks again: a new series.
    mixed = facts(
        D(2024, 1, 6),
        D(2024, 5, 1),
        [Ep(D(2024, 1, 6), "V3", "U6"), Ep(D(2024, 2, 1), "C2", "U4")],
    )
    assert care_period_schedules([mixed, later])[1].next_due == D(2024, 9, 1)


def test_a_series_resumes_when_a_period_ends_under_short_breaks() -> None:
    # Care, then short breaks from 1 Mar in the same period; the next period's breaks
    # continue that series (SB-1 from 1 Mar 2024 → 1 Jun 2024).
    mixed = facts(
        D(2024, 1, 2),
        D(2024, 3, 3),
        [Ep(D(2024, 1, 2)), Ep(D(2024, 3, 1), "V3", "U6")],
    )
    later = facts(D(2024, 4, 6), None, [Ep(D(2024, 4, 6), "V3", "U6")])
    schedules = care_period_schedules([mixed, later])
    assert schedules[0].next_due is None
    assert schedules[1].next_due == D(2024, 6, 1)


@pytest.mark.parametrize(
    ("held", "message"),
    [
        (D(2024, 12, 31), "review held 2024-12-31 is before the care period began (2025-01-06)"),
        (D(2025, 3, 2), "review held 2025-03-02 is after the care period ended (2025-03-01)"),
    ],
)
def test_reviews_outside_the_period_are_data_errors(held: date, message: str) -> None:
    period = facts(
        D(2025, 1, 6), D(2025, 3, 1), [Ep(D(2025, 1, 6)), Ep(D(2025, 2, 3), "E1", "A6")], [held]
    )
    with pytest.raises(ReviewDateError, match=re.escape(message)):
        care_period_schedules([period])


# --- authority to place, not yet placed (AD-COMBINE, §5.1) --------------------------------


def test_a_placement_order_brings_the_next_review_forward_to_three_months() -> None:
    # Looked after Mon 6 Jan 2025; reviews Thu 30 Jan and Mon 28 Apr 2025, so the
    # looked-after clock says Tue 28 Oct 2025. A placement order on Mon 2 Jun 2025 gives
    # the agency authority to place: AD-1 is due by Tue 2 Sep 2025, the earlier of the two.
    period = facts(
        D(2025, 1, 6),
        episodes=[Ep(D(2025, 1, 6)), Ep(D(2025, 6, 2), "E1", "U4")],
        held=[D(2025, 1, 30), D(2025, 4, 28)],
    )
    (schedule,) = care_period_schedules([period])
    assert schedule.next_due == D(2025, 9, 2)
    # Held on Fri 5 Sep 2025 it is 3 days late against AD-1 (the looked-after clock would
    # have said on time); the next is due 6 months on, by Thu 5 Mar 2026, either way.
    period = period._replace(held=[*period.held, D(2025, 9, 5)])
    (schedule,) = care_period_schedules([period])
    last = schedule.reviews[-1]
    assert (last.number, last.due, last.on_time, last.days_late) == (3, D(2025, 9, 2), False, 3)
    assert schedule.next_due == D(2026, 3, 5)


def test_authority_ends_with_the_placement_for_adoption() -> None:
    # Placed for adoption (A5) on Mon 1 Sep 2025: AD-3 (28 days) replaces the combined clock.
    period = facts(
        D(2025, 1, 6),
        episodes=[Ep(D(2025, 1, 6)), Ep(D(2025, 6, 2), "E1", "U4"), Ep(D(2025, 9, 1), "E1", "A5")],
        held=[D(2025, 1, 30), D(2025, 4, 28)],
    )
    (schedule,) = care_period_schedules([period])
    assert schedule.next_due == D(2025, 9, 29)


def test_the_day_of_authority_within_a_span() -> None:
    span = Span(Regime.CPPCR, D(2025, 3, 1), D(2025, 9, 1))
    assert authority_in(span, [Ep(D(2025, 1, 1)), Ep(D(2025, 4, 1), "E1", "U4")]) == Authority(
        D(2025, 4, 1), None
    )
    # In force when the span began: authority counts from the span's first day.
    assert authority_in(span, [Ep(D(2025, 1, 1), "D1", "U4")]) == Authority(D(2025, 3, 1), None)
    # Until the legal status is something else (the order revoked, a care order made);
    # a change after the span ends is no end within it.
    revoked = [Ep(D(2025, 4, 1), "E1", "U4"), Ep(D(2025, 5, 1), "E1", "U6"), Ep(D(2025, 6, 2))]
    assert authority_in(span, revoked) == Authority(D(2025, 4, 1), D(2025, 6, 2))
    assert authority_in(span, [*revoked[:2], Ep(D(2025, 9, 1))]) == Authority(D(2025, 4, 1), None)
    # Superseded before the span began, or only after it ended: none in the span.
    assert authority_in(span, [Ep(D(2025, 1, 1), "E1", "U4"), Ep(D(2025, 2, 1))]) is None
    assert authority_in(span, [Ep(D(2025, 1, 1)), Ep(D(2025, 9, 1), "E1", "U4")]) is None
    assert authority_in(span, [Ep(D(2025, 1, 1))]) is None


def test_when_authority_ends_the_looked_after_clock_alone_runs_on() -> None:
    # Placement order Mon 2 Jun 2025, revoked (a care order, C2) on Mon 14 Jul 2025.
    # Reviews 30 Jan and 28 Apr 2025: AD-1 (by 2 Sep 2025) fell after authority ended, so
    # only the looked-after clock's 28 Oct 2025 is due.
    revoked = facts(
        D(2025, 1, 6),
        episodes=[
            Ep(D(2025, 1, 6)),
            Ep(D(2025, 6, 2), "E1", "U4"),
            Ep(D(2025, 7, 14), "C2", "U4"),
        ],
        held=[D(2025, 1, 30), D(2025, 4, 28)],
    )
    (schedule,) = care_period_schedules([revoked])
    assert schedule.next_due == D(2025, 10, 28)
    # Revoked on Mon 8 Sep 2025 instead, after AD-1 fell due unmet: that deadline stands
    # until a review answers it; a review held after the revocation answers to the
    # looked-after clock alone (6 months on).
    late = revoked._replace(
        episodes=[Ep(D(2025, 1, 6)), Ep(D(2025, 6, 2), "E1", "U4"), Ep(D(2025, 9, 8))]
    )
    assert care_period_schedules([late])[0].next_due == D(2025, 9, 2)
    answered = late._replace(held=[*late.held, D(2025, 9, 15)])
    (schedule,) = care_period_schedules([answered])
    assert (schedule.reviews[-1].due, schedule.next_due) == (D(2025, 10, 28), D(2026, 3, 15))


def test_without_authority_the_combined_clock_is_the_looked_after_clock() -> None:
    held = [D(2025, 1, 30)]
    assert combined_review_schedule(D(2025, 1, 6), held, authority=None) == review_schedule(
        D(2025, 1, 6), held
    )


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    st.integers(min_value=0, max_value=400),
    st.lists(st.integers(min_value=0, max_value=800), max_size=6, unique=True),
)
def test_the_combined_deadline_is_never_later_than_either_clock(
    start: date, authority_after: int, offsets: list[int]
) -> None:
    from datetime import timedelta

    authority = start + timedelta(days=authority_after)
    held = sorted(start + timedelta(days=o) for o in offsets)
    combined = combined_review_schedule(start, held, authority=Authority(authority, None))
    looked_after = review_schedule(start, held)
    reg36 = authority_to_place_schedule(authority, [d for d in held if d >= authority])
    assert [r.held for r in combined.reviews] == held
    assert combined.next_due == min(d for d in (looked_after.next_due, reg36.next_due) if d)
    for timing, plain in zip(combined.reviews, looked_after.reviews, strict=True):
        assert timing.due <= plain.due
        assert timing.due == plain.due or timing.held >= authority


episodes_strategy = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=400),
        st.sampled_from([("C2", "U4"), ("V3", "U6"), ("V4", "U6"), ("E1", "A6"), ("E1", "U5")]),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 1, 1)),
    episodes_strategy,
    st.lists(st.integers(min_value=0, max_value=500), max_size=8, unique=True),
    st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
)
def test_every_review_is_timed_by_the_regime_in_force_that_day(
    start: date, drawn: list, offsets: list[int], length: int | None
) -> None:
    from datetime import timedelta

    end = None if length is None else start + timedelta(days=length)
    episodes = sorted(
        Ep(start + timedelta(days=0 if i == 0 else at), *codes)
        for i, (at, codes) in enumerate(drawn)
    )
    held = sorted(
        start + timedelta(days=o)
        for o in offsets
        if end is None or start + timedelta(days=o) <= end
    )
    (schedule,) = care_period_schedules([facts(start, end, episodes, held)])
    spans = regime_spans(start, end, episodes)
    # The spans tile the period.
    assert spans[0].start == start and spans[-1].end == end
    assert all(a.end == b.start and a.regime is not b.regime for a, b in pairwise(spans))
    assert [r.held for r in schedule.reviews] == held
    last = spans[-1]
    in_last = [day for day in held if day >= last.start]
    expected = {
        Regime.CPPCR: lambda: combined_review_schedule(
            last.start,
            in_last,
            authority=authority_in(last, episodes),
            end=end,
            begins=SequenceStart.PERIOD_START
            if len(spans) == 1
            else SequenceStart.AFTER_ADOPTION
            if spans[-2].regime is Regime.ADOPTION
            else SequenceStart.AFTER_SHORT_BREAKS,
        ),
        Regime.ADOPTION: lambda: placed_for_adoption_schedule(last.start, in_last, ended=end),
        Regime.SHORT_BREAKS: lambda: short_break_review_schedule(last.start, in_last, ended=end),
    }[last.regime]()
    assert schedule.next_due == expected.next_due
    assert schedule.reviews[len(held) - len(in_last) :] == expected.reviews
