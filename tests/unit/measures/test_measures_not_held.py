"""Measures whose data the register does not hold: each says "no data" with its reason,
never a number (M-PAR-03, M-PRC-04..06, M-ESC-01..04). M-PAR-02, 05, 06 and M-PRC-01 come
from the review checklist, consultation and advocacy (test_measures_voice); M-PAR-04, 07,
M-PRC-02 and 03 from the review details (test_measures_lifecycle)."""

from __future__ import annotations

import pytest

from irohub.measures import DEFINITIONS, CollectionYear, NoData, Section, compute_measures
from irohub.measures.catalogue import Scope
from irohub.measures.registry import measure_rows
from tests.unit.measures.builders import D, child, period, register

NOT_HELD = [
    "M-PAR-03",
    *(f"M-PRC-0{n}" for n in range(4, 7)),
    *(f"M-ESC-0{n}" for n in range(1, 5)),
]
# Held by IRO Hub (irohub.measures.lifecycle), but not by a register without its review
# details (an SSDA903 return, or these builders): "no data", saying where it is recorded.
RECORDED_IN_IRO_HUB = [
    "M-PAR-04",
    "M-PAR-04a",
    "M-PAR-04b",
    "M-PAR-04a-mother",
    "M-PAR-04a-father",
    "M-PAR-04b-mother",
    "M-PAR-04b-father",
    "M-PAR-07",
    "M-PRC-02",
    "M-PRC-03",
]
# A council with a review, so "no data" cannot come from an empty register.
REGISTER = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])))
YEAR = CollectionYear(2024)


def test_sections_c_and_d_are_not_held_but_what_iro_hub_records() -> None:
    in_c_and_d = [
        measure_id
        for measure_id, definition in DEFINITIONS.items()
        if definition.section in (Section.PROCESS, Section.ESCALATION)
    ]
    assert in_c_and_d == ["M-PRC-01", "M-PRC-02", "M-PRC-03", *NOT_HELD[1:]]


@pytest.mark.parametrize("measure_id", NOT_HELD)
def test_says_no_data_with_a_reason(measure_id: str) -> None:
    definition = DEFINITIONS[measure_id]
    scope = Scope(REGISTER, YEAR)
    result = definition.result(scope)
    assert isinstance(result, NoData)
    # What is missing, and that it is coming.
    assert result.reason.startswith("IRO Hub does not record") or result.reason.startswith(
        "IRO Hub records only"
    )
    assert "later release" in result.reason
    assert result.reason.endswith(".")
    assert measure_rows(REGISTER, YEAR, measure_id) == result
    assert definition.breakdowns(scope) == {}
    measures = compute_measures(REGISTER, YEAR, breakdowns=True)["measures"]
    assert measures[measure_id] == {"status": "no data", "reason": result.reason}  # type: ignore[index]


def test_reasons_are_each_their_own() -> None:
    reasons = [DEFINITIONS[measure_id].result(Scope(REGISTER, YEAR)) for measure_id in NOT_HELD]
    assert len({reason.reason for reason in reasons}) == len(NOT_HELD)  # type: ignore[union-attr]


@pytest.mark.parametrize("measure_id", RECORDED_IN_IRO_HUB)
def test_without_iro_hubs_review_details_it_says_where_they_are_recorded(measure_id: str) -> None:
    result = DEFINITIONS[measure_id].result(Scope(REGISTER, YEAR))
    assert isinstance(result, NoData)
    assert "IRO Hub" in result.reason and "SSDA903 return does not hold" in result.reason
