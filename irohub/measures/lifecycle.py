"""What happens at and after the review: parents' participation (M-PAR-04 and its
variants), independent visitors (M-PAR-07), decisions circulated within 5 working days
(M-PRC-02) and the record within 20 (M-PRC-03) — spec/measures.md §B and §C.

They read what IRO Hub records of each review (irohub.records.lifecycle); an SSDA903
return holds none of it, so from files they say "no data".

M-PRC-02 and M-PRC-03 judge a review once its step was done, or once its deadline has
passed by the last day the data speaks for (the latest date recorded on any review: held,
decisions circulated, record distributed), so reviews too recent to judge are left out
(spec: "exclude reviews too recent to judge").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import STANDARD, row_dimension
from irohub.measures.results import NoData
from irohub.records.lifecycle import (
    PARENT_ROLES,
    PARENT_STATUS,
    PARENT_STATUS_OUTSIDE,
    PARTICIPATED,
    ReviewDetails,
)
from irohub.records.register import ChildRecord, Register, ReviewRecord
from irohub.statutory import default_calendar, record_deadlines

__all__ = ["DEFINITIONS", "LIFECYCLE", "PARENTS", "reviews_in_year"]

NOT_HELD = (
    "Each parent's part in a review is recorded in IRO Hub; an SSDA903 return does not hold it."
)


def reviews_in_year(
    register: Register, first: date, last: date
) -> Iterator[tuple[ChildRecord, ReviewRecord, ReviewDetails]]:
    """Every review held from `first` to `last` that carries IRO Hub's details."""
    for child in register.children:
        for period in child.periods:
            for review in period.reviews:
                if first <= review.held <= last and review.details is not None:
                    yield child, review, review.details


def _held(scope: Scope) -> bool:
    # Asked by several measures of one register: walked once (the register's review book).
    register = scope.register
    return scope.book.memo(
        "review details held",
        None,
        lambda: any(
            review.details is not None
            for child in register.children
            for period in child.periods
            for review in period.reviews
        ),
    )


# --- M-PAR-04: each parent's part ---------------------------------------------------------------

PARENT_COLUMNS = ("parent", "status")


def _parent_rows(
    scope: Scope, counted: Callable[[str], bool], role: str | None = None
) -> list[Row] | NoData:
    if not _held(scope):
        return NoData(NOT_HELD)
    rows = []
    for child, review, details in reviews_in_year(scope.register, scope.year.start, scope.year.end):
        for part in details.parents:
            if role is not None and part.role != role:
                continue
            if part.status in PARENT_STATUS_OUTSIDE and counted is not _every:
                continue  # deceased, whereabouts unknown, not relevant: not in the denominator
            rows.append(
                Row(
                    child.child_id,
                    review.held,
                    counted(part.status),
                    (PARENT_ROLES.get(part.role, part.role), PARENT_STATUS.get(part.status, "")),
                )
            )
    return rows


def _every(status: str) -> bool:
    return True


def _attended(status: str) -> bool:
    return status == "attended"


def _participated(status: str) -> bool:
    return status in PARTICIPATED


PARENT = row_dimension("parent", lambda row: str(row.columns[0]), tuple(PARENT_ROLES.values()))
STATUS = row_dimension("status", lambda row: str(row.columns[1]), tuple(PARENT_STATUS.values()))
PARENT_DIMENSIONS = (PARENT, STATUS, *STANDARD)


def _parent_variant(
    measure_id: str, title: str, counted: Callable[[str], bool], role: str | None, label: str
) -> MeasureDefinition:
    who = {
        None: "parents (and others with parental responsibility)",
        "mother": "mothers",
        "father": "fathers",
    }[role]
    what = "attended" if counted is _attended else "attended or contributed their views"
    return MeasureDefinition(
        measure_id,
        title,
        Section.PARTICIPATION,
        "parent at a review",
        lambda scope: _parent_rows(scope, counted, role),
        description=(
            f"Of the {who} recorded at each review held in the year, those who {what}. "
            "Parents who had "
            "died, whose whereabouts were unknown or who were not relevant to the review are "
            "left out (measures.md M-PAR-04)."
        ),
        columns=PARENT_COLUMNS,
        dimensions=PARENT_DIMENSIONS if role is None else (STATUS, *STANDARD),
        variant_of="M-PAR-04",
        numerator_label=label,
    )


# --- M-PAR-07: independent visitors -----------------------------------------------------------


def _visitor_rows(scope: Scope) -> list[Row] | NoData:
    register, day = scope.register, scope.year.end
    if all(child.people is None for child in register.children):
        return NoData(
            "Independent visitors are recorded among the people around the child in IRO Hub; "
            "an SSDA903 return does not hold them."
        )
    rows = []
    for child in register.children:
        in_care = any(period.looked_after_on(day) for period in child.periods)
        visited = any(
            person.role == "independent_visitor" and person.covers(day, day)
            for person in child.people or ()
        )
        if in_care and visited:
            rows.append(Row(child.child_id, day, True, ()))
    return rows


# --- M-PRC-02 and M-PRC-03: the record after the review -----------------------------------------


def _data_to(register: Register) -> date | None:
    latest: date | None = None
    for child in register.children:
        for period in child.periods:
            for review in period.reviews:
                if review.details is None:
                    continue
                for day in (
                    review.held,
                    review.details.decisions_circulated,
                    review.details.record_distributed,
                ):
                    if day is not None and (latest is None or day > latest):
                        latest = day
    return latest


RECORD_COLUMNS = ("held", "due", "done", "working days")


def _record_rows(scope: Scope, decisions: bool) -> list[Row] | NoData:
    register = scope.register
    if not _held(scope):
        return NoData(
            "When the decisions and the record of a review went out is recorded in IRO Hub; "
            "an SSDA903 return does not hold it."
        )
    calendar = scope.calendar or default_calendar()
    data_to = scope.book.memo("data to", None, lambda: _data_to(register))
    rows = []
    for child, review, details in reviews_in_year(register, scope.year.start, scope.year.end):
        deadlines = record_deadlines(review.held, calendar=calendar)
        due = deadlines.decisions_due if decisions else deadlines.record_due
        done = details.decisions_circulated if decisions else details.record_distributed
        if done is None and (data_to is None or due >= data_to):
            continue  # too recent to judge
        took = None if done is None else calendar.working_days_between(review.held, done)
        rows.append(
            Row(
                child.child_id,
                review.held,
                done is not None and done <= due,
                (review.held, due, done, took),
            )
        )
    return rows


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-PAR-04",
        "Parents at reviews, by status",
        Section.PARTICIPATION,
        "parent at a review",
        lambda scope: _parent_rows(scope, _every),
        kind=Kind.COUNT,
        description=(
            "Each parent or person with parental responsibility at each review held in the "
            "year, counted by their status (attended, contributed without attending, invited "
            "and did not take part, not invited, whereabouts unknown, deceased, not "
            "relevant); M-PAR-04a to M-PAR-04b-father give the percentages, mothers and "
            "fathers apart."
        ),
        columns=PARENT_COLUMNS,
        dimensions=PARENT_DIMENSIONS,
    ),
    _parent_variant("M-PAR-04a", "Parents' attendance at reviews", _attended, None, "attended"),
    _parent_variant(
        "M-PAR-04b",
        "Parents' participation in reviews",
        _participated,
        None,
        "attended or contributed",
    ),
    _parent_variant(
        "M-PAR-04a-mother", "Mothers' attendance at reviews", _attended, "mother", "attended"
    ),
    _parent_variant(
        "M-PAR-04a-father", "Fathers' attendance at reviews", _attended, "father", "attended"
    ),
    _parent_variant(
        "M-PAR-04b-mother",
        "Mothers' participation in reviews",
        _participated,
        "mother",
        "attended or contributed",
    ),
    _parent_variant(
        "M-PAR-04b-father",
        "Fathers' participation in reviews",
        _participated,
        "father",
        "attended or contributed",
    ),
    MeasureDefinition(
        "M-PAR-07",
        "Independent visitors",
        Section.PARTICIPATION,
        "child",
        _visitor_rows,
        kind=Kind.COUNT,
        description=(
            "Children looked after at the end of the period with an independent visitor "
            "then (the people around the child). Referrals waiting for one are not recorded."
        ),
    ),
    MeasureDefinition(
        "M-PRC-02",
        "Decisions circulated within 5 working days",
        Section.PROCESS,
        "review",
        lambda scope: _record_rows(scope, decisions=True),
        description=(
            "Reviews held in the year whose decisions and agreed actions were circulated "
            "within 5 working days (REC-1), of those whose deadline has passed or whose "
            "decisions went out."
        ),
        columns=RECORD_COLUMNS,
        numerator_label="within 5 working days",
    ),
    MeasureDefinition(
        "M-PRC-03",
        "Review record distributed within 20 working days",
        Section.PROCESS,
        "review",
        lambda scope: _record_rows(scope, decisions=False),
        description=(
            "Reviews held in the year whose full record was distributed within 20 working "
            "days (REC-2), of those whose deadline has passed or whose record went out; the "
            "drill-down gives the working days each took."
        ),
        columns=RECORD_COLUMNS,
        numerator_label="within 20 working days",
    ),
)

LIFECYCLE: dict[str, MeasureDefinition] = {definition.id: definition for definition in DEFINITIONS}
# M-PAR-04 and its variants, in catalogue order.
PARENTS = tuple(d for d in DEFINITIONS if d.id.startswith("M-PAR-04"))
