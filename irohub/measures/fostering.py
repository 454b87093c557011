"""Foster carer reviews: M-FC-01 (spec/measures.md §H) and the reviewing officers'
caseloads (how many households each FIRO reviews, and how many FIROs the households need).

M-FC-01 is built as M-REV-01 is: its rows are the household reviews held in the year, each
on time when held on or before the deadline live for it (FC-1/FC-2, brought forward by a
change of circumstances, FC-3), and the deadlines that fell in the year and were still
unmet at its close (overdue, open). A household deregistered before a review fell due owed
none (POP-FC). M-FC-01a is the share of first reviews presented to the fostering panel
(FC-4). A row's first field is the household's identifier, not a child's: these measures
have no breakdowns by a child's facts.

Caseload arithmetic, not the IRO band: a FIRO's caseload is the households allocated to
them; the FTE the households need is their number over a target per full-time officer (a
council setting), rounded up to whole officers for the posts needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.results import NoData
from irohub.records.fostering import Fostering, HouseholdRecord
from irohub.records.register import Register
from irohub.statutory import ReviewDateError
from irohub.statutory.foster_carers import foster_carer_review_schedule, panel_required

__all__ = [
    "DEFINITIONS",
    "NO_FOSTERING",
    "FiroCaseload",
    "carer_review_rows",
    "firo_caseloads",
    "reviewing_officers_needed",
]

NO_FOSTERING = NoData(
    "no fostering households in the data (an SSDA903 return holds none; IRO Hub's "
    "fostering pages do)"
)


def _fostering(register: Register) -> Fostering | NoData:
    return NO_FOSTERING if register.fostering is None else register.fostering


def carer_review_rows(scope: Scope) -> list[Row] | NoData:
    """M-FC-01's rows: (household, day, on time?, (review number, due, held, days late,
    presented to panel)); held is None for a deadline still open at the year's close."""
    fostering = _fostering(scope.register)
    if isinstance(fostering, NoData):
        return fostering
    first, last = scope.year.start, scope.year.end
    rows: list[Row] = []
    for household in fostering.households:
        if household.approved > last:
            continue
        try:
            schedule = foster_carer_review_schedule(
                household.approved,
                [r.held for r in household.reviews],
                changes=household.changes,
                deregistered=household.deregistered,
                calendar=scope.calendar,
            )
        except ReviewDateError:
            continue  # a data error the fostering pages refuse; nothing to time
        panel = {r.held: r.presented_to_panel for r in household.reviews}
        for timing in schedule.reviews:
            if first <= timing.held <= last:
                rows.append(
                    Row(
                        household.household_id,
                        timing.held,
                        timing.on_time,
                        (
                            timing.number,
                            timing.due,
                            timing.held,
                            timing.days_late,
                            panel[timing.held],
                        ),
                    )
                )
            elif timing.held > last and first <= timing.due < last:
                rows.append(_open(household, timing.number, timing.due))
        due = schedule.next_due
        if due is not None and first <= due < last and household.approved_on(last):
            rows.append(_open(household, len(schedule.reviews) + 1, due))
    return sorted(rows, key=lambda row: (row.day, row.child_id))


def _open(household: HouseholdRecord, number: int, due: date) -> Row:
    # Still awaited at the close of the year: overdue, open (not met).
    return Row(household.household_id, due, False, (number, due, None, None, False))


def _first_reviews_to_panel(scope: Scope) -> list[Row] | NoData:
    rows = carer_review_rows(scope)
    if isinstance(rows, NoData):
        return rows
    return [
        Row(row.child_id, row.day, bool(row.columns[4]), row.columns)
        for row in rows
        if row.columns[2] is not None and panel_required(int(row.columns[0]))  # type: ignore[arg-type]
    ]


@dataclass(frozen=True, slots=True)
class FiroCaseload:
    """One reviewing officer's households on a day."""

    firo_id: str
    name: str
    fte: float
    households: int

    @property
    def per_fte(self) -> float | None:
        return self.households / self.fte if self.fte else None


def firo_caseloads(fostering: Fostering, day: date) -> tuple[list[FiroCaseload], int]:
    """Each FIRO in post on `day` with the approved households allocated to them, and how
    many approved households have no reviewing officer in post."""
    counts: dict[str, int] = {}
    unallocated = 0
    in_post = {f.firo_id: f for f in fostering.reviewing_officers if f.in_post_on(day)}
    for household in fostering.households:
        if not household.approved_on(day):
            continue
        if household.firo_id in in_post:
            counts[household.firo_id] = counts.get(household.firo_id, 0) + 1
        else:
            unallocated += 1
    caseloads = [
        FiroCaseload(f.firo_id, f.name, f.fte, counts.get(f.firo_id, 0))
        for f in sorted(in_post.values(), key=lambda f: f.name)
    ]
    return caseloads, unallocated


def reviewing_officers_needed(households: int, per_fte: float) -> tuple[float, int]:
    """The FTE `households` need at `per_fte` households per full-time reviewing officer,
    and the whole posts that makes (rounded up). Bradford 2021: 167 households over three
    FIROs; at 45 a full-time officer they need 3.7 FTE, so a fourth post."""
    if per_fte <= 0:
        raise ValueError(f"households per full-time reviewing officer must be above 0: {per_fte}")
    fte = households / per_fte
    return fte, math.ceil(round(fte, 9))


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-FC-01",
        "Foster carer reviews on time",
        Section.FOSTERING,
        "household review",
        carer_review_rows,
        description="Reviews of fostering households held in the year on or before their "
        "deadline (within a year of approval or of the last review, sooner after a change of "
        "circumstances), of those held plus deadlines still overdue at the year's end.",
        columns=("Review", "Due", "Held", "Days late", "Presented to panel"),
        dimensions=(),
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-FC-01a",
        "First reviews presented to the fostering panel",
        Section.FOSTERING,
        "household review",
        _first_reviews_to_panel,
        description="First reviews of a household's approval held in the year that were "
        "presented to the fostering panel (FSR 2011 reg 28(5)).",
        columns=("Review", "Due", "Held", "Days late", "Presented to panel"),
        dimensions=(),
        variant_of="M-FC-01",
        numerator_label="presented to panel",
        kind=Kind.PERCENT,
    ),
)
