"""How figures are written (spec measures.md §0.2): percentages half-up to one decimal
place, exactly, "n/a" for a zero denominator; and years in addresses."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.records.years import CollectionYear, parse_year_slug, year_slug
from irohub.reporting.numbers import (
    NOT_AVAILABLE,
    count_text,
    exact,
    figure_text,
    fte_text,
    half_up,
    of_text,
    percent_of,
    percent_text,
    rate_of,
    two_places,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (292, 300, "97.3"),  # Central Bedfordshire 2017/18
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),  # exactly 12.5
        (5, 8, "62.5"),  # exactly 62.5
        (1, 16, "6.3"),  # 6.25: half-up, where round() would give 6.2
        (1, 80, "1.3"),  # 1.25
        (1, 40, "2.5"),
        (3, 80, "3.8"),  # 3.75
        (0, 5, "0.0"),
        (5, 5, "100.0"),
    ],
)
def test_percentages_round_half_up_to_one_place(numerator, denominator, shown):
    assert str(percent_of(numerator, denominator)) == shown
    assert percent_text(numerator, denominator) == f"{shown}%"


def test_a_zero_denominator_is_na_never_zero():
    assert percent_of(0, 0) is None
    assert percent_text(0, 0) == NOT_AVAILABLE == "n/a"
    assert figure_text(0, 0) == "0 of 0 (n/a)"
    assert rate_of(10, 0) is None
    assert rate_of(10, 0.0) is None


def test_figures_in_words():
    assert figure_text(292, 300) == "292 of 300 (97.3%)"
    assert figure_text(1298, 1300) == "1,298 of 1,300 (99.8%)"
    assert of_text("c", 300) == "c of 300"
    assert count_text(1234) == "1,234"
    assert count_text("c") == "c"


def test_half_up_rounds_halves_away_from_zero_and_never_shows_minus_zero():
    assert half_up(Fraction(1, 4)) == Decimal("0.3")
    assert half_up(Fraction(-1, 4)) == Decimal("-0.3")
    assert str(half_up(Fraction(-1, 30))) == "0.0"
    assert str(half_up(Fraction(195, 2), 0)) == "98"
    assert str(half_up(Decimal("7.125"), 2)) == "7.13"


def test_a_float_is_the_decimal_it_prints_as():
    # 0.8 in binary is 0.8000000000000000444…: 1 ÷ 0.8 would come out just under 1.25.
    assert exact(0.8) == Fraction(4, 5)
    assert rate_of(1, 0.8) == Decimal("1.3")
    assert half_up(0.15) == Decimal("0.2")
    assert half_up(2.675, 2) == Decimal("2.68")  # round(2.675, 2) gives 2.67


@pytest.mark.parametrize(
    ("fte", "number", "text"),
    [
        (10.0, "10.0", "10"),
        (9.5, "9.5", "9.5"),
        (7.25, "7.25", "7.25"),
        (0.0, "0.0", "0"),
        (219, "219", "219"),  # a count of children as a rate's denominator
        (1207, "1207", "1,207"),
    ],
)
def test_rate_denominators_and_full_time_equivalents(fte, number, text):
    assert str(two_places(fte)) == number
    assert fte_text(fte) == text


@given(st.integers(0, 100_000), st.integers(1, 100_000))
def test_a_percentage_is_the_exact_one_rounded_half_up(a, b):
    numerator, denominator = min(a, b), max(a, b)
    value = Fraction(100 * numerator, denominator)
    tenths = floor(value * 10 + Fraction(1, 2))  # half-up on the exact fraction
    assert percent_of(numerator, denominator) == Decimal(tenths) / 10
    # Never more than half a tenth from the exact value, and a half always goes up.
    shown = Fraction(percent_of(numerator, denominator))
    assert -Fraction(1, 20) < shown - value <= Fraction(1, 20)
    assert percent_text(numerator, denominator) == f"{Decimal(tenths).scaleb(-1)}%"


@given(st.fractions(), st.integers(0, 3))
def test_half_up_matches_exact_arithmetic(value, places):
    scale = 10**places
    expected = floor(abs(value) * scale + Fraction(1, 2)) * (1 if value >= 0 else -1)
    rounded = half_up(value, places)
    assert Fraction(rounded) == Fraction(expected, scale)
    assert rounded.as_tuple().exponent == -places


def test_years_in_addresses():
    year = parse_year_slug("2025-26")
    assert year == CollectionYear(2025)
    assert year_slug(year) == "2025-26"
    for bad in ("2025", "2025-27", "2025/26", "", "abcd-ef"):
        with pytest.raises(ValueError, match="write it like 2025-26"):
            parse_year_slug(bad)
