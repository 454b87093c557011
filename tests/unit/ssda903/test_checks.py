"""IRO Hub's own checks of the reviews, which the DfE rules do not make. Synthetic data."""

from __future__ import annotations

from datetime import date

from irohub.records.register import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.records.years import CollectionYear
from irohub.ssda903.checks import (
    LATE,
    NOT_LOOKED_AFTER,
    OUTSIDE_YEAR,
    OVERDUE,
    review_outside_year,
    schedule_checks,
)

Y2425 = CollectionYear(2024)


def register(
    *held: date,
    start: date = date(2024, 5, 10),
    end: date | None = None,
    legal_status: str = "C2",
    history_from: date | None = None,
) -> Register:
    episode = EpisodeRecord(
        start=start,
        reason_new_episode="S",
        legal_status=legal_status,
        category_of_need="N1",
        placement="U4",
        end=end,
        reason_ceased="E4A" if end else "",
    )
    period = CarePeriodRecord(
        start=start,
        end=end,
        episodes=(episode,),
        reviews=tuple(ReviewRecord(day, "PN1") for day in held),
    )
    child = ChildRecord("A1", date(2012, 6, 15), "M", "WBRI", periods=(period,))
    return Register(children=(child,), history_from=history_from)


def test_reviews_on_time_give_nothing():
    # First due 10/06/2024 (20 working days), second 3 months after the first, third 6 more.
    held = (date(2024, 6, 5), date(2024, 9, 5), date(2025, 3, 1))
    assert schedule_checks(register(*held), Y2425) == []


def test_each_late_review_with_its_due_date_and_days_late():
    findings = schedule_checks(register(date(2024, 6, 14), date(2024, 9, 20)), Y2425)
    assert [(f.check, f.day) for f in findings] == [
        (LATE, date(2024, 6, 14)),
        (LATE, date(2024, 9, 20)),  # due 14/09/2024, three months after the late first
        (OVERDUE, date(2025, 3, 20)),  # the third, due six months after the second
    ]
    assert str(findings[0]) == (
        "IRO Hub check (not a DfE rule): late review: child A1: review 1 of the period of care "
        "from 10/05/2024 was held 14/06/2024 but was due by 10/06/2024: 4 days late"
    )
    assert "had not been held by 31/03/2025: 11 days overdue" in findings[2].message


def test_overdue_is_judged_on_as_of_while_the_year_is_not_over():
    findings = schedule_checks(register(date(2024, 6, 5)), Y2425, as_of=date(2024, 8, 1))
    assert findings == []
    findings = schedule_checks(register(date(2024, 6, 5)), Y2425, as_of=date(2024, 9, 10))
    assert [(f.check, f.day) for f in findings] == [(OVERDUE, date(2024, 9, 5))]


def test_a_review_while_not_looked_after():
    findings = schedule_checks(
        register(date(2024, 6, 5), date(2024, 12, 1), end=date(2024, 11, 1)), Y2425
    )
    assert [(f.check, f.day) for f in findings] == [(NOT_LOOKED_AFTER, date(2024, 12, 1))]
    assert "outside the period of care 10/05/2024 to 01/11/2024" in findings[0].message


def test_not_judged_before_the_history_or_for_short_breaks_only():
    late = (date(2024, 7, 30),)
    assert schedule_checks(register(*late, history_from=date(2024, 6, 1)), Y2425) == []
    assert schedule_checks(register(*late, legal_status="V3"), Y2425) == []
    assert schedule_checks(register(*late), Y2425) != []


def test_review_outside_its_return_year():
    assert review_outside_year("A1", date(2025, 3, 31), Y2425) is None
    finding = review_outside_year("A1", date(2025, 4, 1), Y2425, file="reviews.csv", row=7)
    assert finding is not None and finding.check == OUTSIDE_YEAR
    assert str(finding) == (
        "reviews.csv:7: IRO Hub check (not a DfE rule): review outside the collection year: "
        "child A1: review dated 01/04/2025 is in the 2024/25 return, which covers 01/04/2024 "
        "to 31/03/2025"
    )


def test_reviews_after_a_placement_for_adoption_are_timed_by_aar_reg_36():
    # In care from 6 Jan 2025, first review 30 Jan; placed for adoption Mon 3 Mar 2025: the
    # first adoption review was due by 31 Mar (4 weeks), not 30 Apr (LAC-2). Held 15 Apr:
    # 15 days late.
    episodes = (
        EpisodeRecord(date(2025, 1, 6), "S", "C2", "N1", "U4", end=date(2025, 3, 3)),
        EpisodeRecord(date(2025, 3, 3), "P", "E1", "N1", "A6"),
    )
    period = CarePeriodRecord(
        start=date(2025, 1, 6),
        end=None,
        episodes=episodes,
        reviews=(ReviewRecord(date(2025, 1, 30), "PN1"), ReviewRecord(date(2025, 4, 15), "PN1")),
    )
    child = ChildRecord("A1", date(2012, 6, 15), "M", "WBRI", periods=(period,))
    findings = schedule_checks(
        Register(children=(child,)), CollectionYear(2025), as_of=date(2025, 4, 20)
    )
    assert [(f.check, f.day) for f in findings] == [(LATE, date(2025, 4, 15))]
    assert "was due by 31/03/2025: 15 days late" in findings[0].message
