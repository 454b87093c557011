"""Child protection (conference chairing): M-CP-01 to M-CP-06 (spec/measures.md §G).

Each measure reads the child protection sequences of the register (`ChildRecord.protection`:
strategy discussion, conferences, plan) and times the conferences with the rules core's
clock (irohub.statutory.conferences), so the figures and the screens agree on every due
date. An SSDA903 return holds no child protection: from files every measure says "no
data" (`PROTECTION_NOT_HELD`).

Resolved here (the spec leaves them open):

* M-CP-01 counts initial conferences that followed a strategy discussion; pre-birth initial
  conferences (CP-PB, timed by a local rule) have their own figure, M-CP-01p, and
  transfer-in conferences (CP-6) are in neither.
* M-CP-03 counts plan starts (a child who starts two plans in a year counts twice), and a
  plan is a repeat when the child had an earlier plan in this council's register.
* A plan is "on" at a snapshot when it started by that day and had not ended by it (a plan
  ending on 31 March is not open on it, as for care periods: OQ-14).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import (
    AGE_BAND,
    AGE_BAND_4_PLUS,
    ETHNICITY,
    SEX_DIMENSION,
    Dimension,
    row_dimension,
)
from irohub.measures.results import Count, MeasureResult, NoData, figure_of
from irohub.records.codes import CATEGORY_OF_ABUSE, PARTICIPATION
from irohub.records.register import ChildRecord, ConferenceRecord, ProtectionRecord, Register
from irohub.statutory import ReviewSchedule, add_months, add_years
from irohub.statutory.conferences import ConferenceStart, conference_schedule

__all__ = [
    "DEFINITIONS",
    "PROTECTION_NOT_HELD",
    "on_plan",
    "plan_starts",
    "schedule_of",
]

PROTECTION_NOT_HELD = (
    "the data holds no child protection enquiries or plans (an SSDA903 return has none)"
)
PER = 10_000
LONG_PLAN_MONTHS = 18  # M-CP-04b (the seed's measure)
LONG_PLAN_YEARS = 2  # M-CP-04a, M-CP-04d
SHORT_PLAN_MONTHS = 3  # M-CP-04c
REPEAT_WITHIN_YEARS = 2  # M-CP-03b
# How a child took part in a conference: the reviews' vocabulary (PN1–PN6 for a child of 4
# or over whose views reached it; PN0 under 4 is outside the measure).
VIEWS_REACHED = frozenset({"PN1", "PN2", "PN3", "PN5", "PN6"})
AGED_FOUR_OR_OVER = frozenset(code for code in PARTICIPATION if code != "PN0")

CATEGORY = row_dimension(
    "category of abuse",
    lambda row: CATEGORY_OF_ABUSE.get(str(row.columns[-1]), "Not recorded"),
    tuple(CATEGORY_OF_ABUSE.values()),
)
CHILD_DIMENSIONS: tuple[Dimension, ...] = (AGE_BAND, SEX_DIMENSION, ETHNICITY)
PLAN_DIMENSIONS: tuple[Dimension, ...] = (*CHILD_DIMENSIONS, CATEGORY)


def schedule_of(record: ProtectionRecord, calendar: object = None) -> ReviewSchedule:
    """The conferences of one sequence timed by the rules core (CP-1 to CP-6, CP-PB)."""
    return conference_schedule(
        record.start,
        [conference.held for conference in record.conferences],
        begins=ConferenceStart(record.begins),
        plan_ended=record.end,
        first_due=record.first_due,
        calendar=calendar,  # type: ignore[arg-type]
    )


def _sequences(register: Register) -> Iterator[tuple[ChildRecord, ProtectionRecord]]:
    for child in register.children:
        for record in child.protection:
            yield child, record


def plan_starts(register: Register) -> Iterator[tuple[ChildRecord, ProtectionRecord]]:
    """Every plan the register holds (sequences whose first conference made one)."""
    return ((c, r) for c, r in _sequences(register) if r.plan_start is not None)


def on_plan(register: Register, day: date) -> Iterator[tuple[ChildRecord, ProtectionRecord]]:
    """POP-CP on `day`: each child's plan open that day."""
    return ((c, r) for c, r in _sequences(register) if r.on_plan(day))


def _held(scope: Scope) -> NoData | None:
    return None if scope.register.protection_held else NoData(PROTECTION_NOT_HELD)


# --- M-CP-01 initial conferences within 15 working days ---------------------------------


def _initial_rows(
    scope: Scope, begins: ConferenceStart, census: bool = False
) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    rows = []
    for child, record in _sequences(scope.register):
        if record.begins != begins or not record.conferences:
            continue
        if record.conferences[0].held not in scope.year:
            continue
        if census:
            if record.s47_start is None:
                continue
            # The CIN census variant: the clock from the s47 enquiry's actual start.
            record = ProtectionRecord(
                begins=record.begins, start=record.s47_start, conferences=record.conferences[:1]
            )
        first = schedule_of(record, scope.calendar).reviews[0]
        rows.append(Row(child.child_id, first.held, first.on_time, (record.start, first.due)))
    return rows


# --- M-CP-02 review conferences on time ---------------------------------------------------


def _review_rows(scope: Scope) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    year, rows = scope.year, []
    for child, record in _sequences(scope.register):
        if record.plan_start is None or record.plan_start > year.end:
            continue
        schedule = schedule_of(record, scope.calendar)
        for timing in schedule.reviews[1:]:
            if timing.held in year:
                rows.append(Row(child.child_id, timing.held, timing.on_time, (timing.due, "held")))
        # Open and overdue at the year's end: the review conference awaited then was due
        # before it, and the plan was still open.
        awaited = schedule.due_outstanding_on(year.end)
        if record.on_plan(year.end) and awaited is not None and awaited < year.end:
            rows.append(Row(child.child_id, awaited, False, (awaited, "overdue")))
    return rows


# --- M-CP-03 repeat plans -----------------------------------------------------------------


def _repeat_rows(scope: Scope, within_years: int | None = None) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    rows = []
    for child in scope.register.children:
        plans = [r for r in child.protection if r.plan_start is not None]
        for index, plan in enumerate(plans):
            start = plan.plan_start
            assert start is not None
            if start not in scope.year:
                continue
            earlier = [
                p for p in plans[:index] if p.plan_start is not None and p.plan_start < start
            ]
            if within_years is None:
                repeat = bool(earlier)
            else:
                repeat = any(
                    p.plan_end is not None and add_years(p.plan_end, within_years) >= start
                    for p in earlier
                )
            rows.append(Row(child.child_id, start, repeat, (len(earlier), plan.category)))
    return rows


# --- M-CP-04 plan durations ---------------------------------------------------------------


def _ending_rows(scope: Scope, lasted: str) -> list[Row] | NoData:
    """Plans ending in the year: counted when they lasted 2 years or more (`lasted` "long")
    or ended within 3 months of starting ("short")."""
    if missing := _held(scope):
        return missing
    rows = []
    for child, plan in plan_starts(scope.register):
        end, start = plan.plan_end, plan.plan_start
        if end is None or end not in scope.year:
            continue
        assert start is not None
        if lasted == "long":
            counted = add_years(start, LONG_PLAN_YEARS) <= end
        else:
            counted = end <= add_months(start, SHORT_PLAN_MONTHS)
        rows.append(Row(child.child_id, end, counted, (start, end, plan.latest_category)))
    return rows


def _open_long_rows(scope: Scope, day: date, months: int) -> list[Row] | NoData:
    """Plans open on `day`: counted when they had lasted more than `months` by then."""
    if missing := _held(scope):
        return missing
    rows = []
    for child, plan in on_plan(scope.register, day):
        assert plan.plan_start is not None
        counted = add_months(plan.plan_start, months) < day
        rows.append(Row(child.child_id, day, counted, (plan.plan_start, plan.latest_category)))
    return rows


# --- M-CP-05 population -------------------------------------------------------------------


def _population_rows(scope: Scope, day: date) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    return [
        Row(child.child_id, day, True, (plan.plan_start, plan.latest_category))
        for child, plan in on_plan(scope.register, day)
    ]


def _population_on(scope: Scope, day: date) -> MeasureResult:
    rows = _population_rows(scope, day)
    return rows if isinstance(rows, NoData) else Count(len(rows))


def _rate_denominator(scope: Scope) -> float | NoData:
    population = scope.register.child_population
    if population is None:
        return NoData("the council's child population (IROHUB_CHILD_POPULATION) is not set")
    return population / PER


def _started_rows(scope: Scope) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    return [
        Row(child.child_id, plan.plan_start, True, (plan.plan_start, plan.category))
        for child, plan in plan_starts(scope.register)
        if plan.plan_start in scope.year
    ]


def _ended_rows(scope: Scope) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    return [
        Row(child.child_id, plan.plan_end, True, (plan.plan_start, plan.latest_category))
        for child, plan in plan_starts(scope.register)
        if plan.plan_end is not None and plan.plan_end in scope.year
    ]


# --- M-CP-06 participation and process ----------------------------------------------------


def _conferences_in_year(scope: Scope) -> Iterator[tuple[ChildRecord, ConferenceRecord]]:
    for child, record in _sequences(scope.register):
        for conference in record.conferences:
            if conference.held in scope.year:
                yield child, conference


def _child_participation_rows(scope: Scope) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    return [
        Row(c.child_id, conf.held, conf.participation in VIEWS_REACHED, (conf.participation,))
        for c, conf in _conferences_in_year(scope)
        if conf.participation in AGED_FOUR_OR_OVER
    ]


def _flag_rows(scope: Scope, flag: str) -> list[Row] | NoData:
    if missing := _held(scope):
        return missing
    rows = []
    for child, conference in _conferences_in_year(scope):
        value = getattr(conference, flag)
        if value is not None:
            rows.append(Row(child.child_id, conference.held, value, ()))
    return rows


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-CP-01",
        "Initial child protection conferences within 15 working days",
        Section.PROTECTION,
        "conference",
        lambda scope: _initial_rows(scope, ConferenceStart.STRATEGY_DISCUSSION),
        description=(
            "Initial conferences held in the year on or before the 15th working day after "
            "the strategy discussion that started the section 47 enquiry (CP-1), of all "
            "initial conferences held in the year. Pre-birth conferences are M-CP-01p; "
            "transfer-in conferences are in neither."
        ),
        columns=("strategy discussion", "due by"),
        dimensions=CHILD_DIMENSIONS,
        numerator_label="within 15 working days",
    ),
    MeasureDefinition(
        "M-CP-01b",
        "Initial conferences within 15 working days of the section 47 start (CIN census)",
        Section.PROTECTION,
        "conference",
        lambda scope: _initial_rows(scope, ConferenceStart.STRATEGY_DISCUSSION, census=True),
        description=(
            "As M-CP-01 counted from the section 47 enquiry's actual start "
            "(S47ActualStartDate), as the children in need census does; conferences whose "
            "enquiry start was not recorded are left out."
        ),
        columns=("section 47 start", "due by"),
        dimensions=CHILD_DIMENSIONS,
        variant_of="M-CP-01",
        numerator_label="within 15 working days",
    ),
    MeasureDefinition(
        "M-CP-01p",
        "Pre-birth initial conferences by their local target",
        Section.PROTECTION,
        "conference",
        lambda scope: _initial_rows(scope, ConferenceStart.PRE_BIRTH),
        description=(
            "Pre-birth initial conferences held in the year by the council's local target "
            "before the expected delivery date (CP-PB), reported apart from M-CP-01."
        ),
        columns=("strategy discussion", "due by"),
        dimensions=(),
        variant_of="M-CP-01",
        numerator_label="by the local target",
    ),
    MeasureDefinition(
        "M-CP-02",
        "Review child protection conferences on time",
        Section.PROTECTION,
        "conference",
        _review_rows,
        description=(
            "Review conferences held in the year by their deadline (3 months after the "
            "initial conference, then 6 months after the one before: CP-2, CP-3), of those "
            "held plus those overdue and not yet held at the year's end."
        ),
        columns=("due by", "held or overdue"),
        dimensions=CHILD_DIMENSIONS,
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-CP-03",
        "Repeat child protection plans",
        Section.PROTECTION,
        "plan",
        _repeat_rows,
        description=(
            "Plans started in the year for children who had been the subject of a plan in "
            "this council before, however long ago, of all plans started in the year (a "
            "child starting two plans counts twice). Leicestershire 2019/20: 21.6%."
        ),
        columns=("earlier plans", "category"),
        dimensions=PLAN_DIMENSIONS,
        numerator_label="repeat plans",
    ),
    MeasureDefinition(
        "M-CP-03b",
        "Repeat plans within 2 years of the previous plan",
        Section.PROTECTION,
        "plan",
        lambda scope: _repeat_rows(scope, REPEAT_WITHIN_YEARS),
        description=(
            "As M-CP-03, counting only plans that started within 2 years of the end of an "
            "earlier plan."
        ),
        columns=("earlier plans", "category"),
        dimensions=PLAN_DIMENSIONS,
        variant_of="M-CP-03",
        numerator_label="repeat within 2 years",
    ),
    MeasureDefinition(
        "M-CP-04a",
        "Plans ending in the year that had lasted 2 years or more",
        Section.PROTECTION,
        "plan",
        lambda scope: _ending_rows(scope, "long"),
        description=(
            "Plans that ended in the year having lasted 2 years or more, of all plans "
            "ending in the year (the DfE's table D7: 4.4% in England in 2024/25)."
        ),
        columns=("started", "ended", "category"),
        dimensions=PLAN_DIMENSIONS,
        numerator_label="lasted 2 years or more",
    ),
    MeasureDefinition(
        "M-CP-04b",
        "Children on a plan at the year's end for more than 18 months",
        Section.PROTECTION,
        "child",
        lambda scope: _open_long_rows(scope, scope.year.end, LONG_PLAN_MONTHS),
        description=(
            "Children on a plan on the year's last day whose plan had lasted more than 18 "
            "months, of all children on a plan that day (Leicestershire's measure)."
        ),
        columns=("plan started", "category"),
        dimensions=PLAN_DIMENSIONS,
        snapshot=lambda scope, day: _snapshot(_open_long_rows(scope, day, LONG_PLAN_MONTHS)),
        numerator_label="over 18 months",
    ),
    MeasureDefinition(
        "M-CP-04c",
        "Plans ending in the year within 3 months",
        Section.PROTECTION,
        "plan",
        lambda scope: _ending_rows(scope, "short"),
        description=(
            "Plans that ended in the year within 3 months of starting, of all plans ending in "
            "the year (England 2024/25: 15.9%): a very short plan may not have been needed."
        ),
        columns=("started", "ended", "category"),
        dimensions=PLAN_DIMENSIONS,
        numerator_label="within 3 months",
    ),
    MeasureDefinition(
        "M-CP-04d",
        "Children on a plan at the year's end for more than 2 years",
        Section.PROTECTION,
        "child",
        lambda scope: _open_long_rows(scope, scope.year.end, 12 * LONG_PLAN_YEARS),
        description="As M-CP-04b, for plans that had lasted more than 2 years.",
        columns=("plan started", "category"),
        dimensions=PLAN_DIMENSIONS,
        variant_of="M-CP-04b",
        numerator_label="over 2 years",
    ),
    MeasureDefinition(
        "M-CP-05",
        "Children on a child protection plan at the year's end",
        Section.PROTECTION,
        "child",
        lambda scope: _population_rows(scope, scope.year.end),
        kind=Kind.COUNT,
        description="Children who were the subject of a plan on the year's last day (POP-CP-YE).",
        columns=("plan started", "category"),
        dimensions=PLAN_DIMENSIONS,
        snapshot=_population_on,
    ),
    MeasureDefinition(
        "M-CP-05a",
        "Children on a plan per 10,000 children",
        Section.PROTECTION,
        "child",
        lambda scope: _population_rows(scope, scope.year.end),
        kind=Kind.RATE,
        description="M-CP-05 per 10,000 of the council's children aged 0 to 17 (ONS).",
        dimensions=(),
        denominator=_rate_denominator,
        variant_of="M-CP-05",
    ),
    MeasureDefinition(
        "M-CP-05b",
        "Child protection plans started in the year",
        Section.PROTECTION,
        "plan",
        _started_rows,
        kind=Kind.COUNT,
        description="Plans made in the year (by an initial or a transfer-in conference).",
        columns=("started", "category"),
        dimensions=PLAN_DIMENSIONS,
        variant_of="M-CP-05",
    ),
    MeasureDefinition(
        "M-CP-05c",
        "Child protection plans ended in the year",
        Section.PROTECTION,
        "plan",
        _ended_rows,
        kind=Kind.COUNT,
        description="Plans that ended in the year, whatever ended them.",
        columns=("started", "category"),
        dimensions=PLAN_DIMENSIONS,
        variant_of="M-CP-05",
    ),
    MeasureDefinition(
        "M-CP-06",
        "Children's views at their child protection conferences",
        Section.PROTECTION,
        "conference",
        _child_participation_rows,
        description=(
            "Conferences held in the year for children aged 4 or over where the child's "
            "views reached the conference (PN1, PN2, PN3, PN5, PN6: the reviews' codes), of "
            "those conferences."
        ),
        columns=("participation",),
        dimensions=(AGE_BAND_4_PLUS, SEX_DIMENSION, ETHNICITY),
        numerator_label="views reached the conference",
    ),
    MeasureDefinition(
        "M-CP-06a",
        "Conferences a parent attended",
        Section.PROTECTION,
        "conference",
        lambda scope: _flag_rows(scope, "parents_attended"),
        description="Conferences held in the year that a parent attended, of those recorded.",
        dimensions=(),
        variant_of="M-CP-06",
        numerator_label="a parent attended",
    ),
    MeasureDefinition(
        "M-CP-06b",
        "Conferences quorate",
        Section.PROTECTION,
        "conference",
        lambda scope: _flag_rows(scope, "quorate"),
        description="Conferences held in the year that were quorate, of those recorded.",
        dimensions=(),
        variant_of="M-CP-06",
        numerator_label="quorate",
    ),
)


def _snapshot(rows: list[Row] | NoData) -> MeasureResult:
    return rows if isinstance(rows, NoData) else figure_of(row.counted for row in rows)
