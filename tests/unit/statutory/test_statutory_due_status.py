"""The due status shown on caseload lists (My caseload, the team page, the child record)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.statutory import DueStatus, add_working_days, due_status, due_windows

# Mon 15 Dec 2025: 5 working days on is Mon 22 Dec; 20 working days on is Thu 15 Jan 2026
# (25, 26 Dec and 1 Jan skipped).
TODAY = date(2025, 12, 15)


@pytest.mark.parametrize(
    ("next_due", "expected"),
    [
        (None, DueStatus.NOT_DUE),
        (date(2025, 12, 14), DueStatus.OVERDUE),
        (date(2025, 12, 15), DueStatus.DUE_WITHIN_5),  # due today: not yet late
        (date(2025, 12, 22), DueStatus.DUE_WITHIN_5),
        (date(2025, 12, 23), DueStatus.DUE_WITHIN_20),
        (date(2026, 1, 15), DueStatus.DUE_WITHIN_20),
        (date(2026, 1, 16), DueStatus.IN_DATE),
    ],
)
def test_due_status_over_christmas(next_due, expected):
    assert due_status(next_due, TODAY) is expected


def test_due_windows_match_the_worked_dates():
    assert due_windows(TODAY) == (date(2025, 12, 22), date(2026, 1, 15))


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(next_due=dates, as_of=dates)
def test_windows_and_status_agree(next_due, as_of):
    within_5, within_20 = due_windows(as_of)
    status = due_status(next_due, as_of)
    if next_due < as_of:
        assert status is DueStatus.OVERDUE
    elif next_due <= within_5:
        assert status is DueStatus.DUE_WITHIN_5
    elif next_due <= within_20:
        assert status is DueStatus.DUE_WITHIN_20
    else:
        assert status is DueStatus.IN_DATE
    assert within_5 == add_working_days(as_of, 5)
