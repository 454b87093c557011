"""Files as a hostile user (or a careless export) makes them: the reader stays bounded in
memory, caps its report, cuts long values, reports each unread cell once and each
unreadable file as the one cause, and gives hints for the usual slips. Synthetic data only."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from irohub.ssda903 import files, problems
from irohub.ssda903.reader import read_returns
from tests.unit.ssda903.sample import EPISODES, HEADER, REVIEWS, write, write_return

EPISODE_HEADER = EPISODES.splitlines()[0]


def test_a_report_of_many_problems_of_one_kind_lists_the_first_and_counts_the_rest(tmp_path):
    copies = 500
    row = "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,E4A,,,,"
    episodes = EPISODES + (row + "\n") * copies
    reviews = REVIEWS + "A1,15/06/2012,31/02/2024,PN1\n" * copies
    result = read_returns(write_return(tmp_path / "2025", episodes=episodes, reviews=reviews))

    assert result.register is None
    # Every problem is counted: each copy of the episode, each impossible review date.
    assert result.problem_count == 2 * copies
    shown = problems.SHOWN_PER_KIND
    duplicated = [p for p in result.problems if p.reason.startswith("duplicated episode")]
    assert [p.row for p in duplicated] == list(range(5, 5 + shown))
    assert duplicated[0].reason == (
        "duplicated episode: the child already has an episode starting 01/06/2024 (row 4)"
    )
    bad_days = [p for p in result.problems if p.column == "REVIEW" and p.row is not None]
    assert [p.row for p in bad_days] == list(range(5, 5 + shown))
    # One line each says how many more there are, after that file's listed problems.
    more = [p for p in result.problems if p.row is None]
    assert [(p.file, p.column, p.reason) for p in more] == [
        (
            "episodes.csv",
            "DECOM",
            f"{copies - shown} more problems like the one in row 5 (duplicated episode), "
            f"not listed: {copies} in all",
        ),
        (
            "reviews.csv",
            "REVIEW",
            f"{copies - shown} more problems like the one in row 5 (not a real day (dates "
            f"are DD/MM/YYYY)), not listed: {copies} in all",
        ),
    ]
    assert result.problems[-1] is more[-1]
    assert len(result.problems) == 2 * shown + 2


def test_the_import_command_prints_the_capped_report_and_the_full_count(tmp_path, capsys):
    from irohub.cli.ssda903 import main

    episodes = EPISODES + "B2,2024-06-01,S,V2,N2,U6,PR1,20/12/2024,E4A,,,,\n" * 100
    folder = write_return(tmp_path / "2025", episodes=episodes)
    assert main(["import", str(folder)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == problems.SHOWN_PER_KIND + 2
    assert lines[-2] == (
        "episodes.csv: column DECOM: 80 more problems like the one in row 5 (not a date in the "
        "form DD/MM/YYYY), not listed: 100 in all"
    )
    assert lines[-1].startswith("irohub ssda903 import: 100 problems in ")


def test_a_long_value_is_cut_in_the_message(tmp_path):
    long = "A" * 5000
    header = HEADER + f"{long},F,01/02/2022,WBRI,UN1,0,\n"
    result = read_returns(write_return(tmp_path / "2025", header=header))
    (problem,) = [p for p in result.problems if p.column == "CHILD"]
    assert problem.reason == "longer than the 20 characters allowed"
    assert problem.value == "A" * problems.LONGEST_VALUE + "… (5,000 characters)"
    assert len(str(problem)) < 200


def test_memory_stays_bounded_on_a_file_of_one_row_repeated(tmp_path, monkeypatch):
    """The reader keeps rows that read and are not repeats, a batch at a time: an 8 MB file
    of one episode repeated costs about one row, not a Python tuple per line."""
    monkeypatch.setattr(files, "PROGRESS_EVERY", 5_000)
    row = "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,E4A,CARPL,WV1 1AA,WV1 1AA,SC123456\n"
    folder = write_return(tmp_path / "2025", episodes=EPISODES + row * 100_000)
    size = (folder / "episodes.csv").stat().st_size
    assert size > 7_000_000
    tracemalloc.start()
    try:
        result = read_returns(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.problem_count == 100_000
    assert peak < size, f"Python's peak {peak:,} bytes for a {size:,}-byte file"


def test_an_unreadable_dec_is_reported_once_not_as_missing_from_the_next_year(tmp_path):
    # 2023/24: A1's episode open at 31 March. 2024/25: the same episode, its DEC unreadable.
    write_return(
        tmp_path / "both" / "2024",
        header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,15/06/2012,WBRI,UN1,,\n",
        episodes=EPISODE_HEADER + "\nA1,01/03/2024,S,C2,N1,U4,PR1,,,,,,\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\n",
    )
    episodes = EPISODES.replace("A1,10/05/2024,S", "A1,01/03/2024,S").replace(
        "01/09/2024,X1", "1st Sept,X1"
    )
    write_return(tmp_path / "both" / "2025", episodes=episodes)
    result = read_returns(tmp_path / "both")
    assert [(p.file, p.row, p.column, p.value) for p in result.problems] == [
        ("2025/episodes.csv", 2, "DEC", "1st Sept")
    ]


@pytest.mark.parametrize("table", ["header", "episodes", "reviews"])
def test_an_excel_workbook_saved_as_csv_is_the_one_problem(tmp_path, table):
    workbook = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 40
    result = read_returns(write_return(tmp_path / "2025", **{table: workbook}))
    assert [(p.file, p.row, p.column) for p in result.problems] == [(f"{table}.csv", None, None)]
    assert result.problems[0].reason.startswith(
        "an Excel workbook (.xlsx) or other zip file, not CSV text: save it as CSV UTF-8"
    )


@pytest.mark.parametrize("separator,name", [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_separated_by_semicolons_gets_a_hint(tmp_path, separator, name):
    reviews = REVIEWS.replace(",", separator)
    result = read_returns(write_return(tmp_path / "2025", reviews=reviews))
    (problem,) = result.problems
    assert (problem.file, problem.row) == ("reviews.csv", 1)
    assert problem.reason.startswith("not an SSDA903 table (columns: CHILD")
    assert f"the cells are separated by {name}, not commas" in problem.reason


def test_a_file_with_carriage_returns_only_is_refused_with_the_reason(tmp_path):
    result = read_returns(write_return(tmp_path / "2025", reviews=REVIEWS.replace("\n", "\r")))
    (problem,) = result.problems
    assert problem.file == "reviews.csv"
    assert "carriage return only" in problem.reason


def test_a_row_with_too_many_cells_is_reported_with_its_count(tmp_path):
    reviews = REVIEWS + "A1,15/06/2012,01/10/2024,PN1,x,y\n"
    result = read_returns(write_return(tmp_path / "2025", reviews=reviews))
    (problem,) = result.problems
    assert (problem.row, problem.reason) == (
        5,
        "the row has 6 cells but the first row names 4 columns",
    )


def test_rows_are_numbered_by_the_line_they_end_on_around_quoted_line_ends(tmp_path):
    # As Python's csv module numbers them (the row-by-row reader did): blank lines count.
    episodes = EPISODES.replace(
        "A1,01/09/2024,P,C2,N1,U6,PR4,,,,,,", 'A1,01/09/2024,P,C2,N1,U6,PR4,,,,"WV1\n1AA",,'
    )
    reviews = REVIEWS.replace("B2,01/02/2022,20/06/2024,PN0", "\n\nB2,01/02/2022,20/06/2024,PN9")
    result = read_returns(write_return(tmp_path / "2025", episodes=episodes, reviews=reviews))
    assert [(p.file, p.row, p.column) for p in result.problems] == [
        ("episodes.csv", 4, "HOME_POST"),
        ("reviews.csv", 6, "REVIEW_CODE"),
    ]


def test_one_file_read_twice_gives_equal_registers_whatever_the_batch(tmp_path, monkeypatch):
    folder = write_return(tmp_path / "2025")
    whole = read_returns(folder)
    monkeypatch.setattr(files, "PROGRESS_EVERY", 1)
    assert read_returns(folder).register == whole.register


def test_validate_names_an_empty_file_and_exits_1(tmp_path: Path, capsys):
    from irohub.ssda903 import validator

    write(tmp_path, "header.csv", HEADER)
    write(tmp_path, "episodes.csv", "")
    assert validator.main([str(tmp_path), "--year", "2024/25"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"irohub ssda903 validate: {tmp_path / 'episodes.csv'}: the file is empty: a table "
        "needs a row of column names\n"
    )


def test_the_cycle_collector_is_off_while_reading_and_back_afterwards(tmp_path, monkeypatch):
    import gc

    seen: list[bool] = []
    read_file = files.read_file

    def spying(*args, **kwargs):
        seen.append(gc.isenabled())
        return read_file(*args, **kwargs)

    monkeypatch.setattr("irohub.ssda903.reader.read_file", spying)
    assert gc.isenabled()
    read_returns(write_return(tmp_path / "2025"))
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        with problems.without_cycle_collection():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
