"""The IRO's oversight between reviews (M-PAR-03 and its variants) and independent
visitors offered and waiting (M-PAR-07a, M-PAR-07b) — spec/measures.md §B.

They read what IRO Hub records between reviews (irohub.oversight): an SSDA903 return holds
none of it, so from files they say "no data". "The last 6 months" before a snapshot day D
is the days after the same date 6 months earlier, up to and including D (31 March: from
1 October).

- M-PAR-03: children looked after at the end of the period whom their IRO visited or
  checked on midway (with the social worker) in the last 6 months;
- M-PAR-03a: of them, visited by their IRO (Rotherham 2022/23: 52.7%);
- M-PAR-03b: children looked after for 6 months or more at the end of the period with a
  midway check in the last 6 months (Rotherham: 41.8%);
- M-PAR-03c: IRO entries on the case record between reviews (visits, midway checks and
  other entries) per child looked after in the year (Middlesbrough's "IRO footprint").
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.population import looked_after_during, months_before, period_on
from irohub.measures.results import NoData
from irohub.records.oversight import CONTACT_KINDS
from irohub.records.register import ChildRecord, Register

__all__ = ["DEFINITIONS", "OVERSIGHT", "contact_rows", "last_contact"]

NOT_HELD = NoData(
    "The IRO's visits, midway checks and entries on the case record between reviews, and "
    "independent visitors offered, are recorded in IRO Hub; an SSDA903 return does not "
    "hold them."
)
WINDOW_MONTHS = 6
CONTACT_COLUMNS = ("last visit", "last midway check")


def last_contact(
    child: ChildRecord, kinds: Collection[str], first: date, last: date
) -> date | None:
    """The latest of the child's IRO contacts of `kinds` from `first` to `last`."""
    found = None
    for contact in child.iro_contacts:
        if contact.kind in kinds and first <= contact.day <= last:
            found = contact.day if found is None or contact.day > found else found
    return found


def contact_rows(
    register: Register, day: date, kinds: Collection[str], *, settled_months: int = 0
) -> list[Row]:
    """One row per child looked after on `day` (for `settled_months` or more, when given),
    counted when they had an IRO contact of `kinds` in the 6 months up to `day`."""
    first = months_before(day, WINDOW_MONTHS) + _ONE_DAY
    settled_by = months_before(day, settled_months) if settled_months else None
    rows = []
    for child in register.children:
        period = period_on(child, day)
        if period is None or (settled_by is not None and period.start > settled_by):
            continue
        visit = last_contact(child, ("visit",), first, day)
        midway = last_contact(child, ("midway",), first, day)
        counted = last_contact(child, kinds, first, day) is not None
        rows.append(Row(child.child_id, day, counted, (visit, midway)))
    return rows


def _snapshot(kinds: Collection[str], settled_months: int = 0):
    def rows(scope: Scope) -> list[Row] | NoData:
        if not scope.register.oversight_held:
            return NOT_HELD
        return contact_rows(scope.register, scope.year.end, kinds, settled_months=settled_months)

    return rows


def _entries_rows(scope: Scope) -> list[Row] | NoData:
    """Every IRO entry between reviews dated in the year, for a child looked after then."""
    register, year = scope.register, scope.year
    if not register.oversight_held:
        return NOT_HELD
    rows = []
    for child in register.children:
        for contact in child.iro_contacts:
            if year.start <= contact.day <= year.end and period_on(child, contact.day):
                rows.append(
                    Row(child.child_id, contact.day, True, (CONTACT_KINDS.get(contact.kind, "?"),))
                )
    return rows


def _children_in_year(scope: Scope) -> float:
    return float(sum(looked_after_during(child, scope.year) for child in scope.register.children))


def _offered_rows(scope: Scope) -> list[Row] | NoData:
    """M-PAR-07a: each child offered an independent visitor in the year (their first offer)."""
    register, year = scope.register, scope.year
    if not register.oversight_held:
        return NOT_HELD
    rows = []
    for child in register.children:
        offers = [o for o in child.visitor_offers if year.start <= o.offered <= year.end]
        if offers:
            first = min(offers, key=lambda o: o.offered)
            rows.append(Row(child.child_id, first.offered, True, (first.offered,)))
    return rows


def _waiting_rows(scope: Scope) -> list[Row] | NoData:
    """M-PAR-07b: children looked after at the end of the period waiting for a visitor."""
    register, day = scope.register, scope.year.end
    if not register.oversight_held:
        return NOT_HELD
    rows = []
    for child in register.children:
        if period_on(child, day) is None:
            continue
        waiting = [o.offered for o in child.visitor_offers if o.waiting_on(day)]
        if waiting:
            rows.append(Row(child.child_id, day, True, (min(waiting), (day - min(waiting)).days)))
    return rows


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-PAR-03",
        "IRO contact between reviews",
        Section.PARTICIPATION,
        "child",
        _snapshot(("visit", "midway")),
        description=(
            "Children looked after at the end of the period whose IRO visited them or made a "
            "midway check with their social worker in the last 6 months."
        ),
        columns=CONTACT_COLUMNS,
        numerator_label="IRO contact in 6 months",
    ),
    MeasureDefinition(
        "M-PAR-03a",
        "Children visited by their IRO in the last 6 months",
        Section.PARTICIPATION,
        "child",
        _snapshot(("visit",)),
        description=(
            "Children looked after at the end of the period whom their IRO visited in the "
            "last 6 months."
        ),
        columns=CONTACT_COLUMNS,
        variant_of="M-PAR-03",
        numerator_label="visited",
    ),
    MeasureDefinition(
        "M-PAR-03b",
        "Midway checks between reviews",
        Section.PARTICIPATION,
        "child",
        _snapshot(("midway",), settled_months=WINDOW_MONTHS),
        description=(
            "Children looked after for 6 months or more at the end of the period with a "
            "midway check by their IRO in the last 6 months."
        ),
        columns=CONTACT_COLUMNS,
        variant_of="M-PAR-03",
        numerator_label="midway check",
    ),
    MeasureDefinition(
        "M-PAR-03c",
        "IRO entries on the case record per child",
        Section.PARTICIPATION,
        "IRO entry",
        _entries_rows,
        kind=Kind.RATE,
        description=(
            "The IRO's entries on the case record between reviews in the year (visits, "
            "midway checks and other entries) per child looked after in the year."
        ),
        columns=("kind",),
        denominator=_children_in_year,
        variant_of="M-PAR-03",
    ),
    MeasureDefinition(
        "M-PAR-07a",
        "Children offered an independent visitor",
        Section.PARTICIPATION,
        "child",
        _offered_rows,
        kind=Kind.COUNT,
        description="Children offered an independent visitor in the year.",
        columns=("offered",),
        variant_of="M-PAR-07",
    ),
    MeasureDefinition(
        "M-PAR-07b",
        "Children waiting for an independent visitor",
        Section.PARTICIPATION,
        "child",
        _waiting_rows,
        kind=Kind.COUNT,
        description=(
            "Children looked after at the end of the period whose referral for an independent "
            "visitor was waiting for a match then."
        ),
        columns=("offered", "days waiting"),
        variant_of="M-PAR-07",
    ),
)

OVERSIGHT: dict[str, MeasureDefinition] = {definition.id: definition for definition in DEFINITIONS}
