"""Pooled comparison where no national figure exists: the public measures file (suppressed
by the one suppression rule, pooled measures only, no breakdowns) and several councils'
files combined, bad files refused with a message naming each."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.reporting.pooled import (
    FORMAT,
    PooledFileError,
    combine,
    combined_table,
    public_measures,
)
from irohub.reporting.suppression import suppress_count, suppress_figure

COMPUTED = {
    "year": "2024/25",
    "measures": {
        "M-REV-01": {"numerator": 292, "denominator": 300, "percent": 97.333},
        "M-REV-04": {"numerator": 3, "denominator": 40, "percent": 7.5},
        "M-PAR-01": {"numerator": 97, "denominator": 100, "percent": 97.0, "unclassified": 2},
        "M-ESC-04": {"count": 2},
        "M-ESC-01": {"count": 80},
        "M-WF-01": {"numerator": 512, "denominator": 6.0, "value": 85.3333},
        "M-WF-01b": {"count": 0},
        "M-WF-03c": {"status": "no data", "reason": "no establishment recorded"},
        "M-WF-03d": {"fte": 1.5, "of_fte": 6.0, "percent": 25.0},  # staff, not children
        "M-POP-01": {"count": 512},  # has a national figure: not pooled
        "M-REV-05": {"count": 9, "breakdowns": {"days late": {"1–5": {"count": 4}}}},
    },
}


def public(council: str = "A", code: str = "E1", computed=COMPUTED) -> dict:
    return public_measures(
        computed, titles={"M-REV-01": "Reviews held on time"}, council=council, la_code=code
    )


def test_the_public_file_holds_only_pooled_measures_suppressed_with_no_breakdowns():
    document = public()
    measures = document["measures"]
    assert document["format"] == FORMAT and document["year"] == "2024/25"
    assert "M-POP-01" not in measures  # a national figure exists: the DfE tables compare it
    assert measures["M-REV-01"] == {
        "title": "Reviews held on time",
        "numerator": 292,
        "denominator": 300,
        "percent": "97.3",
    }
    # The same rule as every public table (suppression.suppress_figure): 3 of 40 is hidden,
    # and 97 of 100 too (3 children did not).
    for measure_id in ("M-REV-04", "M-PAR-01"):
        figure = COMPUTED["measures"][measure_id]
        expected = suppress_figure(figure["numerator"], figure["denominator"])
        assert measures[measure_id]["numerator"] == expected.numerator == "c"
        assert measures[measure_id]["percent"] == "c"
    assert measures["M-ESC-04"]["count"] == "c" and measures["M-ESC-01"]["count"] == 80
    assert measures["M-WF-01b"]["count"] == 0  # zero is not a small number of children
    assert measures["M-WF-01"]["value"] == 85.3
    assert measures["M-WF-03c"] == {"title": "M-WF-03c", "status": "no data"}
    # FTE of FTE counts staff, not children: never suppressed (as the report's staff tables).
    assert measures["M-WF-03d"] == {"title": "M-WF-03d", "fte": 1.5, "of_fte": 6.0, "percent": 25.0}
    text = json.dumps(document)
    assert "breakdowns" not in text and "unclassified" not in text and "reason" not in text


def test_councils_files_combine_into_one_table_with_a_pooled_percentage():
    other = {
        "year": "2024/25",
        "measures": {"M-REV-01": {"numerator": 180, "denominator": 200, "percent": 90.0}},
    }
    pooled = combine(
        [
            ("a.json", json.dumps(public("Council A", "E1"))),
            ("b.json", json.dumps(public("Council B", "E2", other))),
        ]
    )
    assert pooled.year == "2024/25"
    assert pooled.councils == (("E1", "Council A"), ("E2", "Council B"))
    rows = {row[0]: row for row in combined_table(pooled).text_rows()}
    assert rows["M-REV-01"][2:4] == ("97.3% (292 of 300)", "90.0% (180 of 200)")
    # (292 + 180) of (300 + 200) = 94.4%, from both councils.
    assert rows["M-REV-01"][4:] == ("94.4%", "2")
    assert rows["M-REV-04"][2:4] == ("c", "not in the file")
    assert rows["M-REV-04"][4] == ""  # nothing published to pool
    assert rows["M-WF-03d"][2] == "1.5 of 6.0 FTE (25.0%)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "bad.json: not a JSON file (line 1, column 2"),
        (json.dumps({"year": "2024/25"}), "bad.json: not a public measures file"),
        (
            json.dumps({"format": FORMAT, "year": "2024/25"}),
            "bad.json: missing council, la_code, measures",
        ),
        (
            json.dumps({**public("B", "E2"), "year": "2023/24"}),
            "bad.json: year 2023/24, but good.json is 2024/25",
        ),
        (json.dumps(public("A again", "E1")), "bad.json: council E1 is also in good.json"),
        (
            json.dumps(
                {
                    **public("B", "E2"),
                    "measures": {
                        "M-REV-01": {"numerator": 3, "denominator": 300, "percent": "1.0"}
                    },
                }
            ),
            "bad.json: measure M-REV-01: numerator 3 is a small number",
        ),
        (
            json.dumps(
                {
                    **public("B", "E2"),
                    "measures": {
                        "M-REV-01": {"numerator": 297, "denominator": 300, "percent": "99.0"}
                    },
                }
            ),
            "bad.json: measure M-REV-01: 297 of 300 gives away a small number (3)",
        ),
        (
            json.dumps(
                {
                    **public("B", "E2"),
                    "measures": {
                        "M-REV-01": {"numerator": 200, "denominator": 300, "percent": "50.0"}
                    },
                }
            ),
            "bad.json: measure M-REV-01: percent '50.0' is not 200 of 300 (66.7)",
        ),
        (
            json.dumps({**public("B", "E2"), "measures": {"M-POP-01": {"count": 512}}}),
            "bad.json: measure M-POP-01: not one of the pooled measures",
        ),
        (
            json.dumps({**public("B", "E2"), "measures": {"M-ESC-01": {"count": -8}}}),
            "bad.json: measure M-ESC-01: count -8 is not a whole number",
        ),
    ],
)
def test_a_bad_file_is_named_with_what_is_wrong_and_nothing_is_combined(text, message):
    with pytest.raises(PooledFileError) as raised:
        combine([("good.json", json.dumps(public())), ("bad.json", text)])
    assert any(p.startswith(message) for p in raised.value.problems), raised.value.problems


@given(st.integers(0, 500).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))))
def test_any_figure_made_public_combines_and_shows_no_small_number(figure):
    numerator, denominator = figure
    computed = {
        "year": "2024/25",
        "measures": {
            "M-REV-01": {"numerator": numerator, "denominator": denominator, "percent": None}
        },
    }
    pooled = combine([("a.json", json.dumps(public(computed=computed)))])
    shown = pooled.figures[("M-REV-01", "E1")]
    for count in (shown.numerator, shown.denominator):
        assert count == "c" or not 1 <= count <= 5
    if isinstance(shown.numerator, int) and isinstance(shown.denominator, int):
        assert not 1 <= shown.denominator - shown.numerator <= 5


@pytest.mark.parametrize(
    ("count", "threshold", "shown"),
    [(0, 5, 0), (1, 5, "c"), (5, 5, "c"), (6, 5, 6), (6, 10, "c"), (11, 10, 11)],
)
def test_a_count_on_its_own_is_suppressed_from_1_to_the_threshold(count, threshold, shown):
    assert suppress_count(count, threshold) == shown


def test_a_stricter_council_suppresses_more_and_its_file_still_combines():
    document = public_measures(COMPUTED, titles={}, council="Strict", la_code="E3", threshold=10)
    assert document["measures"]["M-REV-05"]["count"] == "c"  # 9 ≤ 10
    pooled = combine([("strict.json", json.dumps(document))])
    assert pooled.figures[("M-REV-05", "E3")].text == "c"
