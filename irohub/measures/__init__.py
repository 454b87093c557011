"""The measures of spec/measures.md, as pure functions over core records.

Pure Python (no Django): the database path and the SSDA903 file path both feed these
functions, so a council's figures are the same whichever way its data arrives. Each
measure takes a `Register`, a `CollectionYear` and an optional working-day calendar, and
returns a `Figure` or `NoData`; `compute_measures` gives them all as the JSON contract.
"""

from irohub.measures.participation import child_participation
from irohub.measures.records import CollectionYear, Register
from irohub.measures.registry import MEASURES, Measure, compute_measures
from irohub.measures.results import Figure, MeasureResult, NoData
from irohub.measures.reviews import (
    children_reviews_all_on_time,
    first_reviews_on_time,
    reviews_held_on_time,
    reviews_in_date_at_year_end,
    reviews_on_time,
)
from irohub.measures.timeline import book_for, clear_cache

__all__ = [
    "MEASURES",
    "CollectionYear",
    "Figure",
    "Measure",
    "MeasureResult",
    "NoData",
    "Register",
    "book_for",
    "child_participation",
    "children_reviews_all_on_time",
    "clear_cache",
    "compute_measures",
    "first_reviews_on_time",
    "reviews_held_on_time",
    "reviews_in_date_at_year_end",
    "reviews_on_time",
]
