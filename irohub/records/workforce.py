"""The IRO service's workforce over time: the establishment (posts), the staff in post and
the terms they work on (FTE, employed, agency or interim), and their absences — so that
the FTE in post, the vacancies and the FTE absent on any day are known (spec
measures.md M-WF-03; issue 17).

THE rule for FTE in post on a day is `StaffRecord.fte_on` (summed by `fte_in_post`): the
caseload per FTE (M-WF-01), the establishment figures (M-WF-03c), the team page, the
annual report and the caseload forecast all read it.

- A person (an IRO, or a foster carer reviewing officer) is in post from their first day
  to their last (inclusive), as `IroRecord.in_post_on` says.
- On a day in post they work the FTE of the terms covering that day; with no terms
  covering it, the FTE the register keeps for them (today's), employed. Terms are how a
  change of hours, or a spell as an agency or interim worker, is dated.
- The establishment on a day is the posts open that day (funded, filled or not).
- Vacant FTE, per team and role: the establishment not filled by employed staff (agency
  and interim staff cover vacancies: councils report them apart, as Wolverhampton and
  Bradford do), never below 0 within a team and role, so staff above establishment in one
  team do not hide a vacancy in another.
- Absent on a day: an absence covering it (first and last day inclusive; open-ended while
  it lasts); long-term once it runs to LONG_TERM_DAYS calendar days or more.

Pure Python: no Django. Figures are rounded to the hundredth the register keeps (FTE has
two decimal places), so sums do not show float noise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from irohub.records.register import Register

__all__ = [
    "ABSENCE_REASONS",
    "AGENCY",
    "BASES",
    "EMPLOYED",
    "FIRO",
    "INTERIM",
    "IRO",
    "LONG_TERM_DAYS",
    "ROLES",
    "SICKNESS",
    "AbsenceRecord",
    "PostRecord",
    "StaffRecord",
    "TermsRecord",
    "Workforce",
    "WorkforceSnapshot",
    "fte_in_post",
    "month_ends",
    "monthly_history",
    "snapshot",
    "staff_of",
]

IRO = "iro"
FIRO = "firo"
ROLES: dict[str, str] = {
    IRO: "Independent reviewing officer",
    FIRO: "Foster carer reviewing officer",
}

EMPLOYED = "employed"
AGENCY = "agency"
INTERIM = "interim"
BASES: dict[str, str] = {
    EMPLOYED: "Employed (permanent or fixed term)",
    AGENCY: "Agency",
    INTERIM: "Interim",
}

SICKNESS = "sickness"
ABSENCE_REASONS: dict[str, str] = {
    SICKNESS: "Sickness",
    "parental": "Maternity, paternity or adoption leave",
    "other": "Other leave (secondment, unpaid leave, suspension)",
}

# Long-term absence: four weeks or more, the threshold councils' sickness policies use.
LONG_TERM_DAYS = 28


def _fte(value: float) -> float:
    return round(value, 2) + 0.0  # + 0.0: never "-0.0"


@dataclass(frozen=True, slots=True)
class PostRecord:
    """A post of the establishment: `fte` in `team` ("" when it belongs to no team, as a
    foster carer reviewing officer) and `role`, open from `start` until `end` (inclusive;
    None while it lasts)."""

    post_id: str
    team: str
    role: str
    fte: float
    start: date
    end: date | None = None

    def open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class TermsRecord:
    """A person worked `fte` on `basis` (EMPLOYED, AGENCY, INTERIM) from `start` until
    `end` (inclusive; None while it lasts)."""

    person_id: str
    start: date
    fte: float
    basis: str = EMPLOYED
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class StaffRecord:
    """A person of the service in post from `start` until `end` (inclusive), in `team`
    ("" for none) and `role`, at `fte` unless `terms` cover a day. `person_id` is
    "iro:<id>" or "firo:<id>" (see `staff_of`)."""

    person_id: str
    name: str
    team: str
    role: str
    fte: float
    start: date
    end: date | None = None
    terms: tuple[TermsRecord, ...] = ()

    def in_post_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def terms_on(self, day: date) -> TermsRecord | None:
        """The terms covering `day` (the latest starting, when two overlap)."""
        found = None
        for terms in self.terms:
            if terms.covers(day) and (found is None or terms.start >= found.start):
                found = terms
        return found

    def fte_on(self, day: date) -> float:
        """THE FTE in post rule: 0 when not in post; else the FTE of the terms covering the
        day, or the register's FTE."""
        if not self.in_post_on(day):
            return 0.0
        terms = self.terms_on(day)
        return terms.fte if terms is not None else self.fte

    def basis_on(self, day: date) -> str:
        terms = self.terms_on(day)
        return terms.basis if terms is not None else EMPLOYED


@dataclass(frozen=True, slots=True)
class AbsenceRecord:
    """`person_id` was absent for `reason` from `start` until `end` (inclusive; None while
    it lasts)."""

    person_id: str
    start: date
    reason: str = SICKNESS
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def days(self, until: date) -> int:
        """Calendar days of the absence up to `until` (inclusive): its length when ended."""
        last = until if self.end is None else min(self.end, until)
        return max(0, (last - self.start).days + 1)

    def long_term_on(self, day: date) -> bool:
        """Absent on `day` in an absence of LONG_TERM_DAYS or more: one already that long
        by the day, or one that ran (ended) that long in all."""
        if not self.covers(day):
            return False
        total = self.days(self.end) if self.end is not None else self.days(day)
        return total >= LONG_TERM_DAYS


@dataclass(frozen=True, slots=True)
class Workforce:
    """What the database holds beyond the register's staff: the posts of the
    establishment, the dated terms people worked on, and absences."""

    posts: tuple[PostRecord, ...] = ()
    terms: tuple[TermsRecord, ...] = ()
    absences: tuple[AbsenceRecord, ...] = ()


def _select(team: str | None, role: str | None, item_team: str, item_role: str) -> bool:
    return (team is None or item_team == team) and (role is None or item_role == role)


def fte_in_post(
    staff: Iterable[StaffRecord],
    day: date,
    *,
    team: str | None = None,
    role: str | None = None,
    basis: str | None = None,
) -> float:
    """The FTE in post on `day`: of one team, role or basis when given (None: all)."""
    return _fte(
        sum(
            person.fte_on(day)
            for person in staff
            if _select(team, role, person.team, person.role)
            and (basis is None or person.basis_on(day) == basis)
        )
    )


@dataclass(frozen=True, slots=True)
class WorkforceSnapshot:
    """The workforce on one day (all FTE): see the module's rules."""

    day: date
    posts: int
    establishment: float
    in_post: float
    people: int
    employed: float
    agency: float
    interim: float
    vacant: float
    absent: float
    long_term_absent: float
    people_absent: int
    by_basis: dict[str, float] = field(default_factory=dict)

    @property
    def available(self) -> float:
        """FTE in post and not absent."""
        return _fte(self.in_post - self.absent)

    @property
    def vacancy_percent(self) -> float | None:
        """Vacant FTE as a percentage of the establishment; None with no establishment."""
        return 100 * self.vacant / self.establishment if self.establishment else None


def snapshot(
    staff: Sequence[StaffRecord],
    workforce: Workforce,
    day: date,
    *,
    team: str | None = None,
    role: str | None = None,
) -> WorkforceSnapshot:
    """The workforce on `day`, of one team and/or role when given."""
    posts = [p for p in workforce.posts if p.open_on(day) and _select(team, role, p.team, p.role)]
    chosen = [p for p in staff if p.in_post_on(day) and _select(team, role, p.team, p.role)]
    fte_by_basis: dict[str, float] = defaultdict(float)
    established: dict[tuple[str, str], float] = defaultdict(float)
    employed: dict[tuple[str, str], float] = defaultdict(float)
    for post in posts:
        established[post.team, post.role] += post.fte
    for person in chosen:
        fte = person.fte_on(day)
        basis = person.basis_on(day)
        fte_by_basis[basis] += fte
        if basis == EMPLOYED:
            employed[person.team, person.role] += fte
    vacant = sum(max(0.0, fte - employed[group]) for group, fte in established.items())
    absent_ids: dict[str, bool] = {}  # person → long-term
    for absence in workforce.absences:
        if absence.covers(day):
            absent_ids[absence.person_id] = absent_ids.get(
                absence.person_id, False
            ) or absence.long_term_on(day)
    absent = [p for p in chosen if p.person_id in absent_ids]
    return WorkforceSnapshot(
        day=day,
        posts=len(posts),
        establishment=_fte(sum(p.fte for p in posts)),
        in_post=_fte(sum(fte_by_basis.values())),
        people=len(chosen),
        employed=_fte(fte_by_basis.get(EMPLOYED, 0.0)),
        agency=_fte(fte_by_basis.get(AGENCY, 0.0)),
        interim=_fte(fte_by_basis.get(INTERIM, 0.0)),
        vacant=_fte(vacant),
        absent=_fte(sum(p.fte_on(day) for p in absent)),
        long_term_absent=_fte(sum(p.fte_on(day) for p in absent if absent_ids[p.person_id])),
        people_absent=len(absent),
        by_basis={basis: _fte(fte) for basis, fte in sorted(fte_by_basis.items())},
    )


def month_ends(first: date, last: date) -> list[date]:
    """The last day of each month from `first`'s month to `last`'s (SNAP-M, spec §0.1)."""
    ends = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(nxt - timedelta(days=1))
        year, month = nxt.year, nxt.month
    return ends


def monthly_history(
    staff: Sequence[StaffRecord],
    workforce: Workforce,
    first: date,
    last: date,
    *,
    team: str | None = None,
    role: str | None = None,
) -> list[WorkforceSnapshot]:
    """The workforce at the end of each month from `first`'s month to `last`'s."""
    return [
        snapshot(staff, workforce, day, team=team, role=role) for day in month_ends(first, last)
    ]


def staff_of(register: Register) -> tuple[StaffRecord, ...]:
    """Every IRO and foster carer reviewing officer the register holds, with the dated
    terms of the register's workforce: the people `fte_in_post` sums. Empty when the
    register holds no staff (an SSDA903 return)."""
    workforce = register.workforce or Workforce()
    terms: dict[str, list[TermsRecord]] = defaultdict(list)
    for record in workforce.terms:
        terms[record.person_id].append(record)
    people = [
        StaffRecord(
            f"iro:{iro.iro_id}",
            iro.name,
            iro.team,
            IRO,
            iro.fte,
            iro.start,
            iro.end,
            tuple(terms.get(f"iro:{iro.iro_id}", ())),
        )
        for iro in register.staff or ()
    ]
    if register.fostering is not None:
        people += [
            StaffRecord(
                f"firo:{officer.firo_id}",
                officer.name,
                "",
                FIRO,
                officer.fte,
                officer.start,
                officer.end,
                tuple(terms.get(f"firo:{officer.firo_id}", ())),
            )
            for officer in register.fostering.reviewing_officers
        ]
    return tuple(people)
