"""The FTE arithmetic and the back-test error, worked by hand, and their properties."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from irohub.forecasting.backtest import compare
from irohub.forecasting.simulation import Projection
from irohub.forecasting.staffing import (
    PostEnding,
    Scenario,
    fte_after_endings,
    iro_fte_range,
    iro_staffing,
    reviewing_officer_staffing,
)
from irohub.measures.workforce import CaseloadBand

ORIGIN = date(2024, 3, 31)
MONTHS = (date(2024, 4, 30), date(2024, 5, 31), date(2024, 6, 30))
BAND = CaseloadBand(55, 65)  # any council's band: the arithmetic takes it as given


def test_iro_fte_range_by_hand():
    # 130 children: at 65 each, 2 FTE keep them at the top of the band; at 55, 2.36 FTE.
    fewest, most = iro_fte_range(130, BAND)
    assert fewest == pytest.approx(2.0)
    assert most == pytest.approx(130 / 55)
    assert iro_fte_range(0, BAND) == (0.0, 0.0)
    assert iro_fte_range(10, CaseloadBand(0, 40)) == (0.25, None)  # no bottom to fall under
    assert iro_fte_range(10, CaseloadBand(0, 0)) == (math.inf, None)
    with pytest.raises(ValueError, match="0 or more"):
        iro_fte_range(-1, BAND)


def test_iro_staffing_by_hand():
    # Three runs; the middle of month 1 is 130, its top (95%) 130 + 0.9 × 12 = 140.8.
    load = Projection("load", ORIGIN, MONTHS, ((118, 100, 60), (130, 110, 65), (142, 120, 70)))
    lines = iro_staffing(load, [2.0, 1.5, 1.0], BAND)
    first = lines[0]
    assert first.caseload == 130
    assert first.caseload_high == pytest.approx(140.8)
    assert first.fte_needed == pytest.approx(2.0)
    assert first.fte_needed_high == pytest.approx(140.8 / 65)
    assert first.gap == 0
    assert first.per_fte == 65
    assert BAND.place(first.per_fte) == "within"
    # Month 2: 110 children on 1.5 FTE is 73.3 each, above the band; short by 1.69 - 1.5.
    assert lines[1].gap == pytest.approx(round(1.5 - 110 / 65, 2))
    assert BAND.place(lines[1].per_fte) == "above"
    assert lines[2].fte_most == pytest.approx(65 / 55)


def test_reviewing_officers_by_hand():
    # Bradford 2021: 167 households; at 45 households a full-time officer, 3.7 FTE, 4 posts.
    households = Projection("households", ORIGIN, MONTHS[:1], ((160,), (167,), (180,)))
    (line,) = reviewing_officer_staffing(households, [3.0], 45)
    assert line.fte_needed == pytest.approx(167 / 45)
    assert line.posts_needed == 4
    assert line.gap == pytest.approx(round(3.0 - 167 / 45, 2))
    # The top of the band, 167 + 0.9 × 13 = 178.7, is 179 households: 3.98 FTE.
    assert line.fte_needed_high == pytest.approx(179 / 45)


def test_posts_ending_by_hand():
    endings = [PostEnding(date(2024, 4, 30), 0.5), PostEnding(date(2024, 6, 15), 1.0)]
    # A post whose last day is 30 April is still in post at the end of April.
    assert fte_after_endings(MONTHS, [4.0, 4.0, 4.0], endings) == [4.0, 3.5, 2.5]
    assert fte_after_endings(MONTHS, [1.0, 1.0, 1.0], endings) == [1.0, 0.5, 0.0]
    with pytest.raises(ValueError, match="above 0"):
        PostEnding(date(2024, 4, 30), 0)


def test_scenarios_by_hand():
    rise = Scenario(entries_change=0.1, entries_change_from=date(2024, 5, 1))
    assert rise.entry_factor(date(2024, 4, 30)) == 1.0
    assert rise.entry_factor(date(2024, 5, 31)) == pytest.approx(1.1)
    moves = Scenario(dual_role_moves_on=date(2024, 5, 31))
    assert [moves.plans_count(m, dual_role=True) for m in MONTHS] == [1, 0, 0]
    assert [Scenario().plans_count(m, dual_role=True) for m in MONTHS] == [1, 1, 1]
    assert Scenario().plans_count(MONTHS[0], dual_role=False) == 0
    assert Scenario().is_baseline and not rise.is_baseline
    with pytest.raises(ValueError, match="entries can change"):
        Scenario(entries_change=-2)


def test_back_test_error_by_hand():
    # Three runs over three months: the middle is the second run, the band (90%) between.
    projection = Projection(
        "children", ORIGIN, MONTHS, ((90, 95, 100), (100, 110, 120), (110, 125, 140))
    )
    test = compare(projection, [(MONTHS[0], 100), (MONTHS[1], 100), (MONTHS[2], 0)])
    first, second, third = test.months
    assert (first.forecast, first.low, first.high) == (100, 91, 109)
    assert first.percentage_error == 0 and first.inside
    # Month 2: forecast 110 against 100: 10% too high; the band 96.5 to 123.5 holds it.
    assert second.error == 10 and second.percentage_error == pytest.approx(10.0)
    assert second.low == pytest.approx(96.5) and second.inside
    # Month 3: an actual of 0 has no percentage error and is outside the band.
    assert third.percentage_error is None and not third.inside
    assert test.mape == pytest.approx(5.0)  # (0 + 10) / 2
    assert test.inside == 2
    assert test.coverage == pytest.approx(2 / 3)


def test_a_back_test_uses_only_months_with_actuals():
    projection = Projection("plans", ORIGIN, MONTHS, ((5, 5, 5),))
    test = compare(projection, [(MONTHS[0], 4)])
    assert [m.month for m in test.months] == [MONTHS[0]]
    assert test.mape == pytest.approx(25.0)
    empty = compare(projection, [])
    assert empty.mape is None and empty.coverage is None


bands = st.tuples(st.integers(1, 120), st.integers(0, 60)).map(
    lambda pair: CaseloadBand(pair[0], pair[0] + pair[1])
)


@given(caseload=st.integers(1, 5000), band=bands)
def test_the_fewest_fte_keep_caseloads_within_the_band(caseload, band):
    fewest, most = iro_fte_range(caseload, band)
    assert fewest <= most
    assert band.place(caseload / fewest) == "within"
    assert band.place(caseload / most) == "within"
    # A tenth of an FTE fewer puts caseloads above the band (when that changes the figure).
    assume(fewest > 0.2 and caseload / (fewest - 0.1) >= band.high + 0.05)
    assert band.place(caseload / (fewest - 0.1)) == "above"


@given(caseload=st.floats(0, 5000), band=bands, extra=st.floats(0, 500))
def test_more_children_never_need_fewer_fte(caseload, band, extra):
    assert iro_fte_range(caseload + extra, band)[0] >= iro_fte_range(caseload, band)[0]


@given(
    fte=st.lists(st.floats(0, 20).map(lambda x: round(x, 2)), min_size=3, max_size=3),
    endings=st.lists(
        st.tuples(st.integers(-10, 120), st.floats(0.01, 1).map(lambda x: round(x, 2))),
        max_size=4,
    ),
)
def test_ending_posts_never_raise_fte_and_never_go_below_zero(fte, endings):
    ends = [PostEnding(ORIGIN + timedelta(days=d), f) for d, f in endings]
    after = fte_after_endings(MONTHS, fte, ends)
    if not ends:
        assert after == fte
    for before, now in zip(fte, after, strict=True):
        assert 0 <= now <= round(before, 2)
    # Constant FTE in post: once a post ends it stays ended.
    flat = fte_after_endings(MONTHS, [fte[0]] * 3, ends)
    assert flat == sorted(flat, reverse=True)
