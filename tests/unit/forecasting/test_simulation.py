"""The forecast's simulation: worked examples and a known synthetic trend.

The synthetic council: a stock with a constant number of entries a month (λ) and a constant
chance h that a spell open at a month end has ended by the next. Its expected size t months
after the origin is λ/h + (S₀ − λ/h)(1 − h)^t (each month keeps (1 − h) of the stock and adds
λ): the forecast, fitted on the synthetic history alone, must put that curve inside its band
every month, with its middle close to it.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.forecasting.simulation import (
    Clock,
    Projection,
    Spell,
    fit,
    month_ends,
    quantile,
    simulate,
    stock_on,
)

ORIGIN = date(2024, 3, 31)


def synthetic(seed: int, *, entries: int, chance: float, months: int, before: int = 0):
    """Spells entering `entries` a month over `months` months to ORIGIN (and `before` spells
    already in at the window's start), each ending in a month with chance `chance`."""
    rng = random.Random(seed)
    ends = month_ends(ORIGIN, -months, 0)

    def ending(after: int) -> date | None:
        m = after
        while True:
            m += 1
            if rng.random() < chance:
                break
        if m >= len(ends):
            return None
        return date(ends[m].year, ends[m].month, 1 + rng.randrange(ends[m].day))

    spells = [Spell(date(2000, 1, 1), ending(0), "mainstream") for _ in range(before)]
    for k in range(1, len(ends)):
        for _ in range(entries):
            start = date(ends[k].year, ends[k].month, 1 + rng.randrange(ends[k].day))
            spells.append(Spell(start, ending(k), "mainstream"))
    return spells


def expected(stock: int, entries: float, chance: float, t: int) -> float:
    steady = entries / chance
    return steady + (stock - steady) * (1 - chance) ** t


@pytest.mark.parametrize(
    ("seed", "entries", "chance", "before"),
    [
        (1, 10, 0.05, 0),  # a young service growing toward 200
        (2, 10, 0.05, 320),  # a stock above its steady state, falling toward 200
        (3, 4, 0.08, 20),  # a small one: 4 a month, near its steady state of 50
    ],
)
def test_the_forecast_reproduces_a_known_trend_inside_its_band(seed, entries, chance, before):
    spells = synthetic(seed, entries=entries, chance=chance, months=24, before=before)
    flow = fit(spells, Clock.NONE, ORIGIN, window=24)
    projection = simulate(flow, name="households", horizon=24)

    start = stock_on(spells, ORIGIN)
    assert len(flow.stock) == start
    for t in range(24):
        truth = expected(start, entries, chance, t + 1)
        assert projection.low[t] <= truth <= projection.high[t], (t, truth)
        # The middle is near it too, within what one history's sampling error allows.
        assert abs(projection.median[t] - truth) <= 0.12 * truth + 2, (t, truth)
    # Far from its steady state, the trend's direction is the synthetic council's.
    steady = entries / chance
    if abs(steady - start) > 0.2 * start:
        assert (projection.median[-1] > start) is (steady > start)


def test_the_same_history_and_seed_give_the_same_forecast():
    spells = synthetic(4, entries=6, chance=0.1, months=12)
    flow = fit(spells, Clock.NONE, ORIGIN, window=12)
    first = simulate(flow, name="a", horizon=12, runs=50)
    again = simulate(flow, name="a", horizon=12, runs=50)
    other = simulate(flow, name="a", horizon=12, runs=50, seed=99)
    assert first.paths == again.paths
    assert first.paths != other.paths


def test_fit_counts_entries_exits_and_months_at_risk_by_hand():
    # Window: the month ends 31 Jan, 29 Feb, 31 Mar 2024 (origin), two transitions.
    spells = [
        Spell(date(2023, 6, 1), None, "a"),  # in throughout: 2 months at risk, no exit
        Spell(date(2023, 6, 1), date(2024, 2, 10), "a"),  # 1 month at risk, exits
        Spell(date(2024, 2, 5), None, "b"),  # enters in February: 1 month at risk (Feb→Mar)
        Spell(date(2024, 3, 3), date(2024, 3, 20), "b"),  # in and out inside March: never seen
        Spell(date(2024, 3, 31), None, "b"),  # enters on the origin: counted in March
        Spell(date(2024, 4, 2), None, "b"),  # after the origin: unknown then
    ]
    flow = fit(spells, Clock.NONE, ORIGIN, window=2)
    assert flow.entries == (1, 1)  # February, March
    assert [spell for _, spell in flow.entrants] == [spells[2], spells[4]]
    assert flow.counts == {("", "a"): (1, 3), ("", "b"): (0, 1)}
    assert flow.pooled == pytest.approx(1 / 4)
    assert len(flow.stock) == 3
    # A cell's chance is drawn toward the pooled one by 12 months' worth of it.
    assert flow.chance(("", "a")) == pytest.approx((1 + 12 / 4) / (3 + 12))
    assert flow.chance(("", "unseen")) == pytest.approx(1 / 4)


def test_fit_reads_nothing_after_the_origin():
    spells = synthetic(5, entries=5, chance=0.1, months=24)
    earlier = date(2023, 3, 31)
    known_then = [
        Spell(s.start, s.end if s.end is not None and s.end <= earlier else None, s.group)
        for s in spells
        if s.start <= earlier
    ]
    assert fit(spells, Clock.NONE, earlier, window=12) == fit(
        known_then, Clock.NONE, earlier, window=12
    )


def test_children_leave_care_at_18_by_rule():
    # Ten children, 17 and a half at the origin, in care with no history of leaving: all
    # are out by the end of the month of their 18th birthday (30 September 2024), none before.
    born = date(2006, 9, 30)
    spells = [Spell(date(2020, 1, 1), None, "care order", born) for _ in range(10)]
    flow = fit(spells, Clock.AGE, ORIGIN, window=6)
    assert flow.counts  # months at risk, no exits: chance 0
    assert flow.pooled == 0
    projection = simulate(flow, name="children", horizon=12, runs=5)
    assert projection.months[5] == date(2024, 9, 30)
    assert projection.median[:5] == [10] * 5
    assert projection.median[5:] == [0] * 7


def test_months_turning_18_are_not_chances_of_leaving():
    # A child who left care on their 18th birthday in the window adds no exit to the
    # chances: the rule, not the chance, took them out.
    born = date(2006, 2, 15)
    spells = [Spell(date(2020, 1, 1), date(2024, 2, 15), "care order", born)]
    flow = fit(spells, Clock.AGE, ORIGIN, window=3)
    assert flow.counts == {("16 and over", "care order"): (0, 1)}  # December to January


def test_the_age_band_and_time_on_plan_cells():
    spell = Spell(date(2024, 1, 1), None, "section 20", date(2010, 6, 1))
    assert Clock.AGE.cell(spell, date(2024, 5, 31)) == ("10 to 15", "section 20")
    assert Clock.AGE.cell(spell, date(2026, 6, 1)) == ("16 and over", "section 20")
    plan = Spell(date(2024, 1, 1))
    assert Clock.TIME_ON_PLAN.cell(plan, date(2024, 3, 31))[0] == "under 3 months"
    assert Clock.TIME_ON_PLAN.cell(plan, date(2024, 4, 1))[0] == "3 to 12 months"
    assert Clock.TIME_ON_PLAN.cell(plan, date(2025, 1, 1))[0] == "1 to 2 years"
    assert Clock.TIME_ON_PLAN.cell(plan, date(2026, 1, 1))[0] == "2 years or more"
    assert Clock.AGE.cap(Spell(date(2020, 1, 1), born=date(2008, 2, 29))) == date(2026, 3, 1)


def test_entries_rise_with_the_scenario():
    spells = synthetic(6, entries=8, chance=0.1, months=12, before=80)
    flow = fit(spells, Clock.NONE, ORIGIN, window=12)
    base = simulate(flow, name="x", horizon=12)
    more = simulate(flow, name="x", horizon=12, entry_factor=lambda _m: 1.5)
    # Twelve months of 50% more entries (about 4 a month) add about 30 or more.
    assert more.median[-1] - base.median[-1] >= 20


def test_quantile_by_hand():
    assert quantile([5, 1, 3], 0.5) == 3
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([0, 10], 0.05) == pytest.approx(0.5)
    assert quantile([7], 0.95) == 7


def test_projections_combine_run_by_run():
    months = (date(2024, 4, 30), date(2024, 5, 31))
    a = Projection("children", ORIGIN, months, ((10, 11), (12, 13)))
    b = Projection("plans", ORIGIN, months, ((1, 2), (3, 4)))
    both = a.combined(b, lambda month: int(month < date(2024, 5, 1)))
    assert both.paths == ((11, 11), (15, 13))


@settings(max_examples=25, deadline=None)
@given(
    entries=st.lists(st.integers(0, 6), min_size=1, max_size=6),
    stock=st.integers(0, 30),
    exits=st.integers(0, 30),
    horizon=st.integers(1, 18),
)
def test_a_stock_is_never_negative_and_runs_for_the_horizon(entries, stock, exits, horizon):
    ends = month_ends(ORIGIN, -len(entries), 0)
    spells = [Spell(date(2020, 1, 1), None, "g") for _ in range(stock)]
    spells += [Spell(date(2020, 1, 1), ends[1], "g") for _ in range(min(exits, stock))]
    for k, count in enumerate(entries, start=1):
        spells += [Spell(ends[k], None, "g") for _ in range(count)]
    flow = fit(spells, Clock.NONE, ORIGIN, window=len(entries))
    projection = simulate(flow, name="x", horizon=horizon, runs=10)
    assert len(projection.months) == horizon
    for path in projection.paths:
        assert len(path) == horizon
        assert min(path) >= 0
    for t in range(horizon):
        assert projection.low[t] <= projection.median[t] <= projection.high[t]


def test_a_chance_too_small_for_a_float_or_certain_is_handled():
    from irohub.forecasting.simulation import POOLED, _exit_month, _stay

    rng = random.Random(1)
    cells = [(1, ("", "a")), (4, ("", "b"))]
    # 1e-18 cannot move 1.0 (log1p is 0): never leaves in the first run; certain in the next.
    assert (
        _exit_month(
            cells, {POOLED: _stay(0.1), ("", "a"): _stay(1e-18), ("", "b"): _stay(1.0)}, 13, 12, rng
        )
        == 4
    )
    assert (
        _exit_month(
            cells, {POOLED: _stay(0.1), ("", "a"): _stay(0), ("", "b"): _stay(0)}, 13, 12, rng
        )
        == 13
    )
    assert (
        _exit_month(
            cells, {POOLED: _stay(0.1), ("", "a"): _stay(0), ("", "b"): _stay(0)}, 9, 12, rng
        )
        == 9
    )  # out at 18
