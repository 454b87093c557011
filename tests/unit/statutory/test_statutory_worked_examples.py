"""Spec §10 worked examples that are pure working-day and month arithmetic.

The looked-after review examples (LAC-E1 to LAC-E7) are also run through the review clock
in test_statutory_reviews.py.
"""

from __future__ import annotations

from datetime import date, timedelta

from irohub.statutory import add_months, add_working_days, default_calendar, is_working_day

book_by = default_calendar().previous_working_day_on_or_before


def test_lac_e1_first_review_over_christmas_2024() -> None:
    assert add_working_days(date(2024, 12, 9), 20) == date(2025, 1, 9)


def test_lac_e2_easter_and_may_day_2025() -> None:
    assert add_working_days(date(2025, 4, 10), 20) == date(2025, 5, 13)


def test_lac_e3_substitute_days_christmas_2021() -> None:
    assert add_working_days(date(2021, 12, 17), 20) == date(2022, 1, 19)


def test_lac_e4_sequence_month_ends_and_an_early_review() -> None:
    assert add_months(date(2025, 1, 9), 3) == date(2025, 4, 9)
    third_due = add_months(date(2025, 2, 3), 6)
    assert third_due == date(2025, 8, 3)
    assert not is_working_day(third_due)
    assert book_by(third_due) == date(2025, 8, 1)


def test_lac_e5_month_end_clipping() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_lac_e6_break_in_care_restarts_the_first_review() -> None:
    assert add_working_days(date(2025, 8, 18), 20) == date(2025, 9, 16)


def test_lac_e7_2022_and_2023_irregular_holidays() -> None:
    assert add_working_days(date(2022, 5, 20), 20) == date(2022, 6, 21)
    assert add_working_days(date(2022, 9, 1), 20) == date(2022, 9, 30)
    assert add_working_days(date(2023, 4, 20), 20) == date(2023, 5, 22)


def test_adj_e1_adjournment() -> None:
    assert add_working_days(date(2025, 6, 20), 20) == date(2025, 7, 18)


def test_rec_e1_record_timescales_over_christmas() -> None:
    assert add_working_days(date(2025, 12, 19), 5) == date(2025, 12, 30)
    assert add_working_days(date(2025, 12, 19), 20) == date(2026, 1, 21)


def test_cp_e1_icpc_over_christmas() -> None:
    assert add_working_days(date(2024, 12, 19), 15) == date(2025, 1, 14)
    first_rcpc = add_months(date(2025, 1, 13), 3)
    assert first_rcpc == date(2025, 4, 13)
    assert book_by(first_rcpc) == date(2025, 4, 11)
    assert add_months(date(2025, 4, 10), 6) == date(2025, 10, 10)


def test_cp_e2_easter_2024() -> None:
    assert add_working_days(date(2024, 3, 21), 15) == date(2024, 4, 15)


def test_cp_e3_christmas_2022_substitute_day() -> None:
    assert add_working_days(date(2022, 12, 16), 15) == date(2023, 1, 11)


def test_sb_e1_short_breaks() -> None:
    first = add_months(date(2025, 6, 14), 3)
    assert first == date(2025, 9, 14)
    assert book_by(first) == date(2025, 9, 12)
    assert add_months(date(2025, 9, 11), 6) == date(2026, 3, 11)


def test_ad_e1_adoption() -> None:
    assert date(2025, 3, 3) + timedelta(weeks=4) == date(2025, 3, 31)
    assert add_months(date(2025, 3, 27), 3) == date(2025, 6, 27)


def test_fc_e1_foster_carer() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 2, 17), 12) == date(2026, 2, 17)


def test_dr_e1_dispute_resolution() -> None:
    assert add_working_days(date(2025, 4, 14), 20) == date(2025, 5, 15)
