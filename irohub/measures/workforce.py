"""Workforce: M-WF-01 caseload per FTE IRO, M-WF-02 IRO continuity, M-WF-03 establishment
(spec/measures.md §E).

Every workforce measure needs the IRO service's staff (`Register.staff`) and each child's
allocations: the database holds them, an SSDA903 return does not, so from files each says
"no data" (`STAFF_NOT_HELD`). Snapshots are taken on the year's last day — 31 March, or
the last day of a year to date — and a child is looked after on a day when a care period
is open on it (POP-LAC-YE: start ≤ day and no end or end > day, OQ-14). Short-break
(V3/V4) children are in the IROs' caseloads: their reviews are chaired by IROs too.

Who holds a child on a day: their latest allocation covering the day (as the IRO
breakdown reads it), and only if that IRO is in post that day — a child whose IRO has
left counts as not allocated.

FTE in post on a day is THE rule of irohub.records.workforce (`fte_in_post`): an IRO's
dated terms (a change of hours, a spell as agency or interim) when the register holds
them, else the FTE the register keeps for them. M-WF-03c reports the establishment,
vacancies, agency and interim staff and absence from the same records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import (
    AGE_BAND,
    ETHNICITY,
    IRO,
    LEGAL,
    PLACEMENT_TYPE,
    SEX_DIMENSION,
    TEAM,
    Describer,
    Dimension,
    row_dimension,
)
from irohub.measures.population import looked_after_during, period_on
from irohub.measures.results import Count, Fte, MeasureResult, NoData, Rate
from irohub.records.register import AllocationRecord, ChildRecord, IroRecord, Register
from irohub.records.workforce import (
    BASES,
    EMPLOYED,
    ROLES,
    WorkforceSnapshot,
    fte_in_post,
    snapshot,
    staff_of,
)
from irohub.records.workforce import IRO as IRO_ROLE
from irohub.records.years import CollectionYear

__all__ = [
    "DEFINITIONS",
    "STAFF_NOT_HELD",
    "WORKFORCE_NOT_HELD",
    "CaseloadBand",
    "Establishment",
    "IroCaseload",
    "caseloads",
    "children_not_allocated",
    "establishment",
    "iro_holding",
    "workforce_on",
]

STAFF_NOT_HELD = "the data holds no IRO staffing (an SSDA903 return has none)"
CP_NOT_HELD = (
    "the data holds no child protection plans (an SSDA903 return has none), so caseloads of "
    "looked after children and child protection plans together cannot be counted"
)


@dataclass(frozen=True, slots=True)
class CaseloadBand:
    """A reference band of looked after children per FTE IRO: the IRO Handbook (ch. 7)
    recommends 50 to 70; a council sets its own (IROHUB_CASELOAD_LOW and _HIGH, read by
    irohub.core.council and passed down, so every screen and the report use one band).

    A caseload is placed by the figure people see, children per FTE to one decimal place
    rounded half-up, so a caseload shown as 70.0 is never called above a band of 70."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ValueError(
                f"a caseload band runs from a low to a high of at least the low: "
                f"{self.low} to {self.high}"
            )

    @property
    def text(self) -> str:
        """ "50 to 70" """
        return f"{self.low:g} to {self.high:g}"

    @property
    def label(self) -> str:
        """What a chart's key calls the band."""
        return f"Reference band {self.text}"

    def place(self, per_fte: float | None) -> str:
        """ "below", "within" or "above" the band; no FTE (None) is below."""
        if per_fte is None:
            return "below"
        # Exactly, a float as the decimal it prints as (as the figure is shown).
        shown = Fraction(repr(per_fte)) if isinstance(per_fte, float) else Fraction(per_fte)
        half = Fraction(1, 20)  # what rounds half-up to the band's ends at one decimal place
        if shown < Fraction(repr(float(self.low))) - half:
            return "below"
        if shown >= Fraction(repr(float(self.high))) + half:
            return "above"
        return "within"


def in_post(staff: tuple[IroRecord, ...], day: date) -> list[IroRecord]:
    return [iro for iro in staff if iro.in_post_on(day)]


def iro_holding(describer: Describer, child: ChildRecord, day: date) -> IroRecord | None:
    """The IRO the child is allocated to on `day`, if that IRO is in post then."""
    iro = describer.iro_on(child, day)
    return iro if iro is not None and iro.in_post_on(day) else None


def _looked_after(register: Register, day: date) -> Iterator[ChildRecord]:
    return (child for child in register.children if period_on(child, day) is not None)


# --- M-WF-01 caseload per FTE -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IroCaseload:
    """One IRO in post on a day: the looked after children allocated to them, their FTE."""

    iro: IroRecord
    children: int
    reference: CaseloadBand
    fte: float | None = None  # on the day (irohub.records.workforce); None: the register's

    @property
    def per_fte(self) -> float | None:
        fte = self.iro.fte if self.fte is None else self.fte
        return self.children / fte if fte else None

    @property
    def band(self) -> str:
        """ "below", "within" or "above" the reference band of children per FTE."""
        return self.reference.place(self.per_fte)


def caseloads(register: Register, day: date, band: CaseloadBand) -> list[IroCaseload] | NoData:
    """Every IRO in post on `day` (a caseload of none included), by team and name, with
    the number of children looked after that day allocated to them, against `band`."""
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    describer = Describer(register)
    held: dict[str, int] = {}
    for child in _looked_after(register, day):
        iro = iro_holding(describer, child, day)
        if iro is not None:
            held[iro.iro_id] = held.get(iro.iro_id, 0) + 1
    fte = {person.person_id: person.fte_on(day) for person in staff_of(register)}
    return [
        IroCaseload(iro, held.get(iro.iro_id, 0), band, fte[f"iro:{iro.iro_id}"])
        for iro in sorted(in_post(register.staff, day), key=lambda i: (i.team, i.name, i.iro_id))
    ]


def children_not_allocated(register: Register, day: date) -> list[str] | NoData:
    """Children looked after on `day` with no IRO in post allocated to them."""
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    describer = Describer(register)
    return [
        child.child_id
        for child in _looked_after(register, day)
        if iro_holding(describer, child, day) is None
    ]


def _caseload_rows(scope: Scope, day: date) -> list[Row] | NoData:
    if scope.register.staff is None:
        return NoData(STAFF_NOT_HELD)
    describer = scope.describer
    rows = []
    for child in _looked_after(scope.register, day):
        iro = iro_holding(describer, child, day)
        if iro is not None:
            rows.append(Row(child.child_id, day, True, (iro.name, iro.team)))
    return rows


def _fte_in_post(register: Register, day: date, team: str | None = None) -> float | NoData:
    """The FTE of IROs in post on `day` (of one team): THE rule, irohub.records.workforce."""
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    return fte_in_post(staff_of(register), day, team=team, role=IRO_ROLE)


def _wf01_rows(scope: Scope) -> list[Row] | NoData:
    return _caseload_rows(scope, scope.year.end)


def _wf01_denominator(scope: Scope) -> float | NoData:
    return _fte_in_post(scope.register, scope.year.end)


def _wf01_denominator_by(scope: Scope, dimension: Dimension, group: str) -> float | NoData:
    """The FTE in post of one team, or of one IRO (the IRO breakdown groups by name)."""
    register, day = scope.register, scope.year.end
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    if dimension.name == TEAM.name:
        return _fte_in_post(register, day, team=group)
    if dimension.name == IRO.name:
        return round(
            sum(
                p.fte_on(day) for p in staff_of(register) if p.role == IRO_ROLE and p.name == group
            ),
            2,
        )
    return NoData(f"children per FTE is not broken down by {dimension.name}")


def _wf01_on(scope: Scope, day: date) -> MeasureResult:
    rows = _caseload_rows(scope, day)
    if isinstance(rows, NoData):
        return rows
    fte = _fte_in_post(scope.register, day)
    return fte if isinstance(fte, NoData) else Rate(len(rows), fte)


def _dual_role_rows(scope: Scope, day: date) -> list[Row] | NoData:
    """M-WF-01a: each IRO's looked after children (as M-WF-01) and the children on a child
    protection plan that day whose conferences they chair, each child once per IRO."""
    register = scope.register
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    if not register.protection_held:
        return NoData(CP_NOT_HELD)
    looked_after = _caseload_rows(scope, day)
    assert not isinstance(looked_after, NoData)
    staff = {iro.iro_id: iro for iro in in_post(register.staff, day)}
    rows = [row._replace(columns=(*row.columns, "looked after")) for row in looked_after]
    held = {(row.child_id, row.columns[0]) for row in rows}
    for child in register.children:
        for record in child.protection:
            chair = staff.get(record.chair)
            if chair is None or not record.on_plan(day) or (child.child_id, chair.name) in held:
                continue
            held.add((child.child_id, chair.name))
            rows.append(Row(child.child_id, day, True, (chair.name, chair.team, "on a plan")))
    return rows


# A child on a plan is in the caseload of the IRO who chairs it, not of their allocated IRO
# (a child not in care has none): the breakdowns read the row's IRO and team.
DUAL_ROLE_DIMENSIONS = (
    row_dimension(TEAM.name, lambda row: str(row.columns[1]), ()),
    row_dimension(IRO.name, lambda row: str(row.columns[0]), ()),
)


def _wf01a_on(scope: Scope, day: date) -> MeasureResult:
    rows = _dual_role_rows(scope, day)
    if isinstance(rows, NoData):
        return rows
    fte = _fte_in_post(scope.register, day)
    return fte if isinstance(fte, NoData) else Rate(len(rows), fte)


def _not_allocated_rows(scope: Scope, day: date) -> list[Row] | NoData:
    if scope.register.staff is None:
        return NoData(STAFF_NOT_HELD)
    describer = scope.describer
    rows = []
    for child in _looked_after(scope.register, day):
        if iro_holding(describer, child, day) is None:
            # Name the last IRO the child had, if any: usually one who has left.
            last = describer.iro_on(child, day)
            rows.append(Row(child.child_id, day, True, (last.name if last else "",)))
    return rows


def _wf01b_on(scope: Scope, day: date) -> MeasureResult:
    rows = _not_allocated_rows(scope, day)
    return rows if isinstance(rows, NoData) else Count(len(rows))


# --- M-WF-02 continuity -----------------------------------------------------------------


def _year_before(day: date) -> date:
    """The first day of the 12 months ending on `day` (1 April for 31 March)."""
    try:
        back = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        back = day.replace(year=day.year - 1, day=28)
    return back + timedelta(days=1)


def _overlaps(allocation: AllocationRecord, first: date, last: date) -> bool:
    return allocation.start <= last and (allocation.end is None or allocation.end >= first)


def _wf02_rows(scope: Scope) -> list[Row] | NoData:
    """M-WF-02: one row per child looked after on the year's last day. The window is
    their care period, or the 12 months to that day when the period began earlier. In
    the numerator when the child has an allocation on the day and every allocation
    overlapping the window is to that same IRO (a gap, or a reallocation to the same IRO,
    is no change; allocations before the window do not count)."""
    register, day = scope.register, scope.year.end
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    rows = []
    for child in register.children:
        period = period_on(child, day)
        if period is None:
            continue
        since = max(period.start, _year_before(day))
        current = next((a for a in reversed(child.allocations) if a.covers(day)), None)
        iros = {a.iro_id for a in child.allocations if _overlaps(a, since, day)}
        same = current is not None and iros == {current.iro_id}
        rows.append(Row(child.child_id, day, same, (since, len(iros))))
    return rows


def _iro_changes(scope: Scope) -> list[Row] | NoData:
    """One row per change of IRO in the year: an allocation starting in the year to a
    different IRO from the child's allocation before it in the same care period."""
    register, year = scope.register, scope.year
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    names = {iro.iro_id: iro.name for iro in register.staff}
    rows = []
    for child in register.children:
        for period in child.periods:
            end = period.end or date.max
            if not (period.start <= year.end and end >= year.start):
                continue
            held = [a for a in child.allocations if _overlaps(a, period.start, end)]
            for before, after in pairwise(held):
                if after.iro_id != before.iro_id and after.start in year:
                    rows.append(
                        Row(
                            child.child_id,
                            after.start,
                            True,
                            (names.get(before.iro_id, ""), names.get(after.iro_id, "")),
                        )
                    )
    return rows


def _children_in_year(scope: Scope) -> float | NoData:
    if scope.register.staff is None:
        return NoData(STAFF_NOT_HELD)
    return sum(1 for child in scope.register.children if looked_after_during(child, scope.year))


# --- M-WF-03 establishment --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Establishment:
    """The IROs in post on the year's last day, their FTE, and who joined and left."""

    in_post: tuple[IroRecord, ...]
    joiners: tuple[IroRecord, ...]
    leavers: tuple[IroRecord, ...]

    @property
    def fte_in_post(self) -> float:
        return round(sum(iro.fte for iro in self.in_post), 2)


def establishment(register: Register, year: CollectionYear) -> Establishment | NoData:
    """IROs in post at the year's end; joiners (start in the year) and leavers (last day
    in post in the year)."""
    if register.staff is None:
        return NoData(STAFF_NOT_HELD)
    staff = sorted(register.staff, key=lambda iro: (iro.team, iro.name, iro.iro_id))
    return Establishment(
        in_post=tuple(iro for iro in staff if iro.in_post_on(year.end)),
        joiners=tuple(iro for iro in staff if iro.start in year),
        leavers=tuple(iro for iro in staff if iro.end is not None and iro.end in year),
    )


def _staff_rows(iros: tuple[IroRecord, ...], day: date) -> list[Row]:
    # The unit is the IRO: a row's "child_id" is the IRO's id (no child breakdowns).
    return [
        Row(iro.iro_id, day, True, (iro.name, iro.team, iro.fte, iro.start, iro.end))
        for iro in iros
    ]


def _wf03_rows(scope: Scope) -> list[Row] | NoData:
    found = establishment(scope.register, scope.year)
    return found if isinstance(found, NoData) else _staff_rows(found.in_post, scope.year.end)


def _wf03_on(scope: Scope, day: date) -> MeasureResult:
    if scope.register.staff is None:
        return NoData(STAFF_NOT_HELD)
    return Count(len(in_post(scope.register.staff, day)))


def _joiner_rows(scope: Scope) -> list[Row] | NoData:
    found = establishment(scope.register, scope.year)
    if isinstance(found, NoData):
        return found
    return [row._replace(day=row.columns[3]) for row in _staff_rows(found.joiners, scope.year.end)]


def _leaver_rows(scope: Scope) -> list[Row] | NoData:
    found = establishment(scope.register, scope.year)
    if isinstance(found, NoData):
        return found
    return [row._replace(day=row.columns[4]) for row in _staff_rows(found.leavers, scope.year.end)]


STAFF_COLUMNS = ("IRO", "team", "FTE", "in post from", "in post until")

WORKFORCE_NOT_HELD = (
    "the data holds no establishment, vacancies, agency staff or absence (an SSDA903 return "
    "has none; in IRO Hub they are recorded on the workforce page)"
)
POST_COLUMNS = ("team", "role", "FTE", "open from", "open until")
PEOPLE_COLUMNS = ("name", "team", "role", "FTE that day", "on")


def workforce_on(register: Register, day: date) -> WorkforceSnapshot | NoData:
    """The service's establishment, staff in post, vacancies and absence on `day`
    (irohub.records.workforce.snapshot)."""
    if register.workforce is None or register.staff is None:
        return NoData(WORKFORCE_NOT_HELD)
    return snapshot(staff_of(register), register.workforce, day)


def _establishment_on(scope: Scope, day: date, which: str) -> MeasureResult:
    seen = workforce_on(scope.register, day)
    if isinstance(seen, NoData):
        return seen
    if which == "in post":
        return Fte(seen.in_post, seen.establishment)
    if which == "vacant":
        return Fte(seen.vacant, seen.establishment)
    if which == "cover":
        return Fte(round(seen.agency + seen.interim, 2), seen.in_post)
    return Fte(seen.absent, seen.in_post)


def _post_rows(scope: Scope) -> list[Row] | NoData:
    """The posts open on the year's last day (a row's "child_id" is the post's id)."""
    register, day = scope.register, scope.year.end
    if register.workforce is None or register.staff is None:
        return NoData(WORKFORCE_NOT_HELD)
    posts = [p for p in register.workforce.posts if p.open_on(day)]
    return [
        Row(
            f"post {p.post_id}",
            day,
            True,
            (p.team or "(no team)", ROLES.get(p.role, p.role), p.fte, p.start, p.end),
        )
        for p in sorted(posts, key=lambda p: (p.team, p.role, p.post_id))
    ]


def _people_rows(scope: Scope, which: str) -> list[Row] | NoData:
    """The agency and interim staff ("cover"), or the staff absent ("absent"), on the
    year's last day."""
    register, day = scope.register, scope.year.end
    if register.workforce is None or register.staff is None:
        return NoData(WORKFORCE_NOT_HELD)
    long_term: dict[str, bool] = {}
    for absence in register.workforce.absences:
        if absence.covers(day):
            long_term[absence.person_id] = long_term.get(absence.person_id, False) or (
                absence.long_term_on(day)
            )
    rows = []
    for person in staff_of(register):
        if not person.in_post_on(day):
            continue
        basis = person.basis_on(day)
        columns = (
            person.name,
            person.team,
            ROLES.get(person.role, person.role),
            person.fte_on(day),
        )
        if which == "cover" and basis != EMPLOYED:
            rows.append(Row(person.person_id, day, True, (*columns, BASES[basis])))
        elif which == "absent" and person.person_id in long_term:
            rows.append(
                Row(
                    person.person_id,
                    day,
                    True,
                    (*columns, BASES[basis], "yes" if long_term[person.person_id] else "no"),
                )
            )
    return rows


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-WF-01",
        "Looked after children per FTE IRO",
        Section.WORKFORCE,
        "child",
        _wf01_rows,
        kind=Kind.RATE,
        description=(
            "Children looked after at the year's end allocated to an IRO in post that day, "
            "per full-time equivalent IRO in post (the sum of their FTE). Children on short "
            "breaks count: they have an IRO too, though the count of children looked after "
            "(M-POP-01) leaves them out, as the DfE's does. The IRO Handbook recommends 50 "
            "to 70. Per team and per IRO in the breakdowns."
        ),
        columns=("IRO", "team"),
        dimensions=(TEAM, IRO),
        denominator=_wf01_denominator,
        denominator_by=_wf01_denominator_by,
        snapshot=_wf01_on,
        numerator_label="allocated",
    ),
    MeasureDefinition(
        "M-WF-01a",
        "Looked after children and child protection plans per FTE IRO",
        Section.WORKFORCE,
        "child",
        lambda scope: _dual_role_rows(scope, scope.year.end),
        kind=Kind.RATE,
        description=(
            "As M-WF-01, with the children on a child protection plan at the year's end "
            "whose conferences each IRO chairs (a child in care and on a plan with the same "
            "IRO counts once), per FTE IRO in post."
        ),
        columns=("IRO", "team", "as"),
        dimensions=DUAL_ROLE_DIMENSIONS,
        denominator=_wf01_denominator,
        denominator_by=_wf01_denominator_by,
        snapshot=_wf01a_on,
        variant_of="M-WF-01",
        numerator_label="allocated or chaired",
    ),
    MeasureDefinition(
        "M-WF-01b",
        "Looked after children not allocated to an IRO",
        Section.WORKFORCE,
        "child",
        lambda scope: _not_allocated_rows(scope, scope.year.end),
        kind=Kind.COUNT,
        description=(
            "Children looked after at the year's end with no IRO in post allocated to them "
            "(never allocated, or their IRO has left)."
        ),
        columns=("last IRO",),
        dimensions=(AGE_BAND, SEX_DIMENSION, ETHNICITY, LEGAL, PLACEMENT_TYPE),
        snapshot=_wf01b_on,
        numerator_label="not allocated",
    ),
    MeasureDefinition(
        "M-WF-02",
        "Children who kept the same IRO",
        Section.WORKFORCE,
        "child",
        _wf02_rows,
        description=(
            "Children looked after at the year's end allocated to the same IRO throughout "
            "their care period, or throughout the last 12 months when it began earlier: no "
            "allocation to any other IRO in that time (a wait before the first allocation is "
            "not a change). A child with no IRO at the year's end is not counted as kept."
        ),
        columns=("since", "IROs in that time"),
        numerator_label="same IRO",
    ),
    MeasureDefinition(
        "M-WF-02a",
        "Changes of IRO per child looked after in the year",
        Section.WORKFORCE,
        "change of IRO",
        _iro_changes,
        kind=Kind.RATE,
        description=(
            "Allocations starting in the year to a different IRO from the child's IRO "
            "before in the same care period, per child looked after at any time in the year."
        ),
        columns=("from IRO", "to IRO"),
        dimensions=(),
        denominator=_children_in_year,
        numerator_label="changes",
    ),
    MeasureDefinition(
        "M-WF-03",
        "IROs in post at the year's end",
        Section.WORKFORCE,
        "IRO",
        _wf03_rows,
        kind=Kind.COUNT,
        description=(
            "IROs in post on the year's last day; their FTE is M-WF-01's denominator. "
            "The register keeps each IRO's current FTE only."
        ),
        columns=STAFF_COLUMNS,
        dimensions=(),
        snapshot=_wf03_on,
    ),
    MeasureDefinition(
        "M-WF-03a",
        "IROs who joined in the year",
        Section.WORKFORCE,
        "IRO",
        _joiner_rows,
        kind=Kind.COUNT,
        description="IROs whose first day in post fell in the year.",
        columns=STAFF_COLUMNS,
        dimensions=(),
    ),
    MeasureDefinition(
        "M-WF-03b",
        "IROs who left in the year",
        Section.WORKFORCE,
        "IRO",
        _leaver_rows,
        kind=Kind.COUNT,
        description="IROs whose last day in post fell in the year.",
        columns=STAFF_COLUMNS,
        dimensions=(),
    ),
    MeasureDefinition(
        "M-WF-03c",
        "FTE in post against the establishment",
        Section.WORKFORCE,
        "post",
        _post_rows,
        kind=Kind.FTE,
        description=(
            "The FTE of IROs and foster carer reviewing officers in post on the year's last "
            "day (employed, agency and interim; each person's FTE that day), as a percentage "
            "of the establishment: the FTE of the posts open that day. The list is the posts."
        ),
        columns=POST_COLUMNS,
        dimensions=(),
        figure=lambda scope: _establishment_on(scope, scope.year.end, "in post"),
        snapshot=lambda scope, day: _establishment_on(scope, day, "in post"),
        numerator_label="FTE in post",
    ),
    MeasureDefinition(
        "M-WF-03d",
        "Vacant FTE",
        Section.WORKFORCE,
        "post",
        _post_rows,
        kind=Kind.FTE,
        description=(
            "The establishment on the year's last day not filled by employed staff, as a "
            "percentage of the establishment (the vacancy rate). Worked out by team and role, "
            "never below 0 in any, so staff above establishment in one team do not hide a "
            "vacancy in another. Agency and interim staff covering vacancies are M-WF-03e."
        ),
        columns=POST_COLUMNS,
        dimensions=(),
        figure=lambda scope: _establishment_on(scope, scope.year.end, "vacant"),
        snapshot=lambda scope, day: _establishment_on(scope, day, "vacant"),
        numerator_label="FTE vacant",
    ),
    MeasureDefinition(
        "M-WF-03e",
        "Agency and interim FTE",
        Section.WORKFORCE,
        "member of staff",
        lambda scope: _people_rows(scope, "cover"),
        kind=Kind.FTE,
        description=(
            "The FTE of agency and interim staff in post on the year's last day, as a "
            "percentage of all the FTE in post. The list is the agency and interim staff."
        ),
        columns=PEOPLE_COLUMNS,
        dimensions=(),
        figure=lambda scope: _establishment_on(scope, scope.year.end, "cover"),
        snapshot=lambda scope, day: _establishment_on(scope, day, "cover"),
        numerator_label="agency or interim",
    ),
    MeasureDefinition(
        "M-WF-03f",
        "FTE absent",
        Section.WORKFORCE,
        "member of staff",
        lambda scope: _people_rows(scope, "absent"),
        kind=Kind.FTE,
        description=(
            "The FTE of staff in post absent on the year's last day (sickness or other "
            "leave), as a percentage of all the FTE in post. An absence of 28 days or more "
            "is long-term: the list says which."
        ),
        columns=(*PEOPLE_COLUMNS, "long-term"),
        dimensions=(),
        figure=lambda scope: _establishment_on(scope, scope.year.end, "absent"),
        snapshot=lambda scope, day: _establishment_on(scope, day, "absent"),
        numerator_label="absent",
    ),
)
