"""Every measure, in spec order, and the JSON every other tool reads.

Output contract of `compute_measures` (irohub measures, dashboards, exports):
{"year": "2021/22", "measures": {"M-REV-01": {"numerator": 292, "denominator": 300,
"percent": 97.33333333333333}, ...}} — percent unrounded, null when the denominator is 0,
"unclassified" only when some reviews or children could not be classified, and
{"status": "no data", "reason": "..."} for a measure the data cannot support. Counts are
{"count": n}; rates (children per FTE) {"numerator", "denominator", "value"}. With
`breakdowns=True` each measure that has them also carries
"breakdowns": {"sex": {"Female": {...}, ...}, ...} in the same shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from irohub.measures import (
    escalation,
    fostering,
    other_regimes,
    participation,
    population,
    process,
    protection,
    reviews,
    workforce,
)
from irohub.measures.catalogue import MeasureDefinition, Row, Scope
from irohub.measures.results import MeasureResult, NoData
from irohub.measures.timeline import collector_paused
from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "DEFINITIONS",
    "MEASURES",
    "Measure",
    "compute_measures",
    "definition",
    "measure_rows",
    "monthly_trend",
]

Measure = Callable[[Register, CollectionYear, WorkingDayCalendar | None], MeasureResult]

DEFINITIONS: dict[str, MeasureDefinition] = {
    definition.id: definition
    for module in (
        *(reviews, participation, process, escalation, workforce, population),
        *(protection, fostering, other_regimes),
    )
    for definition in module.DEFINITIONS
}


def _measure(definition: MeasureDefinition) -> Measure:
    def measure(
        register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
    ) -> MeasureResult:
        return definition.result(Scope(register, year, calendar))

    measure.__name__ = definition.id
    measure.__doc__ = f"{definition.id} {definition.title}: {definition.description}"
    return measure


# The plain functions: register, year, calendar → figure.
MEASURES: dict[str, Measure] = {
    measure_id: _measure(definition) for measure_id, definition in DEFINITIONS.items()
}


def definition(measure_id: str) -> MeasureDefinition:
    """The measure called `measure_id` (KeyError names it when there is none)."""
    try:
        return DEFINITIONS[measure_id]
    except KeyError:
        raise KeyError(f"no measure {measure_id!r}") from None


def _year(year: CollectionYear | str) -> CollectionYear:
    return CollectionYear.parse(year) if isinstance(year, str) else year


def compute_measures(
    register: Register,
    year: CollectionYear | str,
    *,
    calendar: WorkingDayCalendar | None = None,
    breakdowns: bool = False,
) -> dict[str, object]:
    """Every measure for one collection year ("2021/22" or a CollectionYear), as the
    JSON-ready dict of the output contract."""
    scope = Scope(register, _year(year), calendar)
    measures: dict[str, object] = {}
    with collector_paused():  # one pause for the lot (see `collector_paused`)
        for measure_id, measure in DEFINITIONS.items():
            result = measure.result(scope).as_json()
            if breakdowns and "status" not in result:
                split = measure.breakdowns(scope)
                if split:
                    result["breakdowns"] = {
                        name: {group: value.as_json() for group, value in groups.items()}
                        for name, groups in split.items()
                    }
            measures[measure_id] = result
    return {"year": scope.year.label, "measures": measures}


def measure_rows(
    register: Register,
    year: CollectionYear | str,
    measure_id: str,
    *,
    calendar: WorkingDayCalendar | None = None,
) -> list[Row] | NoData:
    """The rows behind one measure's figure: its drill-down (numerator rows are those
    with `counted` True)."""
    return definition(measure_id).rows(Scope(register, _year(year), calendar))


def monthly_trend(
    register: Register,
    year: CollectionYear | str,
    measure_id: str,
    *,
    calendar: WorkingDayCalendar | None = None,
) -> list[tuple[date, MeasureResult]]:
    """A snapshot measure at the end of each month of the year (to date)."""
    measure = definition(measure_id)
    if measure.snapshot is None:
        raise ValueError(f"{measure_id} is not a snapshot measure")
    scope = Scope(register, _year(year), calendar)
    with collector_paused():
        return [(day, measure.snapshot(scope, day)) for day in scope.year.month_ends()]
