"""How figures are worded for the performance page and the annual report alike (spec
measures.md §0.2): results in the JSON shape the report keeps, or as measure results."""

from decimal import Decimal

from irohub.measures.results import Count, Figure, Fte, NoData, Rate
from irohub.reporting import wording
from irohub.reporting.numbers import percent_text
from irohub.reporting.wording import (
    change_text,
    figure_text,
    rate_text,
    result_text,
)


def test_percentages_round_half_up_with_numerator_and_denominator():
    assert figure_text(292, 300) == "292 of 300 (97.3%)"
    assert percent_text(1, 8) == "12.5%"  # 12.5 exactly
    assert percent_text(1, 16) == "6.3%"  # 6.25 rounds up, not to even
    assert figure_text(1298, 1300) == "1,298 of 1,300 (99.8%)"
    assert figure_text(0, 0) == "0 of 0 (n/a)"


def test_the_public_version_hides_small_numbers_and_their_complements():
    assert figure_text(3, 300, public=True) == "c of 300 (c%)"
    assert figure_text(297, 300, public=True) == "c of 300 (c%)"
    assert figure_text(150, 300, public=True) == "150 of 300 (50.0%)"
    assert result_text({"count": 4}, public=True) == "c"
    assert result_text({"count": 0}, public=True) == "0"
    assert result_text({"count": 4}) == "4"


def test_results_in_each_shape():
    assert result_text({"numerator": 9, "denominator": 10, "percent": 90.0}) == "9 of 10 (90.0%)"
    assert result_text({"numerator": 512, "denominator": 6.0, "value": 85.33}) == ("85.3 (512 ÷ 6)")
    assert rate_text(10, 0) == "n/a (10 ÷ 0)"
    assert result_text({"status": "no data", "reason": "not held"}) == "No data"
    assert result_text(None) == "Not held"


def test_change_on_last_year():
    now = {"numerator": 88, "denominator": 100, "percent": 88.0}
    before = {"numerator": 85, "denominator": 100, "percent": 85.0}
    assert change_text(now, before, public=False) == "Up 3.0 percentage points"
    assert change_text({"count": 107}, {"count": 100}, public=False) == "Up 7"
    assert change_text({"count": 7}, {"count": 7}, public=False) == "No change"
    assert change_text({"count": 3}, {"count": 9}, public=True) == "c"


def test_a_result_and_its_json_are_worded_alike():
    # The performance page holds results, the report their JSON: one wording for both.
    pairs = [
        (Figure(88, 100), Figure(85, 100)),
        (Figure(1, 3), Figure(2, 3)),
        (Count(1207), Count(1300)),
        (Rate(512, 6.0), Rate(500, 6.25)),
        (Count(4), Count(4)),
        (NoData("not held"), Count(1)),
    ]
    for now, before in pairs:
        json_now, json_before = now.as_json(), before.as_json()
        for public in (False, True):
            assert result_text(now, public=public) == result_text(json_now, public=public)
            assert change_text(now, before, public=public) == change_text(
                json_now, json_before, public=public
            )
    assert change_text(Figure(1, 3), Figure(2, 3)) == "Down 33.3 percentage points"
    assert change_text(Figure(51, 100), Figure(50, 100)) == "Up 1.0 percentage point"
    assert change_text(Count(1207), Count(1300)) == "Down 93"
    assert change_text(Rate(512, 6.0), Rate(500, 6.25)) == "Up 5.3"
    assert change_text(Figure(1, 2), NoData("x")) == ""


def test_fte_against_a_whole() -> None:
    """An establishment figure: FTE of FTE, its share the headline (never suppressed: staff)."""
    vacant = Fte(1.1, 9.5)
    assert wording.short_text(vacant) == "11.6%"
    assert wording.of_text(vacant) == "1.1 of 9.5 FTE"
    assert wording.result_text(vacant, public=True) == "1.1 of 9.5 FTE (11.6%)"
    assert wording.parts(vacant) == (Decimal("1.1"), Decimal("9.5"))
    assert wording.short_text(Fte(0.0, 0.0)) == "n/a"
    assert wording.change_text(Fte(1.0, 10.0), Fte(2.0, 10.0)) == "Down 10.0 percentage points"
    assert wording.result_of(Fte(1.1, 9.5).as_json()) == vacant
