"""Pooled comparison where no national figure exists (issue 17, item 6): review timeliness,
participation, caseloads and escalations. Pure Python: no Django.

Each council runs `irohub measures --year 2024/25 --public`, which writes
:func:`public_measures`: its figures for those measures only, suppressed by THE
suppression rule (irohub.reporting.suppression: 1 to 5 becomes "c", and a percentage whose
numerator or complement is small is hidden too), with no breakdowns and nothing about any
child. Councils exchange the files; :func:`combine` checks them (bad files → one message
each naming the file and what is wrong) and :func:`combined_table` sets them side by side.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from irohub.reporting.numbers import NOT_AVAILABLE, half_up, percent_of
from irohub.reporting.suppression import (
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    suppress_count,
    suppress_figure,
)
from irohub.reporting.tables import Cell, CellKind, Column, Table

FORMAT = "irohub public measures 1"
# The measures with no national figure that councils compare among themselves.
POOLED_PREFIXES = ("M-REV-", "M-PAR-", "M-WF-", "M-ESC-")

__all__ = [
    "FORMAT",
    "POOLED_PREFIXES",
    "Pooled",
    "PooledFileError",
    "PublicFigure",
    "combine",
    "combined_table",
    "public_measures",
]


class PooledFileError(ValueError):
    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def pooled(measure_id: str) -> bool:
    return measure_id.startswith(POOLED_PREFIXES)


def public_measures(
    computed: Mapping[str, object],
    *,
    titles: Mapping[str, str],
    council: str,
    la_code: str,
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[str, object]:
    """The public version of `compute_measures`' output: the pooled measures only, each
    suppressed; breakdowns, unclassified counts and reasons are left out."""
    measures: dict[str, object] = {}
    for measure_id, result in dict(computed["measures"]).items():  # type: ignore[call-overload]
        if not pooled(measure_id):
            continue
        entry: dict[str, object] = {"title": titles.get(measure_id, measure_id)}
        entry.update(_public(result, threshold))
        measures[measure_id] = entry
    return {
        "format": FORMAT,
        "council": council,
        "la_code": la_code,
        "year": computed["year"],
        "suppression_threshold": threshold,
        "measures": measures,
    }


def _public(result: Mapping[str, object], threshold: int) -> dict[str, object]:
    if result.get("status") == "no data":
        return {"status": "no data"}
    if "count" in result:
        return {"count": suppress_count(int(result["count"]), threshold)}  # type: ignore[call-overload]
    if "fte" in result:  # staff (FTE in post of the establishment): no child in it
        percent = result.get("percent")
        return {
            "fte": float(result["fte"]),  # type: ignore[arg-type]
            "of_fte": float(result["of_fte"]),  # type: ignore[arg-type]
            "percent": None if percent is None else float(half_up(percent, 1)),  # type: ignore[arg-type]
        }
    if "value" in result:  # a rate: children per FTE, reviews per child
        numerator = int(result["numerator"])  # type: ignore[call-overload]
        denominator = float(result["denominator"])  # type: ignore[arg-type]
        if suppress_count(numerator, threshold) == SUPPRESSED:
            return {"numerator": SUPPRESSED, "denominator": denominator, "value": SUPPRESSED}
        value = result["value"]
        shown = None if value is None else float(half_up(value, 1))  # type: ignore[arg-type]
        return {"numerator": numerator, "denominator": denominator, "value": shown}
    if "numerator" not in result or "denominator" not in result:
        return {"status": "not shared"}  # a kind of result this file does not know yet
    figure = suppress_figure(
        int(result["numerator"]),  # type: ignore[call-overload]
        int(result["denominator"]),  # type: ignore[call-overload]
        threshold,
    )
    return {
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "percent": figure.percent,
    }


def _small(count: int, threshold: int) -> bool:
    """Whether a count in a received file should have been suppressed (the same rule)."""
    return suppress_count(count, threshold) == SUPPRESSED


# --- combining councils' files -----------------------------------------------------------


@dataclass(frozen=True)
class PublicFigure:
    """One council's published figure for one measure, as its file gives it."""

    kind: str  # "percent", "count", "rate", "fte" or "no data"
    numerator: int | str | None = None  # "c" when suppressed
    denominator: int | float | str | None = None
    shown: Decimal | str | None = None  # the percentage, count or rate; "c"; None: n/a

    @property
    def text(self) -> str:
        if self.kind == "no data":
            return "no data"
        if self.shown is None:
            return NOT_AVAILABLE
        if self.shown == SUPPRESSED:
            return SUPPRESSED
        if self.kind == "percent":
            return f"{self.shown}% ({_of(self.numerator, self.denominator)})"
        if self.kind == "rate":
            return f"{self.shown}"
        if self.kind == "fte":
            return f"{self.numerator} of {self.denominator} FTE ({self.shown}%)"
        return f"{int(self.shown):,}"  # type: ignore[arg-type]


def _of(numerator: object, denominator: object) -> str:
    def text(value: object) -> str:
        return f"{value:,}" if isinstance(value, int) else str(value)

    return f"{text(numerator)} of {text(denominator)}"


@dataclass(frozen=True)
class Pooled:
    year: str
    councils: tuple[tuple[str, str], ...]  # (la_code, council), in the order given
    measures: tuple[tuple[str, str], ...]  # (measure id, title), in the first file's order
    figures: Mapping[tuple[str, str], PublicFigure]  # (measure id, la_code) → figure


def combine(files: Iterable[tuple[str, str]]) -> Pooled:
    """Several councils' public measures files, checked and set side by side. Raises
    PooledFileError naming every bad file and what is wrong with it."""
    problems: list[str] = []
    documents: list[tuple[str, dict[str, object]]] = []
    for name, text in files:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(
                f"{name}: not a JSON file (line {error.lineno}, column {error.colno}: "
                f"{error.msg}) — is it the output of `irohub measures --public`?"
            )
            continue
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            problems.append(
                f'{name}: not a public measures file (no "format": "{FORMAT}"): make it '
                "with `irohub measures --year YEAR --public`"
            )
            continue
        missing = [key for key in ("council", "la_code", "year", "measures") if key not in document]
        if missing:
            problems.append(f"{name}: missing {', '.join(missing)}")
            continue
        if not isinstance(document["measures"], dict):
            problems.append(f'{name}: "measures" must be an object of measure id → figure')
            continue
        documents.append((name, document))
    if not documents and not problems:
        problems.append("no files to combine")
    years = {str(d["year"]) for _, d in documents}
    if len(years) > 1:
        first_name, first = documents[0]
        for name, document in documents[1:]:
            if document["year"] != first["year"]:
                problems.append(
                    f"{name}: year {document['year']}, but {first_name} is {first['year']}: "
                    "combine one year's files"
                )
    seen: dict[str, str] = {}
    councils: list[tuple[str, str]] = []
    measures: dict[str, str] = {}
    figures: dict[tuple[str, str], PublicFigure] = {}
    for name, document in documents:
        code = str(document["la_code"])
        if code in seen:
            problems.append(f"{name}: council {code} is also in {seen[code]}")
            continue
        seen[code] = name
        councils.append((code, str(document["council"])))
        threshold = document.get("suppression_threshold", DEFAULT_THRESHOLD)
        if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 0:
            problems.append(f"{name}: suppression_threshold {threshold!r} is not a whole number")
            continue
        for measure_id, entry in document["measures"].items():  # type: ignore[union-attr]
            where = f"{name}: measure {measure_id}"
            if not pooled(measure_id):
                problems.append(
                    f"{where}: not one of the pooled measures ({', '.join(POOLED_PREFIXES)}…)"
                )
                continue
            try:
                figure = _figure(entry, threshold)
            except ValueError as error:
                problems.append(f"{where}: {error}")
                continue
            title = entry.get("title") if isinstance(entry, dict) else None
            measures.setdefault(measure_id, str(title or measure_id))
            figures[(measure_id, code)] = figure
    if problems:
        raise PooledFileError(problems)
    return Pooled(
        year=str(documents[0][1]["year"]),
        councils=tuple(councils),
        measures=tuple(measures.items()),
        figures=figures,
    )


def _figure(entry: object, threshold: int) -> PublicFigure:
    if not isinstance(entry, dict):
        raise ValueError(f"{entry!r} is not a figure")
    if entry.get("status") in ("no data", "not shared"):
        return PublicFigure("no data")
    if "fte" in entry:
        numbers = [entry.get("fte"), entry.get("of_fte")]
        if not all(
            isinstance(n, int | float) and not isinstance(n, bool) and n >= 0 for n in numbers
        ):
            raise ValueError(f"fte {numbers[0]!r} of {numbers[1]!r} are not numbers of FTE")
        percent = entry.get("percent")
        if percent is not None and (
            not isinstance(percent, int | float) or isinstance(percent, bool)
        ):
            raise ValueError(f"percent {percent!r} is not a number")
        shown = None if percent is None else Decimal(str(percent))
        return PublicFigure("fte", numbers[0], numbers[1], shown)
    if "count" in entry:
        return PublicFigure("count", shown=_count(entry["count"], "count", threshold))
    if "value" in entry:
        numerator = _count(entry.get("numerator"), "numerator", threshold)
        denominator = entry.get("denominator")
        if not isinstance(denominator, int | float) or isinstance(denominator, bool):
            raise ValueError(f"denominator {denominator!r} is not a number")
        value = entry["value"]
        if value == SUPPRESSED or value is None:
            return PublicFigure("rate", numerator, denominator, value)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValueError(f'value {value!r} is not a number, "c" or null')
        return PublicFigure("rate", numerator, denominator, Decimal(str(value)))
    if "numerator" in entry and "denominator" in entry and "percent" in entry:
        numerator = _count(entry["numerator"], "numerator", threshold)
        denominator = _count(entry["denominator"], "denominator", threshold)
        percent = entry["percent"]
        if percent in (SUPPRESSED, NOT_AVAILABLE):
            return PublicFigure(
                "percent", numerator, denominator, None if percent == NOT_AVAILABLE else SUPPRESSED
            )
        if isinstance(numerator, int) and isinstance(denominator, int):
            if numerator > denominator:
                raise ValueError(f"numerator {numerator} is more than denominator {denominator}")
            if _small(denominator - numerator, threshold):
                raise ValueError(
                    f"{numerator} of {denominator} gives away a small number "
                    f"({denominator - numerator}): it should have been suppressed"
                )
            expected = percent_of(numerator, denominator)
            if str(expected) != str(percent):
                raise ValueError(
                    f"percent {percent!r} is not {numerator} of {denominator} ({expected})"
                )
            return PublicFigure("percent", numerator, denominator, expected)
        raise ValueError(f"percent {percent!r} shown with a suppressed numerator or denominator")
    raise ValueError(f"{entry!r} is not a count, a rate or a percentage")


def _count(value: object, what: str, threshold: int) -> int | str:
    if value == SUPPRESSED:
        return SUPPRESSED
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f'{what} {value!r} is not a whole number or "c"')
    if _small(value, threshold):
        raise ValueError(
            f"{what} {value} is a small number (1 to {threshold}) that should have been "
            'suppressed as "c"'
        )
    return value


def combined_table(pooled: Pooled) -> Table:
    """One row per measure, one column per council, and the pooled percentage of the
    councils whose numerator and denominator are published (suppressed ones left out)."""
    table = Table(
        name="pooled",
        caption=f"Pooled comparison of {len(pooled.councils)} councils, {pooled.year}",
        columns=(
            Column("Measure"),
            Column("Title"),
            *(Column(council) for _, council in pooled.councils),
            Column("Pooled (councils with published figures)", CellKind.PERCENT),
            Column("Councils pooled", CellKind.NUMBER),
        ),
    )
    for measure_id, title in pooled.measures:
        cells = []
        numerator = denominator = used = 0
        for code, _ in pooled.councils:
            figure = pooled.figures.get((measure_id, code))
            cells.append(Cell(figure.text if figure else "not in the file"))
            if (
                figure is not None
                and figure.kind == "percent"
                and isinstance(figure.numerator, int)
                and isinstance(figure.denominator, int)
            ):
                numerator += figure.numerator
                denominator += figure.denominator
                used += 1
        share = percent_of(numerator, denominator) if denominator else None
        table.add(
            Cell(measure_id),
            Cell(title),
            *cells,
            Cell(share, text=f"{share}%" if share is not None else ""),
            Cell(used if share is not None else None),
        )
    return table
