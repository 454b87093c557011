"""The child's and family's voice around a review (irohub.measures.voice): M-PAR-02,
M-PAR-05/05a, M-PAR-06/06a/06b, M-PRC-01 and the booklet tables, worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from irohub.measures import CollectionYear, compute_measures
from irohub.measures.voice import booklet_answers
from irohub.records.register import (
    AdvocacyReferralRecord,
    ConsultationRecord,
    PreparationRecord,
    Register,
)
from tests.unit.measures.builders import D, child, period

YEAR = CollectionYear(2025)  # 1 April 2025 to 31 March 2026


def _council() -> Register:
    # Amy, 12: two reviews in the year. Before the first (Tue 3 Jun 2025) the IRO spoke to
    # her, the report came on Fri 30 May (3 WD before: Thu 29 May — late), her form came back
    # on 2 Jun (before), her mother's on 4 Jun (after: not counted), the carer's on 1 Jun.
    # Before the second (Wed 3 Dec 2025): report on Fri 28 Nov (3 WD before: Fri 28 Nov — in
    # time), advocacy offered, no forms.
    amy = child(
        "A",
        period(D(2025, 5, 1), reviews=[D(2025, 6, 3), D(2025, 12, 3)]),
        dob=D(2013, 1, 15),
    )
    amy = replace(
        amy,
        preparations=(
            PreparationRecord(D(2025, 6, 3), D(2025, 5, 30), D(2025, 5, 30), None),
            PreparationRecord(D(2025, 12, 3), D(2025, 11, 28), None, D(2025, 11, 1)),
        ),
        consultations=(
            ConsultationRecord(
                "child",
                "young_person",
                D(2025, 6, 2),
                D(2025, 6, 3),
                (("safe_home", "yes"), ("feelings", "calm"), ("feelings", "worried")),
            ),
            ConsultationRecord("parent", "parent", D(2025, 6, 4), D(2025, 6, 3)),
            ConsultationRecord("carer", "carer", D(2025, 6, 1), D(2025, 6, 3)),
            ConsultationRecord(
                "child",
                "feedback_child",
                D(2025, 6, 10),
                D(2025, 6, 3),
                (("iro_listened", "yes"),),
            ),
        ),
        advocacy_referrals=(
            AdvocacyReferralRecord(D(2025, 4, 20), "meetings"),
            AdvocacyReferralRecord(D(2025, 9, 1), "relationships", True, "issue_resolved"),
            AdvocacyReferralRecord(D(2024, 9, 1), "complaint"),  # an earlier year
        ),
    )
    # Ben, 3: one review; too young for M-PAR-02/05a/06 but counted in 06a/06b and PRC-01.
    ben = child("B", period(D(2025, 4, 2), reviews=[D(2025, 4, 30)]), dob=D(2022, 6, 1))
    ben = replace(
        ben,
        consultations=(
            ConsultationRecord(
                "child", "younger_child", D(2025, 4, 28), D(2025, 4, 30), (("safe_home", "no"),)
            ),
        ),
    )
    return Register((amy, ben), consultation_held=True, advocacy_held=True, report_lead=3)


def _measures(register: Register) -> dict:
    return compute_measures(register, YEAR, breakdowns=True)["measures"]  # type: ignore[return-value]


def test_the_iro_spoke_to_the_child_before_the_review():
    m = _measures(_council())["M-PAR-02"]
    assert (m["numerator"], m["denominator"]) == (1, 2)


def test_consultation_returned_before_the_review_child_parent_carer():
    m = _measures(_council())
    assert (m["M-PAR-06"]["numerator"], m["M-PAR-06"]["denominator"]) == (1, 2)
    # Mother's form came the day after the review; Ben's reviews count here (no age limit).
    assert (m["M-PAR-06a"]["numerator"], m["M-PAR-06a"]["denominator"]) == (0, 3)
    assert (m["M-PAR-06b"]["numerator"], m["M-PAR-06b"]["denominator"]) == (1, 3)


def test_report_lead_time_and_the_24_hour_standard():
    m = _measures(_council())["M-PRC-01"]
    assert (m["numerator"], m["denominator"]) == (1, 3)
    # With the "24 hours" standard (lead 0) the June report (30 May for 3 Jun) is in time.
    lenient = replace(_council(), report_lead=0)
    m = _measures(lenient)["M-PRC-01"]
    assert (m["numerator"], m["denominator"]) == (2, 3)


def test_advocacy_referrals_by_reason_type_and_age():
    m = _measures(_council())
    assert m["M-PAR-05"]["count"] == 2
    split = m["M-PAR-05"]["breakdowns"]
    assert split["reason"] == {
        "Support at meetings (including reviews)": {"count": 1},
        "Relationships": {"count": 1},
    }
    assert split["new or re-referral"] == {"New request": {"count": 1}, "Re-referral": {"count": 1}}
    assert split["age"] == {"12": {"count": 2}}
    # The first referral's outcome was not given: it says so.
    assert split["outcome"] == {"Issue resolved": {"count": 1}, "Not recorded": {"count": 1}}
    offered = m["M-PAR-05a"]
    assert (offered["numerator"], offered["denominator"]) == (1, 2)


def test_no_data_when_the_data_holds_none_of_it():
    bare = replace(_council(), consultation_held=False, advocacy_held=False)
    m = _measures(bare)
    for measure_id in ("M-PAR-02", "M-PAR-05", "M-PAR-05a", "M-PAR-06", "M-PAR-06a", "M-PRC-01"):
        assert m[measure_id]["status"] == "no data", measure_id
    assert "SSDA903" in m["M-PAR-06"]["reason"]
    assert booklet_answers(bare, YEAR.start, YEAR.end) is None


def test_booklet_answers_by_question_and_age_band():
    answers = booklet_answers(_council(), YEAR.start, YEAR.end)
    assert answers is not None
    before, after = answers["before"], answers["after"]
    assert before["safe_home"]["11 to 15"] == {"yes": 1}
    assert "4 to 10" not in before["safe_home"]  # Ben is 2: too young for the tables
    assert before["feelings"]["11 to 15"] == {"calm": 1, "worried": 1}
    assert after["iro_listened"]["11 to 15"] == {"yes": 1}
    parents = booklet_answers(_council(), YEAR.start, YEAR.end, respondent="parent")
    assert parents is not None and parents["before"] == {}


def test_a_year_without_the_returns():
    answers = booklet_answers(_council(), date(2020, 4, 1), date(2021, 3, 31))
    assert answers == {"before": {}, "after": {}}
