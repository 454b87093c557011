"""Sections A and B on one small council with staff: the figures, the breakdowns (by sex,
team, IRO, days late, review number, participation code, age band) and the drill-down
rows, all worked out by hand.

The council in 2024/25 (the IROs: I1 Asha Patel, North team; I2 Ben Okafor, South team):

* A (girl, born 1 Jan 2010; I1 from 9 Dec 2024). Looked after Mon 9 Dec 2024: LAC-1 due
  Thu 9 Jan 2025 (25/26 Dec and 1 Jan skipped), held Fri 10 Jan 2025 (PN1): 1 working
  day late. Next due 10 Apr 2025.
* B (boy, born 5 May 2012; I2 from 1 Jan 2024). Looked after Mon 1 Jan 2024: reviews
  25 Jan 2024 and 20 Apr 2024 (PN4, on time: due 25 Apr); review 3 due 20 Oct 2024, never
  held: overdue at 31 March by 113 working days (21 Oct 2024 to 31 Mar 2025 is 116, less
  25, 26 Dec and 1 Jan).
* C (girl, born 1 Jan 2010; I1 3 Jun–10 Sep 2024). Looked after Mon 3 Jun 2024 until
  10 Sep 2024: LAC-1 due Mon 1 Jul, held 20 Jun 2024 (PN7); review 2 would have been due
  20 Sep, after she left: not due.
* P (boy, born 1 Sep 2020; not allocated). Looked after Mon 1 Jul 2024: LAC-1 due Mon
  29 Jul 2024, held 25 Jul 2024 (PN0: aged 3); review 2 due 25 Oct 2024, held Sun 20 Oct
  2024 (PN6: aged 4); next due 20 Apr 2025.
* L (girl, born 1 Mar 2008, 16; I2 from 1 Jan 2024). Looked after Mon 1 Jan 2024: reviews
  25 Jan 2024, 20 Apr 2024 (on time) and 2 Dec 2024 (due Sun 20 Oct 2024: late by the 31
  working days from Mon 21 Oct to Mon 2 Dec), all PN2; next due 2 Jun 2025.
* M (boy, born 1 Jun 2009; I1 1 Apr–31 Dec 2024, then I2). Looked after Mon 1 Apr 2024
  (Easter Monday): LAC-1 due Mon 29 Apr 2024 (2–5, 8–12, 15–19, 22–26, 29 Apr), held Fri
  10 May 2024 (PN5) — 8 working days late (30 Apr, 1–3 May, 7–10 May; 6 May a bank
  holiday). Review 2 due 10 Aug 2024, held 1 Aug 2024 (PN4); review 3 due 1 Feb 2025, held
  30 Jan 2025 (PN7); next due 30 Jul 2025.
"""

from __future__ import annotations

import json

import pytest

from irohub.measures import (
    DEFINITIONS,
    CollectionYear,
    Count,
    Figure,
    Kind,
    NoData,
    Rate,
    compute_measures,
    measure_rows,
)
from irohub.measures.catalogue import Scope
from irohub.records.register import Register
from tests.unit.measures.builders import (
    TIMELINESS_AND_PARTICIPATION,
    D,
    allocated,
    child,
    iro,
    period,
    register,
    review_figures,
)

YEAR = CollectionYear(2024)
STAFF = (iro("I1", "North", name="Asha Patel"), iro("I2", "South", name="Ben Okafor"))


def council(staff: bool = True) -> Register:
    return register(
        child(
            "A",
            period(D(2024, 12, 9), reviews=[(D(2025, 1, 10), "PN1")]),
            allocations=[allocated("I1", D(2024, 12, 9))],
        ),
        child(
            "B",
            period(D(2024, 1, 1), reviews=[(D(2024, 1, 25), "PN4"), (D(2024, 4, 20), "PN4")]),
            dob=D(2012, 5, 5),
            sex="M",
            allocations=[allocated("I2", D(2024, 1, 1))],
        ),
        child(
            "C",
            period(D(2024, 6, 3), D(2024, 9, 10), reviews=[(D(2024, 6, 20), "PN7")]),
            allocations=[allocated("I1", D(2024, 6, 3), D(2024, 9, 10))],
        ),
        child(
            "P",
            period(D(2024, 7, 1), reviews=[(D(2024, 7, 25), "PN0"), (D(2024, 10, 20), "PN6")]),
            dob=D(2020, 9, 1),
            sex="M",
        ),
        child(
            "L",
            period(
                D(2024, 1, 1),
                reviews=[(D(2024, 1, 25), "PN2"), (D(2024, 4, 20), "PN2"), (D(2024, 12, 2), "PN2")],
            ),
            dob=D(2008, 3, 1),
            allocations=[allocated("I2", D(2024, 1, 1))],
        ),
        child(
            "M",
            period(
                D(2024, 4, 1),
                reviews=[(D(2024, 5, 10), "PN5"), (D(2024, 8, 1), "PN4"), (D(2025, 1, 30), "PN7")],
            ),
            dob=D(2009, 6, 1),
            sex="M",
            allocations=[
                allocated("I1", D(2024, 4, 1), D(2024, 12, 31)),
                allocated("I2", D(2025, 1, 1)),
            ],
        ),
        staff=STAFF if staff else None,
    )


def breakdowns(measure_id: str, reg: Register | None = None) -> dict[str, dict[str, object]]:
    return DEFINITIONS[measure_id].breakdowns(Scope(reg or council(), YEAR))


def test_the_figures() -> None:
    assert review_figures(council(), "2024/25") == {
        # On time: B 20 Apr, C, P ×2, L 20 Apr, M 1 Aug and 30 Jan = 7. Rows: A 1, B 2 (one
        # the open 20 Oct deadline), C 1, P 2, L 2, M 3 = 11.
        "M-REV-01": Figure(7, 11),
        "M-REV-01a": Figure(7, 10),  # without B's open deadline
        # Every deadline met: C (1 Jul) and P (29 Jul, 25 Oct); A, B, L and M missed one.
        "M-REV-02": Figure(2, 6),
        "M-REV-03": Figure(4, 5),  # at 31 March: A, P, L, M in date; B overdue; C gone
        "M-REV-04": Figure(2, 4),  # LAC-1s in the year: A late, C on time, P on time, M late
        "M-REV-05": Count(4),  # A, L and M held late; B overdue
        "M-REV-06": Count(10),  # A 1, B 1, C 1, P 2, L 2, M 3
        "M-REV-06b": Rate(10, 6),  # 10 reviews, 6 children
        # PN1–PN7 reviews: A PN1, B PN4, C PN7, P PN6 (PN0 out), L PN2 ×2, M PN5, PN4, PN7
        # = 9; views expressed (PN1, 2, 3, 5, 6): A, P, L ×2, M's PN5 = 5.
        "M-PAR-01": Figure(5, 9),
        "M-PAR-01a": Figure(7, 9),  # and the two PN4s (B, M)
        # Latest reviews: A PN1, B PN4, C PN7, P PN6, L PN2, M PN7 → A, P, L of 6.
        "M-PAR-01b": Figure(3, 6),
    }


def test_lateness_by_days_late_team_and_iro() -> None:
    split = breakdowns("M-REV-05")
    # A 1 WD; M 8 WD; L 31 WD and B 113 WD (overdue).
    assert split["days late"] == {
        "1 to 5 working days": Count(1),
        "6 to 20 working days": Count(1),
        "More than 20 working days": Count(2),
    }
    assert split["late or overdue"] == {
        "Held late": Count(3),
        "Overdue at the period end": Count(1),
    }
    # On each row's day: A (10 Jan 2025) and M (10 May 2024) with I1; B (20 Oct 2024) and
    # L (2 Dec 2024) with I2.
    assert split["team"] == {"North": Count(2), "South": Count(2)}
    assert split["IRO"] == {"Asha Patel": Count(2), "Ben Okafor": Count(2)}
    assert split["sex"] == {"Female": Count(2), "Male": Count(2)}  # A, L; B, M


def test_review_activity_by_review_number_and_team() -> None:
    split = breakdowns("M-REV-06")
    # First: A, C, P, M; second: B, P, L, M; subsequent: L 2 Dec, M 30 Jan.
    assert split["review number"] == {
        "First": Count(4),
        "Second": Count(4),
        "Subsequent": Count(2),
    }
    # North: A, C, M 10 May and 1 Aug; South: B, L ×2, M 30 Jan (moved to I2 on 1 Jan).
    assert split["team"] == {"North": Count(4), "South": Count(4), "Not allocated": Count(2)}
    assert DEFINITIONS["M-REV-06b"].breakdowns(Scope(council(), YEAR)) == {}  # a rate


def test_timeliness_by_sex_and_team() -> None:
    split = breakdowns("M-REV-01")
    # Girls: A 0/1, C 1/1, L 1/2 = 2/4. Boys: B 1/2, P 2/2, M 2/3 = 5/7.
    assert split["sex"] == {"Female": Figure(2, 4), "Male": Figure(5, 7)}
    # North: A 0/1, C 1/1, M 10 May 0/1 and 1 Aug 1/1 = 2/4. South: B 1/2, L 1/2,
    # M 30 Jan 1/1 = 3/5. P is not allocated: 2/2.
    assert split["team"] == {
        "North": Figure(2, 4),
        "South": Figure(3, 5),
        "Not allocated": Figure(2, 2),
    }
    # Child-level: on 31 March (the row's day) A is with I1, M with I2; C (left in
    # September) is described on 31 March too: no allocation then.
    assert breakdowns("M-REV-02")["team"] == {
        "North": Figure(0, 1),  # A
        "South": Figure(0, 3),  # B, L, M
        "Not allocated": Figure(2, 2),  # C, P
    }


def test_participation_by_code_age_band_and_sex() -> None:
    split = breakdowns("M-PAR-01")
    assert split["participation code"] == {
        "PN1": Figure(1, 1),
        "PN2": Figure(2, 2),
        "PN4": Figure(0, 2),
        "PN5": Figure(1, 1),
        "PN6": Figure(1, 1),
        "PN7": Figure(0, 2),
    }
    # Ages on the review day: P 4; A 15, B 11, C 14, M 14 and 15 (×2); L 16.
    assert split["age band"] == {
        "4 to 9": Figure(1, 1),
        "10 to 15": Figure(2, 6),
        "16 and over": Figure(2, 2),
    }
    assert split["sex"] == {"Female": Figure(3, 4), "Male": Figure(2, 5)}
    assert breakdowns("M-PAR-01a")["participation code"]["PN4"] == Figure(2, 2)
    assert breakdowns("M-PAR-01b")["participation code"] == {
        "PN1": Figure(1, 1),  # A
        "PN2": Figure(1, 1),  # L
        "PN4": Figure(0, 1),  # B
        "PN6": Figure(1, 1),  # P (his PN0 review came first)
        "PN7": Figure(0, 2),  # C, M
    }


def test_without_staff_there_is_no_team_or_iro_breakdown() -> None:
    split = breakdowns("M-REV-05", council(staff=False))
    assert "team" not in split and "IRO" not in split
    assert split["days late"]["More than 20 working days"] == Count(2)


def test_drill_down_rows_are_the_figure() -> None:
    reg = council()
    for measure_id in TIMELINESS_AND_PARTICIPATION:
        definition = DEFINITIONS[measure_id]
        rows = measure_rows(reg, YEAR, measure_id)
        assert not isinstance(rows, NoData)
        figure = definition.result(Scope(reg, YEAR))
        counted = sum(row.counted is True for row in rows)
        if definition.kind is Kind.PERCENT:
            assert isinstance(figure, Figure)
            assert (counted, sum(row.counted is not None for row in rows)) == (
                figure.numerator,
                figure.denominator,
            ), measure_id
        else:
            assert isinstance(figure, Count | Rate)
            value = figure.value if isinstance(figure, Count) else figure.numerator
            assert counted == len(rows) == value, measure_id
        assert all(len(row.columns) == len(definition.columns) for row in rows), measure_id


def test_lateness_drill_down() -> None:
    rows = measure_rows(council(), YEAR, "M-REV-05")
    assert not isinstance(rows, NoData)
    by_child = {row.child_id: row.columns for row in rows}
    # review number, due, held, status, days late, working days late, band, reason for
    # delay (these records carry none: "Not recorded"; still open: "Not held yet")
    late, band = "Not recorded", "More than 20 working days"
    assert by_child == {
        "M": (1, D(2024, 4, 29), D(2024, 5, 10), "late", 11, 8, "6 to 20 working days", late),
        "B": (3, D(2024, 10, 20), None, "overdue", 162, 113, band, "Not held yet"),
        "L": (3, D(2024, 10, 20), D(2024, 12, 2), "late", 43, 31, band, late),
        "A": (1, D(2025, 1, 9), D(2025, 1, 10), "late", 1, 1, "1 to 5 working days", late),
    }


def test_breakdowns_add_up_and_are_json() -> None:
    reg = council()
    result = compute_measures(reg, YEAR, breakdowns=True)
    text = json.dumps(result)  # serialisable as it stands
    assert json.loads(text) == result
    measures = result["measures"]
    assert measures["M-REV-05"]["breakdowns"]["days late"] == {  # type: ignore[index]
        "1 to 5 working days": {"count": 1},
        "6 to 20 working days": {"count": 1},
        "More than 20 working days": {"count": 2},
    }
    assert measures["M-REV-06b"] == {"numerator": 10, "denominator": 6, "value": 10 / 6}  # type: ignore[index]
    for measure_id in TIMELINESS_AND_PARTICIPATION:
        value = measures[measure_id]  # type: ignore[index]
        for groups in value.get("breakdowns", {}).values():
            if "count" in value:
                assert sum(group["count"] for group in groups.values()) == value["count"]
            else:
                assert sum(g["numerator"] for g in groups.values()) == value["numerator"]
                assert sum(g["denominator"] for g in groups.values()) == value["denominator"]


def test_a_row_dimension_reads_the_row_not_the_child() -> None:
    reg = council()
    describer = Scope(reg, YEAR).describer
    rows = measure_rows(reg, YEAR, "M-REV-05")
    assert not isinstance(rows, NoData)
    late_m = next(row for row in rows if row.child_id == "M")
    dimensions = DEFINITIONS["M-REV-05"].dimensions
    by_name = dict(
        zip((d.name for d in dimensions), describer.describe_row(late_m, dimensions), strict=True)
    )
    assert by_name["days late"] == "6 to 20 working days"
    assert by_name["late or overdue"] == "Held late"
    assert by_name["IRO"] == "Asha Patel"  # M's IRO on 10 May 2024
    assert by_name["age band"] == "10 to 15"  # 14 on 10 May 2024
    days_late = dimensions[0]
    with pytest.raises(TypeError):
        describer.describe("M", D(2024, 5, 10), [days_late])
