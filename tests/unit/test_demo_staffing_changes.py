"""The demo council's IROs change over a year as councils report they do: leavers, long-term
absence covered by colleagues (and handed back), single re-allocations (issue 12, build 6).
Those changes draw on their own random numbers, so the rest of the council is unchanged."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest

from irohub.demo.generator import DemoCouncil, generate_council

AS_OF = date(2026, 12, 5)
YEAR = (date(2025, 4, 1), date(2026, 3, 31))


@pytest.fixture(scope="module")
def council() -> DemoCouncil:
    return generate_council(children=500, years=5, seed=1, as_of=AS_OF)


def changes_and_children(council: DemoCouncil) -> tuple[int, int]:
    """Changes of IRO in the year (an allocation following straight on from another
    IRO's), and children in care at any time in the year (M-WF-02a's terms)."""
    first, last = YEAR
    by_child = defaultdict(list)
    for allocation in council.allocations:
        by_child[allocation.child].append(allocation)
    changes = 0
    for allocations in by_child.values():
        for before, after in pairwise(sorted(allocations, key=lambda a: a.start)):
            follows = before.end is not None and after.start == before.end + timedelta(days=1)
            if follows and after.iro != before.iro and first <= after.start <= last:
                changes += 1
    children = {
        period.child
        for period in council.care_periods
        if period.start <= last and (period.end is None or period.end >= first)
    }
    return changes, len(children)


def test_children_change_iro_at_a_believable_rate(council):
    changes, children = changes_and_children(council)
    # Councils report roughly 60-85% of children keeping their IRO through a year.
    assert 0.1 <= changes / children <= 0.5, (changes, children)


def test_absent_iros_get_their_children_back(council):
    """Somebody's children went to a colleague and came back to them (cover)."""
    by_child = defaultdict(list)
    for allocation in council.allocations:
        by_child[allocation.child].append(allocation)
    handed_back = 0
    for allocations in by_child.values():
        ordered = sorted(allocations, key=lambda a: a.start)
        for first, cover, back in zip(ordered, ordered[1:], ordered[2:], strict=False):
            if first.iro == back.iro != cover.iro and cover.end is not None:
                handed_back += 1
    assert handed_back > 0


def test_the_changes_leave_the_rest_of_the_council_as_it_was(council):
    again = generate_council(children=500, years=5, seed=1, as_of=AS_OF)
    assert again.allocations == council.allocations
    # Reviews depend on the council's own random numbers only, not on the staffing changes.
    assert [(r.child, r.held, r.participation) for r in again.reviews] == [
        (r.child, r.held, r.participation) for r in council.reviews
    ]
