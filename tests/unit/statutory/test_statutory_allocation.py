"""The rules of IRO allocation: the sibling rule, the lightest caseload, the allocation
timescale (irohub.statutory.allocation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from irohub.statutory import default_calendar
from irohub.statutory.allocation import (
    allocation_timescale,
    first_overlapping,
    lightest,
    overlaps,
    per_fte,
    shared_by_most,
)


def test_children_per_fte() -> None:
    assert per_fte(3, Decimal("0.40")) == 7.5
    assert per_fte(6, 1.0) == 6.0
    assert per_fte(4, Decimal("0")) == 0.0  # nobody to divide among


def test_siblings_keep_the_iro_most_of_them_share_else_the_eldests() -> None:
    # (sibling, IRO), eldest first.
    assert shared_by_most([("Amy", "X"), ("Ben", "Y"), ("Cal", "Y")], lambda s: s[1]) == (
        "Ben",
        "Y",
    )
    assert shared_by_most([("Amy", "X"), ("Ben", "Y")], lambda s: s[1]) == ("Amy", "X")
    assert shared_by_most([], lambda s: s) is None


def test_the_lightest_caseload_ties_by_name() -> None:
    loads = [("Cole", 2.0), ("Adams", 2.0), ("Part", 2.5)]
    assert lightest(loads, lambda load: load[1], lambda load: (load[0],)) == ("Adams", 2.0)
    assert lightest([], lambda load: 0.0, lambda load: ()) is None


def test_an_allocation_overlaps_a_care_period() -> None:
    period = (date(2025, 4, 1), date(2025, 6, 30))
    assert overlaps(date(2025, 3, 1), None, *period)
    assert overlaps(date(2025, 6, 30), date(2025, 7, 5), *period)
    assert not overlaps(date(2025, 1, 1), date(2025, 3, 31), *period)
    assert not overlaps(date(2025, 7, 1), None, *period)
    assert overlaps(date(2030, 1, 1), None, date(2025, 4, 1), None)  # the period is open
    spans = [(date(2025, 1, 1), date(2025, 3, 31)), (date(2025, 5, 1), None)]
    assert first_overlapping(spans, lambda span: span, *period) == spans[1]
    assert first_overlapping(spans[:1], lambda span: span, *period) is None


def test_the_allocation_timescale_in_working_days() -> None:
    calendar = default_calendar()
    # Friday 4 April 2025 to Wednesday 9 April: 3 working days (Mon 7, Tue 8, Wed 9).
    assert allocation_timescale(date(2025, 4, 4), date(2025, 4, 9), 5, calendar) == (3, True)
    assert allocation_timescale(date(2025, 4, 4), date(2025, 4, 9), 1, calendar) == (3, False)
    # Allocated before the care period began: 0 working days, in time.
    assert allocation_timescale(date(2025, 4, 4), date(2025, 4, 1), 1, calendar) == (0, True)
