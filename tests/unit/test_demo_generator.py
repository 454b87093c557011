"""The synthetic council generator (pure Python): determinism, SSDA903 shapes, the review
clock and believable distributions."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from irohub.demo.generator import DemoCouncil, generate_council
from irohub.records import codes
from irohub.statutory import (
    CarePeriodFacts,
    care_period_schedules,
    default_calendar,
)

AS_OF = date(2025, 3, 31)


@pytest.fixture(scope="module")
def council() -> DemoCouncil:
    return generate_council(children=400, years=6, seed=11, as_of=AS_OF)


def plus_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def test_same_seed_same_council_and_another_seed_another() -> None:
    first = generate_council(children=120, years=6, seed=5, as_of=AS_OF)
    again = generate_council(children=120, years=6, seed=5, as_of=AS_OF)
    other = generate_council(children=120, years=6, seed=6, as_of=AS_OF)
    assert first == again
    assert first.children != other.children
    assert first.reviews != other.reviews


def test_n_distinct_children_with_council_identifiers(council: DemoCouncil) -> None:
    assert len(council.children) == 400
    identifiers = [c.identifier for c in council.children]
    assert len(set(identifiers)) == 400
    assert all(re.fullmatch(r"DC\d{6}", i) for i in identifiers)
    assert identifiers[0] == "DC000001"
    assert all(c.date_of_birth.strftime("%m-%d") != "02-29" for c in council.children)


def test_rejects_sizes_below_one() -> None:
    with pytest.raises(ValueError, match="children"):
        generate_council(children=0, years=1, seed=1, as_of=AS_OF)
    with pytest.raises(ValueError, match="years"):
        generate_council(children=1, years=0, seed=1, as_of=AS_OF)


def test_care_periods_do_not_overlap_and_end_by_the_18th_birthday(council: DemoCouncil) -> None:
    by_child = defaultdict(list)
    for period in council.care_periods:
        by_child[period.child].append(period)
    for child in council.children:
        periods = by_child[child.key]
        assert periods, child
        eighteen = plus_years(child.date_of_birth, 18)
        for earlier, later in pairwise(periods):
            assert earlier.end is not None and earlier.end < later.start
        for period in periods:
            assert child.date_of_birth <= period.start <= AS_OF
            assert period.start < eighteen
            if period.end is None:
                assert period.reason_ceased == ""
                assert eighteen > AS_OF
            else:
                assert period.start <= period.end <= min(AS_OF, eighteen)
                assert period.reason_ceased in codes.REASON_CEASED
                assert period.reason_ceased != "X1"
            if period.reason_ceased == "E17":
                assert period.end == eighteen  # "aged 18 and remained with carers"
    # Everyone counted was in care at some point in the window.
    assert all(
        any(p.end is None or p.end >= council.window_start for p in by_child[c.key])
        for c in council.children
    )


def test_episode_chains_are_continuous_with_the_right_reasons(council: DemoCouncil) -> None:
    episodes = defaultdict(list)
    for episode in council.episodes:
        episodes[episode.care_period].append(episode)
    for period in council.care_periods:
        chain = episodes[period.key]
        assert chain[0].start == period.start and chain[0].reason_new_episode == "S"
        assert chain[-1].end == period.end and chain[-1].reason_ceased == period.reason_ceased
        assert len({e.category_of_need for e in chain}) == 1  # fixed for a period (rule 504)
        for before, after in pairwise(chain):
            assert before.end == after.start and before.reason_ceased == "X1"
            assert after.reason_new_episode != "S"
            ls_changed = before.legal_status != after.legal_status
            place_changed = after.reason_new_episode in "PTBU"
            assert ls_changed == (after.reason_new_episode in "LBU"), (before, after)
            if after.reason_new_episode == "L":
                assert before.placement == after.placement
            assert bool(before.reason_place_change) == place_changed
        for episode in chain:
            assert episode.end is None or episode.start <= episode.end


def test_episode_codes_fit_the_child(council: DemoCouncil) -> None:
    periods = {p.key: p for p in council.care_periods}
    children = {c.key: c for c in council.children}
    for e in council.episodes:
        child = children[periods[e.care_period].child]
        age = (e.start - child.date_of_birth).days / 365.25
        assert e.legal_status in codes.LEGAL_STATUS
        assert e.placement in codes.PLACEMENT
        assert e.category_of_need in codes.CATEGORY_OF_NEED
        assert e.reason_new_episode in codes.REASON_NEW_EPISODE
        assert e.reason_place_change in ("", *codes.REASON_PLACE_CHANGE)
        assert e.placement_provider in ("", *codes.PLACEMENT_PROVIDER)
        if e.placement in ("K3", "H5"):
            assert e.start >= plus_years(child.date_of_birth, 16)
        if e.legal_status == "J1":
            assert age >= 10
        if e.placement == "P1":
            assert e.legal_status in ("C1", "C2") and e.placement_provider == "PR0"
        if e.placement in ("P1", "R1", "R5"):
            assert e.urn == ""
        if e.placement in codes.ADOPTION_PLACEMENTS:
            assert e.legal_status == "E1"


def test_reviews_follow_the_statutory_clock(council: DemoCouncil) -> None:
    calendar = default_calendar()
    children = {c.key: c for c in council.children}
    held = defaultdict(list)
    for review in council.reviews:
        held[review.care_period].append(review)
    short_break_only = {
        e.care_period for e in council.episodes if e.legal_status in ("V3", "V4")
    } - {e.care_period for e in council.episodes if e.legal_status not in ("V3", "V4")}
    assert short_break_only, "the council should have some short breaks"
    on_time = total = 0
    series: dict[int, list] = defaultdict(list)  # a child's short breaks: one reg 48 clock
    by_period = defaultdict(list)
    for e in council.episodes:
        by_period[e.care_period].append(e)
    for period in council.care_periods:
        reviews = held[period.key]
        if period.key in short_break_only:
            series[period.child].append(period)
            continue
        dates = [r.held for r in reviews]
        assert dates == sorted(set(dates))  # one a day, in order
        for review in reviews:
            assert period.start <= review.held <= min(period.end or AS_OF, AS_OF)
            assert review.child == period.child
            under_4 = review.held < plus_years(children[review.child].date_of_birth, 4)
            assert (review.participation == "PN0") == under_4
        # Each review timed by the regime in force (a placement order brings the next review
        # forward, AD-COMBINE; a placement for adoption restarts the clock, AD-3 to AD-5).
        facts = CarePeriodFacts(period.start, period.end, by_period[period.key], dates)
        (schedule,) = care_period_schedules([facts], calendar=calendar)
        assert [t.due for t in schedule.reviews] == [r.due for r in reviews]
        on_time += sum(t.on_time for t in schedule.reviews)
        total += len(schedule.reviews)
    assert 85 <= 100 * on_time / total <= 97
    assert 85 <= council.reviews_on_time_percent() <= 97
    # Children on short breaks have their reg 48 reviews (SB-1, SB-2), on a day of a break,
    # timed as the review clock's cache times them: none shows as overdue for want of one.
    episodes = defaultdict(list)
    for e in council.episodes:
        episodes[e.care_period].append(e)
    with_reviews = 0
    for periods in series.values():
        facts = [
            CarePeriodFacts(p.start, p.end, episodes[p.key], [r.held for r in held[p.key]])
            for p in periods
        ]
        schedules = care_period_schedules(facts, calendar=calendar)
        dues = [t.due for s in schedules for t in s.reviews]
        assert dues == [r.due for p in periods for r in held[p.key]]
        with_reviews += bool(dues)
        last = schedules[-1]
        assert last.next_due is None or last.next_due >= AS_OF - timedelta(days=60)
    assert with_reviews
    assert 90 <= council.participation_percent() <= 98


def test_allocations_one_iro_at_a_time_siblings_together(council: DemoCouncil) -> None:
    calendar = default_calendar()
    iros = {i.key: i for i in council.iros}
    by_child = defaultdict(list)
    for allocation in council.allocations:
        by_child[allocation.child].append(allocation)
        iro = iros[allocation.iro]
        assert iro.start_date <= allocation.start
        assert iro.end_date is None or (
            allocation.end is not None and allocation.end <= iro.end_date
        )
    for allocations in by_child.values():
        for before, after in pairwise(allocations):
            assert before.end is not None and before.end < after.start
    # Allocated within 0-3 working days of coming into care.
    for period in council.care_periods:
        first = next(
            (
                a
                for a in by_child[period.child]
                if a.start >= period.start and (period.end is None or a.start <= period.end)
            ),
            None,
        )
        if first is None:
            assert period.end is not None and (period.end - period.start).days <= 7
            continue
        latest = calendar.add_working_days(period.start, 3)
        assert period.start <= first.allocated_on <= latest
    # The chair is the IRO allocated on the day.
    for review in council.reviews:
        current = [
            a.iro
            for a in by_child[review.child]
            if a.start <= review.held and (a.end is None or review.held <= a.end)
        ]
        assert current == [review.chair]
    # Brothers and sisters in care on the same day have the same IRO.
    group_of = {c.key: c.sibling_group for c in council.children}
    for day in (council.window_start, date(2022, 6, 1), AS_OF):
        iro_of_group = defaultdict(set)
        for child, allocations in by_child.items():
            if group_of[child] is None:
                continue
            for a in allocations:
                if a.start <= day and (a.end is None or day <= a.end):
                    iro_of_group[group_of[child]].add(a.iro)
        assert all(len(iros) == 1 for iros in iro_of_group.values())


def test_caseloads_and_workforce(council: DemoCouncil) -> None:
    assert 65 <= council.children_per_fte() <= 110
    for year in range(council.window_start.year + 1, AS_OF.year + 1):
        assert 60 <= council.children_per_fte(date(year, 3, 31)) <= 115
    allowed = {Decimal(f) for f in ("0.40", "0.50", "0.60", "0.80", "1.00")}
    assert all(i.fte in allowed for i in council.iros)
    assert all(i.end_date is None or i.start_date <= i.end_date for i in council.iros)
    assert len({i.username for i in council.iros}) == len(council.iros)
    assert len({t.name for t in council.teams}) == len(council.teams)


def test_believable_distributions() -> None:
    council = generate_council(children=1500, years=8, seed=2, as_of=AS_OF)
    children = council.children
    n = len(children)
    assert 0.50 <= sum(c.sex == "M" for c in children) / n <= 0.62
    assert 0.45 <= sum(c.ethnicity == "WBRI" for c in children) / n <= 0.68
    assert 0.02 <= sum(c.uasc for c in children) / n <= 0.09
    assert 0.04 <= sum(c.disability for c in children) / n <= 0.13
    assert 0.2 <= sum(c.sibling_group is not None for c in children) / n <= 0.4
    first_episodes = {}
    for e in council.episodes:
        first_episodes.setdefault(e.care_period, e)
    need = [e.category_of_need for e in first_episodes.values()]
    assert 0.5 <= need.count("N1") / len(need) <= 0.7
    # On as_of: care orders the commonest legal status, foster care most placements.
    last = {}
    for e in council.episodes:
        last[e.care_period] = e
    open_now = [last[p.key] for p in council.care_periods if p.end is None]
    legal = [e.legal_status for e in open_now]
    assert max(set(legal), key=legal.count) == "C2"
    foster = sum(e.placement in ("U1", "U2", "U3", "U4", "U5", "U6") for e in open_now)
    assert 0.55 <= foster / len(open_now) <= 0.85
    # Some children come back into care.
    periods_per_child = defaultdict(int)
    for p in council.care_periods:
        periods_per_child[p.child] += 1
    assert 0.03 <= sum(v > 1 for v in periods_per_child.values()) / n <= 0.25
