"""Read a council's SSDA903 returns (CSV tables) into core records.

    result = read_returns(Path("returns"))   # one year's files, or 2023/ 2024/ 2025/ ...
    if result.register is None:
        for problem in result.problems: print(problem)

A folder holds one year's return, or several years in sub-folders named by the year the
collection ENDS (`2025/` holds 2024/25). Tables are recognised by their columns, whatever
the files are called (spec ssda903-format.md §1); columns may come in any order, with a
byte-order mark and stray spaces. Dates are DD/MM/YYYY, strictly.

Everything wrong is collected — never just the first problem — with file, row (as a
spreadsheet numbers it: the column names are row 1), column, value and reason; when there
is any problem there is no register, so nothing half-read can be imported.

Three jobs, three modules, one Report (irohub.ssda903.problems) collecting what each finds:
`files` reads the folder and each file, `merge` checks each year and merges the years,
`register` builds the care periods and places the reviews. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.ssda903.checks import Finding, schedule_checks_of_years
from irohub.ssda903.files import Progress, YearFolder, infer_year, read_file, year_folders
from irohub.ssda903.merge import Merged, check_open_episodes_continue, check_year
from irohub.ssda903.problems import Problem, Report, without_cycle_collection
from irohub.ssda903.register import build_register
from irohub.ssda903.tables import EPISODES, HEADER, PLACED_ADOPTION, REVIEWS, TABLES, UASC
from irohub.statutory import ReviewSchedule

__all__ = ["Problem", "Progress", "ReadResult", "read_returns"]


@dataclass
class ReadResult:
    register: Register | None
    problems: list[Problem]
    years: list[CollectionYear]
    notes: list[str] = field(default_factory=list)
    # IRO Hub's own checks found while reading (reviews outside their year); the rest are
    # worked out when first asked for (see findings): figures from files never need them.
    read_findings: list[Finding] = field(default_factory=list)
    year_inferred: bool = False
    # Problems found: `problems` lists the first of each kind and counts the rest.
    problem_count: int = 0
    # Rows read per table (each episode or review once, however many years hold it).
    counts: dict[str, int] = field(default_factory=dict)
    _merged: Merged = field(default_factory=Merged, repr=False)
    # (kind -> where each record was read), made when a problem is first located.
    _located: dict[str, dict[Any, tuple[str, int]]] = field(default_factory=dict, repr=False)
    _findings: list[Finding] | None = field(default=None, repr=False)
    # Care periods' schedules by the default calendar (by the period's id) that an import
    # worked out already: the findings use them instead of timing those periods again.
    timed: dict[int, ReviewSchedule | None] = field(default_factory=dict, repr=False)

    @property
    def data_to(self) -> date | None:
        """The last day the files speak for: 31 March of the latest year read. An episode
        they show open was open then, and may have ended since."""
        return max(y.end for y in self.years) if self.years else None

    @property
    def findings(self) -> list[Finding]:
        """IRO Hub's own checks of the reviews (late reviews, reviews outside their year or
        their period of care): information only, with the file and row of each review."""
        if self._findings is None:
            found = list(self.read_findings)
            if self.register is not None:
                checked = [
                    finding
                    for of_year in schedule_checks_of_years(
                        self.register, self.years, timed=self.timed
                    )
                    for finding in of_year
                ]
                where = self._where("review", {(f.child_id, f.day) for f in checked})
                for finding in checked:
                    at = where.get((finding.child_id, finding.day))
                    found.append(replace(finding, file=at[0], row=at[1]) if at else finding)
            self._findings = sorted(found, key=lambda f: (f.file, f.row or 0))
        return self._findings

    def locate(self, kind: str, child_id: str, day: date | None) -> tuple[str, int | None]:
        """The file and row a header ("header"), episode ("episode", DECOM) or review
        ("review", REVIEW) was read from, so later problems can point at it."""
        index = self._located.get(kind)
        if index is None:
            index = self._located[kind] = self._where(kind, None)
        found = index.get(child_id if kind == "header" else (child_id, day))
        if found is not None:
            return found
        return f"child {child_id}", None

    def _where(self, kind: str, keys: set[Any] | None) -> dict[Any, tuple[str, int]]:
        """The file and row of each header, episode or review read (of those with these
        keys: child, or (child, day))."""
        merged = self._merged
        if kind == "header":
            frame, day = merged.header, None
        else:
            frame = merged.episodes if kind == "episode" else merged.reviews
            day = "DECOM" if kind == "episode" else "REVIEW"
        if keys is not None:
            if not keys:
                return {}
            children, days = zip(*keys, strict=True) if day else (list(keys), None)
            wanted = pl.DataFrame(
                {"CHILD": list(children), **({day: list(days)} if day else {})},
                schema={"CHILD": pl.String, **({day: pl.Date} if day else {})},
            )
            frame = frame.join(wanted, on=["CHILD", day] if day else ["CHILD"], how="semi")
        names = frame["CHILD"].to_list()
        at = zip(frame["_file"].to_list(), frame["_row"].to_list(), strict=True)
        if day is None:
            return dict(zip(names, at, strict=True))
        return dict(zip(zip(names, frame[day].to_list(), strict=True), at, strict=True))


def read_returns(
    path: Path,
    *,
    year: CollectionYear | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read one year's SSDA903 tables in `path`, or several years in sub-folders named by
    the year each collection ends. `year` names the year of a single folder's files; without
    it the folder's own name (2025) gives it, or else the latest date in the files."""
    with without_cycle_collection():
        return _read_returns(path, year, progress)


def _read_returns(path: Path, year: CollectionYear | None, progress: Progress | None) -> ReadResult:
    report = Report()
    inferred = False
    merged = Merged()
    years: list[YearFolder] = []
    # A year at a time: read, checked and merged, its files' rows let go once the next
    # year (whose open episodes continue it) is checked, so that no more than two years'
    # rows and the merged ones are held at once.
    for entry in _read_years(path, year, report, progress):
        if not entry.folder and entry.year is None and entry.files:
            inferred = infer_year(entry, report)  # one folder, without a year
        if entry.year is None:
            continue
        check_year(entry, merged, report)
        if years:
            check_open_episodes_continue([years[-1], entry], report)
            _let_go(years[-1])
        years.append(entry)
    if years:
        _let_go(years[-1])
    merged.finish()

    collection_years = [y.year for y in years if y.year is not None]
    result = ReadResult(
        register=None,
        problems=report.problems,
        years=collection_years,
        notes=report.notes,
        year_inferred=inferred,
    )
    result.counts = {
        HEADER.name: merged.header.height,
        EPISODES.name: merged.episodes.height,
        REVIEWS.name: merged.reviews.height,
        UASC.name: len(merged.uasc),
        PLACED_ADOPTION.name: len(merged.placed_adoption),
        **{name: len(keys) for name, keys in merged.other.items()},
    }
    result._merged = merged
    stored = {t.name for t in TABLES if t.stored}
    for name, count in sorted(result.counts.items()):
        if name not in stored:
            report.note(
                f"{name}: {count:,} rows read and checked, not stored (IRO Hub keeps "
                "no such records)"
            )
    if not collection_years:
        if not report.problems:
            report.problem(str(path), None, None, None, "no SSDA903 tables found")
        report.finish()
        result.problem_count = report.total
        return result

    history_from = min(y.start for y in collection_years)
    register = build_register(merged, history_from, report)
    if not report.problems and not register.children:
        report.problem(".", None, None, None, "nothing to import: the files hold no episodes")
    report.finish()
    result.problem_count = report.total
    if report.problems:
        return result
    result.register = register
    result.read_findings = report.findings
    return result


def _read_years(
    path: Path, year: CollectionYear | None, report: Report, progress: Progress | None
) -> Iterator[YearFolder]:
    """Every year folder with its files read, one table of each kind a year, in year
    order."""
    for entry, paths in year_folders(path, year, report):
        if not paths:
            report.problem(entry.folder or ".", None, None, None, "no CSV files in this folder")
        for file_path in paths:
            label = f"{entry.folder}/{file_path.name}" if entry.folder else file_path.name
            read = read_file(file_path, label, report, progress)
            if read is None:
                entry.unreadable += 1
                continue
            earlier = entry.files.get(read.table.name)
            if earlier is not None:
                report.problem(
                    label,
                    None,
                    None,
                    None,
                    f"a second {read.table.name} table in one year (the first is "
                    f"{earlier.label}): give each table once per year",
                )
                continue
            entry.files[read.table.name] = read
        yield entry


def _let_go(entry: YearFolder) -> None:
    """Let a year's rows go: every row that counts is merged."""
    for file in entry.files.values():
        file.drop()
