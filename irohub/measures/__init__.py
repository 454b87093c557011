"""The measures of spec/measures.md, as pure functions over core records.

Pure Python (no Django): the database path and the SSDA903 file path both feed these
functions, so a council's figures are the same whichever way its data arrives. Each
measure takes a `Register`, a `CollectionYear` and an optional working-day calendar, and
returns a `Figure` or `NoData`; `compute_measures` gives them all as the JSON contract.
"""

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.participation import child_participation
from irohub.measures.registry import (
    DEFINITIONS,
    MEASURES,
    Measure,
    compute_measures,
    definition,
    measure_rows,
    monthly_trend,
)
from irohub.measures.results import Count, Figure, Fte, MeasureResult, NoData, Rate
from irohub.measures.reviews import (
    children_reviews_all_on_time,
    first_reviews_on_time,
    reviews_held_on_time,
    reviews_in_date_at_year_end,
    reviews_on_time,
)
from irohub.measures.timeline import book_for, clear_cache
from irohub.records.register import Register
from irohub.records.years import CollectionYear

__all__ = [
    "DEFINITIONS",
    "MEASURES",
    "CollectionYear",
    "Count",
    "Figure",
    "Fte",
    "Kind",
    "Measure",
    "MeasureDefinition",
    "MeasureResult",
    "NoData",
    "Rate",
    "Register",
    "Row",
    "Scope",
    "Section",
    "book_for",
    "child_participation",
    "children_reviews_all_on_time",
    "clear_cache",
    "compute_measures",
    "definition",
    "first_reviews_on_time",
    "measure_rows",
    "monthly_trend",
    "reviews_held_on_time",
    "reviews_in_date_at_year_end",
    "reviews_on_time",
]
