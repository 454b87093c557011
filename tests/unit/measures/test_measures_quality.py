"""M-PRC-04 to 06 from the IRO's quality ratings and M-ESC-01 to 04 from the challenges
(spec/measures.md §C, §D): worked examples, breakdowns, the annual report's stage table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from irohub.measures import CollectionYear, Count, Figure, compute_measures
from irohub.measures.catalogue import Scope
from irohub.measures.escalation import (
    StageCounts,
    median_working_days_to_close,
    stage_table,
    theme_counts,
)
from irohub.measures.registry import DEFINITIONS, measure_rows
from irohub.records.register import ChallengeRecord, RatingRecord
from tests.unit.measures.builders import D, child, period, register

YEAR = CollectionYear(2025)  # 1 April 2025 to 31 March 2026
PLANS = (("pep", "yes"), ("health_assessment", "no"), ("sdq", "na"))


def rating(child_id: str, held: date, care: str, **fields) -> RatingRecord:
    return RatingRecord(child_id, held, care, fields.pop("up_to_date", True), PLANS, **fields)


def council(ratings=(), challenges=()):
    base = register(
        child("A", period(D(2024, 1, 8))),
        child("B", period(D(2024, 1, 8))),
        child("C", period(D(2024, 1, 8), D(2025, 3, 1))),  # not looked after in 2025/26
    )
    return replace(base, ratings=tuple(ratings), challenges=tuple(challenges))


def test_ratings_distribution_care_plans_and_other_plans() -> None:
    reg = council(
        [
            rating("A", D(2025, 5, 1), "green"),
            rating("A", D(2025, 11, 3), "red", up_to_date=False, escalated=True),
            rating("B", D(2025, 6, 2), "amber", up_to_date=False),
            rating("B", D(2025, 3, 3), "green"),  # the year before: not counted
        ]
    )
    scope = Scope(reg, YEAR)
    assert DEFINITIONS["M-PRC-04"].result(scope) == Figure(1, 3)
    assert DEFINITIONS["M-PRC-05"].result(scope) == Count(3)
    assert DEFINITIONS["M-PRC-05"].breakdowns(scope)["rating"] == {
        "Green": Count(1),
        "Amber": Count(1),
        "Red": Count(1),
    }
    # One of the two amber or red ratings went on to a formal challenge.
    assert DEFINITIONS["M-PRC-05b"].result(scope) == Figure(1, 2)
    # Each rated review checked a PEP (in date) and a health assessment (not in date); the
    # SDQ did not apply.
    assert DEFINITIONS["M-PRC-06"].result(scope) == Figure(3, 6)
    assert DEFINITIONS["M-PRC-06"].breakdowns(scope)["plan"] == {
        "Personal education plan": Figure(3, 3),
        "Health assessment": Figure(0, 3),
    }


FORMAL = ChallengeRecord(
    "A",
    D(2025, 12, 15),
    ((0, D(2025, 12, 15)), (1, D(2025, 12, 22)), (2, D(2026, 1, 5))),
    formal_started=D(2025, 12, 22),  # DR-1 target: Thu 22 Jan 2026 (over Christmas)
    closed=D(2026, 1, 22),
    outcome="resolved",
    themes=("Health", "Placement suitability"),
    team="Children in care team 1",
    cafcass_referred=D(2026, 1, 12),
)
LATE = ChallengeRecord(
    "B",
    D(2025, 6, 2),
    ((1, D(2025, 6, 2)),),
    formal_started=D(2025, 6, 2),  # target Mon 30 Jun 2025
    closed=D(2025, 7, 1),
    outcome="partly resolved",
    themes=("Health",),
)
INFORMAL = ChallengeRecord(
    "B", D(2025, 9, 1), ((0, D(2025, 9, 1)),), closed=D(2025, 9, 5), outcome="resolved"
)
STILL_OPEN = ChallengeRecord(
    "A", D(2026, 2, 2), ((1, D(2026, 2, 2)),), formal_started=D(2026, 2, 2)
)  # target Mon 2 Mar 2026, passed by 31 March: not in time


def test_escalation_measures() -> None:
    reg = council(challenges=[FORMAL, LATE, INFORMAL, STILL_OPEN])
    scope = Scope(reg, YEAR)
    assert DEFINITIONS["M-ESC-01"].result(scope) == Count(4)
    split = DEFINITIONS["M-ESC-01"].breakdowns(scope)
    assert split["stage reached"] == {
        "Informal": Count(1),
        "Stage 1 (team or service manager)": Count(2),
        "Stage 2 (head of service)": Count(1),
    }
    assert split["outcome"] == {
        "Resolved": Count(2),
        "Partly resolved": Count(1),
        "Open": Count(1),
    }
    assert split["social-work team"]["Children in care team 1"] == Count(1)
    themes = DEFINITIONS["M-ESC-01b"].breakdowns(scope)["theme"]
    assert themes == {
        "Health": Count(2),
        "No theme recorded": Count(2),
        "Placement suitability": Count(1),
    }
    # DR-3: FORMAL closed on its target (in time), LATE a day after, STILL_OPEN past it.
    assert DEFINITIONS["M-ESC-02"].result(scope) == Figure(1, 3)
    # A and B of the two children looked after in the year (C left before it).
    assert DEFINITIONS["M-ESC-03"].result(scope) == Figure(2, 2)
    assert DEFINITIONS["M-ESC-04"].result(scope) == Count(1)
    rows = measure_rows(reg, YEAR, "M-ESC-04")
    assert [row.columns[:3] for row in rows] == [
        (D(2025, 12, 15), "Stage 2 (head of service)", "Resolved")
    ]
    measures = compute_measures(reg, YEAR, breakdowns=True)["measures"]
    assert measures["M-ESC-01"]["count"] == 4  # type: ignore[index]
    assert "stage reached" in measures["M-ESC-01"]["breakdowns"]  # type: ignore[index]


def test_a_target_in_the_year_not_yet_passed_is_not_judged_by_the_year_before() -> None:
    # Formal from Mon 2 Mar 2026: target Mon 30 Mar 2026 is in 2025/26; the year before
    # does not count it.
    late_march = ChallengeRecord("A", D(2026, 3, 2), ((1, D(2026, 3, 2)),), D(2026, 3, 2))
    reg = council(challenges=[late_march])
    assert DEFINITIONS["M-ESC-02"].result(Scope(reg, CollectionYear(2024))) == Figure(0, 0)
    assert DEFINITIONS["M-ESC-02"].result(Scope(reg, YEAR)) == Figure(0, 1)


def test_the_stage_table_themes_and_time_to_close() -> None:
    reg = council(challenges=[FORMAL, LATE, INFORMAL, STILL_OPEN])
    assert stage_table(reg, YEAR) == [
        StageCounts(0, reached=2, escalated=1, resolved=1),
        StageCounts(1, reached=3, escalated=1, resolved=0),
        StageCounts(2, reached=1, escalated=0, resolved=1),
        StageCounts(3, reached=0, escalated=0, resolved=0),
    ]
    assert theme_counts(reg, YEAR) == {
        "Health": 2,
        "Placement suitability": 1,
        "No theme recorded": 2,
    }
    # Closed: FORMAL in 25 WD, LATE in 21 WD, INFORMAL in 4 WD → median 21.
    assert median_working_days_to_close(reg, YEAR) == 21
    assert median_working_days_to_close(council(), YEAR) is None


def test_without_challenges_held_the_tables_say_no_data() -> None:
    reg = register(child("A", period(D(2024, 1, 8))))
    assert stage_table(reg, YEAR).reason.startswith("the data holds no IRO challenges")  # type: ignore[union-attr]
    assert theme_counts(reg, YEAR).reason.startswith("the data holds no")  # type: ignore[union-attr]
