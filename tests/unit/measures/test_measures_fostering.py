"""M-FC-01 foster carer reviews, M-SB-01 short-break reviews and M-AD-01 adoption reviews
(spec/measures.md §H, §I), and the reviewing officers' caseload arithmetic. Hand-built
registers with the spec's worked examples; synthetic data only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from irohub.measures import CollectionYear, Figure, NoData
from irohub.measures.fostering import firo_caseloads, reviewing_officers_needed
from irohub.measures.registry import measure_rows
from irohub.records.fostering import (
    CONNECTED,
    MAINSTREAM,
    CarerReviewRecord,
    Fostering,
    HouseholdRecord,
    ReviewingOfficerRecord,
)
from tests.unit.measures.builders import child, episode, figures, period, register

D = date


def with_fostering(*households: HouseholdRecord, officers=()):
    return replace(register(), fostering=Fostering(tuple(households), tuple(officers)))


def test_fc_e1_worked_example_on_time_and_the_next_not_yet_due():
    # FC-E1: approved Thu 29 Feb 2024 → first review by Fri 28 Feb 2025; held Mon 17 Feb
    # 2025 → next by Tue 17 Feb 2026 (not in 2024/25).
    household = HouseholdRecord(
        "H1", MAINSTREAM, D(2024, 2, 29), reviews=(CarerReviewRecord(D(2025, 2, 17), True),)
    )
    result = figures(with_fostering(household), "2024/25", ["M-FC-01", "M-FC-01a"])
    assert result["M-FC-01"] == Figure(1, 1)
    assert result["M-FC-01a"] == Figure(1, 1)  # the first review went to panel


def test_late_overdue_and_deregistered_households():
    late = HouseholdRecord(
        "H2", CONNECTED, D(2023, 6, 1), reviews=(CarerReviewRecord(D(2024, 6, 20)),)
    )
    # Due 1 Sep 2024, never held, still approved at 31 March 2025: overdue, open.
    overdue = HouseholdRecord("H3", MAINSTREAM, D(2023, 9, 1))
    # Deregistered before its review fell due: owed none (POP-FC).
    gone = HouseholdRecord("H4", MAINSTREAM, D(2023, 10, 1), deregistered=D(2024, 8, 1))
    reg = with_fostering(late, overdue, gone)
    assert figures(reg, "2024/25", ["M-FC-01"])["M-FC-01"] == Figure(0, 2)
    rows = measure_rows(reg, "2024/25", "M-FC-01")
    assert [(r.child_id, r.day, r.counted, r.columns[3]) for r in rows] == [
        ("H2", D(2024, 6, 20), False, 19),
        ("H3", D(2024, 9, 1), False, None),
    ]
    # The late first review did not go to panel.
    assert figures(reg, "2024/25", ["M-FC-01a"])["M-FC-01a"] == Figure(0, 1)


def test_a_change_of_circumstances_brings_the_review_forward():
    # Approved 1 Apr 2024; an allegation recorded Mon 2 Sep 2024 wants a review within 20
    # working days (by Mon 30 Sep 2024); held 14 Oct 2024: late, though within the year.
    household = HouseholdRecord(
        "H5",
        MAINSTREAM,
        D(2024, 4, 1),
        reviews=(CarerReviewRecord(D(2024, 10, 14), True),),
        changes=(D(2024, 9, 2),),
    )
    (row,) = measure_rows(with_fostering(household), "2024/25", "M-FC-01")
    assert (row.counted, row.columns[1]) == (False, D(2024, 9, 30))


def test_no_fostering_data_says_so():
    for measure in ("M-FC-01", "M-FC-01a"):
        assert isinstance(figures(register(), "2024/25", [measure])[measure], NoData)


def test_firo_caseloads_and_how_many_officers_are_needed():
    officers = (
        ReviewingOfficerRecord("F1", "Ann", 1.0, D(2020, 1, 1)),
        ReviewingOfficerRecord("F2", "Bo", 0.5, D(2020, 1, 1)),
        ReviewingOfficerRecord("F3", "Cy", 1.0, D(2020, 1, 1), end=D(2024, 1, 1)),
    )
    households = [
        HouseholdRecord(f"H{n}", MAINSTREAM, D(2022, 1, 1), firo_id=firo)
        for n, firo in enumerate(["F1", "F1", "F2", "F3", ""])
    ] + [HouseholdRecord("H9", MAINSTREAM, D(2022, 1, 1), D(2023, 1, 1), firo_id="F1")]
    caseloads, unallocated = firo_caseloads(Fostering(tuple(households), officers), D(2025, 1, 1))
    assert [(c.name, c.households, c.per_fte) for c in caseloads] == [
        ("Ann", 2, 2.0),
        ("Bo", 1, 2.0),
    ]
    assert unallocated == 2  # no officer, or one who has left
    # Bradford 2021: 167 households; at 45 a full-time officer that is 3.7 FTE: 4 posts.
    fte, posts = reviewing_officers_needed(167, 45)
    assert round(fte, 1) == 3.7 and posts == 4
    assert reviewing_officers_needed(90, 45) == (2.0, 2)
    with pytest.raises(ValueError, match="above 0"):
        reviewing_officers_needed(10, 0)


# --- short breaks and adoption ------------------------------------------------------------


def test_sb_e1_short_break_reviews_on_time_and_from_files_no_data():
    # SB-E1: first break Sat 14 Jun 2025 → first review by Sun 14 Sep 2025; held Thu 11 Sep.
    breaks = period(
        D(2025, 6, 14),
        reviews=[(D(2025, 9, 11), "PN3")],
        episodes=[episode(D(2025, 6, 14), legal_status="V4", placement="U6")],
    )
    reg = register(child("S1", breaks))
    # The next (SB-2) was due by Wed 11 Mar 2026 and not held by 31 March: overdue, open.
    assert figures(reg, "2025/26", ["M-SB-01"])["M-SB-01"] == Figure(1, 2)
    from_files = replace(reg, short_break_reviews_held=False)
    assert isinstance(figures(from_files, "2025/26", ["M-SB-01"])["M-SB-01"], NoData)


def test_ad_e1_placed_for_adoption_and_authority_to_place():
    # AD-E1: placed Mon 3 Mar 2025 → first adoption review by Mon 31 Mar 2025; held Thu
    # 27 Mar 2025 → second by Fri 27 Jun 2025, held late on Mon 30 Jun 2025.
    placed = period(
        D(2024, 11, 4),
        reviews=[D(2024, 11, 28), D(2025, 3, 27), D(2025, 6, 30)],
        episodes=[
            episode(D(2024, 11, 4), D(2025, 3, 3)),
            episode(D(2025, 3, 3), legal_status="E1", placement="A6", rne="P"),
        ],
    )
    # Authority to place from a placement order on Mon 2 Jun 2025, not yet placed: the
    # combined review is due by Tue 2 Sep 2025 and was not held by 31 March 2026.
    waiting = period(
        D(2025, 1, 6),
        reviews=[D(2025, 1, 30), D(2025, 4, 28)],
        episodes=[
            episode(D(2025, 1, 6), D(2025, 6, 2)),
            episode(D(2025, 6, 2), legal_status="E1", rne="L"),
        ],
    )
    reg = register(child("A1", placed), child("A2", waiting))
    result = figures(reg, "2025/26", ["M-AD-01", "M-AD-01a", "M-AD-01b", "M-REV-01"])
    # 30 Jun 2025, 3 days late; the next, due by Tue 30 Dec 2025, overdue at the year's end.
    assert result["M-AD-01b"] == Figure(0, 2)
    assert result["M-AD-01a"] == Figure(0, 1)  # 2 Sep 2025, overdue at the year's end
    assert result["M-AD-01"] == Figure(0, 3)
    in_2024 = figures(reg, "2024/25", ["M-AD-01b"])["M-AD-01b"]
    assert in_2024 == Figure(1, 1)  # 27 Mar 2025, on time
    rows = measure_rows(reg, CollectionYear(2025), "M-AD-01a")
    assert [(r.child_id, r.day, r.columns[0]) for r in rows] == [
        ("A2", D(2025, 9, 2), "authority to place, not yet placed")
    ]


def test_a_span_before_the_files_history_is_unclassified():
    placed = period(
        D(2021, 1, 4),
        reviews=[D(2022, 6, 1)],
        episodes=[episode(D(2021, 1, 4), legal_status="E1", placement="A5", rne="P")],
    )
    reg = register(child("A3", placed), history_from=D(2022, 4, 1))
    result = figures(reg, "2022/23", ["M-AD-01b"])["M-AD-01b"]
    # The review and the deadline after it: neither can be judged without the history.
    assert result == Figure(0, 0, unclassified=2)
