"""The demo council's establishment, agency and interim staff and absences (pure Python,
deterministic: no random numbers are drawn, so the rest of the council is unchanged).

- **Posts.** Each IRO the service employed (not an agency locum) held a post of their FTE
  in their team from their first day. When they leave, the post stays open and vacant for
  a recruitment gap (none, or about 1½, 2½ or 3½ months, by the IRO) before it ends; a gap
  that reaches the council's day leaves the post open and vacant then. Each foster carer
  reviewing officer holds a post of their own (no team).
- **Agency and interim.** The locums the staffing simulation hires to cover absences
  (irohub.demo.staffing) work on agency terms, one in four as interim; and one recruit in
  four starts through an agency (one in eight as interim) for their first six months,
  covering their vacant post until they are employed.
- **Absence.** The staffing simulation's long-term absences, as sickness, one in four as
  parental leave; and short spells of sickness (2 to 9 days) in about one year in three
  for each IRO, from six years before the council's day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from irohub.demo.staffing import IRODraft

__all__ = ["AbsenceRow", "DemoEstablishment", "PostRow", "TermsRow", "establishment"]

VACANCY_DAYS = (0, 45, 75, 105)  # by the leaver's key


@dataclass(frozen=True, slots=True)
class PostRow:
    team: int | None  # the council's team key; None: no team (a reviewing officer's post)
    role: str  # "iro" or "firo" (irohub.records.workforce.ROLES)
    fte: Decimal
    start_date: date
    end_date: date | None
    title: str = ""


@dataclass(frozen=True, slots=True)
class TermsRow:
    iro: int  # the IRO's key
    basis: str
    fte: Decimal
    start_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class AbsenceRow:
    iro: int
    reason: str
    start_date: date
    end_date: date | None


@dataclass
class DemoEstablishment:
    posts: list[PostRow] = field(default_factory=list)
    terms: list[TermsRow] = field(default_factory=list)
    absences: list[AbsenceRow] = field(default_factory=list)


def establishment(iros: list[IRODraft], as_of: date) -> DemoEstablishment:
    """The IRO posts, agency and interim terms and absences of the simulated workforce."""
    out = DemoEstablishment()
    number = 0
    for iro in iros:
        if iro.locum:
            basis = "interim" if iro.key % 4 == 3 else "agency"
            out.terms.append(TermsRow(iro.key, basis, iro.fte, iro.start, iro.end))
            continue
        number += 1
        if iro.key % 4 == 2:
            basis = "interim" if iro.key % 8 == 6 else "agency"
            until = iro.start + timedelta(days=182)
            if iro.end is not None and iro.end < until:
                until = iro.end
            out.terms.append(TermsRow(iro.key, basis, iro.fte, iro.start, until))
        end = None
        if iro.end is not None:
            end = iro.end + timedelta(days=VACANCY_DAYS[iro.key % len(VACANCY_DAYS)])
            if end >= as_of:
                end = None  # still vacant on the council's day
        out.posts.append(PostRow(iro.team, "iro", iro.fte, iro.start, end, f"IRO post {number}"))
        for n, (first, last) in enumerate(iro.absences):
            assert first is not None
            reason = "parental" if (iro.key + n) % 4 == 1 else "sickness"
            out.absences.append(AbsenceRow(iro.key, reason, first, last))
        out.absences += _short_spells(iro, as_of)
    return out


def _short_spells(iro: IRODraft, as_of: date) -> list[AbsenceRow]:
    """Short sickness in some years, never overlapping a long absence, while in post."""
    spells = []
    for year in range(as_of.year - 6, as_of.year + 1):
        if (iro.key * 7 + year) % 3:
            continue
        first = date(year, 1 + (iro.key * 5 + year) % 12, 1 + (iro.key + year) % 20)
        last = first + timedelta(days=1 + (iro.key + year) % 8)
        if first < iro.start or last >= as_of or (iro.end is not None and last > iro.end):
            continue
        if any(
            start is not None and start <= last and (end is None or end >= first)
            for start, end in iro.absences
        ):
            continue
        spells.append(AbsenceRow(iro.key, "sickness", first, last))
    return spells


def reviewing_officer_posts(
    officers: list[tuple[Decimal, date, date | None]],
) -> list[PostRow]:
    """A post for each foster carer reviewing officer (FTE, first and last day)."""
    return [
        PostRow(None, "firo", fte, start, end, f"Foster carer reviewing officer post {n}")
        for n, (fte, start, end) in enumerate(officers, start=1)
    ]
