"""Workforce: M-WF-01 caseload per FTE, M-WF-02 continuity, M-WF-03 establishment
(spec/measures.md §E), on small hand-built councils."""

from __future__ import annotations

from dataclasses import replace

import pytest

from irohub.measures import (
    Count,
    Figure,
    NoData,
    Rate,
    Scope,
    compute_measures,
    definition,
    measure_rows,
    monthly_trend,
)
from irohub.measures.results import Fte
from irohub.measures.workforce import (
    CP_NOT_HELD,
    STAFF_NOT_HELD,
    WORKFORCE_NOT_HELD,
    CaseloadBand,
    IroCaseload,
    caseloads,
    children_not_allocated,
    establishment,
)
from irohub.records.register import ProtectionRecord
from irohub.records.workforce import AbsenceRecord, PostRecord, TermsRecord, Workforce
from irohub.records.years import CollectionYear
from tests.unit.measures.builders import D, allocated, child, figures, iro, period, register

YEAR = "2025/26"  # 1 April 2025 to 31 March 2026
YEAR_END = D(2026, 3, 31)
WORKFORCE = ("M-WF-01", "M-WF-01b", "M-WF-02", "M-WF-02a", "M-WF-03", "M-WF-03a", "M-WF-03b")

STAFF = (
    iro("A", "North", fte=1.0),
    iro("B", "North", fte=0.5),
    iro("C", "South", fte=0.8, end=D(2025, 12, 31)),  # left before 31 March
    iro("D", "South", fte=0.6, start=D(2026, 4, 1)),  # not yet in post
)
SINCE = D(2025, 1, 1)


def caseload_council():
    return register(
        child("c1", period(SINCE), allocations=[allocated("A", SINCE)]),
        child("c2", period(SINCE), allocations=[allocated("A", SINCE)]),
        child("c3", period(SINCE), allocations=[allocated("B", SINCE)]),
        # Their IRO left on 31 December: not allocated on 31 March.
        child("c4", period(SINCE), allocations=[allocated("C", SINCE, D(2026, 6, 30))]),
        child("c5", period(SINCE)),  # never allocated
        # The period ends on 31 March, so the child is not looked after then (OQ-14).
        child("c6", period(SINCE, D(2026, 3, 31)), allocations=[allocated("A", SINCE)]),
        # Short breaks: still in the IRO's caseload.
        child("c7", period(SINCE, legal_status="V3"), allocations=[allocated("B", SINCE)]),
        # Moved from A to B in February: B's on 31 March.
        child(
            "c8",
            period(SINCE),
            allocations=[allocated("A", SINCE, D(2026, 2, 1)), allocated("B", D(2026, 2, 2))],
        ),
        staff=STAFF,
    )


def test_children_per_fte_at_31_march():
    # Allocated to an IRO in post on 31 March: c1, c2 (A), c3, c7, c8 (B) = 5.
    # FTE in post: A 1.0 + B 0.5 = 1.5 (C left on 31 December, D starts in April).
    # 5 / 1.5 = 3.33 children per FTE.
    result = figures(caseload_council(), YEAR, ["M-WF-01"])["M-WF-01"]
    assert result == Rate(5, 1.5)
    assert result.value == pytest.approx(3.3333, abs=1e-4)  # type: ignore[union-attr]


def test_children_per_fte_by_team_and_by_iro():
    # North: the same 5 children over A + B = 1.5 FTE. South has no one in post with
    # children, so no group. By IRO: A 2 children / 1.0 = 2; B 3 / 0.5 = 6.
    split = definition("M-WF-01").breakdowns(_scope(caseload_council()))
    assert split == {
        "team": {"North": Rate(5, 1.5)},
        "IRO": {"IRO A": Rate(2, 1.0), "IRO B": Rate(3, 0.5)},
    }
    json = compute_measures(caseload_council(), YEAR, breakdowns=True)["measures"]["M-WF-01"]  # type: ignore[index]
    assert json["breakdowns"]["IRO"]["IRO B"] == {"numerator": 3, "denominator": 0.5, "value": 6.0}


HANDBOOK = CaseloadBand(50, 70)  # the IRO Handbook's band of children per FTE


def test_each_iro_caseload_against_the_50_to_70_band():
    loads = caseloads(caseload_council(), YEAR_END, HANDBOOK)
    assert not isinstance(loads, NoData)
    assert [(load.iro.iro_id, load.children, load.per_fte, load.band) for load in loads] == [
        ("A", 2, 2.0, "below"),
        ("B", 3, 6.0, "below"),
    ]
    # 60 per FTE is within the band, 35 on 0.5 FTE is 70 (within), 71 is above.
    assert IroCaseload(iro("X", "T"), 60, HANDBOOK).band == "within"
    assert IroCaseload(iro("X", "T", fte=0.5), 35, HANDBOOK).band == "within"
    assert IroCaseload(iro("X", "T"), 71, HANDBOOK).band == "above"
    assert IroCaseload(iro("X", "T"), 49, HANDBOOK).band == "below"


def test_a_caseload_is_placed_by_the_figure_shown_to_one_decimal_place():
    # 70.04 is shown as 70.0 and 49.95 as 50.0 (half-up): both within a 50 to 70 band.
    assert [HANDBOOK.place(v) for v in (49.94, 49.95, 70.04, 70.05, None)] == [
        "below",
        "within",
        "within",
        "above",
        "below",
    ]
    assert CaseloadBand(40, 60).place(65) == "above" and CaseloadBand(40, 60).text == "40 to 60"
    with pytest.raises(ValueError, match="caseload band"):
        CaseloadBand(70, 50)


def test_children_not_allocated():
    # c4 (IRO left) and c5 (never allocated); c6 is not looked after on 31 March.
    reg = caseload_council()
    assert children_not_allocated(reg, YEAR_END) == ["c4", "c5"]
    assert figures(reg, YEAR, ["M-WF-01b"])["M-WF-01b"] == Count(2)
    rows = measure_rows(reg, YEAR, "M-WF-01b")
    assert [(row.child_id, row.columns) for row in rows] == [  # type: ignore[union-attr]
        ("c4", ("IRO C",)),
        ("c5", ("",)),
    ]


def test_monthly_trend_of_children_per_fte():
    # 31 December 2025: C is still in post (their last day) and c6 is looked after; c8 is
    # still with A. A: c1, c2, c6, c8 = 4; B: c3, c7 = 2; C: c4 = 1 → 7 children over
    # 1.0 + 0.5 + 0.8 = 2.3 FTE. 31 March is the year's figure.
    trend = dict(monthly_trend(caseload_council(), YEAR, "M-WF-01"))
    assert trend[D(2025, 12, 31)] == Rate(7, 2.3)
    assert trend[YEAR_END] == Rate(5, 1.5)
    assert len(trend) == 12


def test_the_drill_down_lists_the_children_with_their_iro_and_team():
    rows = measure_rows(caseload_council(), YEAR, "M-WF-01")
    assert [(row.child_id, row.columns) for row in rows] == [  # type: ignore[union-attr]
        ("c1", ("IRO A", "North")),
        ("c2", ("IRO A", "North")),
        ("c3", ("IRO B", "North")),
        ("c7", ("IRO B", "North")),
        ("c8", ("IRO B", "North")),
    ]


def continuity_council():
    # On 31 March 2026 the window is the care period, or 1 April 2025 onwards if longer.
    old = D(2020, 1, 1)
    return register(
        child("k1", period(old), allocations=[allocated("A", old)]),  # kept
        # A until 31 March 2025, then B: only B in the window → kept; but the change on
        # 1 April 2025 is a change of IRO in the year.
        child(
            "k2",
            period(old),
            allocations=[allocated("A", old, D(2025, 3, 31)), allocated("B", D(2025, 4, 1))],
        ),
        # A then B in July: two IROs → not kept; one change.
        child(
            "k3",
            period(old),
            allocations=[allocated("A", old, D(2025, 6, 30)), allocated("B", D(2025, 7, 1))],
        ),
        # Came into care in October; IRO allocated two days later: the wait is no change.
        child("k4", period(D(2025, 10, 1)), allocations=[allocated("B", D(2025, 10, 3))]),
        child("k5", period(old)),  # no IRO on 31 March → not kept
        # A, a gap, A again: the same IRO → kept; no change.
        child(
            "k6",
            period(old),
            allocations=[allocated("A", old, D(2025, 5, 1)), allocated("A", D(2025, 6, 1))],
        ),
        # Back in care in September with another IRO: a new period, not a change.
        child(
            "k7",
            period(D(2019, 1, 1), D(2020, 1, 1)),
            period(D(2025, 9, 1)),
            allocations=[
                allocated("A", D(2019, 1, 1), D(2020, 1, 1)),
                allocated("B", D(2025, 9, 1)),
            ],
        ),
        staff=(iro("A", "North"), iro("B", "South")),
    )


def test_children_who_kept_the_same_iro():
    # Kept: k1, k2, k4, k6, k7 = 5 of the 7 looked after on 31 March.
    assert figures(continuity_council(), YEAR, ["M-WF-02"])["M-WF-02"] == Figure(5, 7)
    rows = measure_rows(continuity_council(), YEAR, "M-WF-02")
    assert {row.child_id: row.columns for row in rows}["k4"] == (D(2025, 10, 1), 1)  # type: ignore[union-attr]
    assert {row.child_id: row.columns for row in rows}["k3"] == (D(2025, 4, 1), 2)  # type: ignore[union-attr]


def test_changes_of_iro_per_child():
    # Changes starting in the year: k2 (A → B, 1 April) and k3 (A → B, 1 July) = 2, over
    # the 7 children looked after during the year: 2 / 7.
    result = figures(continuity_council(), YEAR, ["M-WF-02a"])["M-WF-02a"]
    assert result == Rate(2, 7)
    rows = measure_rows(continuity_council(), YEAR, "M-WF-02a")
    assert [(row.child_id, row.day, row.columns) for row in rows] == [  # type: ignore[union-attr]
        ("k2", D(2025, 4, 1), ("IRO A", "IRO B")),
        ("k3", D(2025, 7, 1), ("IRO A", "IRO B")),
    ]


def establishment_council():
    return register(
        staff=(
            iro("A", "North", fte=1.0),
            iro("B", "North", fte=0.6, start=D(2025, 6, 1)),  # joined
            iro("C", "South", fte=0.8, end=D(2025, 12, 31)),  # left
            iro("D", "South", start=D(2026, 4, 1)),  # joins next year
            iro("E", "South", end=D(2025, 3, 31)),  # left last year
        )
    )


def test_establishment():
    # In post on 31 March: A, B (1.6 FTE); joined in the year: B; left in the year: C.
    reg = establishment_council()
    found = establishment(reg, CollectionYear(2025))
    assert not isinstance(found, NoData)
    assert [i.iro_id for i in found.in_post] == ["A", "B"]
    assert found.fte_in_post == 1.6
    assert [i.iro_id for i in found.joiners] == ["B"]
    assert [i.iro_id for i in found.leavers] == ["C"]
    got = figures(reg, YEAR, ["M-WF-03", "M-WF-03a", "M-WF-03b", "M-WF-03c"])
    assert got["M-WF-03"] == Count(2)
    assert got["M-WF-03a"] == Count(1)
    assert got["M-WF-03b"] == Count(1)
    assert got["M-WF-03c"] == NoData(WORKFORCE_NOT_HELD)
    # On 31 December C was still in post: A, B, C.
    assert dict(monthly_trend(reg, YEAR, "M-WF-03"))[D(2025, 12, 31)] == Count(3)
    leavers = measure_rows(reg, YEAR, "M-WF-03b")
    assert [(row.child_id, row.day) for row in leavers] == [("C", D(2025, 12, 31))]  # type: ignore[union-attr]


def test_lac_and_cp_caseloads_need_child_protection_data():
    # As from an SSDA903 return: staff, but no child protection held.
    result = figures(caseload_council(), YEAR, ["M-WF-01a"])["M-WF-01a"]
    assert result == NoData(CP_NOT_HELD)


def test_lac_and_cp_caseloads_count_plans_chaired_beside_children_in_care():
    plan = ProtectionRecord("strategy discussion", SINCE, plan_start=SINCE, chair="A")
    on_plan_with_a = child("p1", protection=[plan])
    # c1 is in care with A and on a plan chaired by A: counted once for A.
    c1 = replace(caseload_council().children[0], protection=(plan,))
    # On a plan chaired by B, which ended on 31 March: not on a plan that day (OQ-14).
    ended = child("p2", protection=[replace(plan, chair="B", end=YEAR_END, end_reason="moved")])
    # Chaired by C, who has left: no IRO in post holds the plan.
    left = child("p3", protection=[replace(plan, chair="C")])
    reg = replace(
        caseload_council(),
        children=(c1, *caseload_council().children[1:], on_plan_with_a, ended, left),
        protection_held=True,
    )
    # M-WF-01's 5 children in care, and p1 on A's plan: 6 over 1.5 FTE.
    assert figures(reg, YEAR, ["M-WF-01a"])["M-WF-01a"] == Rate(6, 1.5)
    split = definition("M-WF-01a").breakdowns(_scope(reg))
    assert split["IRO"] == {"IRO A": Rate(3, 1.0), "IRO B": Rate(3, 0.5)}
    assert split["team"] == {"North": Rate(6, 1.5)}


def test_without_staff_every_workforce_measure_says_so():
    # As read from an SSDA903 return: no staff, no allocations.
    reg = register(child("c1", period(SINCE)))
    got = figures(reg, YEAR, WORKFORCE)
    assert got == {measure: NoData(STAFF_NOT_HELD) for measure in WORKFORCE}
    assert STAFF_NOT_HELD == "the data holds no IRO staffing (an SSDA903 return has none)"
    assert caseloads(reg, YEAR_END, HANDBOOK) == NoData(STAFF_NOT_HELD)
    assert establishment(reg, CollectionYear(2025)) == NoData(STAFF_NOT_HELD)
    assert monthly_trend(reg, YEAR, "M-WF-01")[0][1] == NoData(STAFF_NOT_HELD)
    assert definition("M-WF-01").breakdowns(_scope(reg)) == {}


def test_a_rate_without_group_denominators_has_no_breakdowns():
    assert definition("M-WF-02a").breakdowns(_scope(continuity_council())) == {}


def _scope(reg):
    return Scope(reg, CollectionYear.parse(YEAR))


def test_establishment_vacancies_agency_and_absence():
    """M-WF-03c..f on the hand-worked council of establishment_council, with posts, terms
    and absences: on 31 March 2026 A (1.0) and B (0.6, agency from 1 January) are in post;
    North has posts of 1.0 and 1.0, South one of 0.5; B has been sick since 1 March."""
    reg = replace(
        establishment_council(),
        workforce=Workforce(
            posts=(
                PostRecord("1", "North", "iro", 1.0, D(2024, 4, 1)),
                PostRecord("2", "North", "iro", 1.0, D(2024, 4, 1)),
                PostRecord("3", "South", "iro", 0.5, D(2024, 4, 1), D(2026, 1, 31)),
                PostRecord("4", "South", "iro", 0.5, D(2026, 2, 1)),
            ),
            terms=(TermsRecord("iro:B", D(2026, 1, 1), 0.6, "agency"),),
            absences=(AbsenceRecord("iro:B", D(2026, 3, 1)),),
        ),
    )
    got = figures(reg, YEAR, ["M-WF-03c", "M-WF-03d", "M-WF-03e", "M-WF-03f"])
    # Establishment 2.5; in post 1.6; employed 1.0 (A): North 2.0 - 1.0, South 0.5 - 0.
    assert got["M-WF-03c"] == Fte(1.6, 2.5)
    assert got["M-WF-03d"] == Fte(1.5, 2.5)
    assert got["M-WF-03e"] == Fte(0.6, 1.6)
    assert got["M-WF-03f"] == Fte(0.6, 1.6)
    assert got["M-WF-03d"].percent == 60.0
    posts = measure_rows(reg, YEAR, "M-WF-03c")
    assert [row.child_id for row in posts] == ["post 1", "post 2", "post 4"]
    absent = measure_rows(reg, YEAR, "M-WF-03f")
    assert [(row.child_id, row.columns[-1]) for row in absent] == [("iro:B", "yes")]
    # The monthly trend: A and C (1.8) in April and May; B (0.6) joins on 1 June 2025.
    trend = monthly_trend(reg, YEAR, "M-WF-03c")
    assert [r.value for _, r in trend][:3] == [1.8, 1.8, 2.4]
    assert compute_measures(reg, YEAR)["measures"]["M-WF-03d"] == {
        "fte": 1.5,
        "of_fte": 2.5,
        "percent": 60.0,
    }
