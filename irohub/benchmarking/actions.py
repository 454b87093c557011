"""Loading published figures and the statistical-neighbours list: all or nothing, audited.

The files are read and checked in full by the pure reader (irohub.reporting.published)
before anything is written; the write is one transaction, so a file that fails leaves the
figures as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from irohub.audit.actions import record_event
from irohub.audit.events import EventType, Target
from irohub.benchmarking.models import PublishedFigure, StatisticalNeighbour
from irohub.reporting.published import Neighbour, read_neighbours, read_published

PUBLISHED = Target("benchmarking.published", "figures")


@dataclass(frozen=True)
class Loaded:
    figures: int  # figures written (added or replaced)
    years: tuple[str, ...]
    neighbours: int | None  # the neighbours listed, when a list was loaded


def load_published(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    files: Sequence[tuple[str, str]],
    neighbours: tuple[str, str] | None = None,
) -> Loaded:
    """Add or replace the figures in `files` ((name, text) pairs) and, when given, replace
    the statistical-neighbours list. Raises PublishedFileError (nothing written) on any
    problem in any file."""
    values = read_published(files) if files else []
    listed: list[Neighbour] | None = read_neighbours(*neighbours) if neighbours else None
    with transaction.atomic():
        # Add or replace by (year, level, code, measure): the rows these files replace go,
        # then every figure is written in one bulk insert (a year of the real tables is
        # thousands of figures; one query each took half a minute).
        wanted = {(v.year, v.level.value, v.code, v.measure) for v in values}
        replaced = [
            pk
            for pk, *key in PublishedFigure.objects.filter(
                year__in={v.year for v in values}
            ).values_list("pk", "year", "level", "code", "measure")
            if tuple(key) in wanted
        ]
        for start in range(0, len(replaced), 500):
            PublishedFigure.objects.filter(pk__in=replaced[start : start + 500]).delete()
        PublishedFigure.objects.bulk_create(
            (
                PublishedFigure(
                    year=v.year,
                    level=v.level.value,
                    code=v.code,
                    name=v.name,
                    region_code=v.region_code,
                    region_name=v.region_name,
                    measure=v.measure,
                    value=v.value,
                    symbol=v.symbol,
                    source_file=v.file,
                )
                for v in values
            ),
            batch_size=500,
        )
        if listed is not None:
            StatisticalNeighbour.objects.all().delete()
            StatisticalNeighbour.objects.bulk_create(
                StatisticalNeighbour(rank=n.rank, code=n.code, name=n.name) for n in listed
            )
        years = tuple(sorted({v.year for v in values}))
        record_event(
            actor=actor,
            action=EventType.PUBLISHED_FIGURES_LOADED,
            target=PUBLISHED,
            files=[name for name, _ in files] + ([neighbours[0]] if neighbours else []),
            figures=len(values),
            years=list(years),
            neighbours=len(listed) if listed is not None else None,
        )
    return Loaded(len(values), years, len(listed) if listed is not None else None)
