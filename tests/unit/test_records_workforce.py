"""The workforce arithmetic (irohub.records.workforce): FTE in post on a day, vacancies,
agency and interim cover, absence and the history by month — hand-worked cases, then
properties that hold for any workforce."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.records.fostering import Fostering, ReviewingOfficerRecord
from irohub.records.register import IroRecord, Register
from irohub.records.workforce import (
    AGENCY,
    EMPLOYED,
    FIRO,
    INTERIM,
    IRO,
    AbsenceRecord,
    PostRecord,
    StaffRecord,
    TermsRecord,
    Workforce,
    fte_in_post,
    month_ends,
    monthly_history,
    snapshot,
    staff_of,
)

D = date

# A worked example, by hand:
#   posts     North IRO 1.0, 1.0, 0.5 (the 0.5 closes 30 September 2024); South IRO 1.0;
#             a foster carer reviewing officer post of 0.8 (no team).
#   staff     Alice North 1.0; Bob North 1.0, but 0.6 from 1 January 2024 (terms);
#             Carol North, agency at 1.0, 1 February to 30 June 2024; Dan South 1.0 from
#             1 June 2023; Fay, reviewing officer, 0.8.
#   absence   Dan sick from 1 March 2024 (open); Alice sick 25 to 31 March 2024.
POSTS = (
    PostRecord("1", "North", IRO, 1.0, D(2023, 4, 1)),
    PostRecord("2", "North", IRO, 1.0, D(2023, 4, 1)),
    PostRecord("3", "North", IRO, 0.5, D(2023, 4, 1), D(2024, 9, 30)),
    PostRecord("4", "South", IRO, 1.0, D(2023, 4, 1)),
    PostRecord("5", "", FIRO, 0.8, D(2023, 4, 1)),
)
STAFF = (
    StaffRecord("iro:1", "Alice", "North", IRO, 1.0, D(2020, 1, 6)),
    StaffRecord(
        "iro:2",
        "Bob",
        "North",
        IRO,
        1.0,
        D(2019, 9, 2),
        terms=(TermsRecord("iro:2", D(2024, 1, 1), 0.6),),
    ),
    StaffRecord(
        "iro:3",
        "Carol",
        "North",
        IRO,
        1.0,
        D(2024, 2, 1),
        D(2024, 6, 30),
        terms=(TermsRecord("iro:3", D(2024, 2, 1), 1.0, AGENCY, D(2024, 6, 30)),),
    ),
    StaffRecord("iro:4", "Dan", "South", IRO, 1.0, D(2023, 6, 1)),
    StaffRecord("firo:1", "Fay", "", FIRO, 0.8, D(2018, 4, 1)),
)
ABSENCES = (
    AbsenceRecord("iro:4", D(2024, 3, 1)),
    AbsenceRecord("iro:1", D(2024, 3, 25), end=D(2024, 3, 31)),
)
WORKFORCE = Workforce(POSTS, absences=ABSENCES)


def test_fte_in_post_worked_example() -> None:
    day = D(2024, 3, 31)
    # 1.0 + 0.6 (Bob's terms) + 1.0 (Carol, agency) + 1.0 + 0.8
    assert fte_in_post(STAFF, day) == 4.4
    assert fte_in_post(STAFF, day, role=IRO) == 3.6
    assert fte_in_post(STAFF, day, team="North") == 2.6
    assert fte_in_post(STAFF, day, basis=AGENCY) == 1.0
    # Before Bob's terms began, and before Carol and Dan joined.
    assert fte_in_post(STAFF, D(2023, 5, 31), role=IRO) == 2.0
    # After Carol left; Bob still at 0.6.
    assert fte_in_post(STAFF, D(2024, 7, 1), team="North") == 1.6
    # Days in post are inclusive: Carol's last day counts, the day after does not.
    assert fte_in_post(STAFF, D(2024, 6, 30), basis=AGENCY) == 1.0
    assert fte_in_post(STAFF, D(2024, 7, 1), basis=AGENCY) == 0.0


def test_snapshot_worked_example() -> None:
    seen = snapshot(STAFF, WORKFORCE, D(2024, 3, 31))
    assert (seen.posts, seen.establishment) == (5, 4.3)
    assert (seen.in_post, seen.people) == (4.4, 5)
    assert (seen.employed, seen.agency, seen.interim) == (3.4, 1.0, 0.0)
    # North: 2.5 established, 1.6 employed → 0.9 vacant (Carol, agency, covers it);
    # South and the reviewing officer post are filled.
    assert seen.vacant == 0.9
    # Dan (1.0) absent 31 days: long-term; Alice (1.0) 7 days: short-term.
    assert (seen.absent, seen.long_term_absent, seen.people_absent) == (2.0, 1.0, 2)
    assert seen.available == 2.4
    assert round(seen.vacancy_percent or 0, 1) == 20.9


def test_snapshot_of_one_team_and_role() -> None:
    north = snapshot(STAFF, WORKFORCE, D(2024, 3, 31), team="North")
    assert (north.establishment, north.in_post, north.vacant, north.absent) == (2.5, 2.6, 0.9, 1.0)
    firos = snapshot(STAFF, WORKFORCE, D(2024, 3, 31), role=FIRO)
    assert (firos.establishment, firos.in_post, firos.vacant) == (0.8, 0.8, 0.0)


def test_staff_above_establishment_in_one_team_do_not_hide_a_vacancy_in_another() -> None:
    posts = (PostRecord("1", "North", IRO, 1.0, D(2024, 1, 1)),)
    staff = (
        StaffRecord("iro:1", "A", "South", IRO, 1.0, D(2024, 1, 1)),
        StaffRecord("iro:2", "B", "South", IRO, 1.0, D(2024, 1, 1)),
    )
    seen = snapshot(staff, Workforce(posts), D(2024, 2, 1))
    assert (seen.establishment, seen.in_post, seen.vacant) == (1.0, 2.0, 1.0)


def test_long_term_absence_is_four_weeks() -> None:
    open_ended = AbsenceRecord("iro:1", D(2024, 3, 1))
    assert not open_ended.long_term_on(D(2024, 3, 27))  # day 27
    assert open_ended.long_term_on(D(2024, 3, 28))  # day 28
    planned = AbsenceRecord("iro:1", D(2024, 3, 1), end=D(2024, 4, 15))
    assert planned.long_term_on(D(2024, 3, 2))  # known to run 46 days
    assert not planned.long_term_on(D(2024, 4, 16))  # over
    short = AbsenceRecord("iro:1", D(2024, 3, 1), end=D(2024, 3, 27))
    assert not short.long_term_on(D(2024, 3, 27))


def test_the_latest_terms_win_where_two_overlap() -> None:
    person = StaffRecord(
        "iro:1",
        "A",
        "North",
        IRO,
        1.0,
        D(2024, 1, 1),
        terms=(
            TermsRecord("iro:1", D(2024, 1, 1), 0.8),
            TermsRecord("iro:1", D(2024, 3, 1), 0.5, INTERIM, D(2024, 3, 31)),
        ),
    )
    assert person.fte_on(D(2024, 2, 1)) == 0.8
    assert (person.fte_on(D(2024, 3, 15)), person.basis_on(D(2024, 3, 15))) == (0.5, INTERIM)
    assert (person.fte_on(D(2024, 4, 1)), person.basis_on(D(2024, 4, 1))) == (0.8, EMPLOYED)
    assert person.fte_on(D(2023, 12, 31)) == 0.0  # not yet in post, whatever the terms


def test_monthly_history() -> None:
    history = monthly_history(STAFF, WORKFORCE, D(2024, 1, 15), D(2024, 4, 2), role=IRO)
    assert [s.day for s in history] == [
        D(2024, 1, 31),
        D(2024, 2, 29),
        D(2024, 3, 31),
        D(2024, 4, 30),
    ]
    assert [s.in_post for s in history] == [2.6, 3.6, 3.6, 3.6]
    assert [s.agency for s in history] == [0.0, 1.0, 1.0, 1.0]
    assert month_ends(D(2024, 12, 1), D(2025, 1, 1)) == [D(2024, 12, 31), D(2025, 1, 31)]


def test_staff_of_a_register_takes_iros_and_reviewing_officers_with_their_terms() -> None:
    register = Register(
        children=(),
        staff=(IroRecord("7", "Alice", "North", 1.0, D(2020, 1, 1)),),
        fostering=Fostering(
            reviewing_officers=(ReviewingOfficerRecord("7", "Fay", 0.5, D(2020, 1, 1)),)
        ),
        workforce=Workforce(terms=(TermsRecord("iro:7", D(2024, 1, 1), 0.4, AGENCY),)),
    )
    staff = staff_of(register)
    assert [(p.person_id, p.role, p.team) for p in staff] == [
        ("iro:7", IRO, "North"),
        ("firo:7", FIRO, ""),
    ]
    assert fte_in_post(staff, D(2024, 2, 1)) == 0.9
    assert fte_in_post(staff, D(2023, 2, 1)) == 1.5
    assert staff_of(Register(children=())) == ()


# --- properties -------------------------------------------------------------------------

START = D(2023, 1, 1)
days = st.integers(0, 900).map(lambda n: START + timedelta(days=n))
ftes = st.sampled_from([0.1, 0.2, 0.5, 0.6, 0.8, 1.0])
teams = st.sampled_from(["North", "South", ""])
roles = st.sampled_from([IRO, FIRO])
bases = st.sampled_from([EMPLOYED, AGENCY, INTERIM])


@st.composite
def spans(draw: st.DrawFn) -> tuple[date, date | None]:
    start = draw(days)
    length = draw(st.none() | st.integers(0, 400))
    return start, None if length is None else start + timedelta(days=length)


@st.composite
def people(draw: st.DrawFn) -> tuple[StaffRecord, ...]:
    out = []
    for n in range(draw(st.integers(0, 8))):
        start, end = draw(spans())
        terms = tuple(
            TermsRecord(f"p{n}", s, draw(ftes), draw(bases), e)
            for s, e in draw(st.lists(spans(), max_size=2))
        )
        out.append(
            StaffRecord(f"p{n}", f"P{n}", draw(teams), draw(roles), draw(ftes), start, end, terms)
        )
    return tuple(out)


@st.composite
def workforces(draw: st.DrawFn, staff: tuple[StaffRecord, ...]) -> Workforce:
    posts = tuple(
        PostRecord(str(n), draw(teams), draw(roles), draw(ftes), *draw(spans()))
        for n in range(draw(st.integers(0, 8)))
    )
    absences = tuple(
        AbsenceRecord(p.person_id, s, "sickness", e)
        for p in staff
        for s, e in draw(st.lists(spans(), max_size=1))
    )
    return Workforce(posts, absences=absences)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), day=days)
def test_the_parts_add_up(data: st.DataObject, day: date) -> None:
    staff = data.draw(people())
    workforce = data.draw(workforces(staff))
    seen = snapshot(staff, workforce, day)
    # Every FTE in post is employed, agency or interim (to the rounding of each part).
    assert abs(seen.in_post - (seen.employed + seen.agency + seen.interim)) < 0.015
    assert seen.in_post == fte_in_post(staff, day)
    by_team = sum(fte_in_post(staff, day, team=t) for t in ("North", "South", ""))
    assert abs(by_team - seen.in_post) < 0.015
    assert 0 <= seen.vacant <= seen.establishment
    assert 0 <= seen.long_term_absent <= seen.absent <= seen.in_post
    assert seen.people_absent <= seen.people == sum(p.in_post_on(day) for p in staff)
    # Nobody in post, nothing in post.
    if not any(p.in_post_on(day) for p in staff):
        assert seen.in_post == 0


@settings(max_examples=60, deadline=None)
@given(data=st.data(), first=days, months=st.integers(0, 30))
def test_the_history_is_one_snapshot_per_month_end(
    data: st.DataObject, first: date, months: int
) -> None:
    staff = data.draw(people())
    workforce = data.draw(workforces(staff))
    last = first + timedelta(days=months * 31)
    history = monthly_history(staff, workforce, first, last)
    assert history[0].day.month == first.month and history[-1].day.month == last.month
    for seen in history:
        assert (seen.day + timedelta(days=1)).day == 1
        assert seen == snapshot(staff, workforce, seen.day)
