"""Deadlines before a review (irohub.statutory.review_preparation): REP-1's report lead time,
invitations, consultation sent and returned, link expiry, a checklist item's status —
worked examples across bank holidays, and properties over the whole calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.statutory import default_calendar
from irohub.statutory.review_preparation import (
    LINK_GRACE_WORKING_DAYS,
    ItemStatus,
    item_status,
    link_expires,
    preparation_deadlines,
    report_deadline,
    report_in_time,
)

CAL = default_calendar()


def test_christmas_and_new_year_2025():
    due = preparation_deadlines(date(2026, 1, 8), CAL)
    assert due.review == date(2026, 1, 8)
    assert due.report_by == date(2026, 1, 5)  # Wed 7, Tue 6, Mon 5
    assert due.consultation_back_by == date(2026, 1, 6)
    # 10 WD back skips 1 Jan, 25 and 26 Dec and the weekends: Mon 22 Dec 2025.
    assert due.invitations_by == date(2025, 12, 22)
    assert due.consultation_sent_by == date(2025, 12, 22)


def test_easter_2026():
    # Good Friday 3 April and Easter Monday 6 April are skipped.
    assert report_deadline(date(2026, 4, 7), 3, CAL) == date(2026, 3, 31)


def test_substitute_days_christmas_2021():
    # Mon 27 and Tue 28 Dec 2021 were substitute holidays, Mon 3 Jan 2022 too.
    assert report_deadline(date(2022, 1, 4), 3, CAL) == date(2021, 12, 29)


def test_one_off_holidays_2022_and_2023():
    # Thu 2 and Fri 3 Jun 2022 (Jubilee) skipped: for Mon 6 Jun, Wed 1, Tue 31, Mon 30 May.
    assert report_deadline(date(2022, 6, 6), 3, CAL) == date(2022, 5, 30)
    # Mon 8 May 2023 (Coronation): for Tue 9 May, 1 WD back is Fri 5 May.
    assert report_deadline(date(2023, 5, 9), 1, CAL) == date(2023, 5, 5)


def test_the_24_hour_standard_is_the_previous_calendar_day():
    # Leicestershire's "24 hours before", without times of day (spec §2.9).
    assert report_deadline(date(2026, 3, 2), 0, CAL) == date(2026, 3, 1)
    assert report_in_time(date(2026, 3, 1), date(2026, 3, 2), 0, CAL)
    assert not report_in_time(date(2026, 3, 2), date(2026, 3, 2), 0, CAL)


def test_report_in_time_on_the_deadline_and_late_the_day_after():
    review = date(2026, 1, 8)
    assert report_in_time(date(2026, 1, 5), review, 3, CAL)
    assert not report_in_time(date(2026, 1, 6), review, 3, CAL)
    assert not report_in_time(None, review, 3, CAL)


def test_a_negative_lead_is_refused():
    with pytest.raises(ValueError, match="0 or more working days"):
        report_deadline(date(2026, 1, 8), -1, CAL)


def test_link_expiry():
    # Sent before the review: works to the end of the review's day.
    assert link_expires(date(2025, 12, 1), date(2026, 1, 8), CAL) == date(2026, 1, 8)
    # Sent for an overdue review (on or after its due day): 5 working days from sending,
    # here across Christmas 2025: Mon 22, Tue 23, Wed 24, Mon 29, Tue 30 Dec.
    assert link_expires(date(2025, 12, 19), date(2025, 12, 19), CAL) == date(2025, 12, 30)


def test_item_status():
    deadline = date(2026, 1, 5)
    assert item_status(deadline, date(2026, 1, 5), date(2026, 2, 1)) is ItemStatus.DONE
    assert item_status(deadline, date(2026, 1, 6), date(2026, 2, 1)) is ItemStatus.DONE_LATE
    assert item_status(deadline, None, date(2026, 1, 5)) is ItemStatus.NOT_YET_DUE
    assert item_status(deadline, None, date(2026, 1, 6)) is ItemStatus.OVERDUE


days = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))
leads = st.integers(min_value=1, max_value=30)


@given(days, leads)
def test_the_deadline_is_the_latest_day_meeting_the_lead(review, lead):
    deadline = report_deadline(review, lead, CAL)
    assert deadline < review
    assert CAL.is_working_day(deadline)
    # Working days strictly between the deadline and the review: lead - 1.
    strictly_between = CAL.working_days_between(deadline, review) - (
        1 if CAL.is_working_day(review) else 0
    )
    assert strictly_between == lead - 1
    # The next working day would leave only lead - 1 before the review: too late.
    later = CAL.add_working_days(deadline, 1)
    assert (
        CAL.working_days_between(later, review) - (1 if CAL.is_working_day(review) else 0)
        == (lead - 2 if lead > 1 else 0)
        or later >= review
    )


@given(days, st.integers(min_value=0, max_value=30), days)
def test_in_time_exactly_up_to_the_deadline(review, lead, received):
    assert report_in_time(received, review, lead, CAL) == (
        received <= report_deadline(review, lead, CAL)
    )


@given(days, days)
def test_a_link_always_leaves_time_to_answer(sent, review):
    expires = link_expires(sent, review, CAL)
    assert expires >= sent
    if sent < review:
        assert expires == review
    else:
        assert CAL.working_days_between(sent, expires) == LINK_GRACE_WORKING_DAYS


@given(days)
def test_deadlines_are_ordered(review):
    due = preparation_deadlines(review, CAL)
    assert due.invitations_by <= due.consultation_back_by <= due.review
    assert due.consultation_sent_by <= due.report_by < due.review
