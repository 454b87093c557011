"""Reading SSDA903 files: a folder's layout (one year, or one sub-folder per year), each
CSV file recognised as a table by its columns, and its cells turned into values (dates
DD/MM/YYYY strictly, codes from the DfE's lists, identifiers that are identifiers), every
problem collected in the Report with file, row, column, value and reason.

The cells are read and checked column by column with polars (every cell as text, a batch
of rows at a time, so memory stays bounded by the batch and the rows that read), not row by
row in Python. No Django."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from irohub.records.years import CollectionYear
from irohub.ssda903.checks import dmy
from irohub.ssda903.problems import SHOWN_PER_KIND, Problem, Report, cut
from irohub.ssda903.tables import (
    EPISODES,
    HEADER,
    IDENTIFIER_PATTERN,
    NOT_AN_IDENTIFIER,
    REVIEWS,
    Table,
    nearest,
    recognise,
)

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 100_000  # rows read, checked and converted at a time (and between reports)

_YEAR_FOLDER = re.compile(r"\d{4}")
_NOT_A_DATE = "not a date in the form DD/MM/YYYY"
_NO_SUCH_DAY = "not a real day (dates are DD/MM/YYYY)"
_BLANK = "blank, but every row needs it"
_CHUNK = 1 << 20  # bytes read at a time when checking the encoding
_SAVE_AS = "save it as CSV UTF-8 (Excel: Save As, 'CSV UTF-8 (Comma delimited)')"
_EMPTY = "the file is empty: a table needs a row of column names"
# Files that are not text at all, by their first bytes.
_NOT_TEXT = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or other zip file, not CSV text"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls), not CSV text"),
    (b"\xff\xfe", "UTF-16 text (Excel's 'Unicode Text'), not CSV UTF-8"),
    (b"\xfe\xff", "UTF-16 text (Excel's 'Unicode Text'), not CSV UTF-8"),
)


@dataclass
class TableFile:
    label: str  # as reports show it: "2025/reviews.csv"
    table: Table
    # The rows that read, as columns: "_row" (the row's number) and the table's columns
    # by name, converted (text, a date or null, a code).
    frame: pl.DataFrame
    # Children with a row that did not read: left out of the checks between rows, so one
    # bad cell is reported once rather than again as everything it breaks.
    bad_children: set[str] = field(default_factory=set)

    @property
    def rows(self) -> list[tuple[int, tuple[Any, ...]]]:
        """(row number, values in the table's column order) of each row, as Python values:
        for the small tables, checked row by row."""
        frame = self.frame
        values = [python_values(frame[c]) for c in self.table.columns]
        return list(zip(frame["_row"].to_list(), zip(*values, strict=True), strict=True))

    def drop(self) -> None:
        """Let the rows go (once everything that needs them is done)."""
        self.frame = self.frame.clear()


def python_values(series: pl.Series) -> list[Any]:
    """The series as Python values, one object for each distinct value: a council's rows
    repeat their dates and codes, and a million copies of one string would cost a million
    strings."""
    shared: dict[Any, Any] = {}
    values = series.to_list()
    return list(map(shared.setdefault, values, values))


@dataclass
class _Scan:
    """What one pass over a file's bytes finds before it is parsed."""

    problem: Problem | None = None
    lines: int = 0  # line ends (\n)
    first_line: str = ""


def unreadable_reason(path: Path) -> str | None:
    """Why `path` cannot be a CSV table at all (empty, a workbook, UTF-16), or None."""
    with path.open("rb") as handle:
        head = handle.read(4096)
        if not head.strip() and not handle.read(1):
            return _EMPTY
    for magic, what in _NOT_TEXT:
        if head.startswith(magic):
            return f"{what}: {_SAVE_AS}"
    return None


def _scan(path: Path, label: str) -> _Scan:
    """Check the bytes in one streaming pass (bounded memory, whatever the file's size):
    not empty, text, UTF-8; count the lines; keep the first line (the column names)."""
    scan = _Scan()
    reason = unreadable_reason(path)
    if reason is not None:
        scan.problem = Problem(label, None, None, None, reason)
        return scan
    carry = b""
    offset = 0  # of carry[0] in the file
    returns = 0
    first = bytearray()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            data = carry + chunk
            # Decode up to the last character that may be cut off; it waits for the next
            # chunk (continuation bytes are 10xxxxxx, a sequence starts 11xxxxxx).
            end = len(data)
            lead = end - 1
            while lead >= 0 and end - lead < 4 and data[lead] & 0xC0 == 0x80:
                lead -= 1
            if lead >= 0 and data[lead] >= 0xC0:
                end = lead
            whole, carry = data[:end], data[end:]
            try:
                whole.decode("utf-8")
            except UnicodeDecodeError as error:
                at = offset + error.start
                scan.problem = Problem(
                    label,
                    scan.lines + whole.count(b"\n", 0, error.start) + 1,
                    None,
                    None,
                    f"not UTF-8 (byte 0x{whole[error.start]:02X} at byte {at}): {_SAVE_AS}",
                )
                return scan
            if not scan.lines and len(first) < 1 << 20:
                first += whole[: whole.find(b"\n") + 1 or len(whole)]
            scan.lines += whole.count(b"\n")
            returns += whole.count(b"\r")
            offset += len(whole)
    if carry:
        try:
            carry.decode("utf-8")
        except UnicodeDecodeError as error:
            scan.problem = Problem(
                label,
                scan.lines + 1,
                None,
                None,
                f"not UTF-8 (byte 0x{carry[error.start]:02X} at byte {offset + error.start}): "
                f"{_SAVE_AS}",
            )
            return scan
        if not scan.lines:
            first += carry
    if not scan.lines and returns:
        scan.problem = Problem(
            label,
            None,
            None,
            None,
            "the lines end with a carriage return only (an old Mac format): " + _SAVE_AS,
        )
        return scan
    scan.first_line = first.decode("utf-8").removeprefix("\ufeff")
    return scan


def read_file(
    path: Path, label: str, report: Report, progress: Progress | None
) -> TableFile | None:
    scan = _scan(path, label)
    if scan.problem is not None:
        report.add(scan.problem)
        return None
    if not scan.first_line.strip():
        report.add(Problem(label, None, None, None, _EMPTY))
        return None
    try:
        names = next(csv.reader(io.StringIO(scan.first_line)))
    except (csv.Error, StopIteration) as error:
        report.add(Problem(label, 1, None, None, f"not a readable CSV file ({error})"))
        return None
    # Excel leaves empty columns after the last named one: they are not columns.
    while names and not names[-1].strip():
        names.pop()
    columns = [name.strip().lstrip("\ufeff").strip().upper() for name in names]
    table = _recognise(columns, label, report)
    if table is None:
        return None
    read = _Columns(path, label, table, columns, report)
    try:
        read.run(max(scan.lines - 1, 0), progress)
    except pl.exceptions.PolarsError as error:
        first = str(error).strip().splitlines()
        report.add(
            Problem(
                label,
                None,
                None,
                None,
                f"not a readable CSV file ({first[0] if first else type(error).__name__})",
            )
        )
        return None
    return TableFile(label, table, read.frame(), read.bad_children)


class _Columns:
    """One table's rows read, checked and converted column by column (polars), a batch of
    rows at a time: every cell's problem reported with its row, column, value and reason,
    the rows that read kept as columns."""

    def __init__(
        self, path: Path, label: str, table: Table, columns: list[str], report: Report
    ) -> None:
        self.path, self.label, self.table, self.report = path, label, table, report
        self.width = len(columns)
        self.position = [columns.index(column) for column in table.columns]
        self.batches: list[pl.DataFrame] = []
        self.bad_children: set[str] = set()
        # A row of a stored table whose key (the child; the child and DECOM; the child and
        # REVIEW) an earlier row has is reported here and dropped, so a file of a million
        # copies of one row costs one row: the key of each first row and its number.
        self.duplicate = _DUPLICATES.get(table.name)
        self.key = [f"v{table.columns.index(c)}" for c in table.key]
        self.seen: pl.DataFrame | None = None

    def run(self, total: int, progress: Progress | None) -> None:
        # Every cell as text, one column more than the names, so a row with too many cells
        # shows itself; blank lines come through as rows of empty cells (rows keep their
        # numbers).
        names = [f"c{i}" for i in range(self.width + 1)]
        frame = pl.scan_csv(
            self.path,
            has_header=False,
            skip_rows=1,
            schema=dict.fromkeys(names, pl.String),
            truncate_ragged_lines=True,
            empty_string_is_null=False,
            missing_columns="insert",
            quote_char='"',
        )
        cells = [pl.col(name).fill_null("") for name in names]
        # A quoted cell may hold line ends: a row's number is the line it ends on, as a
        # spreadsheet (and Python's csv module) numbers it.
        frame = frame.with_columns(
            _lines=pl.sum_horizontal(cell.str.count_matches("\n") for cell in cells)
        )
        done = 0
        base = 2  # the first row after the column names
        for batch in frame.collect_batches(chunk_size=PROGRESS_EVERY):
            size = batch.height
            numbers = pl.int_range(0, size, dtype=pl.Int64) + base + pl.col("_lines").cum_sum()
            base += size + int(batch["_lines"].sum())
            self._batch(batch.with_columns(_row=numbers), names)
            done += size
            if progress is not None:
                progress(self.label, done, max(total, done))
        if progress is not None:
            progress(self.label, done, max(total, done))

    def _batch(self, batch: pl.DataFrame, names: list[str]) -> None:
        batch = batch.with_columns(
            pl.col(name).fill_null("").str.strip_chars().alias(f"t{i}")
            for i, name in enumerate(names)
        )
        # Blank lines, and rows of empty cells a spreadsheet leaves, are no rows.
        batch = batch.filter(pl.any_horizontal(pl.col(f"t{i}") != "" for i in range(len(names))))
        extra = pl.col(f"t{self.width}") != ""
        if batch.select(extra.any()).item():
            self._ragged(batch.filter(extra))
            batch = batch.filter(~extra)
        table = self.table
        count = len(table.columns)
        checks = [
            _check(table, column, pl.col(f"t{self.position[j]}"))
            for j, column in enumerate(table.columns)
        ]
        checked = batch.select(
            pl.col("_row"),
            *(value.alias(f"v{j}") for j, (value, _) in enumerate(checks)),
            *(reason.alias(f"r{j}") for j, (_, reason) in enumerate(checks)),
        )
        bad = pl.any_horizontal(pl.col(f"r{j}").is_not_null() for j in range(count))
        failed = checked.filter(bad)
        if failed.height:
            # A blank cell is shown as it was (spaces and all); any other, stripped.
            shown = batch.join(failed.select("_row"), on="_row", how="semi").select(
                pl.col("_row"),
                *(
                    pl.when(pl.col(f"t{p}") == "")
                    .then(pl.col(f"c{p}").fill_null(""))
                    .otherwise(pl.col(f"t{p}"))
                    .alias(f"s{j}")
                    for j, p in enumerate(self.position)
                ),
            )
            self._problems(failed.join(shown, on="_row"))
            self.bad_children.update(
                batch.join(failed.select("_row"), on="_row", how="semi")[
                    f"t{self.position[0]}"
                ].to_list()
            )
            checked = checked.filter(~bad)
        if self.duplicate is not None and checked.height:
            checked = self._drop_duplicates(checked)
        self.batches.append(
            checked.select(
                pl.col("_row").cast(pl.Int64),
                *(pl.col(f"v{j}").alias(c) for j, c in enumerate(table.columns)),
            )
        )

    def frame(self) -> pl.DataFrame:
        """The rows that read, every batch together."""
        if not self.batches:
            return pl.DataFrame(
                schema={"_row": pl.Int64, **_schema(self.table)},
            )
        frame = pl.concat(self.batches, rechunk=True)
        self.batches = []
        return frame

    def _drop_duplicates(self, checked: pl.DataFrame) -> pl.DataFrame:
        assert self.duplicate is not None
        keys = self.key
        firsts = checked.group_by(keys, maintain_order=True).agg(_first=pl.col("_row").first())
        if self.seen is not None:
            firsts = firsts.join(self.seen, on=keys, how="left", suffix="_before")
            earlier = pl.col("_first_before")
            self.seen = pl.concat([self.seen, firsts.filter(earlier.is_null()).drop(earlier)])
            firsts = firsts.select(*keys, _first=pl.coalesce(earlier, pl.col("_first")))
        else:
            self.seen = firsts
        checked = checked.join(firsts, on=keys, how="left", maintain_order="left")
        again = pl.col("_row") != pl.col("_first")
        repeated = checked.filter(again)
        if repeated.height:
            column, what = self.duplicate
            j = self.table.columns.index(column)
            listed = repeated.head(SHOWN_PER_KIND)
            for row, value, first in zip(
                listed["_row"], listed[f"v{j}"], listed["_first"], strict=True
            ):
                shown = dmy(value) if isinstance(value, date) else value
                self.report.add(Problem(self.label, row, column, shown, what(shown, first)))
            if repeated.height > listed.height:
                self.report.count(
                    Problem(self.label, None, column, None, what("", 0)),
                    repeated.height - listed.height,
                )
        return checked.filter(~again).drop("_first")

    def _problems(self, failed: pl.DataFrame) -> None:
        """The first problems of each column and reason (in row order), and a count of the
        rest: the report keeps no more than that."""
        for j, column in enumerate(self.table.columns):
            found = failed.filter(pl.col(f"r{j}").is_not_null())
            if not found.height:
                continue
            for (reason,), group in found.group_by(f"r{j}", maintain_order=True):
                listed = group.head(SHOWN_PER_KIND)
                for row, value in zip(listed["_row"], listed[f"s{j}"], strict=True):
                    self.report.add(Problem(self.label, row, column, value, str(reason)))
                rest = group.height - listed.height
                if rest:
                    self.report.count(Problem(self.label, None, column, None, str(reason)), rest)

    def _ragged(self, ragged: pl.DataFrame) -> None:
        self.bad_children.update(ragged[f"t{self.position[0]}"].to_list())
        rows = ragged["_row"].to_list()
        cells = _cell_counts(self.path, set(rows[:SHOWN_PER_KIND]))
        for row in rows:
            count = cells.get(row, self.width + 1)
            self.report.add(
                Problem(
                    self.label,
                    row,
                    None,
                    None,
                    f"the row has {count} cells but the first row names {self.width} columns",
                )
            )


def _cell_counts(path: Path, rows: set[int]) -> dict[int, int]:
    """How many cells these rows have (read again with Python's csv module, up to the last
    of them: only for the few rows a report lists)."""
    found: dict[int, int] = {}
    if not rows:
        return found
    last = max(rows)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        for cells in reader:
            if reader.line_num in rows:
                found[reader.line_num] = len(cells)
            if reader.line_num >= last:
                break
    return found


# The tables whose rows are one of a kind by their key: the column a repeat is reported
# in, and the reason (given the value and the first row's number).
_DUPLICATES: dict[str, tuple[str, Callable[[str, int], str]]] = {
    HEADER.name: (
        "CHILD",
        lambda child, first: f"the child has two header rows (the first is row {first})",
    ),
    EPISODES.name: (
        "DECOM",
        lambda day, first: (
            f"duplicated episode: the child already has an episode starting {day} (row {first})"
        ),
    ),
    REVIEWS.name: (
        "REVIEW",
        lambda day, first: (
            f"duplicated review: the child already has a review on {day} (row {first}); a "
            "review is one meeting a day"
        ),
    ),
}

_DATE_TEXT = r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$"


def _schema(table: Table) -> dict[str, type[pl.DataType]]:
    return {c: pl.Date if c in table.dates else pl.String for c in table.columns}


def _check(table: Table, column: str, value: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(the converted value, the reason it is wrong or null) of one column's cells, as
    the row-by-row reader had it: blank; a date DD/MM/YYYY; a code from its list; else an
    identifier of letters and digits, no longer than the register holds."""
    blank = value == ""
    required = column in table.required
    no = pl.lit(None, dtype=pl.String)
    if column in table.dates:
        day = value.str.to_date("%d/%m/%Y", strict=False)
        reason = (
            pl.when(blank)
            .then(pl.lit(_BLANK) if required else no)
            .when(~value.str.contains(_DATE_TEXT))
            .then(pl.lit(_NOT_A_DATE))
            .when(day.is_null() | (day.dt.year() < 1))
            .then(pl.lit(_NO_SUCH_DAY))
            .otherwise(no)
        )
        return pl.when(blank).then(None).otherwise(day), reason
    if column in table.codes:
        code_list = table.codes[column]
        code = value.str.to_uppercase()
        reason = (
            pl.when(blank)
            .then(pl.lit(_BLANK) if required else no)
            .when(~code.is_in(sorted(code_list.codes)))
            .then(pl.lit(f"unknown code: {code_list.describe()}"))
            .otherwise(no)
        )
        return code, reason
    limit = table.max_length.get(column)
    reason = pl.when(blank).then(pl.lit(_BLANK) if required else no)
    if limit is not None:
        reason = reason.when(value.str.len_chars() > limit).then(
            pl.lit(f"longer than the {limit} characters allowed")
        )
    reason = reason.when(~value.str.contains(IDENTIFIER_PATTERN)).then(pl.lit(NOT_AN_IDENTIFIER))
    return value, reason.otherwise(no)


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
        shown = cut(", ".join(c or "(blank)" for c in columns))
        hint = _separator_hint(columns)
        report.add(Problem(label, 1, None, None, f"not an SSDA903 table (columns: {shown}){hint}"))
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


_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _separator_hint(columns: list[str]) -> str:
    """When the one column name read is a table's names joined by another separator (Excel
    in a locale whose decimal comma makes it save CSV with semicolons, say): say so."""
    if len(columns) != 1:
        return ""
    for separator, name in _SEPARATORS.items():
        parts = [part.strip() for part in columns[0].split(separator)]
        if len(parts) > 1 and (recognise(parts) or nearest(parts)):
            return (
                f": the cells are separated by {name}, not commas — {_SAVE_AS}, or choose "
                "comma as the list separator"
            )
    return ""


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
    for file, columns in ((episodes, ("DECOM", "DEC")), (reviews, ("REVIEW",))):
        if file is None:
            continue
        for column in columns:
            found = file.frame[column].max()
            if found is not None and (latest is None or found > latest):
                latest = found  # type: ignore[assignment]
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
