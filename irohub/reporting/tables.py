"""Tables as data, the one table type of IRO Hub: what the performance page shows, what
its CSV and Excel downloads carry and what the annual report lays out in HTML, PDF and Word
are the same rows, so a download always matches the table it came from.

A `Table` has typed columns and cells. A cell keeps the value a download carries (an int,
a 1-decimal-place `Decimal`, a date, text) and, when the page words it differently, the
text the page shows ("97.3%", "April 2025"). Downloads carry every column; the page may
leave some out (`Column.shown`) when another column already says the same in words.
Pure Python (no Django).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

__all__ = ["Cell", "CellKind", "Column", "Table", "as_csv", "as_xlsx", "safe_text"]


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a whole number: a count, a numerator
    PERCENT = "percent"  # a percentage to 1 decimal place (the value 97.3 means 97.3%)
    DECIMAL = "decimal"  # a number to 1 decimal place: a rate, a change
    DATE = "date"

    @property
    def numeric(self) -> bool:
        return self in (CellKind.NUMBER, CellKind.PERCENT, CellKind.DECIMAL)


def _xlsx_format(value: object, kind: CellKind) -> str:
    """The Excel number format that shows a typed value as the page does (a column may mix
    a count with percentages, as the year's summary does)."""
    if isinstance(value, date):
        return "d mmmm yyyy"
    if isinstance(value, Decimal):
        return "0.0" if value == value.quantize(Decimal("0.1")) else "0.00"
    if isinstance(value, int):
        return "#,##0"
    return "General"


# The GOV.UK tag colour of each rating (amber is GOV.UK's orange).
TAG_CLASSES = {"green": "govuk-tag--green", "amber": "govuk-tag--orange", "red": "govuk-tag--red"}


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    kind: CellKind = CellKind.TEXT
    shown: bool = True  # on the page (downloads carry every column)


@dataclass(frozen=True, slots=True)
class Cell:
    """`value` is what a download carries; `text` what the page shows (by default the value
    formatted for its column); `href` makes the page's text a link; `hint` is a second,
    smaller line on the page only; `hidden` finishes a link's words for screen readers."""

    value: object = None
    text: str | None = None
    href: str | None = None
    hint: str = ""
    hidden: str = ""  # read by screen readers after the text: what a bare number links to
    span: int = 1  # on the page, this many shown columns (the cells it covers are not drawn)
    # A red, amber or green rating against a local target ("red", "amber", "green"): the page
    # draws the text in a coloured tag; the text itself always says the rating in words.
    tag: str = ""

    def display(self, kind: CellKind) -> str:
        if self.text is not None:
            return self.text
        return format_value(self.value, kind)


def format_value(value: object, kind: CellKind) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"  # "1 Apr 2025": GOV.UK style in tight tables
    if kind is CellKind.PERCENT:
        return f"{value}%"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,f}"  # 1,207 and 10.5 as downloads carry them: no rounding here
    return str(value)


@dataclass
class Table:
    """`name` identifies the table in a download's address and file name; the first
    column heads each row (`<th scope="row">`)."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    empty: str = "Nothing to show."  # what the page says when there are no rows
    total: bool = False  # the last row is a total (the report sets it apart)
    kind: ClassVar[str] = "table"  # what the report's layout calls this block

    def __post_init__(self) -> None:
        for row in self.rows:
            self._check(row)

    def add(self, *cells: Cell) -> None:
        self._check(cells)
        self.rows.append(tuple(cells))

    def _check(self, row: Sequence[Cell]) -> None:
        if len(row) != len(self.columns):
            raise ValueError(f"{self.name}: a row of {len(row)} cells for {len(self.columns)}")

    @property
    def header(self) -> tuple[str, ...]:
        """Every column's heading."""
        return tuple(column.heading for column in self.columns)

    def text_rows(self) -> list[tuple[str, ...]]:
        """Every row as the page words it, every column."""
        return [
            tuple(cell.display(column.kind) for cell, column in zip(row, self.columns, strict=True))
            for row in self.rows
        ]

    @property
    def shown_columns(self) -> list[tuple[int, Column]]:
        return [(index, column) for index, column in enumerate(self.columns) if column.shown]

    def page_rows(self) -> list[list[dict[str, object]]]:
        """The rows as the template draws them: shown columns only."""
        shown = self.shown_columns
        out = []
        for row in self.rows:
            cells: list[dict[str, object]] = []
            covered = 0
            for index, column in shown:
                if covered:
                    covered -= 1
                    continue
                cell = row[index]
                covered = cell.span - 1
                cells.append(
                    {
                        "text": cell.display(column.kind),
                        "href": cell.href,
                        "hint": cell.hint,
                        "hidden": cell.hidden,
                        "numeric": column.kind.numeric and cell.span == 1,
                        "nowrap": column.kind is CellKind.DATE,
                        "span": cell.span,
                        "tag": TAG_CLASSES.get(cell.tag, ""),
                    }
                )
            out.append(cells)
        return out

    def values(self) -> list[list[object]]:
        """Every row's download values, every column."""
        return [[cell.value for cell in row] for row in self.rows]


# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text a spreadsheet will not run: a leading formula character is escaped with an
    apostrophe, which spreadsheets hide and read as "this is text"."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | Decimal | float):
        return value  # numbers are written as numbers: never a formula
    return safe_text(str(value))


def as_csv(table: Table) -> str:
    """The table as CSV: a header row, then one line per row (dates as 2025-04-30,
    percentages as 97.3)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(column.heading) for column in table.columns])
    for row in table.values():
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def _sheet_title(text: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Table"


def as_xlsx(table: Table, title: str) -> bytes:
    """The table as an Excel workbook: one sheet named `title`, a bold header row, typed
    cells (dates as dates, numbers as numbers, percentages as numbers to 1 decimal place)."""
    from openpyxl import Workbook  # when a workbook is asked for, not at every start-up
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    sheet.append([column.heading for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for number, row in enumerate(table.values(), start=2):
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=number, column=index)
            if isinstance(value, bool):
                cell.value = "Yes" if value else "No"
            elif isinstance(value, Decimal):
                cell.value = float(value)
            else:
                cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: never read as a formula
            elif value is not None:
                cell.number_format = _xlsx_format(value, column.kind)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(10, min(60, len(column.heading) + 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
