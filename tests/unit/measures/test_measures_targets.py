"""Local targets, red, amber and green (irohub.measures.targets): the seed councils' cases
by hand, then properties of the rule for any target."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.measures.results import Count, Figure, Fte, NoData, Rate
from irohub.measures.targets import Rating, Target, rate
from irohub.reporting.wording import against_target

D = Decimal


def test_leicestershire_repeat_plans_red_against_19_percent() -> None:
    # "21.6% ... This is now RAG rated red against the target of 19%" (lower is better).
    target = Target("M-CP-05", D(19), D(2), higher_is_better=False)
    assert target.rate(21.6) is Rating.RED
    assert target.rate(20.9) is Rating.AMBER
    assert target.rate(21) is Rating.AMBER  # exactly the margin: still amber
    assert target.rate(19) is Rating.GREEN
    assert target.rate(12.0) is Rating.GREEN
    assert target.words(Rating.RED, percent=True) == "Red: above the target of 19% by more than 2"


def test_higher_is_better_with_the_figure_unrounded() -> None:
    target = Target("M-REV-01", D(95), D(5))
    # 284 of 300 is 94.666…%, shown as 94.7%: below 95, so amber, never "rounded up" to green.
    rating, words = against_target(Figure(284, 300), target, percent=True)
    assert rating is Rating.AMBER
    assert words == "Amber: below the target of 95% by up to 5"
    assert against_target(Figure(285, 300), target, percent=True)[0] is Rating.GREEN
    assert against_target(Figure(269, 300), target, percent=True)[0] is Rating.RED  # 89.67
    assert target.text(percent=True) == "95% or more (amber within 5 below)"


def test_no_figure_no_rating_and_counts_rates_and_fte() -> None:
    target = Target("M-X", D("70"), D("10"), higher_is_better=False)
    assert against_target(NoData("none"), target, percent=False) == (None, "No rating: no figure")
    assert against_target(Figure(0, 0), target, percent=True)[0] is None  # n/a
    assert against_target(Count(75), target, percent=False)[0] is Rating.AMBER
    assert against_target(Rate(610, 10.2), target, percent=False)[0] is Rating.GREEN  # 59.8
    vacancy = Target("M-WF-03d", D(10), D(5), higher_is_better=False)
    assert against_target(Fte(1.1, 9.5), vacancy, percent=True)[0] is Rating.AMBER  # 11.6%
    assert rate(None, 5) is None
    no_amber = Target("M-X", D(90), D(0))
    assert no_amber.rate(89.99) is Rating.RED
    assert no_amber.words(Rating.RED) == "Red: below the target of 90"


def test_a_negative_margin_is_refused() -> None:
    with pytest.raises(ValueError, match="amber margin"):
        Target("M-X", D(1), D(-1))


numbers = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
margins = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


@given(value=numbers, margin=margins, higher=st.booleans(), figure=numbers)
def test_the_rating_follows_the_distance_from_the_target(
    value: Decimal, margin: Decimal, higher: bool, figure: Decimal
) -> None:
    target = Target("M-X", value, margin, higher_is_better=higher)
    rating = target.rate(figure)
    worse = (value - figure) if higher else (figure - value)
    assert rating is (
        Rating.GREEN if worse <= 0 else Rating.AMBER if worse <= margin else Rating.RED
    )
    # Moving the figure the better way never makes the rating worse.
    better = figure + 1 if higher else figure - 1
    order = [Rating.RED, Rating.AMBER, Rating.GREEN]
    assert order.index(target.rate(better)) >= order.index(rating)
    # Every rating is said in words, beginning with its name (never colour alone).
    assert target.words(rating).startswith(rating.label)
    assert target.rate(Fraction(str(figure))) is rating
