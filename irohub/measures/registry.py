"""Every measure, in spec order, and the JSON every other tool reads.

Output contract of `compute_measures` (irohub measures, dashboards, exports):
{"year": "2021/22", "measures": {"M-REV-01": {"numerator": 292, "denominator": 300,
"percent": 97.33333333333333}, ...}} — percent unrounded, null when the denominator is 0,
"unclassified" only when some reviews or children could not be classified, and
{"status": "no data", "reason": "..."} for a measure the data cannot support.
"""

from __future__ import annotations

from collections.abc import Callable

from irohub.measures.participation import child_participation
from irohub.measures.records import CollectionYear, Register
from irohub.measures.results import MeasureResult
from irohub.measures.reviews import (
    children_reviews_all_on_time,
    first_reviews_on_time,
    reviews_held_on_time,
    reviews_in_date_at_year_end,
    reviews_on_time,
)
from irohub.measures.timeline import collector_paused
from irohub.statutory import WorkingDayCalendar

__all__ = ["MEASURES", "Measure", "compute_measures"]

Measure = Callable[[Register, CollectionYear, WorkingDayCalendar | None], MeasureResult]

MEASURES: dict[str, Measure] = {
    "M-REV-01": reviews_on_time,
    "M-REV-01a": reviews_held_on_time,
    "M-REV-02": children_reviews_all_on_time,
    "M-REV-03": reviews_in_date_at_year_end,
    "M-REV-04": first_reviews_on_time,
    "M-PAR-01": child_participation,
}


def compute_measures(
    register: Register,
    year: CollectionYear | str,
    *,
    calendar: WorkingDayCalendar | None = None,
) -> dict[str, object]:
    """Every measure of `MEASURES` for one collection year ("2021/22" or a CollectionYear),
    as the JSON-ready dict of the output contract."""
    if isinstance(year, str):
        year = CollectionYear.parse(year)
    with collector_paused():  # one pause for the lot (see `collector_paused`)
        measures = {
            measure_id: measure(register, year, calendar).as_json()
            for measure_id, measure in MEASURES.items()
        }
    return {"year": year.label, "measures": measures}
