"""Child protection: M-CP-01 to M-CP-06 (spec/measures.md §G) on small hand-built
registers, with the spec's worked examples (CP-E1..E3) for the conference clock."""

from __future__ import annotations

from dataclasses import replace

from irohub.measures import Count, Figure, NoData, Rate, measure_rows, monthly_trend
from irohub.measures.protection import PROTECTION_NOT_HELD
from irohub.records.register import ConferenceRecord, ProtectionRecord, Register
from tests.unit.measures.builders import D, child, figures

YEAR = "2024/25"  # 1 April 2024 to 31 March 2025
CP_IDS = (
    "M-CP-01",
    "M-CP-01b",
    "M-CP-01p",
    "M-CP-02",
    "M-CP-03",
    "M-CP-03b",
    "M-CP-04a",
    "M-CP-04b",
    "M-CP-04c",
    "M-CP-04d",
    "M-CP-05",
    "M-CP-05a",
    "M-CP-05b",
    "M-CP-05c",
    "M-CP-06",
    "M-CP-06a",
    "M-CP-06b",
)


def held(*days: D, participation: str = "PN1", parents: bool | None = None, quorate=None):
    return tuple(ConferenceRecord(day, participation, "", parents, quorate) for day in days)


def case(start: D, *conferences: D, plan: bool = True, end: D | None = None, **kwargs):
    """A case begun by a strategy discussion on `start`; its first conference made a plan
    (unless `plan` is False, when it ended the case that day)."""
    if conferences and not plan:
        end = conferences[0]
    return ProtectionRecord(
        kwargs.pop("begins", "strategy discussion"),
        start,
        kwargs.pop("conferences", held(*conferences)),
        plan_start=conferences[0] if conferences and plan else None,
        end=end,
        end_reason=("conference" if plan else "no plan") if end else "",
        **kwargs,
    )


def council(*children, population: int | None = None) -> Register:
    return Register(tuple(children), protection_held=True, child_population=population)


def test_every_measure_says_no_data_without_child_protection():
    # As read from an SSDA903 return.
    got = figures(Register((child("c1"),)), YEAR, CP_IDS)
    assert got == {measure: NoData(PROTECTION_NOT_HELD) for measure in CP_IDS}


def test_initial_conferences_within_15_working_days():
    reg = council(
        # CP-E1: strategy discussion Thu 19 Dec 2024 → due Tue 14 Jan 2025; held on the day.
        child("a", protection=[case(D(2024, 12, 19), D(2025, 1, 14), s47_start=D(2024, 12, 20))]),
        # CP-E2: Thu 21 Mar 2024 → due Mon 15 Apr 2024 (Easter skipped); held a day late.
        child("b", protection=[case(D(2024, 3, 21), D(2024, 4, 16))]),
        # No plan needed: still an initial conference, on time.
        child("c", protection=[case(D(2024, 6, 3), D(2024, 6, 10), plan=False)]),
        # Held before the year: not counted.
        child("d", protection=[case(D(2024, 2, 1), D(2024, 2, 20))]),
        # A transfer-in conference is not an initial conference.
        child("e", protection=[case(D(2024, 5, 1), D(2024, 5, 9), begins="transfer in")]),
        # A pre-birth conference is counted apart, against its local target.
        child(
            "f",
            protection=[
                case(D(2024, 5, 1), D(2024, 7, 1), begins="pre-birth", first_due=D(2024, 6, 28))
            ],
        ),
    )
    got = figures(reg, YEAR, ["M-CP-01", "M-CP-01b", "M-CP-01p"])
    assert got["M-CP-01"] == Figure(2, 3)
    # The census variant: a's s47 start, 20 Dec → due 15 Jan; the others have none.
    assert got["M-CP-01b"] == Figure(1, 1)
    assert got["M-CP-01p"] == Figure(0, 1)
    rows = measure_rows(reg, YEAR, "M-CP-01")
    assert sorted((r.child_id, r.counted) for r in rows) == [  # type: ignore[union-attr]
        ("a", True),
        ("b", False),
        ("c", True),
    ]


def test_review_conferences_on_time_and_overdue_at_the_year_end():
    reg = council(
        # ICPC 13 Jan 2025 → first review due 13 Apr 2025 (after the year), not yet due.
        child("a", protection=[case(D(2024, 12, 19), D(2025, 1, 13))]),
        # ICPC 1 May 2024 → review due 1 Aug, held 31 Jul (on time) → next due 31 Jan 2025,
        # never held: overdue at 31 March.
        child("b", protection=[case(D(2024, 4, 15), D(2024, 5, 1), D(2024, 7, 31))]),
        # ICPC 1 Apr 2024 → due 1 Jul, held 2 Jul (late); the plan then ended.
        child(
            "c", protection=[case(D(2024, 3, 10), D(2024, 4, 1), D(2024, 7, 2), end=D(2024, 7, 2))]
        ),
    )
    assert figures(reg, YEAR, ["M-CP-02"])["M-CP-02"] == Figure(1, 3)
    rows = measure_rows(reg, YEAR, "M-CP-02")
    assert sorted((r.child_id, r.day, r.counted) for r in rows) == [  # type: ignore[union-attr]
        ("b", D(2024, 7, 31), True),
        ("b", D(2025, 1, 31), False),
        ("c", D(2024, 7, 2), False),
    ]


def test_repeat_plans_ever_and_within_two_years():
    old_plan = case(D(2019, 1, 2), D(2019, 1, 20), D(2019, 4, 15), end=D(2019, 4, 15))
    recent = case(D(2023, 1, 2), D(2023, 1, 20), D(2023, 4, 15), end=D(2023, 4, 15))
    reg = council(
        child("first", protection=[case(D(2024, 5, 1), D(2024, 5, 20))]),
        child("long ago", protection=[old_plan, case(D(2024, 6, 1), D(2024, 6, 20))]),
        child("lately", protection=[recent, case(D(2024, 6, 1), D(2024, 6, 20))]),
        # An enquiry with no plan is not a previous plan.
        child(
            "no plan before",
            protection=[
                case(D(2023, 9, 1), D(2023, 9, 15), plan=False),
                case(D(2024, 6, 1), D(2024, 6, 20)),
            ],
        ),
    )
    got = figures(reg, YEAR, ["M-CP-03", "M-CP-03b", "M-CP-05b"])
    assert got["M-CP-03"] == Figure(2, 4)
    assert got["M-CP-03b"] == Figure(1, 4)
    assert got["M-CP-05b"] == Count(4)


def test_plan_durations():
    reg = council(
        # Ended in the year after 2 years exactly (2 years or more: M-CP-04a).
        child("long", protection=[case(D(2022, 5, 1), D(2022, 5, 10), end=D(2024, 5, 10))]),
        # Ended within 3 months (M-CP-04c).
        child("short", protection=[case(D(2024, 4, 1), D(2024, 4, 10), end=D(2024, 7, 10))]),
        # Ended in the year after a year.
        child("mid", protection=[case(D(2023, 6, 1), D(2023, 6, 10), end=D(2024, 6, 20))]),
        # Open at 31 March: 20 months (over 18, not over 2 years) and 26 months.
        child("open 20", protection=[case(D(2023, 7, 1), D(2023, 7, 20))]),
        child("open 26", protection=[case(D(2023, 1, 1), D(2023, 1, 20), category="NEG")]),
        child("open new", protection=[case(D(2025, 1, 1), D(2025, 1, 20))]),
    )
    got = figures(reg, YEAR, ["M-CP-04a", "M-CP-04b", "M-CP-04c", "M-CP-04d", "M-CP-05c"])
    assert got == {
        "M-CP-04a": Figure(1, 3),
        "M-CP-04b": Figure(2, 3),
        "M-CP-04c": Figure(1, 3),
        "M-CP-04d": Figure(1, 3),
        "M-CP-05c": Count(3),
    }
    # The snapshot trend: at 30 April 2024 "long" was still on its plan (ended 10 May).
    trend = dict(monthly_trend(reg, YEAR, "M-CP-04b"))
    assert trend[D(2024, 4, 30)] == Figure(1, 5)


def test_population_at_the_year_end_and_its_rate():
    reg = council(
        child("on", protection=[case(D(2024, 1, 2), D(2024, 1, 20), latest_category="NEG")]),
        # A plan ending on 31 March is not open on it (OQ-14).
        child("ends", protection=[case(D(2024, 1, 2), D(2024, 1, 20), end=D(2025, 3, 31))]),
        # An enquiry awaiting its initial conference is not a plan.
        child("awaiting", protection=[case(D(2025, 3, 20))]),
        population=20_000,
    )
    got = figures(reg, YEAR, ["M-CP-05", "M-CP-05a"])
    assert got["M-CP-05"] == Count(1)
    assert got["M-CP-05a"] == Rate(1, 2.0)
    assert figures(replace(reg, child_population=None), YEAR, ["M-CP-05a"])["M-CP-05a"] == NoData(
        "the council's child population (IROHUB_CHILD_POPULATION) is not set"
    )


def test_participation_parents_and_quorum():
    conferences = (
        ConferenceRecord(D(2024, 5, 20), "PN1", "", True, True),
        ConferenceRecord(D(2024, 8, 19), "PN7", "", False, True),
        ConferenceRecord(D(2025, 2, 17), "PN6", "", None, False),
    )
    baby = (ConferenceRecord(D(2024, 6, 3), "PN0", "", True, None),)
    reg = council(
        child("a", protection=[case(D(2024, 5, 1), D(2024, 5, 20), conferences=conferences)]),
        child(
            "b",
            dob=D(2024, 1, 1),
            protection=[case(D(2024, 5, 1), D(2024, 6, 3), conferences=baby)],
        ),
    )
    got = figures(reg, YEAR, ["M-CP-06", "M-CP-06a", "M-CP-06b"])
    # Children of 4 or over: a's three conferences; views reached two of them.
    assert got["M-CP-06"] == Figure(2, 3)
    # Parents recorded at three conferences (one not recorded), attended two.
    assert got["M-CP-06a"] == Figure(2, 3)
    assert got["M-CP-06b"] == Figure(2, 3)
