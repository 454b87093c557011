"""How the annual report writes figures (spec measures.md §0.2) and reads the manager's
text."""

from irohub.annual_report.formatting import (
    change_text,
    figure_text,
    percent_text,
    rate_text,
    result_text,
)
from irohub.annual_report.narrative import paragraphs


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
    assert change_text(now, before, public=False) == "+3.0 points"
    assert change_text({"count": 107}, {"count": 100}, public=False) == "+7"
    assert change_text({"count": 7}, {"count": 7}, public=False) == "no change"
    assert change_text({"count": 3}, {"count": 9}, public=True) == "c"


def test_the_managers_text_becomes_paragraphs_and_lists():
    text = "First paragraph\ncontinues.\n\n- one\n- two\n  wrapped\nAfter the list."
    assert paragraphs(text) == [
        ("p", "First paragraph continues."),
        ("ul", ["one", "two wrapped"]),
        ("p", "After the list."),
    ]
    assert paragraphs("") == []
