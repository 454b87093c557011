"""The review-clock cache follows the regime the child is under (spec §2.1): the
looked-after clock for an ordinary child in care, the reg 48 short-break timetable (§4.2)
for a child on a series of short breaks, and the AAR 2005 reg 36 timetable (§5.2) for a
child placed for adoption. My caseload and the team page read this cache."""

from datetime import date

import pytest

from irohub.children.clock import refresh_review_clock
from irohub.core.calendar import get_calendar
from irohub.statutory import DueStatus, due_status
from tests.factories import CarePeriodFactory, ChildFactory, EpisodeFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def _period(start, *episodes, end=None, reason_ceased="", held=()):
    """A care period with episodes given as (start, legal status, placement)."""
    period = CarePeriodFactory(
        child=ChildFactory(date_of_birth=date(2015, 5, 1)),
        start=start,
        end=end,
        reason_ceased=reason_ceased,
    )
    for index, (day, legal_status, placement) in enumerate(episodes):
        EpisodeFactory(
            care_period=period,
            start=day,
            reason_new_episode="S" if index == 0 else "P",
            legal_status=legal_status,
            placement=placement,
        )
    for day in held:
        ReviewFactory(care_period=period, held=day)
    return period


def _clock(period, as_of):
    refresh_review_clock([period.id])
    period.refresh_from_db()
    status = due_status(period.next_review_due, as_of, calendar=get_calendar())
    return period.next_review_due, period.reviews_held, status


def test_each_child_gets_the_due_date_of_its_own_regime():
    as_of = date(2025, 8, 1)
    # LAC-E1: looked after Mon 9 Dec 2024, first review held Thu 9 Jan 2025 (LAC-1 day)
    # → second due Wed 9 Apr 2025 (LAC-2); not held by 1 Aug 2025, so overdue.
    ordinary = _period(date(2024, 12, 9), (date(2024, 12, 9), "C2", "U4"), held=[date(2025, 1, 9)])
    # SB-E1: a series of short breaks with one carer from Sat 14 Jun 2025 (an agreement,
    # V4) → first short-break review by Sun 14 Sep 2025 (SB-1), not 20 working days.
    short_breaks = _period(date(2025, 6, 14), (date(2025, 6, 14), "V4", "U6"))
    # AD-E1: in care from 6 Jan 2025, first review 30 Jan 2025, placed for adoption
    # Mon 3 Mar 2025 → first adoption review by Mon 31 Mar 2025 (AD-3); held Thu 27 Mar
    # 2025 → second by Fri 27 Jun 2025 (AD-4); held Wed 25 Jun 2025 → third within 6
    # months of it, Thu 25 Dec 2025 (AD-5).
    adoption = _period(
        date(2025, 1, 6),
        (date(2025, 1, 6), "C2", "U4"),
        (date(2025, 3, 3), "E1", "A6"),
        held=[date(2025, 1, 30), date(2025, 3, 27), date(2025, 6, 25)],
    )

    assert _clock(ordinary, as_of) == (date(2025, 4, 9), 1, DueStatus.OVERDUE)
    assert _clock(short_breaks, as_of) == (date(2025, 9, 14), 0, DueStatus.IN_DATE)
    assert _clock(adoption, as_of) == (date(2025, 12, 25), 3, DueStatus.IN_DATE)


def test_placed_for_adoption_between_reviews_restarts_at_four_weeks():
    # AD-RESET: the looked-after clock would want the second review by 30 Apr 2025; the
    # adoptive placement on 3 Mar 2025 starts AD-3 instead: due by 31 Mar 2025.
    adoption = _period(
        date(2025, 1, 6),
        (date(2025, 1, 6), "C2", "U4"),
        (date(2025, 3, 3), "E1", "A6"),
        held=[date(2025, 1, 30)],
    )
    assert _clock(adoption, date(2025, 4, 1)) == (date(2025, 3, 31), 1, DueStatus.OVERDUE)


def test_a_series_of_single_breaks_runs_one_short_break_clock():
    # V3: each break is its own care period. SB-1 counts from the start of the first break
    # (Sat 14 Jun 2025), whichever break the child is on now; a review held on a break
    # (Thu 11 Sep 2025) moves the next to Wed 11 Mar 2026 (SB-2).
    first = _period(
        date(2025, 6, 14),
        (date(2025, 6, 14), "V3", "U6"),
        end=date(2025, 6, 16),
        reason_ceased="E4A",
    )
    child = first.child
    second = CarePeriodFactory(child=child, start=date(2025, 7, 5))
    EpisodeFactory(care_period=second, legal_status="V3", placement="U6")
    refresh_review_clock([second.id])
    second.refresh_from_db()
    assert second.next_review_due == date(2025, 9, 14)

    second.end, second.reason_ceased = date(2025, 7, 7), "E4A"
    second.save()
    third = CarePeriodFactory(child=child, start=date(2025, 9, 10))
    EpisodeFactory(care_period=third, legal_status="V3", placement="U6")
    ReviewFactory(care_period=third, held=date(2025, 9, 11))
    assert _clock(third, date(2025, 9, 12)) == (date(2026, 3, 11), 1, DueStatus.IN_DATE)


def test_authority_to_place_not_yet_placed_brings_the_next_review_forward():
    # §5.1 AD-COMBINE: reviews Thu 30 Jan and Mon 28 Apr 2025 put the looked-after clock's
    # next review at Tue 28 Oct 2025; the placement order (E1) of Mon 2 Jun 2025 wants the
    # first adoption review within 3 months, by Tue 2 Sep 2025. The earlier is due.
    waiting = _period(
        date(2025, 1, 6),
        (date(2025, 1, 6), "C2", "U4"),
        (date(2025, 6, 2), "E1", "U4"),
        held=[date(2025, 1, 30), date(2025, 4, 28)],
    )
    assert _clock(waiting, date(2025, 9, 3)) == (date(2025, 9, 2), 2, DueStatus.OVERDUE)
