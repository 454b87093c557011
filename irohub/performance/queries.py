"""Reads for the performance pages: the register as core records, the children named in a
list (restricted records left out for people not named on them, by the rule of
irohub.children.access), and the audit trail of every list of children shown or
downloaded.

The figures are computed from the whole register once per register version and served
from Django's cache after that (irohub.core.register_version): a write to the register,
by any app, makes them stale at once. The register is read in a fixed number of queries
(irohub.children.records), so the pages cost the same number of queries for 50 children
as for 5,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils import timezone

from irohub.children.access import hidden_children, visible_children
from irohub.children.records import register_from_database
from irohub.core.calendar import get_calendar
from irohub.core.register_version import cached_figures
from irohub.measures import registry
from irohub.measures.catalogue import MeasureDefinition, Scope
from irohub.measures.results import MeasureResult, NoData
from irohub.performance.figures import (
    Drilldown,
    MeasureLine,
    TrendPoint,
    definitions,
    drilldown,
    first_year,
    measure_lines,
    trend,
    years_covered,
)
from irohub.records.register import Register
from irohub.records.years import CollectionYear


@dataclass(frozen=True)
class YearFigures:
    """What the year's page shows, computed once per register version (cached): each
    measure's result and last year's (by measure id), each snapshot measure's monthly
    trend and its chart, and the years the register covers."""

    lines: tuple[tuple[str, MeasureResult, MeasureResult | None], ...]
    trends: dict[str, tuple[list[TrendPoint], str]]  # measure id → points, chart SVG
    years: tuple[CollectionYear, ...]


@dataclass(frozen=True)
class MeasureFigures:
    """What one measure's page adds to the year's figures (cached likewise)."""

    breakdowns: dict[str, dict[str, MeasureResult]]


class Service:
    """The figures of the performance pages, from the cache when the register has not
    changed since they were computed (irohub.core.register_version); the register is read
    from the database only when something must be computed."""

    def __init__(self, chart: Callable[[MeasureDefinition, CollectionYear, list[TrendPoint]], str]):
        self.today = timezone.localdate()
        self._chart = chart
        self._scopes: dict[CollectionYear, Scope] = {}

    @cached_property
    def register(self) -> Register:
        return register_from_database()

    @cached_property
    def first_year(self) -> CollectionYear | None:
        return cached_figures("first-year", lambda: first_year(self.register))

    def scope(self, year: CollectionYear) -> Scope:
        """The measures' scope for `year`; the scopes of one request share the register's
        describer (built once)."""
        if year not in self._scopes:
            other = next(iter(self._scopes.values()), None)
            self._scopes[year] = (
                other.at(year) if other else Scope(self.register, year, get_calendar())
            )
        return self._scopes[year]

    def year_figures(self, year: CollectionYear) -> YearFigures:
        return cached_figures("year", lambda: self._year_figures(year), _key(year))

    def lines(self, year: CollectionYear) -> list[MeasureLine]:
        return [
            MeasureLine(registry.definition(measure_id), result, last)
            for measure_id, result, last in self.year_figures(year).lines
            if measure_id in registry.DEFINITIONS
        ]

    def measure_figures(
        self, definition: MeasureDefinition, year: CollectionYear
    ) -> MeasureFigures:
        return cached_figures(
            "measure",
            lambda: MeasureFigures(definition.breakdowns(self.scope(year))),
            _key(year),
            definition.id,
        )

    def drilldown(self, definition: MeasureDefinition, year: CollectionYear) -> Drilldown | NoData:
        return cached_figures(
            "rows", lambda: drilldown(definition, self.scope(year)), _key(year), definition.id
        )

    def _year_figures(self, year: CollectionYear) -> YearFigures:
        scope = self.scope(year)
        lines = measure_lines(scope, self.first_year)
        trends = {}
        for definition in definitions():
            if definition.snapshot is not None:
                points = trend(definition, scope, self.first_year)
                trends[definition.id] = (points, self._chart(definition, year, points))
        return YearFigures(
            lines=tuple((ln.definition.id, ln.result, ln.last) for ln in lines),
            trends=trends,
            years=tuple(years_covered(self.register, self.today)),
        )


def _key(year: CollectionYear) -> str:
    """A year in a cache key: its label, and where a year to date stops."""
    return f"{year.start_year}-{year.through or 'whole'}"


def load_service(
    chart: Callable[[MeasureDefinition, CollectionYear, list[TrendPoint]], str],
) -> Service:
    """The performance pages' figures; `chart` draws a snapshot measure's monthly trend."""
    return Service(chart)


@dataclass(frozen=True, slots=True)
class NamedChild:
    pk: int | None  # None: the identifier is not in the register any more
    identifier: str
    name: str
    may_open: bool


def hidden_identifiers(user: Any) -> frozenset[str]:
    """The identifiers of the restricted children `user` is not named on
    (irohub.children.access): their rows are left out of every list and download."""
    return frozenset(hidden_children(user).values_list("identifier", flat=True))


# Up to this many children are read by their identifiers (a page of a list is 500 rows).
NAMED_BY_IDENTIFIER = 900


def children_named(user: Any, identifiers: Iterable[str]) -> dict[str, NamedChild]:
    """The children with these identifiers as the reader may see them: name and a link to
    the record. Restricted children the reader is not named on are not among the children
    read (the lists leave their rows out first, `hidden_identifiers`); an identifier not
    found reads "Not in the register". One query however many children."""
    wanted = set(identifiers)
    found: dict[str, NamedChild] = {}
    rows = visible_children(user).values_list("pk", "identifier", "first_name", "last_name")
    if len(wanted) <= NAMED_BY_IDENTIFIER:
        # A page of a list: only its children (the identifier is unique and indexed).
        rows = rows.filter(identifier__in=wanted)
    # Else the register's names in one pass: a download can name thousands of children,
    # and "identifier IN (...)" with thousands of values is slower and has limits on SQLite.
    for pk, identifier, first, last in rows.iterator(chunk_size=5000):
        if identifier in wanted:
            found[identifier] = NamedChild(pk, identifier, f"{first} {last}", True)
    for identifier in wanted - found.keys():
        found[identifier] = NamedChild(None, identifier, "Not in the register", False)
    return found
