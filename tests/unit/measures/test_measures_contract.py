"""The results (Figure, NoData), collection years and the JSON contract of
compute_measures that `irohub measures` and other tools read."""

from __future__ import annotations

import json

import pytest

from irohub.measures import (
    DEFINITIONS,
    MEASURES,
    CollectionYear,
    Figure,
    NoData,
    Section,
    compute_measures,
)
from tests.unit.measures.builders import D, child, period, register

# Sections A to D in spec order (sections E and F follow them).
SPEC_ORDER = [
    "M-REV-01",
    "M-REV-01a",
    "M-REV-02",
    "M-REV-03",
    "M-REV-04",
    "M-REV-05",
    "M-REV-06",
    "M-REV-06b",
    "M-PAR-01",
    "M-PAR-01a",
    "M-PAR-01b",
    "M-PAR-02",
    "M-PAR-03",
    "M-PAR-03a",
    "M-PAR-03b",
    "M-PAR-03c",
    "M-PAR-04",
    "M-PAR-04a",
    "M-PAR-04b",
    "M-PAR-04a-mother",
    "M-PAR-04a-father",
    "M-PAR-04b-mother",
    "M-PAR-04b-father",
    "M-PAR-05",
    "M-PAR-05a",
    "M-PAR-06",
    "M-PAR-06a",
    "M-PAR-06b",
    "M-PAR-07",
    "M-PAR-07a",
    "M-PAR-07b",
    *(f"M-PRC-0{n}" for n in range(1, 6)),
    "M-PRC-05b",
    "M-PRC-06",
    "M-ESC-01",
    "M-ESC-01b",
    *(f"M-ESC-0{n}" for n in range(2, 5)),
]
A_TO_D = (Section.TIMELINESS, Section.PARTICIPATION, Section.PROCESS, Section.ESCALATION)
SHAPES = {
    frozenset({"numerator", "denominator", "percent"}),  # a percentage
    frozenset({"count"}),
    frozenset({"numerator", "denominator", "value"}),  # a rate
    frozenset({"status", "reason"}),  # no data
}


def test_percent_is_unrounded_and_none_for_a_zero_denominator() -> None:
    # Central Bedfordshire 2017/18: 292 of 300 = 97.333…%, kept unrounded.
    assert Figure(292, 300).percent == 97.33333333333333
    assert Figure(2, 3).percent == 100 * 2 / 3
    assert Figure(0, 0).percent is None
    assert Figure(0, 4).percent == 0.0


def test_figure_json_has_unclassified_only_when_there_are_some() -> None:
    assert Figure(292, 300).as_json() == {
        "numerator": 292,
        "denominator": 300,
        "percent": 97.33333333333333,
    }
    assert Figure(0, 0, unclassified=3).as_json() == {
        "numerator": 0,
        "denominator": 0,
        "percent": None,
        "unclassified": 3,
    }


def test_a_figure_cannot_have_more_in_the_numerator_than_the_denominator() -> None:
    with pytest.raises(ValueError):
        Figure(3, 2)


def test_no_data_json() -> None:
    assert NoData("no reviews recorded").as_json() == {
        "status": "no data",
        "reason": "no reviews recorded",
    }


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2021", "'2021' is not a collection year: write it like 2021/22"),
        ("2021/23", "'2021/23' is not a collection year: 2021/ must be followed by 22"),
        ("21/22", "'21/22' is not a collection year: write it like 2021/22"),
    ],
)
def test_collection_year_labels_other_than_yyyy_yy_are_rejected(label: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        CollectionYear.parse(label)
    assert str(raised.value) == message
    with pytest.raises(ValueError):
        compute_measures(register(), label)


def test_collection_year_2021_22() -> None:
    year = CollectionYear.parse("2021/22")
    assert (year.start, year.end, year.label) == (D(2021, 4, 1), D(2022, 3, 31), "2021/22")
    assert CollectionYear.parse("1999/00").end == D(2000, 3, 31)


def test_registry_is_in_spec_order() -> None:
    a_to_d = [m for m, definition in DEFINITIONS.items() if definition.section in A_TO_D]
    assert a_to_d == SPEC_ORDER
    assert list(MEASURES) == list(DEFINITIONS)
    # Sections in the spec's order, each measure under its own.
    order = list(Section)
    sections = [order.index(definition.section) for definition in DEFINITIONS.values()]
    assert sections == sorted(sections)


def test_compute_measures_output_contract() -> None:
    # Reviews on 10 Jan 2025 (late LAC-1, PN1) and, for a second child looked after from
    # Mon 2 Dec 2024 (LAC-1 due Thu 2 Jan 2025), 31 Dec 2024 (PN0) and 31 Mar 2025 (PN7).
    reg = register(
        child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])),
        child(
            "H", period(D(2024, 12, 2), reviews=[(D(2024, 12, 31), "PN0"), (D(2025, 3, 31), "PN7")])
        ),
    )
    result = compute_measures(reg, CollectionYear(2024))
    assert result == compute_measures(reg, "2024/25")
    assert list(result) == ["year", "measures"]
    assert result["year"] == "2024/25"
    measures = result["measures"]
    assert list(measures) == list(DEFINITIONS)  # type: ignore[arg-type]
    for value in measures.values():  # type: ignore[attr-defined]
        assert frozenset(value) in SHAPES
    for measure_id in ("M-REV-01", "M-REV-04", "M-PAR-01", "M-PAR-01b"):
        assert set(measures[measure_id]) == {"numerator", "denominator", "percent"}  # type: ignore[index]
    # A late, H's 31 Dec review on time and his 31 Mar one on the day: one late review.
    assert measures["M-REV-05"] == {"count": 1}  # type: ignore[index]
    assert measures["M-REV-06b"] == {"numerator": 3, "denominator": 2, "value": 1.5}  # type: ignore[index]
    assert measures["M-REV-01"] == {  # type: ignore[index]
        "numerator": 2,
        "denominator": 3,
        "percent": 66.66666666666667,
    }
    # PN0 is out; PN1 (views expressed) and PN7 (not) are in.
    assert measures["M-PAR-01"] == {"numerator": 1, "denominator": 2, "percent": 50.0}  # type: ignore[index]
    # Serialisable as it stands, with null for a zero denominator.
    text = json.dumps(compute_measures(register(), "2024/25"))
    assert '"M-REV-01": {"numerator": 0, "denominator": 0, "percent": null}' in text


def test_compute_measures_with_breakdowns_is_json() -> None:
    reg = register(
        child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])),
        child("H", period(D(2024, 12, 2), reviews=[(D(2024, 12, 31), "PN0")])),
    )
    result = compute_measures(reg, "2024/25", breakdowns=True)
    assert json.loads(json.dumps(result)) == result
    measures = result["measures"]
    # No staff: no team or IRO breakdown; days late and review number are there.
    assert "team" not in measures["M-REV-01"]["breakdowns"]  # type: ignore[index]
    # A's first review 1 working day late; H's second, due 31 Mar 2025, still open at the
    # close of that day (0 working days late: the first band).
    assert measures["M-REV-05"]["breakdowns"]["days late"] == {  # type: ignore[index]
        "1 to 5 working days": {"count": 2}
    }
    assert measures["M-REV-05"]["breakdowns"]["late or overdue"] == {  # type: ignore[index]
        "Held late": {"count": 1},
        "Overdue at the period end": {"count": 1},
    }
    assert measures["M-REV-06"]["breakdowns"]["review number"] == {  # type: ignore[index]
        "First": {"count": 2}
    }
    assert "breakdowns" not in measures["M-REV-06b"]  # type: ignore[index]
    assert "breakdowns" not in measures["M-PRC-01"]  # type: ignore[index]
