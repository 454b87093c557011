"""M-PAR-01 Child participation in reviews and its variants 01a and 01b (spec/measures.md
§B). The edge cases shared with the timeliness measures (overdue, left care, new care
period, placed for adoption, short breaks, 31 March, Christmas) are in
test_measures_reviews.py; the breakdowns in test_measures_council.py."""

from __future__ import annotations

from irohub.measures import Figure, NoData, measure_rows
from irohub.measures.participation import (
    child_participation,
    children_participation_latest_review,
    took_part_in_reviews,
)
from irohub.records.years import CollectionYear
from tests.unit.measures.builders import D, child, episode, period, register

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
    assert took_part_in_reviews(reg, YEAR) == Figure(6, 7)  # and PN4
    # One child; the latest review in the year is 7 May (PN7): views not conveyed.
    assert children_participation_latest_review(reg, YEAR) == Figure(0, 1)


def test_pn0_only_is_zero_of_zero() -> None:
    reg = register(child("P", period(D(2024, 1, 2), reviews=[(D(2024, 5, 1), "PN0")])))
    for measure in (child_participation, took_part_in_reviews):
        figure = measure(reg, YEAR)
        assert figure == Figure(0, 0)
        assert figure.percent is None  # type: ignore[union-attr]
    assert children_participation_latest_review(reg, YEAR) == Figure(0, 0)  # under 4: out


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


# --- M-PAR-01a (PN4 counted) and M-PAR-01b (each child's latest review) ---------------


def test_pn4_counts_as_taking_part_in_01a_only() -> None:
    # PN1, PN4, PN4, PN7 in the year: 01 = PN1 of 4; 01a = PN1 + two PN4 of 4. The child's
    # latest review (PN7, 1 Aug) did not convey their views: 01b = 0 of 1.
    reviews = [(D(2024, 5, 1), "PN1"), (D(2024, 6, 1), "PN4"), (D(2024, 7, 1), "PN4")]
    reg = register(child("P", period(D(2024, 1, 2), reviews=[*reviews, (D(2024, 8, 1), "PN7")])))
    assert child_participation(reg, YEAR) == Figure(1, 4)
    assert took_part_in_reviews(reg, YEAR) == Figure(3, 4)
    assert children_participation_latest_review(reg, YEAR) == Figure(0, 1)


def test_latest_review_is_per_child_and_skips_pn0_and_uncoded() -> None:
    # Q turns 4 on 1 Sep 2024: PN0 on 1 Jul, PN6 on 1 Oct, then an uncoded review on
    # 1 Dec — the latest coded PN1–PN7 review is 1 Oct (PN6, views expressed).
    # R is under 4 all year (PN0 only): out of every variant.
    # S: PN2 in June, PN7 in March 2025 (latest: not expressed). T: PN5 on 31 Mar 2025,
    # the year's last day (expressed); PN7 on 1 Apr 2025 is in 2025/26.
    reg = register(
        child(
            "Q",
            period(
                D(2024, 5, 1),
                reviews=[(D(2024, 7, 1), "PN0"), (D(2024, 10, 1), "PN6"), (D(2024, 12, 1), "")],
            ),
            dob=D(2020, 9, 1),
        ),
        child("R", period(D(2024, 5, 1), reviews=[(D(2024, 7, 1), "PN0")]), dob=D(2022, 1, 1)),
        child("S", period(D(2024, 1, 2), reviews=[(D(2024, 6, 1), "PN2"), (D(2025, 3, 1), "PN7")])),
        child(
            "T", period(D(2024, 1, 2), reviews=[(D(2025, 3, 31), "PN5"), (D(2025, 4, 1), "PN7")])
        ),
    )
    # Reviews: Q PN6, S PN2, S PN7, T PN5 → 3 of 4 (PN0s and the uncoded one out).
    assert child_participation(reg, YEAR) == Figure(3, 4)
    assert took_part_in_reviews(reg, YEAR) == Figure(3, 4)
    # Children: Q (PN6 ✓), S (PN7 ✗), T (PN5 ✓) → 2 of 3; R has no PN1–PN7 review.
    assert children_participation_latest_review(reg, YEAR) == Figure(2, 3)
    rows = measure_rows(reg, YEAR, "M-PAR-01b")
    assert not isinstance(rows, NoData)
    assert [(row.child_id, row.day, row.counted, row.columns[0]) for row in rows] == [
        ("Q", D(2024, 10, 1), True, "PN6"),
        ("S", D(2025, 3, 1), False, "PN7"),
        ("T", D(2025, 3, 31), True, "PN5"),
    ]
    # 2025/26: T's 1 April review (PN7) is the only one.
    assert children_participation_latest_review(reg, CollectionYear(2025)) == Figure(0, 1)


def test_variants_say_no_data_when_nothing_is_coded() -> None:
    reg = register(child("P", period(D(2024, 1, 2), reviews=[(D(2024, 5, 1), "")])))
    for measure in (took_part_in_reviews, children_participation_latest_review):
        assert measure(reg, YEAR) == NoData(
            "no participation code (REVIEW_CODE) on any review held in 2024/25"
        )
    assert isinstance(measure_rows(reg, YEAR, "M-PAR-01a"), NoData)


def test_adoption_reviews_count_for_participation_short_break_reviews_do_not() -> None:
    # An adoption review (A5) is a review the child takes part in, and the return carries
    # it: every variant counts it (the timeliness measures do not). A reg 48 review of a
    # child on short breaks only (V3) is not in the return (DfE rule 399), so M-PAR-01
    # leaves it out and gives the same figure from the register and from the return.
    reg = register(
        child("F", period(D(2024, 1, 6), reviews=[(D(2024, 4, 5), "PN4")], legal_status="V3")),
        child(
            "E",
            period(
                D(2024, 7, 1),
                reviews=[(D(2024, 7, 25), "PN1"), (D(2024, 10, 28), "PN7")],
                episodes=[
                    episode(D(2024, 7, 1), D(2024, 10, 1)),
                    episode(D(2024, 10, 1), legal_status="E1", placement="A5", rne="B"),
                ],
            ),
        ),
    )
    assert child_participation(reg, YEAR) == Figure(1, 2)  # E's PN1, not F's PN4
    assert took_part_in_reviews(reg, YEAR) == Figure(1, 2)
    assert children_participation_latest_review(reg, YEAR) == Figure(0, 1)  # E's PN7
