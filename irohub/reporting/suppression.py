"""Small-number suppression for public tables (spec measures.md §0.2).

National statistics show counts of 1 to 5 as "c"; any export marked "public" must do the
same with a configurable threshold (default 5), and apply secondary suppression so that a
total cannot give a suppressed cell back by subtraction. Zero is shown: it is not a small
number of children.

Pure Python (no Django): the annual report, the performance page and exports all use it.

A table is a grid of counts. With row totals each row ends in a total; with column totals
each column does; with both there is also a grand total, which closes the totals row and
the totals column. Every row or column that ends in a total is a *line*: its cells add up
to its total, so one equation per line. A reader who knows every value in a line but one
can work the last one out, so:

1. primary: every count (totals too) from 1 to the threshold becomes "c";
2. secondary (spec rule): in a line with exactly one "c" (its total counts as a member),
   also suppress the smallest non-zero visible cell of the line, or the total if no cell is
   left; repeat until no line changes, since a new "c" can leave another line with one;
3. then a linear-algebra check (:func:`recoverable_cells`): the lines together can still
   give a cell away even when every line has two or more "c" (two blocks of suppressed
   cells joined by one cell, for example), so while any "c" is determined by the published
   figures, suppress one more cell next to it and go back to 2.

The check treats the figures as real numbers: it finds cells fixed exactly, not the bounds
a reader could put on a cell from non-negativity (the usual practice for DfE tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from irohub.reporting.numbers import NOT_AVAILABLE, of_text, percent_of

SUPPRESSED = "c"
DEFAULT_THRESHOLD = 5

Cell: TypeAlias = int | str  # a count, or "c"
Position: TypeAlias = tuple[int, int]  # (row, column) in the grid with totals


@dataclass(frozen=True)
class Line:
    """Cells that add up to a total: one published equation."""

    cells: tuple[Position, ...]
    total: Position

    @property
    def members(self) -> tuple[Position, ...]:
        return (*self.cells, self.total)


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish. `cells` is the body; the totals are None when the table
    has none. Suppressed figures are the string "c"."""

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] | None
    column_totals: tuple[Cell, ...] | None
    grand_total: Cell | None
    threshold: int

    def grid(self) -> list[list[Cell]]:
        """Body with its totals: a total column on the right, a totals row at the bottom."""
        rows = [list(row) for row in self.cells]
        if self.row_totals is not None:
            for row, total in zip(rows, self.row_totals, strict=True):
                row.append(total)
        if self.column_totals is not None:
            last = list(self.column_totals)
            if self.row_totals is not None:
                last.append(self.grand_total if self.grand_total is not None else 0)
            rows.append(last)
        return rows

    @property
    def suppressed_count(self) -> int:
        return sum(cell == SUPPRESSED for row in self.grid() for cell in row)


@dataclass(frozen=True)
class SuppressedFigure:
    """An "x of y (z%)" figure ready to publish.

    `numerator` and `percent` are "c" when the numerator or its complement (denominator −
    numerator) is from 1 to the threshold: showing 297 of 300 gives away that 3 children
    were not. `denominator` is "c" only when it is itself from 1 to the threshold. `percent`
    is rounded half-up to 1 decimal place as text ("97.3"), or "n/a" for a zero denominator
    (spec §0.2, irohub.reporting.numbers)."""

    numerator: Cell
    denominator: Cell
    percent: str

    @property
    def suppressed(self) -> bool:
        return self.numerator == SUPPRESSED

    def text(self) -> str:
        """Display form, e.g. "1,298 of 1,300 (99.8%)", "c of 300 (c%)", "0 of 0 (n/a)"."""
        percent = self.percent if self.percent == NOT_AVAILABLE else f"{self.percent}%"
        return f"{of_text(self.numerator, self.denominator)} ({percent})"


def suppress_count(count: int, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """A count on its own in a public table or file: "c" from 1 to the threshold; zero and
    larger counts as they are."""
    _check_threshold(threshold)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"a count must be a whole number ≥ 0: {count!r}")
    return SUPPRESSED if _small(count, threshold) else count


def suppress_figure(
    numerator: int, denominator: int, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedFigure:
    """Suppress a numerator/denominator figure; see :class:`SuppressedFigure`."""
    _check_threshold(threshold)
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError(
            f"a figure needs 0 ≤ numerator ≤ denominator, got {numerator} of {denominator}"
        )
    if denominator == 0:
        return SuppressedFigure(0, 0, NOT_AVAILABLE)
    shown_denominator: Cell = SUPPRESSED if _small(denominator, threshold) else denominator
    if _small(numerator, threshold) or _small(denominator - numerator, threshold):
        return SuppressedFigure(SUPPRESSED, shown_denominator, SUPPRESSED)
    return SuppressedFigure(numerator, shown_denominator, str(percent_of(numerator, denominator)))


def suppress_table(
    cells: Sequence[Sequence[int]],
    *,
    row_totals: bool,
    column_totals: bool,
    threshold: int = DEFAULT_THRESHOLD,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
) -> SuppressedTable:
    """Suppress a table of counts given without totals; the totals are worked out here
    (so they always add up) and suppressed like any other count."""
    _check_threshold(threshold)
    body = [list(row) for row in cells]
    width = len(body[0]) if body else len(column_labels or ())
    for index, row in enumerate(body):
        if len(row) != width:
            raise ValueError(f"row {index + 1} has {len(row)} cells; the first has {width}")
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"row {index + 1}: counts must be whole numbers ≥ 0: {value!r}")
    row_names = _labels(row_labels, len(body), "row")
    column_names = _labels(column_labels, width, "column")

    grid = _with_totals(body, width, row_totals=row_totals, column_totals=column_totals)
    lines = _lines(len(body), width, row_totals=row_totals, column_totals=column_totals)
    hidden = _suppress(grid, lines, threshold)
    shown: list[list[Cell]] = [
        [SUPPRESSED if (r, c) in hidden else value for c, value in enumerate(row)]
        for r, row in enumerate(grid)
    ]

    height = len(body)
    return SuppressedTable(
        row_labels=row_names,
        column_labels=column_names,
        cells=tuple(tuple(row[:width]) for row in shown[:height]),
        row_totals=tuple(row[width] for row in shown[:height]) if row_totals else None,
        column_totals=tuple(shown[height][:width]) if column_totals else None,
        grand_total=shown[height][width] if row_totals and column_totals else None,
        threshold=threshold,
    )


def recoverable_cells(
    published: Sequence[Sequence[Cell]], *, row_totals: bool, column_totals: bool
) -> set[Position]:
    """Positions of "c" cells that a reader can work out exactly from a published grid
    (body plus totals, laid out as :meth:`SuppressedTable.grid`). Empty means safe.

    Each line is an equation: cells − total = 0. The "c" positions are the unknowns. An
    unknown is fixed by the equations exactly when its unit vector lies in the row space
    of their coefficient matrix, i.e. when the reduced row echelon form has a row whose only
    non-zero entry is that unknown."""
    height = len(published) - (1 if column_totals else 0)
    width = (len(published[0]) if published else 0) - (1 if row_totals else 0)
    lines = _lines(height, width, row_totals=row_totals, column_totals=column_totals)
    hidden = {
        (r, c)
        for r, row in enumerate(published)
        for c, value in enumerate(row)
        if value == SUPPRESSED
    }
    return _determined(hidden, lines)


# --- the algorithm -------------------------------------------------------------------


def _suppress(grid: list[list[int]], lines: list[Line], threshold: int) -> set[Position]:
    hidden = {
        (r, c)
        for r, row in enumerate(grid)
        for c, value in enumerate(row)
        if _small(value, threshold)
    }
    while True:
        _secondary(grid, lines, hidden)
        determined = _determined(hidden, lines)
        if not determined:
            return hidden
        # Lines with two or more "c" can still combine to give one away (step 3 of the
        # module docstring): hide one more cell next to the first such cell and recheck.
        hidden.add(_complement(grid, lines, hidden, min(determined)))


def _secondary(grid: list[list[int]], lines: list[Line], hidden: set[Position]) -> None:
    changed = True
    while changed:  # to a fixed point: each new "c" may leave another line with one
        changed = False
        for line in lines:
            if sum(p in hidden for p in line.members) == 1:
                hidden.add(_pick(grid, line, hidden, lines))
                changed = True


def _pick(grid: list[list[int]], line: Line, hidden: set[Position], lines: list[Line]) -> Position:
    """The next smallest non-zero visible cell of the line, else its total."""
    candidates = [p for p in line.cells if p not in hidden and _value(grid, p) > 0]
    if not candidates:
        # The one "c" is a cell and the rest are zeros, so the total equals it (> 0).
        assert line.total not in hidden
        return line.total

    def singles_created(p: Position) -> int:
        # Among equally small cells, prefer one whose other line already has a "c", so
        # hiding it does not leave a new line with exactly one.
        return sum(
            1
            for other in lines
            if other != line and p in other.members and sum(q in hidden for q in other.members) == 0
        )

    return min(candidates, key=lambda p: (_value(grid, p), singles_created(p), p))


def _complement(
    grid: list[list[int]], lines: list[Line], hidden: set[Position], cell: Position
) -> Position:
    """A visible non-zero cell sharing a line with `cell` (smallest first); failing that
    the smallest visible non-zero cell anywhere. One always exists: with every non-zero
    figure hidden nothing is determined (a table of all ones fits any such pattern)."""
    near = [
        p
        for line in lines
        if cell in line.members
        for p in line.members
        if p not in hidden and _value(grid, p) > 0
    ]
    anywhere = [
        (r, c)
        for r, row in enumerate(grid)
        for c, value in enumerate(row)
        if (r, c) not in hidden and value > 0
    ]
    return min(near or anywhere, key=lambda p: (_value(grid, p), p))


def _determined(hidden: set[Position], lines: list[Line]) -> set[Position]:
    unknowns = sorted(hidden)
    index = {p: i for i, p in enumerate(unknowns)}
    matrix: list[dict[int, Fraction]] = []
    for line in lines:
        row: dict[int, Fraction] = {}
        for p in line.cells:
            if p in index:
                row[index[p]] = Fraction(1)
        if line.total in index:
            row[index[line.total]] = Fraction(-1)
        if row:
            matrix.append(row)
    reduced = _rref(matrix)
    return {unknowns[next(iter(row))] for row in reduced if len(row) == 1}


def _rref(rows: list[dict[int, Fraction]]) -> list[dict[int, Fraction]]:
    """Reduced row echelon form of a sparse matrix (column → non-zero coefficient)."""
    rows = [dict(row) for row in rows]
    reduced: list[dict[int, Fraction]] = []
    columns = sorted({c for row in rows for c in row})
    for column in columns:
        pivot = next((row for row in rows if row.get(column)), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        scale = pivot[column]
        pivot = {c: v / scale for c, v in pivot.items()}
        for others in (rows, reduced):
            for i, row in enumerate(others):
                factor = row.get(column)
                if factor:
                    updated = dict(row)
                    for c, v in pivot.items():
                        value = updated.get(c, Fraction(0)) - factor * v
                        if value:
                            updated[c] = value
                        else:
                            updated.pop(c, None)
                    others[i] = updated
        reduced.append(pivot)
    return reduced


# --- helpers -------------------------------------------------------------------------


def _with_totals(
    body: list[list[int]], width: int, *, row_totals: bool, column_totals: bool
) -> list[list[int]]:
    grid = [[*row, sum(row)] if row_totals else list(row) for row in body]
    if column_totals:
        columns = width + (1 if row_totals else 0)
        grid.append([sum(row[c] for row in grid) for c in range(columns)])
    return grid


def _lines(height: int, width: int, *, row_totals: bool, column_totals: bool) -> list[Line]:
    lines: list[Line] = []
    # The totals row/column is itself a line only when the grand total closes it.
    rows = height + (1 if column_totals and row_totals else 0)
    columns = width + (1 if row_totals and column_totals else 0)
    if row_totals:
        lines += [Line(tuple((r, c) for c in range(width)), (r, width)) for r in range(rows)]
    if column_totals:
        lines += [Line(tuple((r, c) for r in range(height)), (height, c)) for c in range(columns)]
    return lines


def _value(grid: list[list[int]], p: Position) -> int:
    return grid[p[0]][p[1]]


def _small(value: int, threshold: int) -> bool:
    return 1 <= value <= threshold


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValueError(f"the suppression threshold must be a whole number ≥ 0: {threshold!r}")


def _labels(labels: Iterable[str] | None, count: int, kind: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(i + 1) for i in range(count))
    names = tuple(labels)
    if len(names) != count:
        raise ValueError(f"{len(names)} {kind} labels for {count} {kind}s")
    return names
