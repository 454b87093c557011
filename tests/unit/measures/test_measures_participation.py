"""M-PAR-01 Child participation in reviews (spec/measures.md §B)."""

from __future__ import annotations

from irohub.measures import Figure, NoData
from irohub.measures.participation import child_participation
from irohub.measures.records import CollectionYear
from tests.unit.measures.builders import D, child, period, register

YEAR = CollectionYear(2024)


def test_views_expressed_over_reviews_of_children_aged_four_or_over() -> None:
    # In the year: PN0 (under 4: out), PN1, PN2, PN3, PN4, PN5, PN6, PN7 → numerator PN1,
    # PN2, PN3, PN5, PN6 = 5; denominator PN1–PN7 = 7. The March 2024 review is in 2023/24.
    reviews = [
        (D(2024, 3, 31), "PN1"),
        (D(2024, 4, 1), "PN0"),
        *[(D(2024, 5, day), f"PN{day}") for day in range(1, 8)],
    ]
    reg = register(child("P", period(D(2024, 1, 2), reviews=reviews)))
    assert child_participation(reg, YEAR) == Figure(5, 7)


def test_pn0_only_is_zero_of_zero() -> None:
    reg = register(child("P", period(D(2024, 1, 2), reviews=[(D(2024, 5, 1), "PN0")])))
    figure = child_participation(reg, YEAR)
    assert figure == Figure(0, 0)
    assert figure.percent is None  # type: ignore[union-attr]


def test_uncoded_reviews_are_left_out() -> None:
    reg = register(
        child("P", period(D(2024, 1, 2), reviews=[(D(2024, 5, 1), "PN4"), (D(2024, 6, 1), "")]))
    )
    assert child_participation(reg, YEAR) == Figure(0, 1)


def test_no_code_on_any_review_is_no_data() -> None:
    reg = register(child("P", period(D(2024, 1, 2), reviews=[(D(2024, 5, 1), "")])))
    result = child_participation(reg, YEAR)
    assert isinstance(result, NoData)
    assert result.reason == "no participation code (REVIEW_CODE) on any review held in 2024/25"
