"""`irohub clock`: the exact output contract and one-line errors with exit status 2."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from irohub.cli.clock import main

REPO_ROOT = Path(__file__).resolve().parents[3]

EXAMPLE_JSON = (
    '{"reviews": [{"number": 1, "held": "2022-01-04", "due": "2022-01-06", "on_time": true, '
    '"days_late": 0, "working_days_late": 0}, {"number": 2, "held": "2022-04-05", '
    '"due": "2022-04-04", "on_time": false, "days_late": 1, "working_days_late": 1}], '
    '"next_due": "2022-10-05", "overdue": false}'
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_working_days_add(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "working-days", "--from", "2021-12-06", "--add", "20") == (
        0,
        "2022-01-06\n",
        "",
    )


def test_working_days_subtract_and_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "working-days", "--from", "2025-01-02", "--subtract", "3") == (
        0,
        "2024-12-27\n",
        "",
    )
    assert run(capsys, "working-days", "--from", "2024-12-09", "--to", "2025-01-10") == (
        0,
        "21\n",
        "",
    )
    assert run(capsys, "working-days", "--from", "2025-01-10", "--to", "2024-12-09")[1] == "0\n"


def test_reviews_json_is_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "reviews",
        "--looked-after-from", "2021-12-06",
        "--held", "2022-01-04",
        "--held", "2022-04-05",
    )  # fmt: skip
    assert (code, out, err) == (0, EXAMPLE_JSON + "\n", "")
    assert list(json.loads(out)) == ["reviews", "next_due", "overdue"]


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [("2022-11-01", True), ("2022-10-05", False), ("2022-10-06", True)],
)
def test_reviews_as_of(capsys: pytest.CaptureFixture[str], as_of: str, overdue: bool) -> None:
    code, out, _ = run(
        capsys,
        "reviews",
        "--looked-after-from", "2021-12-06",
        "--held", "2022-01-04",
        "--held", "2022-04-05",
        "--as-of", as_of,
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["overdue"] is overdue


def test_reviews_with_none_held(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reviews", "--looked-after-from", "2024-12-09")
    assert code == 0
    assert out == '{"reviews": [], "next_due": "2025-01-09", "overdue": false}\n'


def test_reviews_ceased_before_the_next_fell_due(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "reviews",
        "--looked-after-from", "2025-06-02",
        "--held", "2025-06-26",
        "--ceased", "2025-08-01",
        "--as-of", "2026-01-01",
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert (result["next_due"], result["overdue"]) == (None, False)
    assert '"next_due": null' in out


def test_reviews_ceased_after_a_missed_review(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "reviews",
        "--looked-after-from", "2024-12-09",
        "--ceased", "2025-01-20",
        "--as-of", "2025-03-01",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == {"reviews": [], "next_due": "2025-01-09", "overdue": True}


BAD_INPUT = [
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--held", "2021-11-30"],
        "irohub clock reviews: --held 2021-11-30 is before the care period began "
        "(--looked-after-from 2021-12-06)",
    ),
    (
        ["working-days", "--from", "2021-13-01", "--add", "20"],
        'irohub clock working-days: --from "2021-13-01" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["working-days", "--from", "6/12/2021", "--add", "20"],
        'irohub clock working-days: --from "6/12/2021" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["working-days", "--from", "20211206", "--add", "20"],
        'irohub clock working-days: --from "20211206" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["working-days", "--from", "2021-12-06", "--to", "tomorrow"],
        'irohub clock working-days: --to "tomorrow" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add", "0"],
        "irohub clock working-days: --add 0 must be 1 or more",
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add", "-3"],
        "irohub clock working-days: --add -3 must be 1 or more",
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add", "2.5"],
        'irohub clock working-days: --add "2.5" is not a whole number',
    ),
    (
        ["working-days", "--from", "2021-12-06", "--subtract", "x"],
        'irohub clock working-days: --subtract "x" is not a whole number',
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add"],
        "irohub clock working-days: argument --add: expected one argument",
    ),
    (
        ["working-days", "--add", "20"],
        "irohub clock working-days: the following arguments are required: --from",
    ),
    (
        ["working-days", "--from", "2021-12-06"],
        "irohub clock working-days: one of the arguments --add --subtract --to is required",
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add", "1", "--subtract", "1"],
        "irohub clock working-days: argument --subtract: not allowed with argument --add",
    ),
    (
        ["working-days", "--from", "2021-12-06", "--add", "1", "--days", "3"],
        "irohub clock working-days: unrecognized arguments: --days 3",
    ),
    (
        ["working-days", "--fro", "2021-12-06", "--add", "1"],  # no abbreviations
        "irohub clock working-days: the following arguments are required: --from",
    ),
    (
        ["working-days", "--from", "1899-12-31", "--add", "1"],
        "irohub clock working-days: --from 1899-12-31 is outside the supported calendar "
        "(1900-01-01 to 2100-12-31)",
    ),
    (
        ["working-days", "--from", "2100-12-01", "--add", "100"],
        "irohub clock working-days: --add 100 from 2100-12-01 goes outside the supported "
        "calendar (1900-01-01 to 2100-12-31)",
    ),
    (
        ["working-days", "--from", "1900-01-05", "--subtract", "10"],
        "irohub clock working-days: --subtract 10 from 1900-01-05 goes outside the supported "
        "calendar (1900-01-01 to 2100-12-31)",
    ),
    (
        ["reviews", "--held", "2022-01-04"],
        "irohub clock reviews: the following arguments are required: --looked-after-from",
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--held", "2022-02-30"],
        'irohub clock reviews: --held "2022-02-30" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--as-of", "2022-1-1"],
        'irohub clock reviews: --as-of "2022-1-1" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--ceased", ""],
        'irohub clock reviews: --ceased "" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--ceased", "2021-12-05"],
        "irohub clock reviews: --ceased 2021-12-05 is before the care period began "
        "(--looked-after-from 2021-12-06)",
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--held", "2022-05-01",
         "--ceased", "2022-04-30"],
        "irohub clock reviews: --held 2022-05-01 is after the care period ended "
        "(--ceased 2022-04-30)",
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--held", "2022-01-04",
         "--held", "2022-01-04"],
        "irohub clock reviews: --held 2022-01-04 is given twice (a review is one meeting a day)",
    ),
    (
        ["reviews", "--looked-after-from", "2100-12-25"],
        "irohub clock reviews: --looked-after-from 2100-12-25 is too close to the end of the "
        "supported calendar (2100-12-31) to work out the next review",
    ),
    (
        ["reviews", "--looked-after-from", "2100-01-25", "--held", "2100-08-01",
         "--held", "2100-02-01"],
        "irohub clock reviews: --held 2100-08-01 is too close to the end of the supported "
        "calendar (2100-12-31) to work out the next review",
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "--held", "2022-01-04\n2022-04-05"],
        'irohub clock reviews: --held "2022-01-04\\n2022-04-05" is not a date '
        "(expected YYYY-MM-DD)",
    ),
    (
        ["reviews", "--looked-after-from", "2021-12-06", "extra\nword"],
        "irohub clock reviews: unrecognized arguments: extra\\nword",
    ),
    (
        ["schedule", "--from", "2021-12-06"],
        "irohub clock: argument {working-days,reviews,conferences,foster-carer-reviews,"
        "short-breaks,adoption-reviews}: invalid choice: 'schedule' (choose from "
        "'working-days', 'reviews', 'conferences', 'foster-carer-reviews', 'short-breaks', "
        "'adoption-reviews')",
    ),
    (
        [],
        "irohub clock: a subcommand is required (working-days, reviews, conferences, "
        "foster-carer-reviews, short-breaks, adoption-reviews)",
    ),
    (["--verbose"], "irohub clock: unrecognized arguments: --verbose"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_is_one_line_on_stderr_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err == message + "\n"
    assert len(err.splitlines()) == 1


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "working-days", "--help")
    assert code == 0
    assert "--from DATE" in out
    assert err == ""


def test_argv_defaults_to_the_process_arguments(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "argv", ["clock", "working-days", "--from", "2021-12-06", "--add", "1"]
    )
    assert main() == 0
    assert capsys.readouterr().out == "2021-12-07\n"


def test_python_dash_m_runs_main(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "argv", ["clock_cli", "working-days", "--from", "2021-12-06", "--to", "2021-12-08"]
    )
    # As `python -m` would: the module is not imported yet when it runs as __main__.
    monkeypatch.delitem(sys.modules, "irohub.cli.clock")
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("irohub.cli.clock", run_name="__main__")
    assert exited.value.code == 0
    assert capsys.readouterr().out == "2\n"


def test_the_command_in_a_real_process() -> None:
    # The module form, so this does not depend on the top-level `irohub` dispatcher.
    code = "import sys; from irohub.cli.clock import main; sys.exit(main(sys.argv[1:]))"
    ok = subprocess.run(
        [sys.executable, "-c", code, "working-days", "--from", "2021-12-06", "--add", "20"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "2022-01-06\n", "")
    bad = subprocess.run(
        [sys.executable, "-c", code, "working-days", "--from", "2021-13-01", "--add", "20"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.splitlines()) == 1
    assert "--from" in bad.stderr


def test_the_rules_core_and_the_command_import_no_django_or_other_irohub_packages() -> None:
    script = (
        "import sys, irohub; before = set(sys.modules); "
        "import irohub.statutory, irohub.cli.clock; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    loaded = result.stdout.split()
    assert not [m for m in loaded if m == "django" or m.startswith("django.")]
    ours = {m for m in loaded if m.startswith("irohub.")}
    assert ours <= {"irohub.cli", "irohub.cli.base", "irohub.cli.clock", "irohub.statutory"} | {
        m for m in ours if m.startswith("irohub.statutory.")
    }
