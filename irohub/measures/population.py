"""The looked after population and flows: M-POP-01 to M-POP-05 (spec/measures.md §F).

All of these come from the children's care periods and episodes, which an SSDA903 return
holds too: from the database and from files they give the same figures (for every year
the files cover from its start — before that, "no data", as for the review measures).

Conventions, following DfE's "Children looked after in England" statistics so the
figures compare with the national ones:
- A child is looked after on a day when a care period is open on it (start ≤ day and no
  end or end > day — OQ-14); "at 31 March" is the year's last day (or the last day of a
  year to date).
- Short breaks are left out, as DfE leaves them out of its published figures: a row whose
  child was under legal status V3 or V4 on the row's day (the snapshot day, the day the
  care period began, the day it ended). IROs still hold these children: they are in the
  workforce measures' caseloads.
- Ages are whole years on the row's day; age bands are DfE's (under 1, 1–4, 5–9, 10–15,
  16 and over).

A placement (M-POP-04) is IRO Hub's reading of DfE's placement-stability definitions
from SSDA903 episodes: a care period's first episode begins one, and so does each episode
whose reason for new episode (RNE) is P, B, T or U (a change of placement) — except that
- temporary placements (T0–T4: hospital, holidays, up to 7 days) are not placements, and
  going back to the same placement after one (same PLACE, provider, URN and postcode)
  carries on the placement it interrupted;
- being placed for adoption with the current foster carers (A3 or A5 with RNE T or U,
  same carer) carries on the foster placement.
A change of legal status only (RNE L) never begins a placement.

The rate per 10,000 children (M-POP-01b) needs the ONS mid-year estimate of the council's
children aged 0 to 17 (`Register.child_population`: from the database, the setting
IROHUB_CHILD_POPULATION); without it the rate says "no data".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section, not_held
from irohub.measures.dimensions import (
    AGE_BAND,
    ETHNICITY,
    ETHNICITY_DETAILED,
    IRO,
    LEGAL,
    NOT_KNOWN,
    PLACEMENT_LOCATION,
    PLACEMENT_TYPE,
    SEX_DIMENSION,
    TEAM,
    Dimension,
    age_on,
    row_dimension,
)
from irohub.measures.results import Count, MeasureResult, NoData, Rate
from irohub.measures.reviews import history_gap
from irohub.records.codes import (
    ADOPTION_PLACEMENTS,
    REASON_CEASED,
    SHORT_BREAK_LEGAL_STATUSES,
    TEMPORARY_PLACEMENTS,
)
from irohub.records.register import CarePeriodRecord, ChildRecord, EpisodeRecord, Register
from irohub.records.years import CollectionYear

__all__ = [
    "DEFINITIONS",
    "DISABILITY",
    "OUTCOME",
    "POPULATION_DIMENSIONS",
    "REASON_CEASED_DIMENSION",
    "UASC_DIMENSION",
    "Placement",
    "current_placement",
    "episode_on",
    "looked_after_during",
    "months_before",
    "period_on",
    "placements",
    "placements_in_year",
]

# RNE codes that change the placement (S begins the period and its first placement).
PLACEMENT_CHANGE = frozenset({"P", "B", "T", "U"})
SAME_CARER = frozenset({"T", "U"})
WITH_CURRENT_FOSTER_CARERS = frozenset({"A3", "A5"})
LONG_TERM_LOOKED_AFTER_MONTHS = 30  # 2.5 years
LONG_TERM_PLACEMENT_MONTHS = 24
LONG_TERM_AGE_LIMIT = 16


# --- who is looked after, and in what episode -------------------------------------------


def period_on(child: ChildRecord, day: date) -> CarePeriodRecord | None:
    """The child's care period open on `day` (OQ-14: one ending that day is not)."""
    for period in child.periods:
        if period.looked_after_on(day):
            return period
    return None


def looked_after_during(child: ChildRecord, year: CollectionYear) -> bool:
    """POP-LAC-YR: a care period open at some time in the year (one ending on 1 April
    counts, as SSDA903 counts an episode ending on or after 1 April)."""
    return any(_in_year(period, year) for period in child.periods)


def _in_year(period: CarePeriodRecord, year: CollectionYear) -> bool:
    return period.start <= year.end and (period.end is None or period.end >= year.start)


def episode_on(period: CarePeriodRecord, day: date) -> EpisodeRecord | None:
    """The period's episode open on `day`, else the last one that began by then (on the
    day a period ends, its last episode)."""
    latest = None
    for episode in period.episodes:
        if episode.start > day:
            break
        latest = episode
    return latest


def _short_break(episode: EpisodeRecord | None) -> bool:
    return episode is None or episode.legal_status in SHORT_BREAK_LEGAL_STATUSES


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- placements --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placement:
    """One placement in a care period: from `start` until `end` (None while it lasts);
    `first` is the episode that began it."""

    start: date
    end: date | None
    first: EpisodeRecord


def _same_place(a: EpisodeRecord, b: EpisodeRecord) -> bool:
    return (a.placement, a.placement_provider, a.urn, a.placement_postcode) == (
        b.placement,
        b.placement_provider,
        b.urn,
        b.placement_postcode,
    )


def placements(period: CarePeriodRecord) -> list[Placement]:
    """The period's placements in order (see the module docstring for what begins one)."""
    spells: list[Placement] = []
    settled: EpisodeRecord | None = None  # the last episode not in a temporary placement
    previous: EpisodeRecord | None = None
    for episode in period.episodes:
        if episode.placement in TEMPORARY_PLACEMENTS:
            previous = episode
            continue
        resumed = (
            previous is not None
            and previous.placement in TEMPORARY_PLACEMENTS
            and settled is not None
            and _same_place(settled, episode)
        )
        adopted_by_carers = (
            episode.placement in WITH_CURRENT_FOSTER_CARERS
            and episode.reason_new_episode in SAME_CARER
        )
        moved = episode.reason_new_episode in PLACEMENT_CHANGE and not (
            resumed or adopted_by_carers
        )
        if spells and not moved:
            spells[-1] = Placement(spells[-1].start, episode.end, spells[-1].first)
        else:
            spells.append(Placement(episode.start, episode.end, episode))
        settled = previous = episode
    return spells


def placements_in_year(child: ChildRecord, year: CollectionYear) -> int:
    """How many placements the child had at some time in the year, over all their care
    periods (one ending on 1 April counts: the child moved in the year)."""
    return sum(
        1
        for period in child.periods
        if _in_year(period, year)
        for spell in placements(period)
        if spell.start <= year.end and (spell.end is None or spell.end >= year.start)
    )


def current_placement(period: CarePeriodRecord, day: date) -> Placement | None:
    """The placement the child was in on `day` (during a temporary placement, the one
    before it); a placement for adoption is taken together with the placement before it,
    as DfE's long-term stability measure does."""
    spells = [spell for spell in placements(period) if spell.start <= day]
    if not spells:
        return None
    current = spells[-1]
    if current.first.placement in ADOPTION_PLACEMENTS and len(spells) > 1:
        return Placement(spells[-2].start, current.end, current.first)
    return current


# --- dimensions of the population measures ----------------------------------------------


def _uasc(_: object, child: ChildRecord, day: date) -> str:
    unaccompanied = child.uasc and (child.uasc_ceased is None or child.uasc_ceased > day)
    return "UASC" if unaccompanied else "Not UASC"


def _disability(_: object, child: ChildRecord, day: date) -> str:
    # None: the data does not say (an SSDA903 return has no disability item).
    if child.disability is None:
        return NOT_KNOWN
    return "Disabled" if child.disability else "Not disabled"


UASC_DIMENSION = Dimension("UASC", _uasc, ("UASC", "Not UASC"))
DISABILITY = Dimension("disability", _disability, ("Disabled", "Not disabled", NOT_KNOWN))
POPULATION_DIMENSIONS: tuple[Dimension, ...] = (
    AGE_BAND,
    SEX_DIMENSION,
    ETHNICITY,
    ETHNICITY_DETAILED,
    LEGAL,
    PLACEMENT_TYPE,
    PLACEMENT_LOCATION,
    UASC_DIMENSION,
    DISABILITY,
    TEAM,
    IRO,
)

CEASED_REASONS = {code: f"{code}: {label}" for code, label in REASON_CEASED.items() if code != "X1"}
OUTCOMES = (
    "Adopted",
    "Special guardianship order",
    "Returned home",
    "Child arrangements order",
    "Ceased at 18 or over",
    "Other reason",
)
_OUTCOME_OF = {
    "E11": "Adopted",
    "E12": "Adopted",
    **{code: "Special guardianship order" for code in ("E45", "E46", "E47", "E48")},
    "E4A": "Returned home",
    "E4B": "Returned home",
    "E41": "Child arrangements order",
}


def _outcome(row: Row) -> str:
    code, _, age = row.columns
    outcome = _OUTCOME_OF.get(str(code))
    if outcome is not None:
        return outcome
    return "Ceased at 18 or over" if isinstance(age, int) and age >= 18 else "Other reason"


OUTCOME = row_dimension("outcome", _outcome, OUTCOMES)
REASON_CEASED_DIMENSION = row_dimension(
    "reason ceased",
    lambda row: CEASED_REASONS.get(str(row.columns[0]), str(row.columns[0]) or NOT_KNOWN),
    tuple(CEASED_REASONS.values()),
)


# --- rows ----------------------------------------------------------------------------------


def _gap(register: Register, day: date) -> NoData | None:
    return history_gap(register, CollectionYear.containing(day))


def _at(register: Register, day: date) -> list[tuple[ChildRecord, CarePeriodRecord, EpisodeRecord]]:
    """The children looked after on `day` (short breaks left out), with their care period
    and episode that day."""
    found = []
    for child in register.children:
        period = period_on(child, day)
        if period is None:
            continue
        episode = episode_on(period, day)
        if not _short_break(episode):
            assert episode is not None
            found.append((child, period, episode))
    return found


def _snapshot_rows(scope: Scope, day: date) -> list[Row] | NoData:
    if gap := _gap(scope.register, day):
        return gap
    return [
        Row(child.child_id, day, True, (period.start, episode.legal_status, episode.placement))
        for child, period, episode in _at(scope.register, day)
    ]


def _pop01_on(scope: Scope, day: date) -> MeasureResult:
    rows = _snapshot_rows(scope, day)
    return rows if isinstance(rows, NoData) else Count(len(rows))


POPULATION_NOT_HELD = (
    "the council's child population (the ONS mid-year estimate of children aged 0 to 17) "
    "is not set: IROHUB_CHILD_POPULATION"
)
PER = 10_000  # the rate is per 10,000 children


def _per_10000(scope: Scope) -> float | NoData:
    """The rate's denominator: the child population in tens of thousands."""
    population = scope.register.child_population
    return NoData(POPULATION_NOT_HELD) if population is None else population / PER


def _pop01b_on(scope: Scope, day: date) -> MeasureResult:
    rows = _snapshot_rows(scope, day)
    if isinstance(rows, NoData):
        return rows
    denominator = _per_10000(scope)
    return denominator if isinstance(denominator, NoData) else Rate(len(rows), denominator)


def _started_rows(scope: Scope) -> list[Row] | NoData:
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = []
    for child in register.children:
        for period in child.periods:
            if period.start in year and period.episodes:
                first = period.episodes[0]
                if not _short_break(first):
                    rows.append(
                        Row(
                            child.child_id,
                            period.start,
                            True,
                            (first.legal_status, first.placement),
                        )
                    )
    return rows


def _ceased_rows(scope: Scope) -> list[Row] | NoData:
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = []
    for child in register.children:
        for period in child.periods:
            end = period.end
            if end is None or end not in year or _short_break(episode_on(period, end)):
                continue
            code = period.reason_ceased
            age = age_on(child.date_of_birth, end)
            rows.append(Row(child.child_id, end, True, (code, REASON_CEASED.get(code, ""), age)))
    return rows


def _during_year_rows(scope: Scope) -> list[Row] | NoData:
    """One row per child: their latest care period in the year outside short breaks,
    described on its last day in the year."""
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = []
    for child in register.children:
        for period in reversed(child.periods):
            if not _in_year(period, year):
                continue
            day = min(period.end, year.end) if period.end is not None else year.end
            if not _short_break(episode_on(period, day)):
                rows.append(Row(child.child_id, day, True, (period.start, period.end)))
                break
    return rows


def _stability_rows(scope: Scope) -> list[Row] | NoData:
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = []
    for child, _, _ in _at(register, year.end):
        moves = placements_in_year(child, year)
        rows.append(Row(child.child_id, year.end, moves >= 3, (moves,)))
    return rows


def _long_term_rows(scope: Scope) -> list[Row] | NoData:
    register, year = scope.register, scope.year
    day = year.end
    looked_after_from = months_before(day, LONG_TERM_LOOKED_AFTER_MONTHS)
    placed_from = months_before(day, LONG_TERM_PLACEMENT_MONTHS)
    if register.history_from is not None and register.history_from > looked_after_from:
        return NoData(
            "long-term placement stability needs the children's histories from "
            f"{looked_after_from.isoformat()} (2.5 years before {day.isoformat()}); the data "
            f"begins on {register.history_from.isoformat()}"
        )
    rows = []
    for child, period, _ in _at(register, day):
        if age_on(child.date_of_birth, day) >= LONG_TERM_AGE_LIMIT:
            continue
        if period.start > looked_after_from:
            continue
        placement = current_placement(period, day)
        since = placement.start if placement else None
        rows.append(
            Row(
                child.child_id,
                day,
                since is not None and since <= placed_from,
                (period.start, since),
            )
        )
    return rows


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-POP-01",
        "Children looked after at the year's end",
        Section.POPULATION,
        "child",
        lambda scope: _snapshot_rows(scope, scope.year.end),
        kind=Kind.COUNT,
        description=(
            "Children looked after on the year's last day (31 March), short breaks (V3, V4) "
            "left out as in DfE's figures. The rate per 10,000 children is M-POP-01b. The "
            "breakdowns are the looked after population's demographics (M-POP-03 at 31 "
            "March)."
        ),
        columns=("care period began", "legal status", "placement"),
        dimensions=POPULATION_DIMENSIONS,
        snapshot=_pop01_on,
    ),
    MeasureDefinition(
        "M-POP-01b",
        "Children looked after per 10,000 children",
        Section.POPULATION,
        "child",
        lambda scope: _snapshot_rows(scope, scope.year.end),
        kind=Kind.RATE,
        description=(
            "M-POP-01's children looked after at the year's end per 10,000 of the council's "
            "children aged 0 to 17 (the ONS mid-year estimate, set as IROHUB_CHILD_POPULATION; "
            "the denominator is that population in tens of thousands), as DfE publishes "
            "nationally."
        ),
        columns=("care period began", "legal status", "placement"),
        dimensions=(),
        denominator=_per_10000,
        snapshot=_pop01b_on,
        variant_of="M-POP-01",
    ),
    MeasureDefinition(
        "M-POP-02",
        "Care periods that began in the year",
        Section.POPULATION,
        "care period",
        _started_rows,
        kind=Kind.COUNT,
        description=(
            "Children who started to be looked after in the year (care periods beginning in "
            "it; short breaks left out). The breakdowns describe them on the day they began."
        ),
        columns=("legal status", "placement"),
        dimensions=POPULATION_DIMENSIONS,
    ),
    MeasureDefinition(
        "M-POP-02a",
        "Care periods that ended in the year",
        Section.POPULATION,
        "care period",
        _ceased_rows,
        kind=Kind.COUNT,
        description=(
            "Children who ceased to be looked after in the year (care periods ending in it; "
            "short breaks left out), by outcome — adopted (E11, E12), special guardianship "
            "(E45–E48), returned home (E4A, E4B), child arrangements order (E41), ceased at "
            "18 or over for any other reason — and by reason ceased (REC)."
        ),
        columns=("reason ceased", "meaning", "age"),
        dimensions=(OUTCOME, REASON_CEASED_DIMENSION, *POPULATION_DIMENSIONS),
    ),
    MeasureDefinition(
        "M-POP-03",
        "Children looked after during the year",
        Section.POPULATION,
        "child",
        _during_year_rows,
        kind=Kind.COUNT,
        description=(
            "Children looked after at any time in the year (each child once; short breaks "
            "left out), by sex, age band, ethnicity, legal status, placement type, UASC and "
            "disability on their last day looked after in the year. The demographics at 31 "
            "March are M-POP-01's breakdowns; those of children starting and ceasing, "
            "M-POP-02's and M-POP-02a's."
        ),
        columns=("care period began", "care period ended"),
        dimensions=POPULATION_DIMENSIONS,
    ),
    MeasureDefinition(
        "M-POP-04",
        "Children with three or more placements in the year",
        Section.POPULATION,
        "child",
        _stability_rows,
        description=(
            "Children looked after at 31 March (short breaks left out) who had three or more "
            "placements during the year (DfE's short-term placement stability)."
        ),
        columns=("placements in the year",),
        dimensions=POPULATION_DIMENSIONS,
        numerator_label="three or more placements",
    ),
    MeasureDefinition(
        "M-POP-04a",
        "Long-term placement stability",
        Section.POPULATION,
        "child",
        _long_term_rows,
        description=(
            "Children under 16 at 31 March looked after for at least 2.5 years (their care "
            "period began 30 months or more before) who had been in the same placement for "
            "at least 2 years, a placement for adoption counting together with the placement "
            "before it (DfE's long-term placement stability)."
        ),
        columns=("looked after since", "in this placement since"),
        dimensions=POPULATION_DIMENSIONS,
        numerator_label="same placement 2 years",
    ),
    MeasureDefinition(
        "M-POP-05",
        "Statutory visits within timescale",
        Section.POPULATION,
        "visit",
        not_held("IRO Hub does not record social workers' statutory visits (regulation 28)"),
        description="Visits due under regulation 28 made within the interval.",
        dimensions=(),
    ),
)
