"""The annual report's figures: everything it shows, worked out from the register once.

`gather_figures` computes every measure of `irohub.measures` for the year, the year before
and the one before that (the JSON of `compute_measures`, so the report and `irohub
measures` agree to the digit), the monthly trends of the snapshot measures and the staff
in post; the sections (sections.py) only read them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from irohub.forecasting.plan import Plan
from irohub.measures import DEFINITIONS, compute_measures, monthly_trend
from irohub.measures.diversity import team_and_children
from irohub.measures.escalation import StageCounts, stage_table
from irohub.measures.results import NoData
from irohub.measures.voice import booklet_answers
from irohub.measures.workforce import workforce_on
from irohub.records.codes import PARTICIPATION
from irohub.records.register import Register
from irohub.records.workforce import IRO as IRO_ROLE
from irohub.records.workforce import WorkforceSnapshot, snapshot, staff_of
from irohub.records.years import CollectionYear
from irohub.reporting.national import NationalFigure, for_report_year
from irohub.reporting.published import Comparison
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "YEARS_COMPARED",
    "ReportFigures",
    "ServiceCounts",
    "ServiceFacts",
    "YearFigures",
    "gather_figures",
    "has_data",
]

YEARS_COMPARED = 3  # this year, last year and the year before (a three-year trend)


@dataclass(frozen=True)
class ServiceFacts:
    """What the IRO service records about itself rather than about a child: the days
    recognitions of good practice were sent, complaints and compliments received, and
    observations of IROs chairing (with the IRO observed)."""

    recognitions: tuple[date, ...] = ()
    complaints: tuple[date, ...] = ()
    compliments: tuple[date, ...] = ()
    observations: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class ServiceCounts:
    recognitions: int
    complaints: int
    compliments: int
    observations: int
    iros_observed: int


@dataclass(frozen=True)
class YearFigures:
    year: CollectionYear
    measures: dict[str, dict[str, Any]]  # compute_measures(...)["measures"], breakdowns on
    participation_codes: dict[str, int]  # reviews held in the year by PN code
    staff_by_team: dict[str, tuple[int, float]] | None  # team → (IROs, FTE) at 31 March
    # The establishment, vacancies, agency staff and absence at the year's end (None: the
    # data holds no workforce records).
    workforce: WorkforceSnapshot | None = None
    # Challenges by stage: reached, escalated, resolved (None: the data holds none).
    stages: tuple[StageCounts, ...] | None = None
    service: ServiceCounts | None = None  # None: not recorded (figures from files)
    # Answers to the consultation and feedback forms returned in the year, by respondent
    # (child, parent, carer): irohub.measures.voice.booklet_answers; None when not held.
    booklet: dict[str, Any] | None = None
    # The IRO team beside the children in care at the year's end, by ethnic group and
    # gender (irohub.measures.diversity): {table: {row: (children, IROs)}}; None: no staff.
    diversity: dict[str, dict[str, tuple[int, int]]] | None = None


@dataclass(frozen=True)
class ReportFigures:
    """Everything computed from the register for one report year."""

    year: CollectionYear
    years: tuple[YearFigures, ...]  # earliest first; the report's year last
    trends: dict[str, list[tuple[date, dict[str, Any]]]]  # snapshot measure → month ends
    national: dict[str, NationalFigure]
    # The workforce at the end of each month of the report's year (empty: not held).
    workforce_months: tuple[WorkforceSnapshot, ...] = ()
    # The council beside its statistical neighbours, region and England from the DfE's
    # published tables (irohub.benchmarking), when any are loaded for the year or before.
    benchmarking: Comparison | None = None
    # The workforce plan from the year's end (irohub.forecasting.plan): None when not made
    # (figures from files, or a register too young to forecast from).
    forecast: Plan | None = None

    @property
    def this(self) -> YearFigures:
        return self.years[-1]

    @property
    def last(self) -> YearFigures | None:
        return self.years[-2] if len(self.years) > 1 else None

    def measure(self, measure_id: str, back: int = 0) -> dict[str, Any] | None:
        """A measure's result `back` years before the report's year (None: not computed)."""
        if back >= len(self.years):
            return None
        return self.years[-1 - back].measures.get(measure_id)


def has_data(register: Register, year: CollectionYear) -> bool:
    """Whether any child was looked after at some time in the year."""
    return any(
        period.start <= year.end and (period.end is None or period.end >= year.start)
        for child in register.children
        for period in child.periods
    )


def gather_figures(
    register: Register,
    year: CollectionYear,
    *,
    calendar: WorkingDayCalendar | None = None,
    service: ServiceFacts | None = None,
) -> ReportFigures:
    """Compute everything the report shows for `year` (and the years it is compared with);
    `service` is what the IRO service recorded about itself (None: not held)."""
    years = [year]
    for _ in range(YEARS_COMPARED - 1):
        earlier = years[-1].previous()
        if not has_data(register, earlier):
            break
        years.append(earlier)
    computed = tuple(_year_figures(register, y, calendar, service) for y in reversed(years))
    trends: dict[str, list[tuple[date, dict[str, Any]]]] = {}
    for measure_id, definition in DEFINITIONS.items():
        if definition.snapshot is not None:
            trend = monthly_trend(register, year, measure_id, calendar=calendar)
            trends[measure_id] = [(day, result.as_json()) for day, result in trend]
    months: tuple[WorkforceSnapshot, ...] = ()
    if register.workforce is not None and register.staff is not None:
        staff = staff_of(register)
        months = tuple(snapshot(staff, register.workforce, day) for day in year.month_ends())
    return ReportFigures(year, computed, trends, for_report_year(year.label), months)


def _year_figures(
    register: Register,
    year: CollectionYear,
    calendar: WorkingDayCalendar | None,
    service: ServiceFacts | None = None,
) -> YearFigures:
    measures: dict[str, dict[str, Any]] = compute_measures(
        register, year, calendar=calendar, breakdowns=True
    )["measures"]  # type: ignore[assignment]
    codes: Counter[str] = Counter()
    for child in register.children:
        for period in child.periods:
            for review in period.reviews:
                if review.held in year:
                    codes[review.participation] += 1
    return YearFigures(
        year=year,
        measures=measures,
        participation_codes={code: codes.get(code, 0) for code in PARTICIPATION},
        staff_by_team=_staff_by_team(register, year.end),
        workforce=None if isinstance(seen := workforce_on(register, year.end), NoData) else seen,
        stages=None if isinstance(stages := stage_table(register, year), NoData) else tuple(stages),
        service=None if service is None else _service_counts(service, year),
        booklet=_booklet(register, year),
        diversity=team_and_children(register, year.end),
    )


def _service_counts(service: ServiceFacts, year: CollectionYear) -> ServiceCounts:
    observed = [(day, iro) for day, iro in service.observations if day in year]
    return ServiceCounts(
        recognitions=sum(day in year for day in service.recognitions),
        complaints=sum(day in year for day in service.complaints),
        compliments=sum(day in year for day in service.compliments),
        observations=len(observed),
        iros_observed=len({iro for _, iro in observed}),
    )


def _booklet(register: Register, year: CollectionYear) -> dict[str, Any] | None:
    if not register.consultation_held:
        return None
    return {
        respondent: booklet_answers(register, year.start, year.end, respondent=respondent)
        for respondent in ("child", "parent", "carer")
    }


def _staff_by_team(register: Register, day: date) -> dict[str, tuple[int, float]] | None:
    """IROs in post on `day` by team, and their FTE that day (the FTE in post rule)."""
    if register.staff is None:
        return None
    teams: dict[str, list[float]] = defaultdict(list)
    for person in staff_of(register):
        if person.role == IRO_ROLE and person.in_post_on(day):
            teams[person.team].append(person.fte_on(day))
    return {team: (len(ftes), round(sum(ftes), 2)) for team, ftes in sorted(teams.items())}
