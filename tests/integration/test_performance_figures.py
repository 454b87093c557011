"""The performance page's arithmetic and tables, without a database: figures in words
(the rounding itself is tested in tests/unit/reporting/test_reporting_numbers.py), the year
compared with, and CSV that a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from irohub.measures.results import Count, Figure, NoData, Rate
from irohub.performance.figures import comparison_year, plural
from irohub.records.years import CollectionYear
from irohub.reporting.tables import Cell, CellKind, Column, Table, as_csv, safe_text
from irohub.reporting.wording import change, of_text
from irohub.reporting.wording import short_text as figure_text

# Runs irohub in a subprocess on its own SQLite file, or needs no database: the
# PostgreSQL pass of scripts/test would only repeat it.
pytestmark = pytest.mark.database_independent


def test_a_zero_denominator_is_na_never_zero():
    assert figure_text(Figure(0, 0)) == "n/a"
    assert of_text(Figure(0, 0)) == "0 of 0"


def test_figures_in_words():
    assert figure_text(Figure(292, 300)) == "97.3%"
    assert of_text(Figure(292, 300)) == "292 of 300"
    assert figure_text(Count(1234)) == "1,234"
    assert figure_text(Rate(610, 10.0)) == "61.0"
    assert of_text(Rate(610, 10.25)) == "610 ÷ 10.25"
    assert figure_text(NoData("no RAG ratings recorded")) == "No data"


def test_the_change_is_worked_out_before_rounding():
    # 97.33…% against 97.6%: -0.266… points, shown as -0.3.
    assert change(Figure(292, 300), Figure(244, 250)) == Decimal("-0.3")
    assert change(Count(10), Count(7)) == 3
    assert change(Figure(1, 2), NoData("x")) is None
    assert change(Figure(1, 2), None) is None


def test_a_year_to_date_is_compared_with_the_same_months_a_year_earlier():
    to_date = CollectionYear(2024, date(2025, 2, 28))
    assert comparison_year(to_date) == CollectionYear(2023, date(2024, 2, 29))  # leap year
    assert comparison_year(CollectionYear(2024)) == CollectionYear(2023)


def test_plurals_of_units():
    assert plural("child") == "children"
    assert plural("review") == "reviews"
    assert plural("care period") == "care periods"
    assert plural("change of IRO") == "changes of IRO"
    assert plural("review", 1) == "review"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("x")'])
def test_text_starting_a_formula_is_escaped(text):
    assert safe_text(text) == "'" + text
    table = Table("t", "T", (Column("Name"), Column("Days", CellKind.NUMBER)))
    table.add(Cell(text), Cell(-3))
    rows = list(csv.reader(io.StringIO(as_csv(table))))
    assert rows == [["Name", "Days"], ["'" + text, "-3"]]  # numbers stay numbers


def test_ordinary_text_is_left_alone():
    assert safe_text("Ava Jones") == "Ava Jones"
    assert safe_text("O'Neill") == "O'Neill"


def test_a_row_must_fill_the_table():
    table = Table("t", "T", (Column("A"), Column("B")))
    with pytest.raises(ValueError, match="a row of 1 cells for 2"):
        table.add(Cell("x"))
