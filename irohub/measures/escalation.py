"""Challenge, escalation and Cafcass: M-ESC-01 to M-ESC-04 (spec/measures.md §D).

They count the IRO's challenges through the council's dispute resolution process
(irohub.statutory.resolution; `Register.challenges`) and referrals to Cafcass. An SSDA903
return holds no challenges: from files each says "no data".

Resolved here: a challenge counts in the year it was opened (M-ESC-01, 03); its "stage
reached" is the latest stage it reached by the year's end. M-ESC-02 counts formal
challenges whose 20-working-day target (DR-1) fell in the year and had passed by its end:
in time when closed on or before the target (DR-3), not in time when closed later or still
open. M-ESC-03 counts children looked after at some time in the year (POP-LAC-YR) with a
challenge opened in the year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import STANDARD, row_dimension
from irohub.measures.population import looked_after_during
from irohub.measures.results import NoData
from irohub.records.register import ChallengeRecord, Register
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar, default_calendar
from irohub.statutory.resolution import DEFAULT_STAGE_NAMES, FORMAL_PROCESS_WORKING_DAYS, Stage

__all__ = [
    "CHALLENGES_NOT_HELD",
    "DEFINITIONS",
    "OUTCOMES",
    "STAGES",
    "StageCounts",
    "median_working_days_to_close",
    "stage_table",
    "theme_counts",
]

CHALLENGES_NOT_HELD = (
    "the data holds no IRO challenges (an SSDA903 return has none; IRO Hub records them "
    "through its dispute resolution process)"
)
STAGES: dict[int, str] = {int(stage): DEFAULT_STAGE_NAMES[stage] for stage in Stage}
OUTCOMES: tuple[str, ...] = ("Resolved", "Partly resolved", "Not resolved", "Open")


def _outcome(challenge: ChallengeRecord, year: CollectionYear) -> str:
    if challenge.closed is None or challenge.closed > year.end:
        return "Open"
    return challenge.outcome.capitalize()


def stage_reached(challenge: ChallengeRecord, year: CollectionYear) -> int:
    """The latest stage the challenge reached by the year's end."""
    reached = [stage for stage, day in challenge.stages if day <= year.end]
    return reached[-1] if reached else challenge.stages[0][0]


STAGE_DIMENSION = row_dimension(
    "stage reached", lambda row: str(row.columns[1]), tuple(STAGES.values())
)
OUTCOME_DIMENSION = row_dimension("outcome", lambda row: str(row.columns[2]), OUTCOMES)
SOCIAL_WORK_TEAM = row_dimension(
    "social-work team", lambda row: str(row.columns[3]) or "Not recorded", ()
)
THEME = row_dimension("theme", lambda row: str(row.columns[0]), ())
CHALLENGE_COLUMNS = ("opened", "stage reached", "outcome", "social-work team", "themes")
CHALLENGE_DIMENSIONS = (STAGE_DIMENSION, OUTCOME_DIMENSION, SOCIAL_WORK_TEAM, *STANDARD)


def _challenges(scope: Scope) -> list[ChallengeRecord] | NoData:
    if scope.register.challenges is None:
        return NoData(CHALLENGES_NOT_HELD)
    return [c for c in scope.register.challenges if c.opened in scope.year]


def _columns(challenge: ChallengeRecord, year: CollectionYear) -> tuple[object, ...]:
    return (
        challenge.opened,
        STAGES[stage_reached(challenge, year)],
        _outcome(challenge, year),
        challenge.team,
        ", ".join(challenge.themes),
    )


def _esc01_rows(scope: Scope) -> list[Row] | NoData:
    opened = _challenges(scope)
    if isinstance(opened, NoData):
        return opened
    return [Row(c.child_id, c.opened, True, _columns(c, scope.year)) for c in opened]


def _esc01b_rows(scope: Scope) -> list[Row] | NoData:
    opened = _challenges(scope)
    if isinstance(opened, NoData):
        return opened
    return [
        Row(c.child_id, c.opened, True, (theme, STAGES[stage_reached(c, scope.year)]))
        for c in opened
        for theme in (c.themes or ("No theme recorded",))
    ]


def _calendar(scope: Scope) -> WorkingDayCalendar:
    return scope.calendar or default_calendar()


def _esc02_rows(scope: Scope) -> list[Row] | NoData:
    if scope.register.challenges is None:
        return NoData(CHALLENGES_NOT_HELD)
    calendar = _calendar(scope)
    rows = []
    for challenge in scope.register.challenges:
        if challenge.formal_started is None:
            continue
        due = calendar.add_working_days(challenge.formal_started, FORMAL_PROCESS_WORKING_DAYS)
        if due not in scope.year:
            continue
        in_time = challenge.closed is not None and challenge.closed <= due
        rows.append(Row(challenge.child_id, due, in_time, _columns(challenge, scope.year)))
    return rows


def _esc03_rows(scope: Scope) -> list[Row] | NoData:
    opened = _challenges(scope)
    if isinstance(opened, NoData):
        return opened
    challenged = {c.child_id for c in opened}
    return [
        Row(child.child_id, scope.year.end, child.child_id in challenged)
        for child in scope.register.children
        if looked_after_during(child, scope.year)
    ]


def _esc04_rows(scope: Scope) -> list[Row] | NoData:
    if scope.register.challenges is None:
        return NoData(CHALLENGES_NOT_HELD)
    return [
        Row(c.child_id, c.cafcass_referred, True, _columns(c, scope.year))
        for c in scope.register.challenges
        if c.cafcass_referred is not None and c.cafcass_referred in scope.year
    ]


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-ESC-01",
        "Escalations raised",
        Section.ESCALATION,
        "challenge",
        _esc01_rows,
        kind=Kind.COUNT,
        description=(
            "IRO challenges opened in the year, informal and formal, by the stage each "
            "reached, its outcome and the social-work team it went to."
        ),
        columns=CHALLENGE_COLUMNS,
        dimensions=CHALLENGE_DIMENSIONS,
    ),
    MeasureDefinition(
        "M-ESC-01b",
        "Issues raised in challenges, by theme",
        Section.ESCALATION,
        "issue",
        _esc01b_rows,
        kind=Kind.COUNT,
        description=(
            "The themes of the challenges opened in the year: a challenge about several "
            "themes counts once under each (as Bradford's table 14 does)."
        ),
        columns=("theme", "stage reached"),
        dimensions=(THEME, STAGE_DIMENSION),
        variant_of="M-ESC-01",
    ),
    MeasureDefinition(
        "M-ESC-02",
        "Formal disputes resolved within 20 working days",
        Section.ESCALATION,
        "dispute",
        _esc02_rows,
        description=(
            "Formal challenges whose 20-working-day target (DR-1) fell in the year that "
            "were closed by it (DR-3)."
        ),
        columns=CHALLENGE_COLUMNS,
        dimensions=CHALLENGE_DIMENSIONS,
        numerator_label="resolved in time",
    ),
    MeasureDefinition(
        "M-ESC-03",
        "Children with an escalation",
        Section.ESCALATION,
        "child",
        _esc03_rows,
        description=(
            "Children looked after at some time in the year with at least one IRO challenge "
            "opened in the year."
        ),
        numerator_label="with a challenge",
    ),
    MeasureDefinition(
        "M-ESC-04",
        "Cafcass referrals",
        Section.ESCALATION,
        "referral",
        _esc04_rows,
        kind=Kind.COUNT,
        description="Cases the IRO referred to Cafcass in the year (Children Act 1989 s25B(3)).",
        columns=CHALLENGE_COLUMNS,
        dimensions=(),
    ),
)


# --- the annual report's tables -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageCounts:
    """One stage in a year: challenges that reached it, left it for a later stage, and
    were closed at it as resolved (Wolverhampton's table 13)."""

    stage: int
    reached: int
    escalated: int
    resolved: int


def stage_table(register: Register, year: CollectionYear) -> list[StageCounts] | NoData:
    """Per stage, the challenges opened in the year that reached it, were escalated from
    it, and were resolved at it (by the year's end)."""
    if register.challenges is None:
        return NoData(CHALLENGES_NOT_HELD)
    reached: Counter[int] = Counter()
    escalated: Counter[int] = Counter()
    resolved: Counter[int] = Counter()
    for challenge in register.challenges:
        if challenge.opened not in year:
            continue
        stages = [stage for stage, day in challenge.stages if day <= year.end]
        for index, stage in enumerate(stages):
            reached[stage] += 1
            if index + 1 < len(stages):
                escalated[stage] += 1
        closed = challenge.closed is not None and challenge.closed <= year.end
        if closed and challenge.outcome == "resolved" and stages:
            resolved[stages[-1]] += 1
    return [
        StageCounts(stage, reached[stage], escalated[stage], resolved[stage]) for stage in STAGES
    ]


def theme_counts(register: Register, year: CollectionYear) -> Counter[str] | NoData:
    """How many challenges opened in the year named each theme."""
    if register.challenges is None:
        return NoData(CHALLENGES_NOT_HELD)
    counts: Counter[str] = Counter()
    for challenge in register.challenges:
        if challenge.opened in year:
            counts.update(challenge.themes or ("No theme recorded",))
    return counts


def median_working_days_to_close(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> float | None:
    """M-ESC-03's second figure: median working days from opening to closing, for the
    challenges opened in the year that closed by its end."""
    calendar = calendar or default_calendar()
    days = [
        calendar.working_days_between(c.opened, c.closed)
        for c in register.challenges or ()
        if c.opened in year and c.closed is not None and c.closed <= year.end
    ]
    return median(days) if days else None
