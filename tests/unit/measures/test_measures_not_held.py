"""Measures whose data the register does not hold: each says "no data" with its reason,
never a number (none left now: M-PAR-03 is recorded between reviews, test_measures_oversight).
M-PAR-02, 05, 06 and M-PRC-01 come from the review checklist,
consultation and advocacy (test_measures_voice); M-PAR-04, 07, M-PRC-02 and 03 from the
review details (test_measures_lifecycle); M-PRC-04..06 and M-ESC-01..04 from the IRO's
ratings and challenges (test_measures_quality), which an SSDA903 return lacks."""

from __future__ import annotations

import pytest

from irohub.measures import DEFINITIONS, CollectionYear, NoData, Section
from irohub.measures.catalogue import Scope
from tests.unit.measures.builders import D, child, period, register

HELD_IN_THE_DATABASE = [
    "M-PRC-04",
    "M-PRC-05",
    "M-PRC-05b",
    "M-PRC-06",
    "M-ESC-01",
    "M-ESC-01b",
    "M-ESC-02",
    "M-ESC-03",
    "M-ESC-04",
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
    # Recorded between reviews (irohub.oversight).
    "M-PAR-03",
    "M-PAR-03a",
    "M-PAR-03b",
    "M-PAR-03c",
    "M-PAR-07a",
    "M-PAR-07b",
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
    assert in_c_and_d == ["M-PRC-01", "M-PRC-02", "M-PRC-03", *HELD_IN_THE_DATABASE]


@pytest.mark.parametrize("measure_id", HELD_IN_THE_DATABASE)
def test_without_ratings_or_challenges_in_the_data_they_say_so(measure_id: str) -> None:
    # The register of an SSDA903 return: no ratings, no challenges (None, not empty).
    result = DEFINITIONS[measure_id].result(Scope(REGISTER, YEAR))
    assert isinstance(result, NoData)
    assert result.reason.startswith("the data holds no")
    assert "an SSDA903 return has none" in result.reason


@pytest.mark.parametrize("measure_id", RECORDED_IN_IRO_HUB)
def test_without_iro_hubs_review_details_it_says_where_they_are_recorded(measure_id: str) -> None:
    result = DEFINITIONS[measure_id].result(Scope(REGISTER, YEAR))
    assert isinstance(result, NoData)
    assert "IRO Hub" in result.reason and "SSDA903 return does not hold" in result.reason
