"""Small-number suppression for public tables (spec measures.md §0.2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.reporting.suppression import (
    SUPPRESSED,
    recoverable_cells,
    suppress_figure,
    suppress_table,
)

C = SUPPRESSED


# --- primary -------------------------------------------------------------------------


def test_primary_suppresses_one_to_five_but_not_zero():
    shown = suppress_table([[0, 1, 5, 6, 100]], row_totals=False, column_totals=False)
    assert shown.grid() == [[0, C, C, 6, 100]]


def test_threshold_is_configurable():
    counts = [[7, 10, 11]]
    shown = suppress_table(counts, row_totals=False, column_totals=False, threshold=10)
    assert shown.grid() == [[C, C, 11]]
    shown = suppress_table([[1, 2]], row_totals=False, column_totals=False, threshold=0)
    assert shown.grid() == [[1, 2]]


def test_a_small_total_is_itself_suppressed():
    shown = suppress_table([[3, 0]], row_totals=True, column_totals=False)
    assert shown.grid() == [[C, 0, C]]


# --- secondary, one dimension --------------------------------------------------------


def test_one_small_group_hides_the_next_smallest_non_zero_group():
    # Mixed (3) is primary; with the total shown it would be 62 − 40 − 7 − 12, so the next
    # smallest non-zero group (Asian, 7) goes too. Other (0) is shown and never chosen.
    # White, Mixed, Asian, Black, Other, then the total.
    shown = suppress_table([[40, 3, 7, 12, 0]], row_totals=True, column_totals=False)
    assert shown.grid() == [[40, C, C, 12, 0, 62]]


def test_two_small_groups_need_no_secondary():
    shown = suppress_table([[2, 4, 50]], row_totals=True, column_totals=False)
    assert shown.grid() == [[C, C, 50, 56]]


def test_without_a_total_there_is_no_secondary():
    shown = suppress_table([[2, 40, 50]], row_totals=False, column_totals=False)
    assert shown.grid() == [[C, 40, 50]]


# --- secondary, two dimensions -------------------------------------------------------


def test_secondary_suppression_cascades_across_rows_and_columns():
    table = suppress_table(
        [[3, 10, 20], [8, 9, 30], [12, 15, 40]],
        row_totals=True,
        column_totals=True,
        row_labels=["Under 5", "5 to 11", "12 and over"],
        column_labels=["Female", "Male", "Not known"],
    )
    # 3 is primary. Row 1 then needs a partner (10), so column 2 needs one (9), so row 2
    # needs one (8): the chain reaches a cell in neither line of the first "c", so it
    # cannot be settled in one pass over the lines.
    assert table.grid() == [
        [C, C, 20, 33],
        [C, C, 30, 47],
        [12, 15, 40, 67],
        [23, 34, 90, 147],
    ]
    assert table.row_totals == (33, 47, 67)
    assert table.column_totals == (23, 34, 90)
    assert table.grand_total == 147
    assert table.row_labels == ("Under 5", "5 to 11", "12 and over")
    assert table.suppressed_count == 4
    assert recoverable_cells(table.grid(), row_totals=True, column_totals=True) == set()


def test_total_is_suppressed_when_no_other_cell_is_left():
    # 3 is primary; 8 partners it in row 1. Column 2 then holds 8 and a zero: the only
    # figure left to hide is its total, and the cascade carries on along the totals.
    table = suppress_table([[3, 8], [20, 0]], row_totals=True, column_totals=True)
    assert table.grid() == [[C, C, C], [C, 0, C], [C, C, 31]]
    assert table.column_totals == (C, C)
    assert recoverable_cells(table.grid(), row_totals=True, column_totals=True) == set()


def test_lines_with_two_suppressions_can_still_give_a_cell_away():
    # Two 2×2 blocks of small numbers joined by one small cell (row 0, column 2): every
    # row and column holds two or more "c", yet rows 0+1 minus columns 0+1 gives that cell.
    cells = [[2, 3, 4, 50], [4, 2, 60, 70], [80, 90, 3, 2], [70, 60, 4, 3]]
    primary = [[*[C if 1 <= v <= 5 else v for v in row], sum(row)] for row in cells] + [
        [sum(col) for col in zip(*cells, strict=True)] + [sum(map(sum, cells))]
    ]
    assert recoverable_cells(primary, row_totals=True, column_totals=True) == {(0, 2)}

    table = suppress_table(cells, row_totals=True, column_totals=True)
    assert recoverable_cells(table.grid(), row_totals=True, column_totals=True) == set()


def test_recoverable_cells_finds_a_lone_suppression_and_clears_a_block():
    assert recoverable_cells([[C, 4, 10]], row_totals=True, column_totals=False) == {(0, 0)}
    # A lone suppressed total comes back by adding up the cells.
    assert recoverable_cells([[6, 4, C]], row_totals=True, column_totals=False) == {(0, 2)}
    block = [[C, C, 20, 33], [C, C, 30, 47], [12, 15, 40, 67], [23, 34, 90, 147]]
    assert recoverable_cells(block, row_totals=True, column_totals=True) == set()


def test_row_totals_only_and_column_totals_only():
    rows = suppress_table([[3, 10, 20], [8, 9, 30]], row_totals=True, column_totals=False)
    assert rows.grid() == [[C, C, 20, 33], [8, 9, 30, 47]]
    assert rows.column_totals is None and rows.grand_total is None
    columns = suppress_table([[3, 10], [8, 9], [20, 30]], row_totals=False, column_totals=True)
    assert columns.grid() == [[C, 10], [C, 9], [20, 30], [31, 49]]


def test_bad_tables_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="row 2 has 1 cells"):
        suppress_table([[1, 2], [3]], row_totals=True, column_totals=False)
    with pytest.raises(ValueError, match="≥ 0"):
        suppress_table([[1, -2]], row_totals=True, column_totals=False)
    with pytest.raises(ValueError, match="2 column labels for 3 columns"):
        suppress_table([[1, 2, 3]], row_totals=True, column_totals=False, column_labels="ab")
    with pytest.raises(ValueError, match="threshold"):
        suppress_table([[1]], row_totals=True, column_totals=False, threshold=-1)


def test_empty_table():
    table = suppress_table([], row_totals=True, column_totals=True, column_labels=["a", "b"])
    assert table.grid() == [[0, 0, 0]]


# --- "x of y (z%)" -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [
        (292, 300, "292 of 300 (97.3%)"),
        (297, 300, "c of 300 (c%)"),  # 3 not on time would show through
        (3, 300, "c of 300 (c%)"),
        (0, 300, "0 of 300 (0.0%)"),
        (300, 300, "300 of 300 (100.0%)"),
        (2, 4, "c of c (c%)"),
        (0, 4, "c of c (c%)"),  # 0 of 4 says 4 children were not
        (0, 0, "0 of 0 (n/a)"),
        (1, 8, "c of 8 (c%)"),
        (7, 8, "c of 8 (c%)"),
        (6, 12, "6 of 12 (50.0%)"),
        (1, 16, "c of 16 (c%)"),
        (6, 16, "6 of 16 (37.5%)"),
    ],
)
def test_figures(numerator, denominator, text):
    assert suppress_figure(numerator, denominator).text() == text


def test_figure_rounds_half_up_and_checks_input():
    assert suppress_figure(1, 16, threshold=0).percent == "6.3"  # 6.25 → 6.3
    assert suppress_figure(6, 12).suppressed is False
    with pytest.raises(ValueError, match="numerator"):
        suppress_figure(5, 4)


# --- properties ----------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 6), st.integers(7, 40))


@st.composite
def tables(draw):
    height = draw(st.integers(1, 4))
    width = draw(st.integers(1, 4))
    cells = draw(
        st.lists(st.lists(counts, min_size=width, max_size=width), min_size=height, max_size=height)
    )
    return cells, draw(st.booleans()), draw(st.booleans()), draw(st.integers(0, 6))


def _lines(grid, height, width, row_totals, column_totals):
    """Each line with its total as the last member, in grid positions."""
    lines = []
    if row_totals:
        rows = height + (1 if column_totals else 0)
        lines += [[grid[r][c] for c in range(width + 1)] for r in range(rows)]
    if column_totals:
        columns = width + (1 if row_totals else 0)
        lines += [[grid[r][c] for r in range(height + 1)] for c in range(columns)]
    return lines


@settings(max_examples=300, deadline=None)
@given(tables())
def test_nothing_suppressed_can_be_recovered(table):
    cells, row_totals, column_totals, threshold = table
    result = suppress_table(
        cells, row_totals=row_totals, column_totals=column_totals, threshold=threshold
    )
    shown = result.grid()
    full = [[*row, sum(row)] if row_totals else list(row) for row in cells]
    if column_totals:
        full.append([sum(col) for col in zip(*full, strict=True)])

    for original_row, shown_row in zip(full, shown, strict=True):
        for original, value in zip(original_row, shown_row, strict=True):
            if 1 <= original <= threshold:
                assert value == C  # primary
            elif original == 0:
                assert value == 0  # zero is never suppressed
            else:
                assert value in (original, C)

    # The spec rule: a line with a visible total has 0 or ≥ 2 "c"; and a "c" total with
    # every cell shown would come back by adding up, so count the total as a member.
    for line in _lines(shown, len(cells), len(cells[0]), row_totals, column_totals):
        assert sum(v == C for v in line) != 1
    # And no combination of lines gives a cell away either.
    assert recoverable_cells(shown, row_totals=row_totals, column_totals=column_totals) == set()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.just(C), st.integers(0, 9)), min_size=2, max_size=6))
def test_a_lone_suppression_in_a_line_is_always_reported(cells):
    recoverable = recoverable_cells([cells], row_totals=True, column_totals=False)
    hidden = [i for i, v in enumerate(cells) if v == C]
    assert recoverable == ({(0, hidden[0])} if len(hidden) == 1 else set())


@settings(max_examples=300)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 10))
def test_a_shown_figure_never_reveals_a_small_number(a, b, threshold):
    numerator, denominator = min(a, b), max(a, b)
    figure = suppress_figure(numerator, denominator, threshold)
    if figure.numerator != C:
        for count in (numerator, denominator - numerator):
            assert count == 0 or count > threshold
        assert figure.percent != C
    else:
        assert figure.percent == C
