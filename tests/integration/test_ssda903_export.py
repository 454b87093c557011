"""`irohub ssda903 export` (and the command's usage): the register written as the DfE
expects it, IRO Hub's own checks on stderr, one-line usage errors with status 2, and the
round trip through the console script as a user runs it. Synthetic data only."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from irohub.cli.ssda903 import ProgressBar, main
from irohub.demo.load import load_demo_council
from tests.factories import CarePeriodFactory, ChildFactory, EpisodeFactory, ReviewFactory

IROHUB = Path(sys.executable).with_name("irohub")


@pytest.mark.django_db
def test_export_writes_the_years_tables_and_lists_iro_hub_checks_on_stderr(tmp_path, capsys):
    load_demo_council(children=150, years=4, seed=3, as_of=date(2025, 11, 1))
    out = tmp_path / "2025"

    assert main(["export", "--year", "2024/25", "--out", str(out)]) == 0

    stdout, stderr = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [
        "episodes.csv",
        "header.csv",
        "placed_adoption.csv",
        "reviews.csv",
        "uasc.csv",
    ]
    assert (
        (out / "header.csv").read_bytes().startswith(b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n")
    )
    assert stdout.startswith(f"Wrote the 2024/25 SSDA903 return to {out}:\n  header.csv: ")
    assert stderr, "the demo council has some late reviews"
    assert all(line.startswith("IRO Hub check (not a DfE rule): ") for line in stderr.splitlines())


@pytest.mark.django_db
def test_export_names_each_late_review_with_due_date_and_days_late(tmp_path, capsys):
    child = ChildFactory(identifier="L1", date_of_birth=date(2012, 6, 15))
    period = CarePeriodFactory(child=child, start=date(2024, 5, 10))
    EpisodeFactory(care_period=period, start=date(2024, 5, 10))
    ReviewFactory(child=child, care_period=period, held=date(2024, 6, 14), participation="PN1")

    assert main(["export", "--year", "2024/25", "--out", str(tmp_path / "out")]) == 0

    stderr = capsys.readouterr().err.splitlines()
    assert stderr[0] == (
        "IRO Hub check (not a DfE rule): late review: child L1: review 1 of the period of care "
        "from 10/05/2024 was held 14/06/2024 but was due by 10/06/2024: 4 days late"
    )
    assert stderr[1].startswith("IRO Hub check (not a DfE rule): review overdue: child L1: ")


@pytest.mark.django_db
def test_export_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "old.csv").write_text("x")
    assert main(["export", "--year", "2024/25", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"irohub ssda903 export: --out {str(tmp_path)!r} is not empty\n"
    )


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["export", "--year", "2024-25", "--out", "x"], "--year"),
        (["export", "--year", "2024/26", "--out", "x"], "--year"),
        (["export", "--year", "2024/25"], "--out"),
        (["export", "--year", "2024/25", "--out", "x", "--colour", "red"], "--colour"),
        (["import"], "DIR"),
        (["import", "/no/such/folder"], "DIR"),
        (["import", ".", "--year", "24/25"], "--year"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_command_line_is_one_line_on_stderr_with_status_2(args, names, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and names in err


def test_help_and_no_command(capsys):
    assert main(["--help"]) == 0
    assert "import DIR" in capsys.readouterr().out
    assert main([]) == 2


def test_validate_is_handed_to_the_validator(monkeypatch):
    import irohub.ssda903.validator as validator

    seen: list[list[str]] = []
    monkeypatch.setattr(validator, "main", lambda argv: seen.append(argv) or 0)
    assert main(["validate", "DIR", "--year", "2024/25"]) == 0
    assert seen == [["DIR", "--year", "2024/25"]]


def test_progress_bar_only_on_a_terminal_and_only_for_large_files():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        bar = ProgressBar(stream)
        bar("small.csv", 40, 40)
        bar("big.csv", 10_000, 20_000)
        bar("big.csv", 20_000, 20_000)
    assert log.getvalue() == ""
    assert terminal.getvalue() == (
        "\rbig.csv [###############---------------] 10,000/20,000 rows"
        "\rbig.csv [##############################] 20,000/20,000 rows\n"
    )


# --- the console script, as a user runs it ------------------------------------------------


def run(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "x"}
    return subprocess.run(
        [str(IROHUB), *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.mark.database_independent  # its own SQLite files, in subprocesses
def test_round_trip_through_the_console_script(tmp_path):
    council, empty = tmp_path / "council.sqlite3", tmp_path / "empty.sqlite3"
    made = run("demo", "--children", "60", "--years", "3", "--seed", "5", database=council)
    assert made.returncode == 0, made.stderr
    for year, folder in (("2023/24", "2024"), ("2024/25", "2025")):
        exported = run(
            "ssda903",
            "export",
            "--year",
            year,
            "--out",
            str(tmp_path / "a" / folder),
            database=council,
        )
        assert exported.returncode == 0, exported.stderr

    imported = run("ssda903", "import", str(tmp_path / "a"), database=empty)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"Imported SSDA903 returns 2023/24, 2024/25 from {tmp_path}")
    assert (
        "  children: " in imported.stdout and " created, 0 updated, 0 unchanged" in imported.stdout
    )
    # Progress bars are for terminals: nothing but IRO Hub's checks on stderr here.
    assert all(
        line.startswith(("IRO Hub check", "2024/", "2025/"))
        for line in imported.stderr.splitlines()
    )

    again = run("ssda903", "import", str(tmp_path / "a"), "--dry-run", database=empty)
    assert again.returncode == 0
    assert again.stdout.startswith("Dry run — nothing written. Would import")
    assert "  episodes: 0 created, 0 updated, " in again.stdout

    for year, folder in (("2023/24", "2024"), ("2024/25", "2025")):
        assert (
            run(
                "ssda903",
                "export",
                "--year",
                year,
                "--out",
                str(tmp_path / "b" / folder),
                database=empty,
            ).returncode
            == 0
        )
    assert "  adoption decisions: " in imported.stdout
    compared = sorted((tmp_path / "a").rglob("*.csv"))
    for path in compared:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert twin.read_bytes() == path.read_bytes(), path
    # The tables the adoption clock and the DfE's UASC and adoption rules need came back
    # with rows in them, not just as files.
    for name in ("uasc.csv", "placed_adoption.csv"):
        rows = [line for p in compared if p.name == name for line in p.read_text().splitlines()[1:]]
        assert rows, f"the demo council's {name} has rows"


def test_import_with_problems_through_the_console_script(tmp_path):
    from tests.unit.ssda903.sample import REVIEWS, write_return

    write_return(tmp_path / "2025", reviews=REVIEWS.replace("20/06/2024,PN0", "20/06/2024,PN1"))
    result = run("ssda903", "import", str(tmp_path / "2025"), database=tmp_path / "db.sqlite3")
    assert result.returncode == 1 and result.stdout == ""
    first, last = result.stderr.splitlines()
    assert first.startswith("reviews.csv:4: column REVIEW_CODE value 'PN1': does not fit")
    assert last == f"irohub ssda903 import: 1 problem in {tmp_path / '2025'}: nothing imported"
    assert not (tmp_path / "db.sqlite3").exists(), "refused before the database was opened"
