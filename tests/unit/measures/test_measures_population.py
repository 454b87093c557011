"""The looked after population and flows: M-POP-01 to M-POP-05 (spec/measures.md §F),
on small hand-built councils."""

from __future__ import annotations

from dataclasses import replace

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
from irohub.measures.population import months_before, placements, placements_in_year
from irohub.records.years import CollectionYear
from tests.unit.measures.builders import (
    D,
    allocated,
    child,
    episode,
    figures,
    iro,
    period,
    placed,
    register,
)

YEAR = "2025/26"  # 1 April 2025 to 31 March 2026
YEAR_END = D(2026, 3, 31)
OLD = D(2020, 1, 1)


def scope(reg):
    return Scope(reg, CollectionYear.parse(YEAR))


def snapshot_council(**kwargs):
    return register(
        # Under 1 on 31 March; disabled.
        replace(child("p1", period(D(2025, 7, 1)), dob=D(2025, 6, 1)), disability=True),
        child("p2", period(OLD, D(2026, 3, 31))),  # ceased on 31 March: not looked after then
        # Came into care on 31 March; 16; unaccompanied asylum-seeking; not disabled.
        replace(child("p3", period(YEAR_END), dob=D(2010, 1, 1)), uasc=True, disability=False),
        child("p4", period(OLD, legal_status="V3")),  # short breaks: left out
        child("p5", period(OLD, D(2026, 4, 1)), dob=D(2015, 3, 31), sex="M"),  # 11; ceased 1 April
        child("p6", period(D(2026, 4, 1))),  # came into care the next day
        **kwargs,
    )


def test_children_looked_after_at_31_march():
    # p1, p3, p5 = 3 (p2 ceased on 31 March, p4 is on short breaks, p6 came in later).
    assert figures(snapshot_council(), YEAR, ["M-POP-01"])["M-POP-01"] == Count(3)
    rows = measure_rows(snapshot_council(), YEAR, "M-POP-01")
    assert [(row.child_id, row.columns) for row in rows] == [  # type: ignore[union-attr]
        ("p1", (D(2025, 7, 1), "C2", "U4")),
        ("p3", (YEAR_END, "C2", "U4")),
        ("p5", (OLD, "C2", "U4")),
    ]


def test_children_looked_after_per_10000_children_needs_the_child_population():
    # No population set: no data, never a made-up rate.
    result = figures(snapshot_council(), YEAR, ["M-POP-01b"])["M-POP-01b"]
    assert isinstance(result, NoData) and "IROHUB_CHILD_POPULATION" in result.reason
    # 3 children looked after at 31 March among 2,000 children: 15 per 10,000.
    counted = replace(snapshot_council(), child_population=2000)
    rate = figures(counted, YEAR, ["M-POP-01b"])["M-POP-01b"]
    assert rate == Rate(3, 0.2) and rate.value == 15.0  # type: ignore[union-attr]
    assert compute_measures(counted, CollectionYear.parse(YEAR))["measures"]["M-POP-01b"] == {  # type: ignore[index]
        "numerator": 3,
        "denominator": 0.2,
        "value": 15.0,
    }
    # The same rows as M-POP-01, month by month too.
    assert measure_rows(counted, YEAR, "M-POP-01b") == measure_rows(counted, YEAR, "M-POP-01")
    months = monthly_trend(counted, CollectionYear.parse(YEAR), "M-POP-01b")
    assert months[-1] == (YEAR_END, Rate(3, 0.2))


def test_demographics_at_31_march():
    split = definition("M-POP-01").breakdowns(scope(snapshot_council()))
    # Ages on 31 March: p1 0, p3 16, p5 11. Sex: p5 male, the others female.
    assert split["age band"] == {"Under 1": Count(1), "10 to 15": Count(1), "16 and over": Count(1)}
    assert split["sex"] == {"Male": Count(1), "Female": Count(2)}
    assert split["ethnicity group"] == {"White": Count(3)}
    assert split["legal status"] == {"C2": Count(3)}
    assert split["placement type"] == {"U4": Count(3)}
    assert split["UASC"] == {"UASC": Count(1), "Not UASC": Count(2)}
    # p5's disability is not recorded (as from an SSDA903 return).
    assert split["disability"] == {
        "Disabled": Count(1),
        "Not disabled": Count(1),
        "Not known": Count(1),
    }
    # No staff (as from files): no team or IRO breakdown.
    assert "team" not in split and "IRO" not in split


def test_team_and_iro_breakdowns_with_staff():
    reg = register(
        child("a", period(OLD), allocations=[allocated("A", OLD)]),
        child("b", period(OLD)),
        staff=[iro("A", "North")],
    )
    split = definition("M-POP-01").breakdowns(scope(reg))
    assert split["team"] == {"North": Count(1), "Not allocated": Count(1)}
    assert split["IRO"] == {"IRO A": Count(1), "Not allocated": Count(1)}


def test_monthly_trend_of_children_looked_after():
    # 30 April 2025: p2 and p5 (since 2020); p1 comes in July, p3 on 31 March.
    trend = dict(monthly_trend(snapshot_council(), YEAR, "M-POP-01"))
    assert trend[D(2025, 4, 30)] == Count(2)
    # 31 July: p1 too.
    assert trend[D(2025, 7, 31)] == Count(3)
    assert trend[YEAR_END] == Count(3)


def test_a_year_before_the_data_begins_has_no_data():
    reg = snapshot_council(history_from=D(2026, 4, 1))
    got = figures(reg, YEAR, ["M-POP-01", "M-POP-02", "M-POP-02a", "M-POP-03", "M-POP-04"])
    assert all(isinstance(result, NoData) for result in got.values())


def flows_council():
    return register(
        child("s1", period(D(2025, 4, 1))),  # started on the year's first day
        child("s2", period(D(2025, 3, 31))),  # started the year before
        # Started and adopted in the year.
        child(
            "s3",
            period(
                D(2025, 6, 1),
                D(2025, 9, 1),
                episodes=[episode(D(2025, 6, 1), D(2025, 9, 1), reason_ceased="E11")],
            ),
            dob=D(2020, 5, 1),
        ),
        child("s4", period(OLD, D(2026, 3, 31))),  # returned home (E4A) on 31 March
        child("s5", period(OLD, D(2026, 4, 1))),  # ceased the next year
        # Ceased on their 18th birthday for "any other reason" (E8).
        child(
            "s6",
            period(
                OLD,
                D(2025, 5, 1),
                episodes=[episode(OLD, D(2025, 5, 1), reason_ceased="E8")],
            ),
            dob=D(2007, 5, 1),
        ),
        child("s7", period(D(2025, 5, 1), D(2025, 5, 3), legal_status="V3")),  # a short break
        # Special guardianship order to former foster carers.
        child(
            "s8",
            period(OLD, D(2025, 7, 1), episodes=[episode(OLD, D(2025, 7, 1), reason_ceased="E45")]),
        ),
        # Came in, went home (E4B), came back: two starts, one end.
        child(
            "s9",
            period(
                D(2025, 4, 10),
                D(2025, 5, 10),
                episodes=[episode(D(2025, 4, 10), D(2025, 5, 10), reason_ceased="E4B")],
            ),
            period(D(2025, 8, 1)),
        ),
    )


def test_started_and_ceased_in_the_year():
    # Started: s1 (1 April), s3, s9 twice = 4; s7 is a short break.
    # Ceased: s3 (E11), s4 (E4A on 31 March), s6 (E8), s8 (E45), s9 (E4B) = 5.
    got = figures(flows_council(), YEAR, ["M-POP-02", "M-POP-02a"])
    assert got == {"M-POP-02": Count(4), "M-POP-02a": Count(5)}
    rows = measure_rows(flows_council(), YEAR, "M-POP-02a")
    assert [(row.child_id, row.day, row.columns[0], row.columns[2]) for row in rows] == [  # type: ignore[union-attr]
        ("s3", D(2025, 9, 1), "E11", 5),
        ("s4", D(2026, 3, 31), "E4A", 16),
        ("s6", D(2025, 5, 1), "E8", 18),
        ("s8", D(2025, 7, 1), "E45", 15),
        ("s9", D(2025, 5, 10), "E4B", 15),
    ]


def test_ceased_by_outcome_and_by_reason():
    split = definition("M-POP-02a").breakdowns(scope(flows_council()))
    # s3 adopted; s8 special guardianship; s4 and s9 returned home; s6 left at 18 (E8).
    assert split["outcome"] == {
        "Adopted": Count(1),
        "Special guardianship order": Count(1),
        "Returned home": Count(2),
        "Ceased at 18 or over": Count(1),
    }
    assert list(split["reason ceased"]) == [
        "E11: Adopted: application unopposed",
        "E4A: Returned home to live with parents or others with parental responsibility as "
        "part of the care plan",
        "E4B: Returned home to live with parents or others with parental responsibility not "
        "as part of the care plan",
        "E45: Special guardianship order made to former foster carers who were relatives or "
        "friends",
        "E8: Period of being looked after ceased for any other reason",
    ]
    assert all(count == Count(1) for count in split["reason ceased"].values())


def test_children_looked_after_during_the_year():
    # Each child once: s1, s2, s3, s4, s5, s6, s8, s9 = 8 (s7 only had a short break).
    assert figures(flows_council(), YEAR, ["M-POP-03"])["M-POP-03"] == Count(8)
    rows = measure_rows(flows_council(), YEAR, "M-POP-03")
    s9 = [row for row in rows if row.child_id == "s9"]  # type: ignore[union-attr]
    assert [(row.day, row.columns) for row in s9] == [(YEAR_END, (D(2025, 8, 1), None))]


def test_placements_count_moves_not_legal_changes_temporary_stays_or_adoption_by_carers():
    # One placement with a change of legal status only (RNE L).
    assert len(placements(placed(OLD, (D(2025, 5, 1), "L", "U4", "E1")))) == 1
    # A week in hospital (T1) and back to the same placement: still one placement.
    back = placed(OLD, (D(2025, 6, 1), "P", "T1"), (D(2025, 6, 8), "P", "U4"))
    assert [(p.start, p.end) for p in placements(back)] == [(OLD, None)]
    # A move to new carers, then placed for adoption with them (A5, same carer, RNE U).
    adopted = placed(OLD, (D(2025, 5, 1), "P", "U6"), (D(2025, 8, 1), "U", "A5", "E1"))
    assert [p.start for p in placements(adopted)] == [OLD, D(2025, 5, 1)]


def stability_council():
    return register(
        child("q1", placed(OLD, (D(2025, 5, 1), "L", "U4", "E1"))),  # 1 placement
        child("q2", placed(OLD, (D(2025, 6, 1), "P", "U6"), (D(2025, 9, 1), "P", "K2"))),  # 3
        # Moved on 1 April (the old placement counts: the move was in the year) and in
        # October: 3.
        child("q3", placed(OLD, (D(2025, 4, 1), "P", "U6"), (D(2025, 10, 1), "B", "K2", "C1"))),
        # Carer's holiday (T3) and back, then a move: 2.
        child(
            "q4",
            placed(
                OLD,
                (D(2025, 6, 1), "P", "T3"),
                (D(2025, 6, 14), "P", "U4"),
                (D(2025, 11, 1), "P", "U6"),
            ),
        ),
        # New carers, then placed for adoption with them: 2.
        child("q5", placed(OLD, (D(2025, 5, 1), "P", "U6"), (D(2025, 8, 1), "U", "A5", "E1"))),
        # Home in June, back in September, moved in December: 1 + 2 = 3.
        child(
            "q6",
            placed(OLD, end=D(2025, 6, 1)),
            placed(D(2025, 9, 1), (D(2025, 12, 1), "P", "U6")),
        ),
        # Moved on 31 March 2025 (the year before) and on 31 March 2026: 2.
        child("q7", placed(OLD, (D(2025, 3, 31), "P", "U6"), (D(2026, 3, 31), "P", "K2"))),
    )


def test_three_or_more_placements_in_the_year():
    reg = stability_council()
    counts = {c.child_id: placements_in_year(c, CollectionYear(2025)) for c in reg.children}
    assert counts == {"q1": 1, "q2": 3, "q3": 3, "q4": 2, "q5": 2, "q6": 3, "q7": 2}
    # q2, q3, q6 of the 7 looked after on 31 March.
    assert figures(reg, YEAR, ["M-POP-04"])["M-POP-04"] == Figure(3, 7)


def long_term_council(**kwargs):
    young = D(2015, 1, 1)
    return register(
        # Looked after since 30 September 2023: exactly 2.5 years on 31 March 2026.
        child("l1", placed(D(2023, 9, 30)), dob=young),
        child("l2", placed(D(2023, 10, 1)), dob=young),  # a day short of 2.5 years: out
        child("l3", placed(OLD), dob=D(2010, 3, 31)),  # 16 on 31 March: out
        # Moved on 1 April 2024: a day short of 2 years in the placement.
        child("l4", placed(OLD, (D(2024, 4, 1), "P", "U6")), dob=young),
        child("l5", placed(OLD, (D(2024, 3, 31), "P", "U6")), dob=young),  # exactly 2 years
        # Placed for adoption (not with the carers) in June 2025: taken together with the
        # foster placement before it, from January 2023.
        child(
            "l6",
            placed(OLD, (D(2023, 1, 1), "P", "U6"), (D(2025, 6, 1), "P", "A6", "E1")),
            dob=young,
        ),
        # Ten days in hospital and back: the placement since 2020 carries on.
        child(
            "l7",
            placed(OLD, (D(2025, 12, 1), "P", "T1"), (D(2025, 12, 10), "P", "U4")),
            dob=young,
        ),
        **kwargs,
    )


def test_long_term_placement_stability():
    # 31 March 2026 − 30 months = 30 September 2023; − 24 months = 31 March 2024.
    assert months_before(YEAR_END, 30) == D(2023, 9, 30)
    assert months_before(YEAR_END, 24) == D(2024, 3, 31)
    # Under 16 and looked after 2.5 years: l1, l4, l5, l6, l7 = 5; in the same placement
    # for 2 years: l1, l5, l6, l7 = 4.
    assert figures(long_term_council(), YEAR, ["M-POP-04a"])["M-POP-04a"] == Figure(4, 5)
    rows = {row.child_id: row for row in measure_rows(long_term_council(), YEAR, "M-POP-04a")}  # type: ignore[union-attr]
    assert rows["l6"].columns == (OLD, D(2023, 1, 1))
    assert rows["l4"].columns == (OLD, D(2024, 4, 1))


def test_long_term_stability_needs_two_and_a_half_years_of_history():
    short = long_term_council(history_from=D(2023, 10, 1))
    result = figures(short, YEAR, ["M-POP-04a"])["M-POP-04a"]
    assert result == NoData(
        "long-term placement stability needs the children's histories from 2023-09-30 "
        "(2.5 years before 2026-03-31); the data begins on 2023-10-01"
    )
    # From 30 September 2023 is enough (files for 2023/24 onwards are not, for 2025/26).
    enough = long_term_council(history_from=D(2023, 9, 30))
    assert figures(enough, YEAR, ["M-POP-04a"])["M-POP-04a"] == Figure(4, 5)


def test_months_before_keeps_to_the_month():
    assert months_before(D(2024, 2, 29), 12) == D(2023, 2, 28)
    assert months_before(D(2026, 1, 31), 1) == D(2025, 12, 31)


def test_statutory_visits_are_not_held():
    result = figures(register(), YEAR, ["M-POP-05"])["M-POP-05"]
    assert result == NoData(
        "IRO Hub does not record social workers' statutory visits (regulation 28)"
    )


def test_population_json():
    measures = compute_measures(flows_council(), YEAR, breakdowns=True)["measures"]
    assert measures["M-POP-02a"]["count"] == 5  # type: ignore[index]
    assert measures["M-POP-02a"]["breakdowns"]["outcome"]["Returned home"] == {"count": 2}  # type: ignore[index]
    assert measures["M-POP-05"] == {  # type: ignore[index]
        "status": "no data",
        "reason": "IRO Hub does not record social workers' statutory visits (regulation 28)",
    }
