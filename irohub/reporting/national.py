"""National (England) comparison figures for reports (spec measures.md §J, M-POP-01/03).

The figures ship with the code in `national.json`, each with the year it refers to, its
source and release, and the spec's marker (V verified, S secondary source, U unverified),
so a report can always say where a national figure came from. Pure Python: no Django.

Which figure a report gets (:func:`for_report_year`):
* never one about a period that ends after the report's year (a 2023/24 report never
  compares itself with 31 March 2025);
* of the rest, the latest period;
* LAs revise back-data, so one period can have several releases: take the latest release
  out by the report's year, else the earliest one there is (the nearest to what was known
  then). A release the spec does not name counts as published in the period's own year.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import TypeAlias

MARKERS = {"V": "verified", "S": "secondary source", "U": "unverified"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

FigureValue: TypeAlias = int | float | str

_FINANCIAL_YEAR = re.compile(r"(\d{4})/(\d{2})")
_SNAPSHOT = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})")
_CALENDAR_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class NationalFigure:
    """One national figure (or a few figures published together) for one period."""

    key: str
    label: str
    period: str  # "31 March 2024", "2023/24" or "2013"
    values: Mapping[str, FigureValue]
    source: str
    release: int | None  # year of the release the values come from; None: not stated
    marker: str
    note: str = ""
    period_end: date = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "period_end", period_end(self.period))

    def value(self, name: str) -> FigureValue:
        return self.values[name]

    @property
    def effective_release(self) -> int:
        return self.release if self.release is not None else self.period_end.year

    @property
    def citation(self) -> str:
        """E.g. "DfE, Children looked after in England including adoptions, 2024 release"."""
        return f"{self.source}, {self.release} release" if self.release else self.source


def period_end(label: str) -> date:
    """Last day of a period label: "2023/24" → 31 March 2024; "31 March 2024" → that day;
    "2013" → 31 December 2013."""
    if match := _FINANCIAL_YEAR.fullmatch(label):
        start = int(match[1])
        if (start + 1) % 100 != int(match[2]):
            raise ValueError(f"{label!r} is not a financial year like 2023/24")
        return date(start + 1, 3, 31)
    if match := _SNAPSHOT.fullmatch(label):
        if match[2] not in MONTHS:
            raise ValueError(f"{label!r}: unknown month {match[2]!r}")
        return date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
    if _CALENDAR_YEAR.fullmatch(label):
        return date(int(label), 12, 31)
    raise ValueError(f"{label!r} is not a period like '2023/24', '31 March 2024' or '2013'")


def keys() -> list[str]:
    """The figure keys, in file order."""
    return list(dict.fromkeys(figure.key for figure in _load()))


def for_report_year(year_label: str) -> dict[str, NationalFigure]:
    """The latest figure of each key for a council's report year ("2024/25"): only periods
    ending by 31 March of that year (never a later year's figures)."""
    if not _FINANCIAL_YEAR.fullmatch(year_label):
        raise ValueError(f"a report year is a financial year like 2024/25, not {year_label!r}")
    cutoff = period_end(year_label)
    chosen: dict[str, NationalFigure] = {}
    for key in keys():
        figure = _pick([f for f in _load() if f.key == key], cutoff)
        if figure is not None:
            chosen[key] = figure
    return chosen


def _pick(candidates: list[NationalFigure], cutoff: date) -> NationalFigure | None:
    eligible = [f for f in candidates if f.period_end <= cutoff]
    if not eligible:
        return None
    latest = max(f.period_end for f in eligible)
    releases = [f for f in eligible if f.period_end == latest]
    known_then = [f for f in releases if f.effective_release <= cutoff.year]
    if known_then:
        return max(known_then, key=lambda f: f.effective_release)
    return min(releases, key=lambda f: f.effective_release)


@cache
def _load() -> tuple[NationalFigure, ...]:
    text = files("irohub.reporting").joinpath("national.json").read_text(encoding="utf-8")
    return parse(json.loads(text))


def parse(document: Mapping[str, object]) -> tuple[NationalFigure, ...]:
    """Figures from the JSON document, checked: a clear message names any bad entry."""
    entries = document.get("figures")
    if not isinstance(entries, list):
        raise ValueError("national figures: expected a 'figures' list")
    figures: list[NationalFigure] = []
    seen: set[tuple[str, str, int | None]] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"national figure {number} ({entry.get('key', '?')!r})"
        try:
            figure = NationalFigure(
                key=_text(entry, "key"),
                label=_text(entry, "label"),
                period=_text(entry, "period"),
                values=entry["values"],
                source=_text(entry, "source"),
                release=entry["release"],
                marker=_text(entry, "marker"),
                note=entry.get("note", ""),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{where}: {error}") from error
        if figure.marker not in MARKERS:
            raise ValueError(f"{where}: marker must be one of V, S, U, not {figure.marker!r}")
        if not figure.values or not all(
            isinstance(v, int | float | str) and not isinstance(v, bool)
            for v in figure.values.values()
        ):
            raise ValueError(f"{where}: values must be a non-empty map of numbers or text")
        if figure.release is not None and (
            not isinstance(figure.release, int) or figure.release < figure.period_end.year
        ):
            raise ValueError(f"{where}: release {figure.release!r} is before its period")
        identity = (figure.key, figure.period, figure.release)
        if identity in seen:
            raise ValueError(f"{where}: repeats {figure.period} release {figure.release}")
        seen.add(identity)
        figures.append(figure)
    return tuple(figures)


def _text(entry: Mapping[str, object], name: str) -> str:
    value = entry[name]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name!r} must be non-empty text")
    return value
