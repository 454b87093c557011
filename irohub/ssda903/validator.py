"""`irohub ssda903 validate`: check a return against the DfE's rules, grouped by rule.

The rules are the DfE's own, as coded in the maintained PyPI package `csc-validator-be-903`.
That package pins old numpy and pandas and its command line hard-codes a year and file
names, so IRO Hub runs it in its own virtual environment and drives its Python API there.
Four jobs, four modules:
- validator_env: building that environment (on first use, under a lock);
- validator_run: running the validator there as a subprocess (validator_runner.py);
- validator_results: sorting what it reports — errors in the data; validator quirks (rows a
  rule flags because of a known defect of this validator release, not because of the
  data); rules that crashed in this release (listed as "could not run", never as data
  errors) — see ../shared/spec/ssda903-format.md §5;
- this module: the command line and its text or JSON output.
Exit status: 0 no errors in the data, 1 errors found (or a file that is no table at all:
empty, or a workbook saved under a .csv name), 2 bad command line, 3 the validator could
not run.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from irohub.ssda903.files import unreadable_reason
from irohub.ssda903.validator_env import VALIDATOR_PACKAGE, ValidatorError
from irohub.ssda903.validator_results import (
    RuleResult,
    Summary,
    UsageError,
    summarise,
    validator_year,
    year_label,
)
from irohub.ssda903.validator_run import run_validator

EXAMPLES_PER_RULE = 3
PROG = "irohub ssda903 validate"
HEADER_COLUMNS = frozenset({"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"})

__all__ = [
    "UsageError",
    "ValidatorError",
    "format_text",
    "header_sex",
    "locate",
    "main",
    "run_validator",
    "summarise",
    "validator_year",
]


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
    unreadable = [
        f"{PROG}: {path}: {reason}"
        for folder in (this, last)
        if folder is not None
        for path in sorted(folder.glob("*.csv"))
        if (reason := unreadable_reason(path)) is not None
    ]
    if unreadable:
        # A problem with the data, not with the command line: exit 1, naming each file.
        print("\n".join(unreadable), file=sys.stderr)
        return 1
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
