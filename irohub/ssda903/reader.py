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

Years are merged: an episode (CHILD, DECOM) or review (CHILD, REVIEW) in two years'
returns is one episode or review, the later year's row winning (an episode open at one
year's end is closed in the next); a child's header row likewise, a different date of
birth being a problem. Care periods are then built from each child's episodes: RNE S
starts one, an episode ending with any REC but X1 ends it, and a non-S episode must begin
the day the one before it ended. Pure Python.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from irohub.records import codes
from irohub.records.register import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.records.years import CollectionYear
from irohub.ssda903.checks import (
    LABEL,
    Finding,
    dmy,
    review_outside_year,
    schedule_checks,
)
from irohub.ssda903.tables import (
    EPISODES,
    HEADER,
    REVIEWS,
    TABLES,
    UASC,
    Table,
    nearest,
    recognise,
)
from irohub.statutory import add_years

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 10_000  # rows between progress reports on a large file

_YEAR_FOLDER = re.compile(r"\d{4}")
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_NOT_A_DATE = "not a date in the form DD/MM/YYYY"
_NO_SUCH_DAY = "not a real day (dates are DD/MM/YYYY)"
_SEX = {"1": "M", "2": "F", "M": "M", "F": "F"}
_UNDER = codes.PN0_AGE_LIMIT_YEARS


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the files that stops the import, and where it is."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = ""
        if self.column is not None:
            what = f"column {self.column} "
            if self.value is not None:
                what += f"value {self.value!r}"
            what = what.rstrip() + ": "
        return f"{where}: {what}{self.reason}"


@dataclass
class ReadResult:
    register: Register | None
    problems: list[Problem]
    years: list[CollectionYear]
    notes: list[str] = field(default_factory=list)
    # IRO Hub's own checks (late reviews, reviews outside their year): information only.
    findings: list[Finding] = field(default_factory=list)
    year_inferred: bool = False
    # Rows read per table (each episode or review once, however many years hold it).
    counts: dict[str, int] = field(default_factory=dict)
    _sources: dict[tuple[str, str, date | None], tuple[str, int]] = field(
        default_factory=dict, repr=False
    )

    @property
    def data_to(self) -> date | None:
        """The last day the files speak for: 31 March of the latest year read. An episode
        they show open was open then, and may have ended since."""
        return max(y.end for y in self.years) if self.years else None

    def locate(self, kind: str, child_id: str, day: date | None) -> tuple[str, int | None]:
        """The file and row a header ("header"), episode ("episode", DECOM) or review
        ("review", REVIEW) was read from, so later problems can point at it."""
        found = self._sources.get((kind, child_id, day))
        return found if found else (f"child {child_id}", None)


# --- one file ----------------------------------------------------------------------------


@dataclass
class _File:
    label: str  # as reports show it: "2025/reviews.csv"
    table: Table
    # (row number, values in the table's column order: text, date or None, or a code)
    rows: list[tuple[int, tuple[Any, ...]]]
    # Children with a row that did not read: left out of the checks between rows, so one
    # bad cell is reported once rather than again as everything it breaks.
    bad_children: set[str] = field(default_factory=set)


class _Cells:
    """Turns the text cells of one table's rows into values, collecting every problem."""

    def __init__(self, table: Table, label: str, problems: list[Problem]) -> None:
        self.table = table
        self.label = label
        self.problems = problems
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
                out.append(value)
        return tuple(out) if ok else None

    def _problem(self, number: int, column: str, value: str, reason: str) -> bool:
        self.problems.append(Problem(self.label, number, column, value, reason))
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


def _read_file(
    path: Path, label: str, problems: list[Problem], progress: Progress | None
) -> _File | None:
    data = path.read_bytes()
    if not data.strip():
        problems.append(
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
        problems.append(
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
        problems.append(
            Problem(
                label, None, None, None, "the file is empty: a table needs a row of column names"
            )
        )
        return None

    reader = csv.reader(io.StringIO(text))
    try:
        names = next(reader)
    except csv.Error as error:
        problems.append(Problem(label, 1, None, None, f"not a readable CSV file ({error})"))
        return None
    # Excel leaves empty columns after the last named one: they are not columns.
    while names and not names[-1].strip():
        names.pop()
    columns = [name.strip().lstrip("\ufeff").strip().upper() for name in names]
    table = _recognise(columns, label, problems)
    if table is None:
        return None

    position = [columns.index(column) for column in table.columns]
    width = len(columns)
    total = max(text.count("\n") - 1, 0)  # an estimate when a quoted cell holds a newline
    cells = _Cells(table, label, problems)
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
                problems.append(
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
        problems.append(
            Problem(label, reader.line_num, None, None, f"not a readable CSV file ({error})")
        )
        return None
    if progress is not None:
        progress(label, done, done)
    return _File(label, table, rows, bad_children)


def _recognise(columns: list[str], label: str, problems: list[Problem]) -> Table | None:
    twice = sorted({c for c in columns if columns.count(c) > 1})
    for column in twice:
        problems.append(Problem(label, 1, column, None, "the column appears twice"))
    if twice:
        return None
    table = recognise(columns)
    if table is not None:
        return table
    like = nearest(columns)
    if like is None:
        shown = ", ".join(c or "(blank)" for c in columns)
        problems.append(Problem(label, 1, None, None, f"not an SSDA903 table (columns: {shown})"))
        return None
    wanted = ", ".join(like.columns)
    for column in like.columns:
        if column not in columns:
            problems.append(
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
            problems.append(
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
class _Year:
    folder: str  # "" for a single folder, else "2025"
    year: CollectionYear | None
    files: dict[str, _File] = field(default_factory=dict)  # by table name
    # Files that could not be read as a table: one may be the table that seems missing.
    unreadable: int = 0


def _csv_files(folder: Path, prefix: str, notes: list[str]) -> list[Path]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() == ".csv":
            found.append(path)
        else:
            notes.append(f"{prefix}{path.name}: ignored (not a .csv file)")
    return found


def _layout(
    root: Path, year: CollectionYear | None, problems: list[Problem], notes: list[str]
) -> list[tuple[_Year, list[Path]]]:
    if not root.is_dir():
        problems.append(Problem(str(root), None, None, None, "not a folder"))
        return []
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    by_year = [p for p in folders if _YEAR_FOLDER.fullmatch(p.name)]
    if not by_year:
        if year is None and _YEAR_FOLDER.fullmatch(root.name):
            year = _year_ending(int(root.name), root.name, problems)
            if year is not None:
                notes.append(f"collection year {year} from the folder name {root.name}")
        return [(_Year("", year), _csv_files(root, "", notes))]

    if year is not None:
        problems.append(
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
            problems.append(
                Problem(
                    path.name,
                    None,
                    None,
                    None,
                    "outside the year folders: with sub-folders by year (2024/, 2025/, ...) "
                    "every table must be in its year's folder",
                )
            )
    notes += [
        f"{p.name}/: ignored (not named by a year, like 2025)" for p in folders if p not in by_year
    ]
    layout = []
    for path in by_year:
        found = _year_ending(int(path.name), f"{path.name}/", problems)
        if found is not None:
            layout.append((_Year(path.name, found), _csv_files(path, f"{path.name}/", notes)))
    return layout


def _year_ending(end_year: int, label: str, problems: list[Problem]) -> CollectionYear | None:
    if not 1990 < end_year < 2100:
        reason = "not a collection year: a year's folder is named by the year its collection ends"
        problems.append(Problem(label, None, None, None, f"{reason} (2025 holds 2024/25)"))
        return None
    return CollectionYear(end_year - 1)


def _infer_year(year: _Year, problems: list[Problem], notes: list[str]) -> bool:
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
        problems.append(
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
    notes.append(
        f"collection year {year.year} inferred from the latest date in the files ({dmy(latest)})"
    )
    return True


# --- reading everything --------------------------------------------------------------------


@dataclass
class _Merged:
    """Every year's rows, merged: the later year's row wins."""

    # child -> (values, file, row, year)
    header: dict[str, tuple[tuple[Any, ...], str, int, CollectionYear]] = field(
        default_factory=dict
    )
    episodes: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(default_factory=dict)
    reviews: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(default_factory=dict)
    uasc: dict[str, date | None] = field(default_factory=dict)
    other: dict[str, set[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(set))
    tainted: set[str] = field(default_factory=set)  # children with a row that did not read


def read_returns(
    path: Path,
    *,
    year: CollectionYear | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read one year's SSDA903 tables in `path`, or several years in sub-folders named by
    the year each collection ends. `year` names the year of a single folder's files; without
    it the folder's own name (2025) gives it, or else the latest date in the files."""
    problems: list[Problem] = []
    notes: list[str] = []
    layout = _layout(path, year, problems, notes)
    years: list[_Year] = []
    for entry, paths in layout:
        if not paths:
            problems.append(
                Problem(entry.folder or ".", None, None, None, "no CSV files in this folder")
            )
        for file_path in paths:
            label = f"{entry.folder}/{file_path.name}" if entry.folder else file_path.name
            read = _read_file(file_path, label, problems, progress)
            if read is None:
                entry.unreadable += 1
                continue
            earlier = entry.files.get(read.table.name)
            if earlier is not None:
                problems.append(
                    Problem(
                        label,
                        None,
                        None,
                        None,
                        f"a second {read.table.name} table in one year (the first is "
                        f"{earlier.label}): give each table once per year",
                    )
                )
                continue
            entry.files[read.table.name] = read
        years.append(entry)

    inferred = False
    if len(years) == 1 and years[0].year is None and years[0].files:
        inferred = _infer_year(years[0], problems, notes)
    years = sorted((y for y in years if y.year is not None), key=lambda y: y.year.start_year)

    merged = _Merged()
    findings: list[Finding] = []
    for entry in years:
        _check_year(entry, merged, problems, findings, notes)
    _check_open_episodes_continue(years, problems)

    collection_years = [y.year for y in years if y.year is not None]
    result = ReadResult(
        register=None,
        problems=problems,
        years=collection_years,
        notes=notes,
        year_inferred=inferred,
    )
    result.counts = {
        HEADER.name: len(merged.header),
        EPISODES.name: len(merged.episodes),
        REVIEWS.name: len(merged.reviews),
        UASC.name: len(merged.uasc),
        **{name: len(keys) for name, keys in merged.other.items()},
    }
    result._sources = {
        **{("header", c, None): (f, r) for c, (_, f, r, _) in merged.header.items()},
        **{("episode", c, d): (f, r) for (c, d), (_, f, r) in merged.episodes.items()},
        **{("review", c, d): (f, r) for (c, d), (_, f, r) in merged.reviews.items()},
    }
    stored = {t.name for t in TABLES if t.stored}
    for name, count in sorted(result.counts.items()):
        if name not in stored:
            notes.append(
                f"{name}: {count:,} rows read and checked, not stored (IRO Hub keeps "
                "no such records)"
            )
    if not collection_years:
        if not problems:
            problems.append(Problem(str(path), None, None, None, "no SSDA903 tables found"))
        return result

    history_from = min(y.start for y in collection_years)
    register = _build_register(merged, history_from, problems, notes)
    if not problems and not register.children:
        problems.append(
            Problem(".", None, None, None, "nothing to import: the files hold no episodes")
        )
    problems.sort(key=lambda p: (p.file, p.row or 0))
    if problems:
        return result
    result.register = register
    for year_read in collection_years:
        for finding in schedule_checks(register, year_read):
            file, row = result.locate("review", finding.child_id, finding.day)
            findings.append(replace(finding, file=file, row=row) if row else finding)
    result.findings = sorted(findings, key=lambda f: (f.file, f.row or 0))
    return result


def _check_year(
    entry: _Year,
    merged: _Merged,
    problems: list[Problem],
    findings: list[Finding],
    notes: list[str],
) -> None:
    year = entry.year
    assert year is not None
    files = entry.files
    header_file = files.get(HEADER.name)
    episodes_file = files.get(EPISODES.name)
    where = f"{entry.folder}/" if entry.folder else "this folder"

    for table in (f.table for f in files.values()):
        if not table.collected_in(year):
            notes.append(
                f"{files[table.name].label}: the {table.name} table is not part of "
                f"the {year} return; read all the same"
            )

    header: dict[str, tuple[tuple[Any, ...], int]] = {}
    if header_file is not None:
        for number, values in header_file.rows:
            child = values[0]
            if child in header:
                problems.append(
                    Problem(
                        header_file.label,
                        number,
                        "CHILD",
                        child,
                        f"the child has two header rows (the first is row {header[child][1]})",
                    )
                )
                continue
            header[child] = (values, number)
        _merge_header(header_file.label, header, year, merged, problems)
    elif not entry.unreadable:
        for file in files.values():
            problems.append(
                Problem(
                    file.label,
                    None,
                    None,
                    None,
                    f"no header file in {where}: the Header table ({', '.join(HEADER.columns)}) "
                    f"must come with the {file.table.name} table — it holds every child's date "
                    "of birth",
                )
            )
    if header_file is not None and episodes_file is None and not entry.unreadable:
        problems.append(
            Problem(
                header_file.label,
                None,
                None,
                None,
                f"no episodes file in {where}: the Episodes table "
                f"({', '.join(EPISODES.columns)}) must come with the header file",
            )
        )
    for file in files.values():
        merged.tainted |= file.bad_children
        if header_file is None:
            # Without the year's header every row of its other tables is in doubt: the
            # missing header is the one problem to report.
            merged.tainted.update(values[0] for _, values in file.rows)
    known = header if header_file is not None else None

    with_episodes: set[str] = set()
    if episodes_file is not None:
        with_episodes = _read_episodes(episodes_file, year, known, merged, problems)
    if header_file is not None and episodes_file is not None:
        for child, (_, number) in header.items():
            if child not in with_episodes and child not in merged.tainted:
                problems.append(
                    Problem(
                        header_file.label,
                        number,
                        "CHILD",
                        child,
                        "the child has no episode in the episodes file (DfE rule EPI)",
                    )
                )
    if REVIEWS.name in files:
        _read_reviews(files[REVIEWS.name], year, known, merged, problems, findings)
    if UASC.name in files:
        file = files[UASC.name]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known, merged, problems):
                merged.uasc[values[0]] = values[3]
    for file in files.values():
        if file.table.stored:
            continue
        across_years = any(c in file.table.dates for c in file.table.key)
        index = [file.table.columns.index(c) for c in file.table.key]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known, merged, problems):
                key = tuple(values[i] for i in index)
                merged.other[file.table.name].add(key if across_years else (year, *key))


def _in_header(
    file: _File,
    number: int,
    child: str,
    known: dict[str, Any] | None,
    merged: _Merged,
    problems: list[Problem],
) -> bool:
    if known is None or child in known:
        return True
    if child not in merged.tainted:
        problems.append(
            Problem(
                file.label,
                number,
                "CHILD",
                child,
                "the child is not in the header file for the same year (DfE rules INT03/INT08)",
            )
        )
    return False


def _merge_header(
    label: str,
    header: dict[str, tuple[tuple[Any, ...], int]],
    year: CollectionYear,
    merged: _Merged,
    problems: list[Problem],
) -> None:
    for child, (values, number) in header.items():
        before = merged.header.get(child)
        if before is not None and before[0][2] != values[2]:
            problems.append(
                Problem(
                    label,
                    number,
                    "DOB",
                    dmy(values[2]),
                    f"the date of birth differs from {dmy(before[0][2])} in the {before[3]} "
                    f"header ({before[1]}:{before[2]})",
                )
            )
        merged.header[child] = (values, label, number, year)


def _read_episodes(
    file: _File,
    year: CollectionYear,
    known: dict[str, Any] | None,
    merged: _Merged,
    problems: list[Problem],
) -> set[str]:
    seen: dict[tuple[str, date], int] = {}
    children: set[str] = set()
    for number, values in file.rows:
        child, start, end, ceased = values[0], values[1], values[7], values[8]
        children.add(child)
        if not _in_header(file, number, child, known, merged, problems):
            continue
        key = (child, start)
        if key in seen:
            problems.append(
                Problem(
                    file.label,
                    number,
                    "DECOM",
                    dmy(start),
                    f"duplicated episode: the child already has an episode starting "
                    f"{dmy(start)} (row {seen[key]})",
                )
            )
            continue
        seen[key] = number
        bad = False
        if start > year.end:
            bad = _add(
                problems,
                file.label,
                number,
                "DECOM",
                dmy(start),
                f"after the end of the {year} collection year ({dmy(year.end)})",
            )
        if end is not None and end < start:
            bad = _add(
                problems,
                file.label,
                number,
                "DEC",
                dmy(end),
                f"the episode ends before it began ({dmy(start)})",
            )
        if end is not None and end > year.end:
            bad = _add(
                problems,
                file.label,
                number,
                "DEC",
                dmy(end),
                f"after the end of the {year} collection year ({dmy(year.end)}): an "
                "episode still open on 31 March has DEC and REC blank",
            )
        if (end is None) != (ceased == ""):
            bad = _add(
                problems,
                file.label,
                number,
                "REC" if end else "DEC",
                ceased if end else "",
                "DEC and REC go together: both blank while the episode is open, "
                "both given when it ends (DfE rule 148)",
            )
        if bad:
            merged.tainted.add(child)
        merged.episodes[key] = (values, file.label, number)
    return children


def _add(
    problems: list[Problem], file: str, row: int, column: str, value: str, reason: str
) -> bool:
    problems.append(Problem(file, row, column, value, reason))
    return True


def _read_reviews(
    file: _File,
    year: CollectionYear,
    known: dict[str, tuple[tuple[Any, ...], int]] | None,
    merged: _Merged,
    problems: list[Problem],
    findings: list[Finding],
) -> None:
    seen: dict[tuple[str, date], int] = {}
    for number, values in file.rows:
        child, dob, held = values[0], values[1], values[2]
        if not _in_header(file, number, child, known, merged, problems):
            continue
        if known is not None and known[child][0][2] != dob:
            problems.append(
                Problem(
                    file.label,
                    number,
                    "DOB",
                    dmy(dob),
                    f"differs from the child's date of birth in the header file "
                    f"({dmy(known[child][0][2])}; DfE rule INT17)",
                )
            )
            continue
        key = (child, held)
        if key in seen:
            problems.append(
                Problem(
                    file.label,
                    number,
                    "REVIEW",
                    dmy(held),
                    f"duplicated review: the child already has a review on {dmy(held)} "
                    f"(row {seen[key]}); a review is one meeting a day",
                )
            )
            continue
        seen[key] = number
        outside = review_outside_year(child, held, year, file=file.label, row=number)
        if outside is not None:
            findings.append(outside)
        merged.reviews[key] = (values, file.label, number)


def _check_open_episodes_continue(years: list[_Year], problems: list[Problem]) -> None:
    """An episode open at the end of one year's return is in the next year's return too."""
    by_start = {y.year.start_year: y for y in years if y.year is not None}
    for entry in years:
        assert entry.year is not None
        following = by_start.get(entry.year.start_year + 1)
        this_file = entry.files.get(EPISODES.name)
        if following is None or this_file is None or EPISODES.name not in following.files:
            continue
        later = {(values[0], values[1]) for _, values in following.files[EPISODES.name].rows}
        for number, values in this_file.rows:
            if values[7] is None and (values[0], values[1]) not in later:
                problems.append(
                    Problem(
                        this_file.label,
                        number,
                        "DEC",
                        "",
                        f"the episode is open at the end of {entry.year} but is not in the "
                        f"{following.year} episodes file "
                        f"({following.files[EPISODES.name].label})",
                    )
                )


# --- care periods ----------------------------------------------------------------------------


def _build_register(
    merged: _Merged, history_from: date, problems: list[Problem], notes: list[str]
) -> Register:
    episodes_of: dict[str, list[tuple[tuple[Any, ...], str, int]]] = defaultdict(list)
    for (child, _), found in merged.episodes.items():
        episodes_of[child].append(found)
    reviews_of: dict[str, list[tuple[tuple[Any, ...], str, int]]] = defaultdict(list)
    for (child, _), found in merged.reviews.items():
        reviews_of[child].append(found)

    children: list[ChildRecord] = []
    continuing = 0
    for child in sorted(episodes_of):
        if child in merged.tainted or child not in merged.header:
            continue
        values = merged.header[child][0]
        dob: date = values[2]
        rows = sorted(episodes_of[child], key=lambda found: found[0][1])
        periods = _periods(child, rows, history_from, problems)
        continuing += sum(1 for p in periods if p[0].reason_new_episode != "S")
        reviews = sorted(reviews_of.get(child, []), key=lambda found: found[0][2])
        placed = _place_reviews(child, dob, periods, reviews, problems)
        uasc = child in merged.uasc
        children.append(
            ChildRecord(
                child_id=child,
                date_of_birth=dob,
                sex=_SEX[values[1]],
                ethnicity=values[3],
                periods=tuple(
                    CarePeriodRecord(
                        start=episodes[0].start,
                        end=_period_end(episodes),
                        episodes=tuple(episodes),
                        reviews=tuple(held),
                    )
                    for episodes, held in zip(periods, placed, strict=True)
                ),
                uasc=uasc,
                uasc_ceased=merged.uasc.get(child) if uasc else None,
                upn=values[4],
                mother=values[5],
                mother_child_dob=values[6],
            )
        )
    for child in sorted(reviews_of):
        if child not in episodes_of and child not in merged.tainted:
            for _values, label, number in reviews_of[child]:
                problems.append(
                    Problem(
                        label,
                        number,
                        "CHILD",
                        child,
                        f"{LABEL}: the child has no episodes, so the review is outside "
                        "every period of care",
                    )
                )
    if continuing:
        notes.append(
            f"{continuing:,} care periods began before {dmy(history_from)}, the start of the "
            "earliest year read: each starts, as far as IRO Hub knows, on its first episode in "
            "the files (import earlier years to complete them)"
        )
    return Register(children=tuple(children), history_from=history_from, notes=tuple(notes))


def _episode(values: tuple[Any, ...]) -> EpisodeRecord:
    return EpisodeRecord(
        start=values[1],
        reason_new_episode=values[2],
        legal_status=values[3],
        category_of_need=values[4],
        placement=values[5],
        placement_provider=values[6],
        end=values[7],
        reason_ceased=values[8],
        reason_place_change=values[9],
        home_postcode=values[10],
        placement_postcode=values[11],
        urn=values[12],
    )


def _period_end(episodes: list[EpisodeRecord]) -> date | None:
    last = episodes[-1]
    return last.end if last.end is not None and last.reason_ceased != "X1" else None


def _periods(
    child: str,
    rows: list[tuple[tuple[Any, ...], str, int]],
    history_from: date,
    problems: list[Problem],
) -> list[list[EpisodeRecord]]:
    """Split one child's episodes (in DECOM order) into care periods, reporting every break
    in the chain: RNE S starts a period; X1 continues it into an episode starting the same
    day; any other REC ends it."""
    periods: list[list[EpisodeRecord]] = []
    previous: tuple[EpisodeRecord, str, int] | None = None
    for values, label, number in rows:
        episode = _episode(values)
        if previous is None:
            # A first episode that is not S began before the files' history: it continues
            # a period of care whose start is not in them.
            if episode.reason_new_episode != "S" and episode.start >= history_from:
                problems.append(
                    Problem(
                        label,
                        number,
                        "RNE",
                        episode.reason_new_episode,
                        "gap in the episode chain: the child's first episode must start a "
                        f"period of care (RNE S); no episode ends on {dmy(episode.start)}",
                    )
                )
            periods.append([episode])
        else:
            broken = _chain_break(previous, episode)
            if broken is not None:
                column, value, reason = broken
                problems.append(Problem(label, number, column, value, reason))
            if episode.reason_new_episode == "S" or _period_end(periods[-1]) is not None:
                periods.append([episode])
            else:
                periods[-1].append(episode)
        previous = (episode, label, number)
    if previous is not None and previous[0].reason_ceased == "X1":
        last, label, number = previous
        problems.append(
            Problem(
                label,
                number,
                "REC",
                "X1",
                "X1 means a new episode starts the same day, but no episode starts on "
                f"{dmy(last.end) if last.end else ''}",
            )
        )
    return periods


def _chain_break(
    previous: tuple[EpisodeRecord, str, int], episode: EpisodeRecord
) -> tuple[str, str, str] | None:
    """(column, value, reason) when `episode` does not follow on from the one before it."""
    before, label, row = previous
    ref = f"the episode from {dmy(before.start)} ({label}:{row})"
    start, rne = dmy(episode.start), episode.reason_new_episode
    if before.end is None:
        return "DECOM", start, f"overlapping episodes: {ref} is still open"
    if before.end > episode.start:
        return "DECOM", start, f"overlapping episodes: {ref} ends {dmy(before.end)}"
    if rne == "S":
        if before.reason_ceased == "X1":
            return (
                "RNE",
                rne,
                (
                    f"{ref} ended X1 (care continues in a new episode the same day), so this "
                    "episode cannot start a new period of care"
                ),
            )
        if before.end == episode.start:
            return (
                "DECOM",
                start,
                (
                    "a new period of care cannot start on the day the last one ended "
                    f"({ref} ended {before.reason_ceased} that day)"
                ),
            )
        return None
    if before.reason_ceased != "X1":
        return (
            "RNE",
            rne,
            (
                f"{ref} ended the period of care ({before.reason_ceased} on {dmy(before.end)}): "
                "the next episode must start a new one (RNE S)"
            ),
        )
    if before.end < episode.start:
        return (
            "DECOM",
            start,
            (
                f"gap in the episode chain: {ref} ended {dmy(before.end)}, and an episode that "
                "is not S starts the day the one before it ended"
            ),
        )
    return None


def _place_reviews(
    child: str,
    dob: date,
    periods: list[list[EpisodeRecord]],
    reviews: list[tuple[tuple[Any, ...], str, int]],
    problems: list[Problem],
) -> list[list[ReviewRecord]]:
    """Each review in the care period it was held in; the database refuses a review outside
    every period and a participation code that does not fit the child's age."""
    placed: list[list[ReviewRecord]] = [[] for _ in periods]
    fourth = add_years(dob, _UNDER)
    for values, label, number in reviews:
        held, code = values[2], values[3]
        where = next(
            (
                i
                for i, episodes in enumerate(periods)
                if episodes[0].start <= held
                and ((end := _period_end(episodes)) is None or held <= end)
            ),
            None,
        )
        if where is None:
            problems.append(
                Problem(
                    label,
                    number,
                    "REVIEW",
                    dmy(held),
                    f"{LABEL}: the review is outside every period of care — the child was "
                    "not looked after that day",
                )
            )
            continue
        if (code == "PN0") != (held < fourth):
            age = "under 4" if held < fourth else "4 or over"
            problems.append(
                Problem(
                    label,
                    number,
                    "REVIEW_CODE",
                    code,
                    f"does not fit the child's age: the child was {age} on {dmy(held)} "
                    f"(born {dmy(dob)}); PN0 is for a child under 4, and only for them "
                    "(DfE rules 440 and 441)",
                )
            )
            continue
        placed[where].append(ReviewRecord(held, code))
    return placed
