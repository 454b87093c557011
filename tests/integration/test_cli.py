"""The `irohub` console script, run as a user runs it."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# Runs irohub in a subprocess on its own SQLite file, or needs no database: the
# PostgreSQL pass of scripts/test would only repeat it.
pytestmark = pytest.mark.database_independent

IROHUB = Path(sys.executable).with_name("irohub")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(IROHUB), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_clock_working_days_through_the_console_script():
    result = run("clock", "working-days", "--from", "2021-12-06", "--add", "20")
    assert (result.returncode, result.stdout, result.stderr) == (0, "2022-01-06\n", "")


def test_clock_reviews_through_the_console_script():
    result = run(
        "clock",
        "reviews",
        "--looked-after-from",
        "2021-12-06",
        "--held",
        "2022-01-04",
        "--held",
        "2022-04-05",
        "--as-of",
        "2022-11-01",
    )
    assert result.returncode == 0
    assert result.stdout.startswith('{"reviews": [{"number": 1, "held": "2022-01-04"')
    assert result.stdout.rstrip().endswith('"next_due": "2022-10-05", "overdue": true}')


@pytest.mark.parametrize(
    ("args", "key", "next_due"),
    [
        (["conferences", "--strategy-discussion", "2024-12-19"], "conferences", "2025-01-14"),
        (["foster-carer-reviews", "--approved", "2024-02-29"], "reviews", "2025-02-28"),
        (["short-breaks", "--break", "2025-06-14/2025-06-16"], "reviews", "2025-09-14"),
        (["adoption-reviews", "--placed", "2025-03-03"], "reviews", "2025-03-31"),
    ],
)
def test_each_statutory_clock_through_the_console_script(args, key, next_due):
    result = run("clock", *args, "--as-of", "2025-01-01")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        **json.loads(result.stdout),
        key: [],
        "next_due": next_due,
        "overdue": False,
    }


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["frobnicate"], "frobnicate"),
        (["clock", "short-breaks", "--break", "2025-06-14"], "--break"),
        (["demo", "--children", "0"], "--children"),
        (["demo", "--years", "ten"], "--years"),
        (["demo", "--colour", "red"], "--colour"),
        (["clock", "working-days", "--from", "2021-02-30", "--add", "2"], "--from"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(args, names):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert names in result.stderr


def test_manage_reaches_djangos_commands():
    result = run("manage", "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/irohub", "SECRET_KEY": ""}
    result = run("manage", "check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_unsupported_database_is_named():
    result = run(
        "manage", "check", env={"DATABASE_URL": "mysql://root@127.0.0.1/test", "SECRET_KEY": "x"}
    )
    assert result.returncode != 0
    assert "supports PostgreSQL" in result.stderr


def test_a_migration_that_rebuilds_a_table_applies_to_a_register_in_use(tmp_path):
    # SQLite rebuilds a table to add most columns (children 0003 rebuilt children_child);
    # the invariants' triggers, which read that table from another, must not stop it.
    env = {"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path / "var")}
    loaded = run("demo", "--children", "30", "--years", "2", "--seed", "3", env=env)
    assert loaded.returncode == 0, loaded.stderr
    with sqlite3.connect(tmp_path / "var" / "irohub.sqlite3") as database:
        # 30 in care, and the children on child protection plans only that the demo adds.
        (before,) = database.execute("SELECT count(*) FROM children_child").fetchone()
        (in_care,) = database.execute(
            "SELECT count(DISTINCT child_id) FROM children_careperiod"
        ).fetchone()
    assert in_care == 30
    back = run("manage", "migrate", "children", "0002", env=env)
    assert back.returncode == 0, back.stderr
    forward = run("manage", "migrate", env=env)
    assert forward.returncode == 0, forward.stderr

    with sqlite3.connect(tmp_path / "var" / "irohub.sqlite3") as database:
        (children,) = database.execute("SELECT count(*) FROM children_child").fetchone()
        triggers = {
            name
            for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert children == before  # every child kept through the rebuilds
        # The invariants are back: both overlap rules and the review's three checks.
        assert {"care_period_no_overlap_insert", "allocation_no_overlap_update"} <= triggers
        assert len({t for t in triggers if t.startswith("review_fits_period_and_age_")}) == 6
        child, start = database.execute(
            "SELECT child_id, start FROM children_careperiod LIMIT 1"
        ).fetchone()
        with pytest.raises(sqlite3.IntegrityError, match="dates overlap"):
            database.execute(
                "INSERT INTO children_careperiod (child_id, start, reason_ceased, reviews_held)"
                " VALUES (?, ?, '', 0)",
                (child, start),
            )


def test_demo_loads_a_council_and_refuses_to_mix_with_an_existing_register(tmp_path):
    # A subprocess on its own SQLite file: never the test run's database.
    # The data folder does not exist yet, as on a fresh checkout.
    env = {"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path / "fresh" / "var")}
    first = run("demo", "--children", "40", "--years", "2", "--seed", "7", env=env)
    assert first.returncode == 0, first.stderr
    assert "children" in first.stdout
    again = run("demo", "--children", "40", "--years", "2", "--seed", "7", env=env)
    assert again.returncode == 2
    assert again.stdout == ""
    assert len(again.stderr.splitlines()) == 1
    assert again.stderr.startswith("irohub demo: ")
    replaced = run("demo", "--children", "40", "--years", "2", "--seed", "7", "--replace", env=env)
    assert replaced.returncode == 0, replaced.stderr
