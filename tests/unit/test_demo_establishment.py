"""The demo council's establishment, agency and interim staff and absences (issue 17):
made from the staffing simulation without drawing random numbers, so the same seed gives
the same council and the same workforce; every row falls while its IRO is in post (the
rule the workforce forms apply)."""

from __future__ import annotations

from datetime import date

import pytest

from irohub.demo.generator import DemoCouncil, generate_council
from irohub.records.workforce import (
    AbsenceRecord,
    PostRecord,
    StaffRecord,
    TermsRecord,
    Workforce,
    snapshot,
)

AS_OF = date(2026, 12, 5)


@pytest.fixture(scope="module")
def council() -> DemoCouncil:
    return generate_council(children=1500, years=5, seed=3, as_of=AS_OF)


def as_records(council: DemoCouncil) -> tuple[tuple[StaffRecord, ...], Workforce]:
    rows = council.establishment
    teams = {t.key: t.name for t in council.teams}
    terms: dict[int, list[TermsRecord]] = {}
    for t in rows.terms:
        terms.setdefault(t.iro, []).append(
            TermsRecord(f"iro:{t.iro}", t.start_date, float(t.fte), t.basis, t.end_date)
        )
    staff = tuple(
        StaffRecord(
            f"iro:{i.key}",
            i.username,
            teams[i.team],
            "iro",
            float(i.fte),
            i.start_date,
            i.end_date,
            tuple(terms.get(i.key, ())),
        )
        for i in council.iros
    )
    workforce = Workforce(
        posts=tuple(
            PostRecord(str(n), teams[p.team], p.role, float(p.fte), p.start_date, p.end_date)
            for n, p in enumerate(rows.posts)
        ),
        absences=tuple(
            AbsenceRecord(f"iro:{a.iro}", a.start_date, a.reason, a.end_date) for a in rows.absences
        ),
    )
    return staff, workforce


def test_posts_vacancies_cover_and_absence_are_there_and_plausible(council) -> None:
    rows = council.establishment
    assert rows.posts and rows.absences and rows.terms
    assert {t.basis for t in rows.terms} <= {"agency", "interim"}
    assert {a.reason for a in rows.absences} <= {"sickness", "parental"}
    staff, workforce = as_records(council)
    seen = [snapshot(staff, workforce, day) for day in (date(2024, 3, 31), date(2026, 3, 31))]
    for day in seen:
        # The establishment is about the FTE the service employs: vacancies are a few posts.
        assert day.establishment > 0
        assert 0 <= day.vacant < day.establishment / 2
        assert day.employed <= day.in_post
    # Over five years some posts were vacant on some month end, and someone was absent.
    months = [
        snapshot(staff, workforce, date(y, m, 28)) for y in range(2022, 2027) for m in range(1, 13)
    ]
    assert any(s.vacant > 0 for s in months)
    assert any(s.absent > 0 for s in months)
    assert any(s.agency + s.interim > 0 for s in months)


def test_every_row_falls_while_its_iro_is_in_post(council) -> None:
    iros = {i.key: i for i in council.iros}
    rows = council.establishment
    for row in [*rows.terms, *rows.absences]:
        iro = iros[row.iro]
        assert row.start_date >= iro.start_date
        if iro.end_date is not None:
            assert row.end_date is not None and row.end_date <= iro.end_date
        if row.end_date is not None:
            assert row.end_date >= row.start_date
    for post in rows.posts:
        assert post.end_date is None or post.end_date >= post.start_date


def test_the_same_seed_gives_the_same_workforce(council) -> None:
    again = generate_council(children=1500, years=5, seed=3, as_of=AS_OF)
    assert again.establishment == council.establishment
    assert again.allocations == council.allocations
