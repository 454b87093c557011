"""The shared review book: regime spans, the cache and the calendar."""

from __future__ import annotations

import gc

from irohub.measures import Figure, clear_cache, compute_measures
from irohub.measures.reviews import first_reviews_on_time
from irohub.measures.timeline import Regime, Span, book_for, regime_spans
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar
from tests.unit.measures.builders import D, child, episode, period, register


def test_regime_spans_merge_the_same_regime_and_drop_same_day_switches() -> None:
    care = period(
        D(2024, 1, 1),
        D(2024, 12, 1),
        episodes=[
            episode(D(2024, 1, 1), D(2024, 3, 1)),
            episode(D(2024, 3, 1), D(2024, 5, 1), placement="U5", rne="P"),  # same regime
            episode(D(2024, 5, 1), D(2024, 5, 1), placement="A5", rne="P"),  # zero length
            episode(D(2024, 5, 1), D(2024, 8, 1), placement="U4", rne="P"),
            episode(D(2024, 8, 1), D(2024, 12, 1), legal_status="E1", placement="A6", rne="B"),
        ],
    )
    assert regime_spans(care) == [
        Span(Regime.CPPCR, D(2024, 1, 1), D(2024, 8, 1)),
        Span(Regime.ADOPTION, D(2024, 8, 1), D(2024, 12, 1)),
    ]


def test_a_period_without_episodes_is_under_cppcr() -> None:
    care = period(D(2024, 1, 1), episodes=[])
    assert regime_spans(care) == [Span(Regime.CPPCR, D(2024, 1, 1), None)]


def test_one_book_per_register_and_calendar() -> None:
    reg = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])))
    assert book_for(reg) is book_for(reg)
    other = WorkingDayCalendar(extra_holidays=[D(2025, 1, 2)])
    assert book_for(reg, other) is not book_for(reg)
    clear_cache()
    assert book_for(reg, other).calendar is other


def test_the_calendar_given_is_the_one_used() -> None:
    # LAC-E1 with an extra bank holiday on Thu 2 Jan 2025: LAC-1 moves from Thu 9 Jan to
    # Fri 10 Jan 2025, so the review held on 10 Jan is on time.
    reg = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])))
    year = CollectionYear(2024)
    assert first_reviews_on_time(reg, year) == Figure(0, 1)
    extra = WorkingDayCalendar(extra_holidays=[D(2025, 1, 2)])
    assert first_reviews_on_time(reg, year, extra) == Figure(1, 1)
    assert compute_measures(reg, year, calendar=extra)["measures"]["M-REV-04"] == {  # type: ignore[index]
        "numerator": 1,
        "denominator": 1,
        "percent": 100.0,
    }


def test_the_garbage_collector_is_left_as_it_was() -> None:
    reg = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])))
    assert gc.isenabled()
    compute_measures(reg, "2024/25")
    assert gc.isenabled()
    gc.disable()
    try:
        compute_measures(reg, "2023/24")
        assert not gc.isenabled()
    finally:
        gc.enable()
