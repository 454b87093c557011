"""Reading SSDA903 files: a folder's layout (one year, or one sub-folder per year), each
CSV file recognised as a table by its columns, and its cells turned into values (dates
DD/MM/YYYY strictly, codes from the DfE's lists, identifiers that are identifiers), every
problem collected in the Report with file, row, column, value and reason. Pure Python."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from irohub.records.years import CollectionYear
from irohub.ssda903.checks import dmy
from irohub.ssda903.problems import Problem, Report
from irohub.ssda903.tables import (
    EPISODES,
    REVIEWS,
    Table,
    identifier_problem,
    nearest,
    recognise,
)

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 10_000  # rows between progress reports on a large file

_YEAR_FOLDER = re.compile(r"\d{4}")
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_NOT_A_DATE = "not a date in the form DD/MM/YYYY"
_NO_SUCH_DAY = "not a real day (dates are DD/MM/YYYY)"


@dataclass
class TableFile:
    label: str  # as reports show it: "2025/reviews.csv"
    table: Table
    # (row number, values in the table's column order: text, date or None, or a code)
    rows: list[tuple[int, tuple[Any, ...]]]
    # Children with a row that did not read: left out of the checks between rows, so one
    # bad cell is reported once rather than again as everything it breaks.
    bad_children: set[str] = field(default_factory=set)


class _Cells:
    """Turns the text cells of one table's rows into values, collecting every problem."""

    def __init__(self, table: Table, label: str, report: Report) -> None:
        self.table = table
        self.label = label
        self.report = report
        self.dates: dict[str, date | str] = {}  # text -> day, or the reason it is not one

    def convert(self, number: int, cells: list[str]) -> tuple[Any, ...] | None:
        table, out, ok = self.table, [], True
        for column, raw in zip(table.columns, cells, strict=True):
            value = raw.strip()
            if not value:
                if column in table.required:
                    ok = self._problem(number, column, raw, "blank, but every row needs it")
                out.append(None if column in table.dates else "")
            elif column in table.dates:
                day = self.dates.get(value)
                if day is None:
                    day = self.dates[value] = _parse_date(value)
                if isinstance(day, str):
                    ok = self._problem(number, column, value, day)
                out.append(day)
            elif column in table.codes:
                code = value.upper()
                code_list = table.codes[column]
                if code not in code_list.codes:
                    ok = self._problem(
                        number, column, value, f"unknown code: {code_list.describe()}"
                    )
                out.append(code)
            else:
                limit = table.max_length.get(column)
                if limit is not None and len(value) > limit:
                    ok = self._problem(
                        number, column, value, f"longer than the {limit} characters allowed"
                    )
                elif reason := identifier_problem(value):
                    ok = self._problem(number, column, value, reason)
                out.append(value)
        return tuple(out) if ok else None

    def _problem(self, number: int, column: str, value: str, reason: str) -> bool:
        self.report.add(Problem(self.label, number, column, value, reason))
        return False


def _parse_date(text: str) -> date | str:
    match = _DATE.fullmatch(text)
    if match is None:
        return _NOT_A_DATE
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return _NO_SUCH_DAY


def read_file(
    path: Path, label: str, report: Report, progress: Progress | None
) -> TableFile | None:
    data = path.read_bytes()
    if not data.strip():
        report.add(
            Problem(
                label, None, None, None, "the file is empty: a table needs a row of column names"
            )
        )
        return None
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        report.add(
            Problem(
                label,
                data.count(b"\n", 0, offset) + 1,
                None,
                None,
                f"not UTF-8 (byte 0x{data[offset]:02X} at byte {offset}): save it as "
                "CSV UTF-8 (Excel: Save As, 'CSV UTF-8 (Comma delimited)')",
            )
        )
        return None
    if not text.strip():
        report.add(
            Problem(
                label, None, None, None, "the file is empty: a table needs a row of column names"
            )
        )
        return None

    reader = csv.reader(io.StringIO(text))
    try:
        names = next(reader)
    except csv.Error as error:
        report.add(Problem(label, 1, None, None, f"not a readable CSV file ({error})"))
        return None
    # Excel leaves empty columns after the last named one: they are not columns.
    while names and not names[-1].strip():
        names.pop()
    columns = [name.strip().lstrip("\ufeff").strip().upper() for name in names]
    table = _recognise(columns, label, report)
    if table is None:
        return None

    position = [columns.index(column) for column in table.columns]
    width = len(columns)
    total = max(text.count("\n") - 1, 0)  # an estimate when a quoted cell holds a newline
    cells = _Cells(table, label, report)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    bad_children: set[str] = set()
    done = 0
    try:
        for raw in reader:
            number = reader.line_num
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(label, done, max(total, done))
            if not any(cell.strip() for cell in raw):
                continue  # a blank line, or a row of empty cells left by a spreadsheet
            if len(raw) > width and any(cell.strip() for cell in raw[width:]):
                report.add(
                    Problem(
                        label,
                        number,
                        None,
                        None,
                        f"the row has {len(raw)} cells but the first row names {width} columns",
                    )
                )
                continue
            raw = raw + [""] * (width - len(raw))
            values = cells.convert(number, [raw[i] for i in position])
            if values is not None:
                rows.append((number, values))
            else:
                bad_children.add(raw[position[0]].strip())
    except csv.Error as error:
        report.add(
            Problem(label, reader.line_num, None, None, f"not a readable CSV file ({error})")
        )
        return None
    if progress is not None:
        progress(label, done, done)
    return TableFile(label, table, rows, bad_children)


def _recognise(columns: list[str], label: str, report: Report) -> Table | None:
    twice = sorted({c for c in columns if columns.count(c) > 1})
    for column in twice:
        report.add(Problem(label, 1, column, None, "the column appears twice"))
    if twice:
        return None
    table = recognise(columns)
    if table is not None:
        return table
    like = nearest(columns)
    if like is None:
        shown = ", ".join(c or "(blank)" for c in columns)
        report.add(Problem(label, 1, None, None, f"not an SSDA903 table (columns: {shown})"))
        return None
    wanted = ", ".join(like.columns)
    for column in like.columns:
        if column not in columns:
            report.add(
                Problem(
                    label,
                    1,
                    column,
                    None,
                    f"missing column: the {like.name} table has the columns {wanted}",
                )
            )
    for column in columns:
        if column not in like.columns:
            report.add(
                Problem(
                    label,
                    1,
                    column or "(blank)",
                    None,
                    f"not a column of the {like.name} table ({wanted})",
                )
            )
    return None


# --- the folder --------------------------------------------------------------------------


@dataclass
class YearFolder:
    folder: str  # "" for a single folder, else "2025"
    year: CollectionYear | None
    files: dict[str, TableFile] = field(default_factory=dict)  # by table name
    # Files that could not be read as a table: one may be the table that seems missing.
    unreadable: int = 0


def _csv_files(folder: Path, prefix: str, report: Report) -> list[Path]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() == ".csv":
            found.append(path)
        else:
            report.note(f"{prefix}{path.name}: ignored (not a .csv file)")
    return found


def year_folders(
    root: Path, year: CollectionYear | None, report: Report
) -> list[tuple[YearFolder, list[Path]]]:
    """The year folders to read and the CSV files in each: `root` itself (one year), or
    its sub-folders named by the year each collection ends."""
    if not root.is_dir():
        report.add(Problem(str(root), None, None, None, "not a folder"))
        return []
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    by_year = [p for p in folders if _YEAR_FOLDER.fullmatch(p.name)]
    if not by_year:
        if year is None and _YEAR_FOLDER.fullmatch(root.name):
            year = _year_ending(int(root.name), root.name, report)
            if year is not None:
                report.note(f"collection year {year} from the folder name {root.name}")
        return [(YearFolder("", year), _csv_files(root, "", report))]

    if year is not None:
        report.add(
            Problem(
                ".",
                None,
                None,
                None,
                f"a collection year ({year}) was given, but this folder holds one sub-folder "
                "per year: the sub-folders' names give the years",
            )
        )
    for path in sorted(root.iterdir()):
        if path.is_file() and path.suffix.lower() == ".csv":
            report.add(
                Problem(
                    path.name,
                    None,
                    None,
                    None,
                    "outside the year folders: with sub-folders by year (2024/, 2025/, ...) "
                    "every table must be in its year's folder",
                )
            )
    for p in folders:
        if p not in by_year:
            report.note(f"{p.name}/: ignored (not named by a year, like 2025)")
    found_years = []
    for path in by_year:
        found = _year_ending(int(path.name), f"{path.name}/", report)
        if found is not None:
            found_years.append(
                (YearFolder(path.name, found), _csv_files(path, f"{path.name}/", report))
            )
    return found_years


def _year_ending(end_year: int, label: str, report: Report) -> CollectionYear | None:
    if not 1990 < end_year < 2100:
        reason = "not a collection year: a year's folder is named by the year its collection ends"
        report.add(Problem(label, None, None, None, f"{reason} (2025 holds 2024/25)"))
        return None
    return CollectionYear(end_year - 1)


def infer_year(year: YearFolder, report: Report) -> bool:
    """The collection year holding the latest episode or review date, for files that came
    without one."""
    latest: date | None = None
    episodes, reviews = year.files.get(EPISODES.name), year.files.get(REVIEWS.name)
    for file, columns in ((episodes, (1, 7)), (reviews, (2,))):
        if file is None:
            continue
        for _, values in file.rows:
            for i in columns:
                if values[i] is not None and (latest is None or values[i] > latest):
                    latest = values[i]
    if latest is None:
        report.add(
            Problem(
                ".",
                None,
                None,
                None,
                "cannot tell which collection year these files are: there are no episode or "
                "review dates (give the year, or put the files in a folder named by the year "
                "the collection ends, like 2025)",
            )
        )
        return False
    year.year = CollectionYear(latest.year if latest.month >= 4 else latest.year - 1)
    report.note(
        f"collection year {year.year} inferred from the latest date in the files ({dmy(latest)})"
    )
    return True
