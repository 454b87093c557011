"""The demo's children's social care: every day of every care period is held by exactly one
social worker of a team that fits the child, and the draw is repeatable."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from irohub.demo.generator import generate_council
from irohub.demo.social_work import (
    DISABLED_CHILDREN_TEAM,
    TEAMS,
    CareSpan,
    draw_social_work,
)

AS_OF = date(2026, 3, 31)


def test_each_care_period_is_held_end_to_end_without_overlap():
    council = generate_council(children=300, years=3, seed=4, as_of=AS_OF)
    drawn = council.social_work
    held: dict[int, list] = {}
    for row in drawn.allocations:
        held.setdefault(row.child, []).append(row)
    for period in council.care_periods:
        rows = sorted(
            (
                r
                for r in held[period.child]
                if r.start >= period.start and (period.end is None or r.start <= period.end)
            ),
            key=lambda r: r.start,
        )
        assert rows[0].start == period.start
        for before, after in pairwise(rows):
            assert before.end is not None and after.start == before.end + timedelta(days=1)
        assert rows[-1].end == period.end  # open to the end, or still held today
    # Enough social workers for about 15 children each, in every team.
    in_care = council.in_care_on(AS_OF)
    assert len(drawn.social_workers) * 15 >= in_care
    assert {w.team for w in drawn.social_workers} == set(range(len(TEAMS)))


def test_disabled_children_are_mostly_held_by_the_disabled_childrens_team():
    spans = [
        CareSpan(
            child=n, start=date(2024, 1, 1), end=None, date_of_birth=date(2015, 1, 1), disabled=True
        )
        for n in range(200)
    ]
    drawn = draw_social_work(spans, seed=1, in_care_now=200, as_of=AS_OF)
    team_of = {w.key: w.team for w in drawn.social_workers}
    disabled = TEAMS.index(DISABLED_CHILDREN_TEAM)
    share = sum(team_of[a.social_worker] == disabled for a in drawn.allocations) / len(
        drawn.allocations
    )
    assert 0.7 < share < 0.9


def test_the_draw_is_repeatable():
    first = generate_council(children=120, years=2, seed=9, as_of=AS_OF)
    second = generate_council(children=120, years=2, seed=9, as_of=AS_OF)
    assert first.social_work == second.social_work
    assert first.reviews == second.reviews
