"""M-REV-01 to M-REV-06 and M-PAR-01 (with their variants) on small registers, every
figure worked out by hand.

Dates in the comments follow statutory-rules.md §1 (day 0 not counted, the deadline day
inclusive): LAC-1 = 20 working days from the start, LAC-2 = 3 months from review 1,
LAC-3 = 6 months from each later review (LAC-4: every review held counts). M-REV-05 counts
M-REV-01's rows that are not on time; M-REV-06 counts the reviews held (M-REV-01a's
denominator) and M-REV-06b divides that by the children under the looked after review
timetable in the year. Reviews are coded PN1 unless a code is given, so M-PAR-01, 01a and
01b agree unless a test says otherwise.
"""

from __future__ import annotations

from irohub.measures import DEFINITIONS, Count, Figure, NoData, Rate, measure_rows
from irohub.measures.catalogue import Scope
from irohub.measures.reviews import year_reviews
from irohub.measures.timeline import book_for
from irohub.records.years import CollectionYear
from tests.unit.measures.builders import D, child, episode, period, register, review_figures

EMPTY = Figure(0, 0)


def test_late_first_review_over_christmas_lac_e1() -> None:
    # Looked after Mon 9 Dec 2024: 25/26 Dec and 1 Jan skipped, LAC-1 due Thu 9 Jan 2025.
    # Held Fri 10 Jan 2025: 1 day late. Next due add_months(10 Jan 2025, 3) = 10 Apr 2025,
    # after the year, so nothing is overdue at 31 March 2025.
    reg = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])))
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": Figure(0, 1),  # one review held, late
        "M-REV-01a": Figure(0, 1),
        "M-REV-02": Figure(0, 1),  # its only deadline (9 Jan) was missed
        "M-REV-03": Figure(1, 1),  # next due 10 Apr 2025: in date at 31 March
        "M-REV-04": Figure(0, 1),  # LAC-1 missed by a day
        "M-REV-05": Count(1),  # the 10 Jan review, 1 working day late: band 1 to 5
        "M-REV-06": Count(1),  # a first review
        "M-REV-06b": Rate(1, 1),  # 1 review, 1 child
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }
    rows = year_reviews(book_for(reg), CollectionYear(2024)).reviews
    assert [(row.deadline.due, row.deadline.held, row.deadline.days_late) for row in rows] == [
        (D(2025, 1, 9), D(2025, 1, 10), 1)
    ]


def test_first_review_on_the_deadline_day_is_on_time() -> None:
    reg = register(child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 9)])))
    result = review_figures(reg, "2024/25")
    assert result["M-REV-01"] == Figure(1, 1)
    assert result["M-REV-04"] == Figure(1, 1)


def test_overdue_at_year_end_counts_in_01_not_01a_fails_02_and_03() -> None:
    # Looked after Mon 1 Jan 2024: LAC-1 due Mon 29 Jan 2024, held 25 Jan 2024 (2023/24).
    # Review 2 due 25 Apr 2024, held Sat 20 Apr 2024: on time.
    # Review 3 due add_months(20 Apr 2024, 6) = 20 Oct 2024: never held, still looked after.
    reg = register(child("B", period(D(2024, 1, 1), reviews=[D(2024, 1, 25), D(2024, 4, 20)])))
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": Figure(1, 2),  # 20 Apr on time + the open 20 Oct deadline = 1 of 2
        "M-REV-01a": Figure(1, 1),  # held reviews only
        "M-REV-02": Figure(0, 1),  # deadlines 25 Apr (met) and 20 Oct (overdue): fails
        "M-REV-03": Figure(0, 1),  # overdue at 31 March
        "M-REV-04": EMPTY,  # LAC-1 fell in 2023/24
        # The open 20 Oct deadline, overdue at the year end by the working days from Mon
        # 21 Oct 2024 to Mon 31 Mar 2025: 23 weeks (115) + 31 Mar − 25, 26 Dec, 1 Jan = 113.
        "M-REV-05": Count(1),
        "M-REV-06": Count(1),  # the 20 Apr review, the child's second
        "M-REV-06b": Rate(1, 1),
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }
    # A deadline overdue since before the year did not fall in it: in 2025/26 the
    # 20 Oct 2024 deadline is still open but counts only in M-REV-03.
    later = review_figures(reg, "2025/26")
    assert later["M-REV-01"] == EMPTY
    assert later["M-REV-02"] == EMPTY
    assert later["M-REV-03"] == Figure(0, 1)
    assert later["M-REV-05"] == Count(0)  # not a deadline of 2025/26
    assert later["M-REV-06b"] == Rate(0, 1)  # no review, but looked after all year
    assert later["M-PAR-01b"] == EMPTY  # no review in 2025/26


def test_child_who_left_care_before_the_review_fell_due() -> None:
    # Looked after Mon 3 Jun 2024: LAC-1 due Mon 1 Jul 2024, held 20 Jun 2024 (on time).
    # Review 2 would be due 20 Sep 2024; the child went home on 10 Sep 2024: not due.
    reg = register(child("C", period(D(2024, 6, 3), D(2024, 9, 10), reviews=[D(2024, 6, 20)])))
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": Figure(1, 1),
        "M-REV-01a": Figure(1, 1),
        "M-REV-02": Figure(1, 1),  # only 1 Jul fell while looked after, and was met
        "M-REV-03": EMPTY,  # not looked after at 31 March
        "M-REV-04": Figure(1, 1),
        "M-REV-05": Count(0),  # 20 Sep was not due, so not overdue either
        "M-REV-06": Count(1),
        "M-REV-06b": Rate(1, 1),  # looked after part of the year: still one child
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }


def test_leaving_care_on_the_due_date_means_not_due() -> None:
    # Due 20 Sep 2024; the period ends that day, so the child was not looked after at the
    # close of it (OQ-14/OQ-15).
    reg = register(child("C", period(D(2024, 6, 3), D(2024, 9, 20), reviews=[D(2024, 6, 20)])))
    assert review_figures(reg, "2024/25")["M-REV-02"] == Figure(1, 1)


def test_leaving_care_after_a_missed_deadline() -> None:
    # Due 20 Sep 2024, missed; the child leaves on 21 Sep 2024. M-REV-02 fails the child;
    # M-REV-01 only counts deadlines still open at 31 March, so only the June review.
    reg = register(child("C", period(D(2024, 6, 3), D(2024, 9, 21), reviews=[D(2024, 6, 20)])))
    result = review_figures(reg, "2024/25")
    assert result["M-REV-01"] == Figure(1, 1)
    assert result["M-REV-02"] == Figure(0, 1)


def test_new_care_period_restarts_at_the_first_review_lac_e6() -> None:
    # Period 1: looked after 2 Jun 2025, LAC-1 due 30 Jun 2025, held 26 Jun 2025; home on
    # 1 Aug 2025 before review 2 (26 Sep) fell due.
    # Period 2: re-accommodated Mon 18 Aug 2025 (25 Aug bank holiday skipped): a new LAC-1
    # due Tue 16 Sep 2025. Held 20 Sep 2025: late (had the June review been carried over,
    # review 2 would have been due 26 Sep and this one on time). Review 2 due
    # add_months(20 Sep 2025, 3) = 20 Dec 2025, held 19 Dec 2025; review 3 due 19 Jun 2026.
    reg = register(
        child(
            "D",
            period(D(2025, 6, 2), D(2025, 8, 1), reviews=[D(2025, 6, 26)]),
            period(D(2025, 8, 18), reviews=[D(2025, 9, 20), D(2025, 12, 19)]),
        )
    )
    assert review_figures(reg, "2025/26") == {
        "M-REV-01": Figure(2, 3),  # 26 Jun and 19 Dec on time, 20 Sep late
        "M-REV-01a": Figure(2, 3),
        "M-REV-02": Figure(0, 1),  # 30 Jun met, 16 Sep missed, 20 Dec met: one child, fails
        "M-REV-03": Figure(1, 1),  # next due 19 Jun 2026
        "M-REV-04": Figure(1, 2),  # two LAC-1 deadlines: 30 Jun met, 16 Sep missed
        # 20 Sep 2025 is a Saturday: 3 working days after Tue 16 Sep (17, 18, 19 Sep).
        "M-REV-05": Count(1),
        # 26 Jun (first), 20 Sep (first again: a new care period), 19 Dec (second).
        "M-REV-06": Count(3),
        "M-REV-06b": Rate(3, 1),  # 3 reviews of 1 child
        "M-PAR-01": Figure(3, 3),
        "M-PAR-01a": Figure(3, 3),
        "M-PAR-01b": Figure(1, 1),  # one child: the 19 Dec review
    }


def test_early_review_is_the_next_review_lac_e4() -> None:
    # LAC-1 due 9 Jan 2025 (looked after 9 Dec 2024), held 9 Jan 2025. An IRO-requested
    # early review on 3 Feb 2025 is review 2 (its deadline, 9 Apr 2025, lies in 2025/26
    # and was met early); review 3 is then due Sun 3 Aug 2025 — held Fri 1 Aug 2025.
    # Review 4 would be due 1 Feb 2026; the child leaves care 15 Dec 2025.
    reg = register(
        child(
            "N",
            period(
                D(2024, 12, 9),
                D(2025, 12, 15),
                reviews=[D(2025, 1, 9), D(2025, 2, 3), D(2025, 8, 1)],
            ),
        )
    )
    first = review_figures(reg, "2024/25")
    assert first["M-REV-01"] == Figure(2, 2)
    assert first["M-REV-02"] == Figure(1, 1)  # only 9 Jan 2025 fell in 2024/25
    second = review_figures(reg, "2025/26")
    assert second["M-REV-01"] == Figure(1, 1)  # 1 Aug 2025
    assert second["M-REV-02"] == Figure(1, 1)  # 9 Apr (met on 3 Feb) and 3 Aug (met)
    assert second["M-REV-03"] == EMPTY  # left care in December
    # The early review is the second review, the August one the third (subsequent).
    assert [row.columns[0] for row in measure_rows(reg, "2024/25", "M-REV-06")] == [  # type: ignore[union-attr]
        "First",
        "Second",
    ]
    assert [row.columns[0] for row in measure_rows(reg, "2025/26", "M-REV-06")] == [  # type: ignore[union-attr]
        "Subsequent"
    ]


def test_reviews_straddling_31_march() -> None:
    # Looked after Mon 2 Dec 2024: LAC-1 due Thu 2 Jan 2025, held 31 Dec 2024. Review 2 due
    # add_months(31 Dec 2024, 3) = 31 Mar 2025.
    def reg_with(second_review):  # type: ignore[no-untyped-def]
        return register(
            child(
                "H",
                period(D(2024, 12, 2), D(2025, 9, 1), reviews=[D(2024, 12, 31), second_review]),
            )
        )

    # Held on 31 March: on time, in 2024/25; next due 30 Sep 2025 (after the child left).
    on_the_day = reg_with(D(2025, 3, 31))
    assert review_figures(on_the_day, "2024/25") == {
        "M-REV-01": Figure(2, 2),
        "M-REV-01a": Figure(2, 2),
        "M-REV-02": Figure(1, 1),
        "M-REV-03": Figure(1, 1),
        "M-REV-04": Figure(1, 1),
        "M-REV-05": Count(0),
        "M-REV-06": Count(2),  # first (31 Dec) and second (31 Mar)
        "M-REV-06b": Rate(2, 1),
        "M-PAR-01": Figure(2, 2),
        "M-PAR-01a": Figure(2, 2),
        "M-PAR-01b": Figure(1, 1),  # the 31 March review is the child's latest
    }
    assert review_figures(on_the_day, "2025/26")["M-REV-01"] == EMPTY
    # Looked after until 1 Sep 2025, with no review in 2025/26: 0 reviews for 1 child.
    assert review_figures(on_the_day, "2025/26")["M-REV-06b"] == Rate(0, 1)

    # Held on 1 April: at the close of 31 March the review due that day was overdue, so
    # 2024/25 counts the open deadline; 2025/26 counts the late review itself. Review 3
    # would be due 1 Oct 2025; the child left on 1 Sep 2025.
    next_day = reg_with(D(2025, 4, 1))
    assert review_figures(next_day, "2024/25") == {
        "M-REV-01": Figure(1, 2),  # 31 Dec on time + open 31 Mar deadline
        "M-REV-01a": Figure(1, 1),
        "M-REV-02": Figure(0, 1),
        "M-REV-03": Figure(0, 1),
        "M-REV-04": Figure(1, 1),
        # The open 31 Mar deadline: overdue at the close of the year's last day, 0 working
        # days late — less than a working day, so in the first band (1 to 5).
        "M-REV-05": Count(1),
        "M-REV-06": Count(1),  # only the 31 Dec review was held in 2024/25
        "M-REV-06b": Rate(1, 1),
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }
    assert review_figures(next_day, "2025/26") == {
        "M-REV-01": Figure(0, 1),  # 1 Apr 2025, one day late
        "M-REV-01a": Figure(0, 1),
        "M-REV-02": EMPTY,  # no deadline fell in 2025/26 while looked after
        "M-REV-03": EMPTY,
        "M-REV-04": EMPTY,
        # The same lateness again, now as a review held late: 1 working day (Tue 1 Apr).
        "M-REV-05": Count(1),
        "M-REV-06": Count(1),  # the second review, held in 2025/26
        "M-REV-06b": Rate(1, 1),
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }


def test_period_before_1_april_2011_uses_the_28_day_first_review() -> None:
    # Looked after Mon 13 Dec 2010: 28 days → due Mon 10 Jan 2011. (20 working days, with
    # 27/28 Dec and 3 Jan 2011 substitute holidays, would give Thu 13 Jan 2011.)
    # Held Wed 12 Jan 2011: late under the 1991 regulations.
    reg = register(child("I", period(D(2010, 12, 13), reviews=[D(2011, 1, 12)])))
    result = review_figures(reg, "2010/11")
    assert result["M-REV-04"] == Figure(0, 1)
    assert result["M-REV-01"] == Figure(0, 1)
    # From 1 April 2011, 20 working days: looked after Mon 12 Dec 2011 → with 26/27 Dec 2011
    # and 2 Jan 2012 skipped, due Thu 12 Jan 2012 (28 days would be Mon 9 Jan 2012); held
    # Wed 11 Jan 2012 — on time.
    reg = register(child("I", period(D(2011, 12, 12), reviews=[D(2012, 1, 11)])))
    assert review_figures(reg, "2011/12")["M-REV-04"] == Figure(1, 1)


def test_placed_for_adoption_is_excluded_as_oq_13_says() -> None:
    # Looked after Mon 1 Jul 2024 (C2, foster care U4): LAC-1 due Mon 29 Jul 2024, held
    # 25 Jul 2024. Placed for adoption (E1, A5) on 1 Oct 2024, before review 2 (25 Oct)
    # fell due; the adoption review on 28 Oct 2024 belongs to AAR reg 36.
    reg = register(
        child(
            "E",
            period(
                D(2024, 7, 1),
                reviews=[D(2024, 7, 25), D(2024, 10, 28)],
                episodes=[
                    episode(D(2024, 7, 1), D(2024, 10, 1)),
                    episode(D(2024, 10, 1), legal_status="E1", placement="A5", rne="B"),
                ],
            ),
        )
    )
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": Figure(1, 1),  # the pre-placement review only
        "M-REV-01a": Figure(1, 1),
        "M-REV-02": EMPTY,  # placed for adoption during the year
        "M-REV-03": EMPTY,  # placed for adoption at 31 March
        "M-REV-04": Figure(1, 1),  # LAC-1 (29 Jul) met before the placement
        "M-REV-05": Count(0),
        "M-REV-06": Count(1),  # the 25 Jul review; the adoption review is not counted
        "M-REV-06b": Rate(1, 1),  # under the looked after timetable 1 Jul–1 Oct 2024
        "M-PAR-01": Figure(2, 2),  # participation counts every review
        "M-PAR-01a": Figure(2, 2),
        "M-PAR-01b": Figure(1, 1),  # the child's latest: the 28 Oct adoption review
    }


def test_placement_for_adoption_that_ends_restarts_with_an_early_review_oq_7() -> None:
    # As above, but the placement disrupts and the child returns to foster care on Sun 1 Dec
    # 2024: an early review is due 20 working days later (25/26 Dec skipped) — Tue 31 Dec
    # 2024 — held 20 Dec 2024; then 6-monthly: due 20 Jun 2025, so in date at 31 March
    # (3-monthly would have made it overdue on 20 Mar 2025).
    reg = register(
        child(
            "E",
            period(
                D(2024, 7, 1),
                reviews=[D(2024, 7, 25), D(2024, 10, 28), D(2024, 12, 20)],
                episodes=[
                    episode(D(2024, 7, 1), D(2024, 10, 1)),
                    episode(D(2024, 10, 1), D(2024, 12, 1), legal_status="E1", placement="A5"),
                    episode(D(2024, 12, 1), legal_status="E1", placement="U4", rne="P"),
                ],
            ),
        )
    )
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": Figure(2, 2),  # 25 Jul and 20 Dec; not the adoption review
        "M-REV-01a": Figure(2, 2),
        "M-REV-02": EMPTY,  # placed for adoption during the year
        "M-REV-03": Figure(1, 1),  # back under CPPCR at 31 March, next due 20 Jun 2025
        "M-REV-04": Figure(1, 1),  # the early review after the return is not a LAC-1
        "M-REV-05": Count(0),
        # 25 Jul (first) and 20 Dec: the second looked after review of the care period
        # (the adoption review between them is not counted, nor numbered).
        "M-REV-06": Count(2),
        "M-REV-06b": Rate(2, 1),
        "M-PAR-01": Figure(3, 3),
        "M-PAR-01a": Figure(3, 3),
        "M-PAR-01b": Figure(1, 1),
    }


def test_short_breaks_only_are_outside_every_review_measure() -> None:
    # A V4 agreement open across the year, with a short-break review (reg 48 timetable):
    # no CPPCR deadline at all. Nor does M-PAR-01 count it: the SSDA903 return carries no
    # reviews of a child on short breaks only (DfE rule 399), and the figure is the same
    # from the register and from the return (M-SB-01 times these reviews).
    reg = register(
        child("F", period(D(2024, 1, 6), reviews=[(D(2024, 4, 5), "PN1")], legal_status="V4")),
        child(
            "G",
            period(D(2024, 5, 3), D(2024, 5, 5), legal_status="V3"),
            period(D(2024, 6, 7), D(2024, 6, 9), legal_status="V3"),
        ),
    )
    assert review_figures(reg, "2024/25") == {
        "M-REV-01": EMPTY,
        "M-REV-01a": EMPTY,
        "M-REV-02": EMPTY,
        "M-REV-03": EMPTY,  # looked after at 31 March, but under reg 48
        "M-REV-04": EMPTY,
        "M-REV-05": Count(0),
        "M-REV-06": Count(0),  # the short-break review is not a looked after review
        "M-REV-06b": Rate(0, 0),  # no child under the looked after timetable: n/a
        "M-PAR-01": EMPTY,
        "M-PAR-01a": EMPTY,
        "M-PAR-01b": EMPTY,
    }
    assert review_figures(reg, "2024/25")["M-REV-06b"].value is None  # type: ignore[union-attr]


def test_full_regime_after_short_breaks_starts_a_first_review_oq_9() -> None:
    # V4 short breaks from 6 Jan 2024; full accommodation (V2) from Mon 2 Sep 2024 in the same
    # period: first full-regime review due 20 WD later, Mon 30 Sep 2024 — held that day
    # (on time). Review 2 due add_months(30 Sep 2024, 3) = 30 Dec 2024, held 6 Jan 2025
    # (late). Review 3 due 6 Jul 2025.
    reg = register(
        child(
            "F",
            period(
                D(2024, 1, 6),
                reviews=[D(2024, 9, 30), D(2025, 1, 6)],
                episodes=[
                    episode(D(2024, 1, 6), D(2024, 9, 2), legal_status="V4"),
                    episode(D(2024, 9, 2), legal_status="V2", placement="U4", rne="L"),
                ],
            ),
        )
    )
    result = review_figures(reg, "2024/25")
    assert result["M-REV-01"] == Figure(1, 2)
    assert result["M-REV-02"] == Figure(0, 1)
    assert result["M-REV-03"] == Figure(1, 1)
    assert result["M-REV-04"] == Figure(1, 1)
    # 6 Jan 2025 is 4 working days after Mon 30 Dec 2024 (31 Dec, 2, 3, 6 Jan; 1 Jan is a
    # bank holiday).
    assert result["M-REV-05"] == Count(1)
    assert result["M-REV-06"] == Count(2)  # 30 Sep is a first review (OQ-9), 6 Jan second


def test_a_council_of_children_adds_up() -> None:
    # The late-Christmas child (0/1), the overdue child (1/2) and the child who left care
    # (1/1): M-REV-01 = 2 of 4 = 50%.
    reg = register(
        child("A", period(D(2024, 12, 9), reviews=[D(2025, 1, 10)])),
        child("B", period(D(2024, 1, 1), reviews=[D(2024, 1, 25), D(2024, 4, 20)])),
        child("C", period(D(2024, 6, 3), D(2024, 9, 10), reviews=[D(2024, 6, 20)])),
    )
    result = review_figures(reg, "2024/25")
    assert result["M-REV-01"] == Figure(2, 4)
    assert result["M-REV-01"].percent == 50.0  # type: ignore[union-attr]
    assert result["M-REV-01a"] == Figure(2, 3)
    assert result["M-REV-02"] == Figure(1, 3)
    assert result["M-REV-03"] == Figure(1, 2)  # A in date, B overdue; C left care
    assert result["M-REV-04"] == Figure(1, 2)  # A late, C on time; B's fell in 2023/24
    assert result["M-REV-05"] == Count(2)  # A held late, B overdue
    assert result["M-REV-06"] == Count(3)  # A (first), B (second), C (first)
    assert result["M-REV-06b"] == Rate(3, 3)  # one review per child


def test_same_day_duplicates_and_reviews_outside_the_period_are_ignored() -> None:
    reg = register(
        child(
            "A",
            period(
                D(2024, 12, 9),
                D(2025, 3, 1),
                reviews=[D(2024, 12, 1), D(2025, 1, 9), D(2025, 1, 9), D(2025, 3, 20)],
            ),
        )
    )
    assert review_figures(reg, "2024/25")["M-REV-01"] == Figure(1, 1)


def test_no_children_looked_after_gives_zero_of_zero_not_no_data() -> None:
    result = review_figures(register(), "2024/25")
    assert result.pop("M-REV-05") == result.pop("M-REV-06") == Count(0)
    assert result.pop("M-REV-06b") == Rate(0, 0)
    assert all(figure == EMPTY for figure in result.values())
    assert all(figure.percent is None for figure in result.values())  # type: ignore[union-attr]
    assert not any(isinstance(figure, NoData) for figure in result.values())


def test_a_review_on_the_day_of_placement_for_adoption_belongs_to_the_adoption_regime() -> None:
    reg = register(
        child(
            "E",
            period(
                D(2024, 7, 1),
                reviews=[D(2024, 7, 25), D(2024, 10, 1)],
                episodes=[
                    episode(D(2024, 7, 1), D(2024, 10, 1)),
                    episode(D(2024, 10, 1), legal_status="E1", placement="A5", rne="B"),
                ],
            ),
        )
    )
    assert review_figures(reg, "2024/25")["M-REV-01"] == Figure(1, 1)


def test_lateness_of_an_open_deadline_is_counted_to_the_end_of_a_year_to_date() -> None:
    # As the overdue child above: review 3 due Sun 20 Oct 2024, never held. To 31 Oct 2024
    # it is 9 working days overdue (21–25 and 28–31 Oct): the 6 to 20 band; at 31 March
    # 2025, 113 working days: more than 20.
    reg = register(child("B", period(D(2024, 1, 1), reviews=[D(2024, 1, 25), D(2024, 4, 20)])))
    to_october = CollectionYear(2024, D(2024, 10, 31))
    split = DEFINITIONS["M-REV-05"].breakdowns(Scope(reg, to_october))
    assert split["days late"] == {"6 to 20 working days": Count(1)}
    assert split["late or overdue"] == {"Overdue at the period end": Count(1)}
    whole = DEFINITIONS["M-REV-05"].breakdowns(Scope(reg, CollectionYear(2024)))
    assert whole["days late"] == {"More than 20 working days": Count(1)}
    # Before the deadline, nothing is late yet.
    to_september = CollectionYear(2024, D(2024, 9, 30))
    assert DEFINITIONS["M-REV-05"].result(Scope(reg, to_september)) == Count(0)
