"""The comparison read from the loaded figures (the pure core sets them side by side)."""

from __future__ import annotations

from irohub.benchmarking.models import PublishedFigure, StatisticalNeighbour
from irohub.core import council
from irohub.reporting.published import Comparison, Level, Neighbour, PublishedValue, compare


def published_values(year: str | None = None) -> list[PublishedValue]:
    rows = (
        PublishedFigure.objects.all() if year is None else PublishedFigure.objects.filter(year=year)
    )
    return [
        PublishedValue(
            year=row.year,
            level=Level(row.level),
            code=row.code,
            name=row.name,
            region_code=row.region_code,
            region_name=row.region_name,
            measure=row.measure,
            value=row.value,
            symbol=row.symbol,
            file=row.source_file,
        )
        for row in rows
    ]


def loaded_years() -> list[str]:
    """The years ("2023/24") the loaded figures cover."""
    return sorted(set(PublishedFigure.objects.values_list("year", flat=True)))


def neighbours() -> list[Neighbour]:
    return [Neighbour(n.rank, n.code, n.name) for n in StatisticalNeighbour.objects.all()]


def comparison(year: str | None = None) -> Comparison:
    """The council beside its neighbours, region and England in `year` ("2023/24"), or in
    the latest year with a figure for the council."""
    code = council.la_code()
    years = loaded_years()
    if year is None:
        # The latest year with a figure for the council, else the latest loaded.
        own = PublishedFigure.objects.filter(code=code).order_by("-year").first()
        year = own.year if own else (years[-1] if years else None)
    values = published_values(year) if year is not None else []
    named = PublishedFigure.objects.filter(code=code).order_by("-year").first()
    return compare(
        values,
        council_code=code,
        council_name=named.name if named else council.name(),
        neighbours=neighbours(),
        year=year,
        years=tuple(reversed(years)),
    )
