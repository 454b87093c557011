"""`irohub ssda903 validate`: check a return against the DfE's rules, grouped by rule.

The rules are the DfE's own, as coded in the maintained PyPI package `csc-validator-be-903`.
That package pins old numpy and pandas and its command line hard-codes a year and file
names, so IRO Hub gives it its own virtual environment, made on first use in a per-user
cache folder (`$IROHUB_VALIDATOR_HOME`, else `~/.cache/irohub/validator-<version>`) from the
exact pins in validator-requirements.txt, and drives its Python API there through
validator_runner.py, which prints JSON. Nothing is ever installed into IRO Hub's own
environment.

What the validator reports is sorted three ways (see ../shared/spec/ssda903-format.md §5):
- errors in the data;
- validator quirks: rows a rule flags because of a known defect of this validator release
  (QUIRKS below), not because of the data;
- rules that crashed in this release (it catches the exception and skips the rule):
  listed as "could not run", never as data errors.
Exit status: 0 no errors in the data, 1 errors found, 2 bad command line, 3 the validator
could not run.
"""

from __future__ import annotations

import argparse
import csv
import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from irohub.records.years import CollectionYear, parse_collection_year

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "validator-requirements.txt"
RUNNER = HERE / "validator_runner.py"
VALIDATOR_PACKAGE = "csc-validator-be-903"
READY_MARKER = "irohub-requirements.txt"  # a copy of the requirements, written last
EXAMPLES_PER_RULE = 3
SETUP_MESSAGE = "Setting up the DfE validator (first use, about a minute)…"

PROG = "irohub ssda903 validate"
HEADER_COLUMNS = frozenset({"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"})
LEGACY_SEX = {"1": "M", "2": "F"}


class ValidatorError(Exception):
    """The validator could not be set up or run: one line for stderr, exit status 3."""


class UsageError(Exception):
    """Bad command-line input: one line for stderr, exit status 2."""


# --- years -------------------------------------------------------------------------------


def validator_year(label: str) -> str:
    """The collection year as the validator wants it: the year it ENDS ("2024/25" -> "2025").

    The validator reads the first four digits of whatever it is given, so "2024/25" passed
    straight through would be checked as the year ending March 2024."""
    try:
        year = parse_collection_year(label, example=2024)
    except ValueError as error:
        raise UsageError(f"--year {error}") from None
    return str(year.end_year)


def year_label(end_year: str) -> str:
    return CollectionYear(int(end_year) - 1).label


# --- quirks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quirk:
    """A known misfire of a rule in this validator release: rows it flags are not errors."""

    code: str
    first_year: int  # first collection year (by its end year) the misfire is in
    last_year: int | None
    why: str
    applies: Callable[[dict[str, Any], dict[str, str]], bool]

    def matches(self, issue: dict[str, Any], year: int, last_sex: dict[str, str]) -> bool:
        in_years = self.first_year <= year and (self.last_year is None or year <= self.last_year)
        return issue["code"] == self.code and in_years and self.applies(issue, last_sex)


def _value(issue: dict[str, Any], name: str) -> str:
    for part in ("fields", "context"):
        value = (issue.get(part) or {}).get(name)
        if value is not None:
            return str(value).upper()
    return ""


def _sex_agrees_after_recoding(issue: dict[str, Any], last_sex: dict[str, str]) -> bool:
    before = last_sex.get(str(issue.get("child")), "")
    now = _value(issue, "SEX")
    return before in LEGACY_SEX and LEGACY_SEX[before] == now


QUIRKS: tuple[Quirk, ...] = (
    Quirk(
        "146",
        2025,
        2025,
        "the 2024/25 rule pack lists supported accommodation as lower-case 'k3' but "
        "upper-cases the data, so every K3 placement is reported invalid",
        lambda issue, _: _value(issue, "PLACE") == "K3",
    ),
    Quirk(
        "202",
        2025,
        None,
        "sex was coded 1/2 until 2023/24 and M/F from 2024/25; the validator compares last "
        "year's code literally (here 1 = M and 2 = F agree)",
        _sex_agrees_after_recoding,
    ),
    Quirk(
        "218",
        2026,
        None,
        "rule 214 forbids a URN for short breaks (V3/V4), and this rule asks for one: from "
        "2025/26 it no longer exempts episodes without a placement postcode",
        lambda issue, _: _value(issue, "LS") in ("V3", "V4"),
    ),
    Quirk(
        "241",
        2026,
        None,
        "the validator has no Ofsted lookup and compares a K3 placement's local authority "
        "with the placing council's own, so every K3 placement outside the council is flagged",
        lambda issue, _: _value(issue, "PLACE") == "K3",
    ),
)


# --- the report -----------------------------------------------------------------------------


@dataclass
class RuleResult:
    code: str
    description: str
    kind: str  # "error" or "quirk"
    rows: list[dict[str, Any]] = field(default_factory=list)
    why: str = ""

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class Summary:
    year: str  # "2024/25"
    raw: dict[str, Any]
    this_year: Path | None = None
    last_year: Path | None = None
    errors: list[RuleResult] = field(default_factory=list)
    quirks: list[RuleResult] = field(default_factory=list)

    @property
    def error_rows(self) -> int:
        return sum(r.count for r in self.errors)

    @property
    def quirk_rows(self) -> int:
        return sum(r.count for r in self.quirks)

    @property
    def crashed(self) -> list[dict[str, Any]]:
        return list(self.raw.get("crashed_rules", []))

    def as_json(self) -> dict[str, Any]:
        def rule(r: RuleResult) -> dict[str, Any]:
            out = {"code": r.code, "description": r.description, "count": r.count}
            if r.why:
                out["why"] = r.why
            out["issues"] = r.rows
            return out

        raw = self.raw
        return {
            "year": self.year,
            "validator_collection_year": raw.get("collection_year"),
            "validator_version": raw.get("validator_version"),
            "rule_pack": raw.get("rule_pack"),
            "rule_pack_note": raw.get("rule_pack_note", ""),
            "this_year": str(self.this_year) if self.this_year else None,
            "last_year": str(self.last_year) if self.last_year else None,
            "local_authority": raw.get("local_authority"),
            "local_authority_source": raw.get("local_authority_source"),
            "tables": raw.get("tables", {}),
            "totals": {
                "errors": self.error_rows,
                "error_rules": len(self.errors),
                "quirks": self.quirk_rows,
                "quirk_rules": len(self.quirks),
                "crashed_rules": len(self.crashed),
                "rules_run": raw.get("rules_run"),
                "skipped_rules": len(raw.get("skipped_rules", [])),
            },
            "errors": [rule(r) for r in self.errors],
            "quirks": [rule(r) for r in self.quirks],
            "crashed_rules": self.crashed,
            "skipped_rules": raw.get("skipped_rules", []),
        }


def summarise(
    raw: dict[str, Any],
    *,
    year: str,
    last_sex: dict[str, str] | None = None,
    this_year: Path | None = None,
    last_year: Path | None = None,
) -> Summary:
    """Group the runner's rows by rule, and split known validator quirks from data errors."""
    end = int(validator_year(year))
    last_sex = last_sex or {}
    grouped: dict[tuple[str, str], RuleResult] = {}
    for issue in raw.get("errors", []):
        quirk = next((q for q in QUIRKS if q.matches(issue, end, last_sex)), None)
        kind = "quirk" if quirk else "error"
        key = (kind, str(issue["code"]))
        result = grouped.get(key)
        if result is None:
            result = grouped[key] = RuleResult(
                str(issue["code"]),
                issue.get("description", ""),
                kind,
                why=quirk.why if quirk else "",
            )
        result.rows.append(issue)
    ordered = sorted(grouped.values(), key=lambda r: (-r.count, _code_order(r.code)))
    return Summary(
        year=year,
        raw=raw,
        this_year=this_year,
        last_year=last_year,
        errors=[r for r in ordered if r.kind == "error"],
        quirks=[r for r in ordered if r.kind == "quirk"],
    )


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 10**6, code)


def format_text(summary: Summary, examples: int = EXAMPLES_PER_RULE) -> str:
    raw = summary.raw
    lines = [
        f"SSDA903 validation of {summary.year} with the DfE rules ({VALIDATOR_PACKAGE} "
        f"{raw.get('validator_version', '?')}, rule pack {raw.get('rule_pack', '?')})"
    ]
    if raw.get("rule_pack_note"):
        lines.append(f"  note: {raw['rule_pack_note']}")
    tables = raw.get("tables", {})
    this_tables = ", ".join(f"{t} {n:,}" for t, n in tables.items() if not t.endswith("_last"))
    last_tables = ", ".join(f"{t[:-5]} {n:,}" for t, n in tables.items() if t.endswith("_last"))
    where = f"{summary.this_year}: " if summary.this_year else ""
    lines.append(f"  this year: {where}{this_tables or 'no tables'}")
    if summary.last_year:
        lines.append(f"  last year: {summary.last_year}: {last_tables}")
    else:
        lines.append(
            "  last year: not given, so the year-on-year rules (202-208, 452, 453, 502, "
            "503A-J, ...) were not checked"
        )
    la = raw.get("local_authority") or "unknown"
    source = raw.get("local_authority_source", "")
    hint = "; give --la to set it" if source != "given" else ""
    lines.append(f"  local authority: {la} ({source}{hint})")
    lines.append("")

    def block(results: list[RuleResult]) -> None:
        for r in results:
            lines.append(
                f"  {r.code:<6} {r.count:>7,} {'row' if r.count == 1 else 'rows'}  "
                f"{r.description.strip()}"
            )
            if r.why:
                lines.append(_wrap(f"why: {r.why}"))
            for issue in r.rows[:examples]:
                lines.append(f"         e.g. {_describe_row(issue)}")

    if summary.errors:
        lines.append(
            f"Errors in the data: {summary.error_rows:,} rows under {len(summary.errors)} "
            f"{'rule' if len(summary.errors) == 1 else 'rules'}"
        )
        block(summary.errors)
    else:
        lines.append("Errors in the data: none")
    if summary.quirks:
        lines.append("")
        lines.append(
            f"Validator quirks (not data errors): {summary.quirk_rows:,} rows under "
            f"{len(summary.quirks)} {'rule' if len(summary.quirks) == 1 else 'rules'}"
        )
        block(summary.quirks)
    if summary.crashed:
        lines.append("")
        lines.append("Rules that could not run in this validator release (not a data error):")
        for crash in summary.crashed:
            where = f" at {crash['where']}" if crash.get("where") else ""
            lines.append(f"  {crash['code']:<6} {crash.get('error', '')}{where}")
            if crash.get("description"):
                lines.append(_wrap(f"rule: {crash['description'].strip()}"))
    skipped = raw.get("skipped_rules", [])
    lines.append("")
    lines.append(
        f"Rules run: {raw.get('rules_run', 0)}; {len(skipped)} not applicable (they need "
        f"tables this return does not include, e.g. OC2, OC3, AD1, Missing)."
    )
    lines.append(
        f"Total: {summary.error_rows:,} errors in the data under {len(summary.errors)} "
        f"{'rule' if len(summary.errors) == 1 else 'rules'}; "
        f"{summary.quirk_rows:,} rows flagged by validator quirks; "
        f"{len(summary.crashed)} {'rule' if len(summary.crashed) == 1 else 'rules'} "
        "could not run."
    )
    return "\n".join(lines)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=" " * 9, subsequent_indent=" " * 14)


def _describe_row(issue: dict[str, Any]) -> str:
    place = issue.get("table", "?")
    if issue.get("line") is not None:
        place += f" line {issue['line']}"
    elif issue.get("row") is not None:
        place += f" row {issue['row']}"
    values = {**(issue.get("context") or {}), **(issue.get("fields") or {})}
    shown = ", ".join(f"{k}={'' if v is None else v}" for k, v in values.items())
    child = f" child {issue['child']}" if issue.get("child") is not None else ""
    return f"{place}{child}: {shown}" if shown else f"{place}{child}"


# --- the isolated environment ---------------------------------------------------------------


def pinned_version() -> str:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        name, _, version = line.strip().partition("==")
        if name.strip().lower() == VALIDATOR_PACKAGE:
            return version.strip()
    raise ValidatorError(f"{REQUIREMENTS.name} does not pin {VALIDATOR_PACKAGE}")


def environment_home() -> Path:
    explicit = os.environ.get("IROHUB_VALIDATOR_HOME")
    if explicit:
        return Path(explicit).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "irohub" / f"validator-{pinned_version()}"


def environment_python(home: Path) -> Path:
    return home / "bin" / "python"


# Settings that would point the validator's python or pip somewhere else than its own
# environment (a package index or mirror set with PIP_INDEX_URL is kept).
_NOT_PASSED_ON = frozenset(
    {
        "PYTHONPATH",
        "PYTHONHOME",
        "PYTHONSTARTUP",
        "VIRTUAL_ENV",
        "PIP_TARGET",
        "PIP_PREFIX",
        "PIP_ROOT",
        "PIP_USER",
        "PIP_REQUIRE_VIRTUALENV",
    }
)


def _clean_env() -> dict[str, str]:
    """The environment for the validator's processes: nothing that points at IRO Hub's own
    virtual environment or packages, no pip version check."""
    env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED_ON}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def base_interpreter() -> str:
    """A Python 3.11 to make the environment with (the validator's pins have wheels for
    3.11): $IROHUB_VALIDATOR_PYTHON, else this interpreter, else python3.11 on PATH."""
    explicit = os.environ.get("IROHUB_VALIDATOR_PYTHON")
    if explicit:
        return explicit
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if found:
        return found
    raise ValidatorError(
        "the DfE validator needs Python 3.11 (its pinned numpy and pandas have no wheels for "
        "newer Pythons); set IROHUB_VALIDATOR_PYTHON to a python3.11"
    )


def is_ready(home: Path) -> bool:
    marker = home / READY_MARKER
    return (
        environment_python(home).exists()
        and marker.is_file()
        and marker.read_text(encoding="utf-8") == REQUIREMENTS.read_text(encoding="utf-8")
    )


def ensure_environment(home: Path | None = None, *, quiet: bool = False) -> Path:
    """The validator's own virtual environment, created on first use (or when the pins
    change), under a lock so that two processes never build it at once. Returns its
    python."""
    home = home or environment_home()
    if is_ready(home):
        return environment_python(home)
    home.parent.mkdir(parents=True, exist_ok=True)
    lock_path = home.parent / f".{home.name}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_ready(home):  # another process built it while we waited
            return environment_python(home)
        if not quiet:
            print(SETUP_MESSAGE, file=sys.stderr, flush=True)
        if home.exists():
            shutil.rmtree(home)  # half-built, or built from other pins
        env = _clean_env()
        _run_setup([base_interpreter(), "-m", "venv", str(home)], env, "create its environment")
        python = environment_python(home)
        _run_setup(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--only-binary=:all:",
                "--requirement",
                str(REQUIREMENTS),
            ],
            env,
            "install its packages",
        )
        # Last, so that an interrupted build is never taken for a finished one.
        shutil.copyfile(REQUIREMENTS, home / READY_MARKER)
    return environment_python(home)


def _run_setup(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = _last_line(done.stderr) or _last_line(done.stdout)
        raise ValidatorError(f"could not set up the DfE validator: failed to {what}: {detail}")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_validator(
    this_year: Path,
    *,
    end_year: str,
    last_year: Path | None = None,
    local_authority: str = "",
    rules: Sequence[str] = (),
    python: Path | None = None,
) -> dict[str, Any]:
    """Run every rule of the year's pack on the CSV files in `this_year` (and `last_year`
    for the year-on-year rules) in the isolated environment; the runner's JSON report."""
    python = python or ensure_environment()
    command = [str(python), "-I", str(RUNNER), "--year", end_year]
    if local_authority:
        command += ["--la", local_authority]
    if rules:
        command += ["--rules", ",".join(rules)]
    command.append(str(this_year))
    if last_year is not None:
        command.append(str(last_year))
    done = subprocess.run(command, env=_clean_env(), capture_output=True, text=True, check=False)
    if done.returncode not in (0, 3) or not done.stdout.strip():
        detail = _last_line(done.stderr) or f"exit status {done.returncode}"
        raise ValidatorError(f"the DfE validator failed: {detail}")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise ValidatorError(f"the DfE validator printed no report ({error})") from None
    if report.get("problems"):
        raise UsageError("; ".join(report["problems"]))
    return report


# --- folders ----------------------------------------------------------------------------


def has_csv(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.csv"))


def locate(folder: Path, end_year: str, previous: Path | None) -> tuple[Path, Path | None]:
    """This year's folder and last year's. DIR may hold one year's CSV files, or one
    sub-folder per year named by its end year (as `irohub demo --ssda903-out` writes)."""
    if not folder.is_dir():
        raise UsageError(f"DIR {str(folder)!r} is not a folder")
    nested = folder / end_year
    if has_csv(nested):
        this = nested
        sibling: Path | None = folder / str(int(end_year) - 1)
    elif has_csv(folder):
        this = folder
        sibling = folder.parent / str(int(end_year) - 1) if folder.name == end_year else None
    else:
        raise UsageError(
            f"DIR {str(folder)!r} has no CSV files and no sub-folder {end_year} with them "
            f"(for {year_label(end_year)})"
        )
    if previous is not None:
        if not has_csv(previous):
            raise UsageError(f"--previous {str(previous)!r} is not a folder of CSV files")
        return this, previous
    return this, sibling if sibling is not None and has_csv(sibling) else None


def header_sex(folder: Path | None) -> dict[str, str]:
    """CHILD -> SEX from a year's header file (found by its columns, as the DfE does)."""
    if folder is None:
        return {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if set(reader.fieldnames or ()) != HEADER_COLUMNS:
                continue
            return {row["CHILD"]: (row["SEX"] or "").strip().upper() for row in reader}
    return {}


# --- the command ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def main(argv: Sequence[str]) -> int:
    try:
        return _main(list(argv))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except ValidatorError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 3


def _main(argv: list[str]) -> int:
    if argv[:1] == ["validate"]:
        argv = argv[1:]  # called with the sub-command still in front
    parser = _Parser(
        prog=PROG,
        description="Check SSDA903 CSV files against the DfE's validation rules "
        f"({VALIDATOR_PACKAGE}, run in its own environment) and list the issues by rule.",
    )
    parser.add_argument(
        "dir",
        type=Path,
        metavar="DIR",
        help="one year's CSV files, or a folder of year folders named by end year (2025)",
    )
    parser.add_argument("--year", required=True, help="collection year, e.g. 2024/25")
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="DIR",
        help="last year's CSV files, for the year-on-year rules (found by itself in a "
        "folder of year folders)",
    )
    parser.add_argument(
        "--la",
        default="",
        metavar="CODE",
        help="the council's ONS code, e.g. E08000031 (default: where most children's "
        "home postcodes are)",
    )
    parser.add_argument("--rule", action="append", default=[], help="run only this rule")
    parser.add_argument("--examples", type=int, default=EXAMPLES_PER_RULE, help="rows per rule")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    options = parser.parse_args(argv)

    end_year = validator_year(options.year)
    label = year_label(end_year)
    if options.la and not (len(options.la) == 9 and options.la[0].isalpha()):
        raise UsageError(f"--la {options.la!r} is not an ONS local authority code (E08000031)")
    this, last = locate(options.dir, end_year, options.previous)
    raw = run_validator(
        this, end_year=end_year, last_year=last, local_authority=options.la, rules=options.rule
    )
    summary = summarise(raw, year=label, last_sex=header_sex(last), this_year=this, last_year=last)
    if options.json:
        json.dump(summary.as_json(), sys.stdout)
        sys.stdout.write("\n")
    else:
        print(format_text(summary, examples=max(0, options.examples)))
    return 1 if summary.errors else 0
