"""Incomplete history: SSDA903 files from 2021/22 only (`history_from` = 1 April 2021).

A review is classified only when every possible history before 1 April 2021 gives the same
answer; the rest are counted as unclassified and left out of numerator and denominator.
Bounds used below, for a care period that began on Mon 1 Jun 2015 (RNE S):

* LAC-1 was due Mon 29 Jun 2015 — the earliest any deadline of the period can be;
* the last unseen review was held by 31 Mar 2021, so the next deadline was at the latest
  add_months(31 Mar 2021, 6) = 30 Sep 2021.
"""

from __future__ import annotations

from irohub.measures import Count, Figure, NoData, Rate, compute_measures, measure_rows
from tests.unit.measures.builders import D, child, episode, period, register, review_figures

FILES_FROM = D(2021, 4, 1)
SINCE_2015 = D(2015, 6, 1)
EMPTY = Figure(0, 0)


def known_from_2021(*reviews: D, start: D = SINCE_2015, rne: str = "S"):  # type: ignore[no-untyped-def]
    return register(
        child("K", period(start, reviews=reviews, episodes=[episode(start, rne=rne)])),
        history_from=FILES_FROM,
    )


def test_first_known_review_is_unclassified_and_the_next_agrees_both_ways() -> None:
    # R1 10 May 2021: due somewhere between 29 Jun 2015 and 30 Sep 2021 → unclassified.
    # R2 1 Aug 2021: due 10 Aug 2021 (if R1 was review 1) or 10 Nov 2021 (if later); held
    #   before both → on time either way.
    # R3 20 Jan 2022: R2 is review 2 or later, so due add_months(1 Aug 2021, 6) = 1 Feb 2022
    #   → on time. Next due 20 Jul 2022: in date at 31 March.
    reg = known_from_2021(D(2021, 5, 10), D(2021, 8, 1), D(2022, 1, 20))
    assert review_figures(reg, "2021/22") == {
        "M-REV-01": Figure(2, 2, unclassified=1),
        "M-REV-01a": Figure(2, 2, unclassified=1),
        # R1's deadline may have fallen in the year, and whether it was met is unknown.
        "M-REV-02": Figure(0, 0, unclassified=1),
        "M-REV-03": Figure(1, 1),
        "M-REV-04": EMPTY,  # LAC-1 was in 2015
        "M-REV-05": Count(0),  # R1 may have been late, but that cannot be told
        # Every review held counts, classified or not; which review of the care period each
        # was is unknown (the reviews before 2021 are unseen).
        "M-REV-06": Count(3),
        "M-REV-06b": Rate(3, 1),
        "M-PAR-01": Figure(3, 3),
        "M-PAR-01a": Figure(3, 3),
        "M-PAR-01b": Figure(1, 1),
    }
    rows = measure_rows(reg, "2021/22", "M-REV-06")
    assert [row.columns[0] for row in rows] == ["Not known"] * 3  # type: ignore[union-attr]
    measures = compute_measures(reg, "2021/22")["measures"]
    assert measures["M-REV-01"] == {  # type: ignore[index]
        "numerator": 2,
        "denominator": 2,
        "percent": 100.0,
        "unclassified": 1,
    }


def test_second_known_review_between_the_two_readings_is_unclassified() -> None:
    # R1 12 May 2021; R2 1 Oct 2021: late if due 12 Aug 2021, on time if due 12 Nov 2021.
    # Next due add_months(1 Oct 2021, 6) = 1 Apr 2022 (R2 is review 2 or later): in date.
    reg = known_from_2021(D(2021, 5, 12), D(2021, 10, 1))
    result = review_figures(reg, "2021/22")
    assert result["M-REV-01"] == Figure(0, 0, unclassified=2)
    assert result["M-REV-03"] == Figure(1, 1)


def test_second_known_review_late_either_way() -> None:
    # R1 3 Apr 2021; R2 20 Oct 2021, after both 3 Jul and 3 Oct 2021 → late. That certain
    # failure settles M-REV-02 whatever R1 was.
    reg = known_from_2021(D(2021, 4, 3), D(2021, 10, 20))
    result = review_figures(reg, "2021/22")
    assert result["M-REV-01"] == Figure(0, 1, unclassified=1)
    assert result["M-REV-02"] == Figure(0, 1)
    assert result["M-REV-03"] == Figure(1, 1)  # next due 20 Apr 2022
    # R2 is late, but by 13 working days (after 3 Oct) or more than 20 (after 3 Jul): the
    # count knows it, the band does not.
    assert result["M-REV-05"] == Count(1)
    rows = measure_rows(reg, "2021/22", "M-REV-05")
    assert [row.columns[-2] for row in rows] == ["Not known"]  # type: ignore[union-attr]


def test_open_deadline_after_one_known_review_overdue_either_way() -> None:
    # R1 15 Apr 2021 only: next due 15 Jul or 15 Oct 2021 — both in the year and both passed
    # at 31 March 2022 → an open overdue deadline (M-REV-01), not in date (M-REV-03), and the
    # child fails M-REV-02.
    reg = known_from_2021(D(2021, 4, 15))
    result = review_figures(reg, "2021/22")
    assert result["M-REV-01"] == Figure(0, 1, unclassified=1)
    assert result["M-REV-01a"] == Figure(0, 0, unclassified=1)
    assert result["M-REV-02"] == Figure(0, 1)
    assert result["M-REV-03"] == Figure(0, 1)
    # Overdue at 31 March since 15 Jul or 15 Oct 2021: more than 20 working days either way.
    assert result["M-REV-05"] == Count(1)
    rows = measure_rows(reg, "2021/22", "M-REV-05")
    assert [row.columns[-2] for row in rows] == ["More than 20 working days"]  # type: ignore[union-attr]


def test_open_deadline_after_one_known_review_that_may_not_have_passed() -> None:
    # R1 1 Dec 2021 only. Its own deadline was 30 Sep 2021 at the latest, so it is late
    # whatever happened before: classified, because every possible history agrees. Next
    # due 1 Mar 2022 (overdue at 31 March) or 1 Jun 2022 (in date) → unclassified for
    # M-REV-01's open deadlines and for M-REV-03.
    reg = known_from_2021(D(2021, 12, 1))
    result = review_figures(reg, "2021/22")
    assert result["M-REV-01"] == Figure(0, 1, unclassified=1)
    assert result["M-REV-01a"] == Figure(0, 1)
    assert result["M-REV-02"] == Figure(0, 0, unclassified=1)
    assert result["M-REV-03"] == Figure(0, 0, unclassified=1)
    # Late by 2 months or more (due 30 Sep 2021 at the latest; with no lower bound an
    # earlier due date only makes it later): the top band is certain.
    assert result["M-REV-05"] == Count(1)
    rows = measure_rows(reg, "2021/22", "M-REV-05")
    assert [row.columns[-2] for row in rows] == ["More than 20 working days"]  # type: ignore[union-attr]


def test_no_review_in_the_files_at_all() -> None:
    # Looked after since 2015, no review seen. The awaited deadline is at the latest
    # 30 Sep 2021: certainly overdue at 31 March 2022 (M-REV-03), but it may have fallen
    # before 1 April 2021, so M-REV-01 and M-REV-02 cannot tell.
    reg = known_from_2021()
    first = review_figures(reg, "2021/22")
    assert first["M-REV-01"] == Figure(0, 0, unclassified=1)
    assert first["M-REV-02"] == Figure(0, 0, unclassified=1)
    assert first["M-REV-03"] == Figure(0, 1)
    assert first["M-REV-05"] == Count(0)  # the awaited deadline may not have fallen in 2021/22
    assert first["M-REV-06b"] == Rate(0, 1)  # no review, one child
    # A year later it certainly fell before the year: out of M-REV-01 and M-REV-02.
    second = review_figures(reg, "2022/23")
    assert second["M-REV-01"] == EMPTY
    assert second["M-REV-02"] == EMPTY
    assert second["M-REV-03"] == Figure(0, 1)


def test_period_starting_after_history_from_is_fully_known() -> None:
    # Looked after Mon 7 Jun 2021: LAC-1 due 20 WD later, Mon 5 Jul 2021; held 1 Jul 2021.
    # Review 2 due 1 Oct 2021, held 1 Oct 2021. Review 3 due 1 Apr 2022.
    reg = register(
        child("K", period(D(2021, 6, 7), reviews=[D(2021, 7, 1), D(2021, 10, 1)])),
        history_from=FILES_FROM,
    )
    assert review_figures(reg, "2021/22") == {
        "M-REV-01": Figure(2, 2),
        "M-REV-01a": Figure(2, 2),
        "M-REV-02": Figure(1, 1),
        "M-REV-03": Figure(1, 1),
        "M-REV-04": Figure(1, 1),
        "M-REV-05": Count(0),
        "M-REV-06": Count(2),  # first and second: the period began inside the files
        "M-REV-06b": Rate(2, 1),
        "M-PAR-01": Figure(2, 2),
        "M-PAR-01a": Figure(2, 2),
        "M-PAR-01b": Figure(1, 1),
    }


def test_period_starting_just_before_the_files_with_a_known_start() -> None:
    # Looked after Sat 20 Mar 2021 (RNE S): LAC-1 due Tue 20 Apr 2021 (Good Friday and
    # Easter Monday skipped). A review seen on 10 Apr 2021 is on time whether it was review
    # 1 or a later one (any later deadline is at least 3 months after the start). The next
    # is due 10 Jul or 10 Oct 2021: overdue at 31 March 2022 either way.
    reg = known_from_2021(D(2021, 4, 10), start=D(2021, 3, 20))
    assert review_figures(reg, "2021/22") == {
        "M-REV-01": Figure(1, 2),
        "M-REV-01a": Figure(1, 1),
        "M-REV-02": Figure(0, 1),
        "M-REV-03": Figure(0, 1),
        "M-REV-04": Figure(1, 1),
        "M-REV-05": Count(1),  # the open deadline, more than 20 working days overdue
        "M-REV-06": Count(1),  # review number not known: one may be unseen (20–31 Mar)
        "M-REV-06b": Rate(1, 1),
        "M-PAR-01": Figure(1, 1),
        "M-PAR-01a": Figure(1, 1),
        "M-PAR-01b": Figure(1, 1),
    }


def test_unknown_start_leaves_the_first_review_unclassified() -> None:
    # Same, but the first episode in the files is a change of placement (RNE P): the period
    # really began earlier, on a day nobody can see.
    reg = known_from_2021(D(2021, 4, 10), start=D(2021, 3, 20), rne="P")
    result = review_figures(reg, "2021/22")
    assert result["M-REV-04"] == Figure(0, 0, unclassified=1)
    assert result["M-REV-01"] == Figure(0, 1, unclassified=1)  # R1 unclassified; then overdue


def test_a_year_before_the_history_is_no_data() -> None:
    reg = known_from_2021(D(2021, 5, 10))
    result = review_figures(reg, "2020/21")
    assert all(isinstance(value, NoData) for value in result.values())
    as_json = compute_measures(reg, "2020/21")["measures"]["M-REV-01"]  # type: ignore[index]
    assert as_json == {
        "status": "no data",
        "reason": "the data is complete only from 2021-04-01, after 2020/21 began on 2020-04-01",
    }
