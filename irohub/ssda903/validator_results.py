"""What the DfE validator reports, sorted (see ../shared/spec/ssda903-format.md §5): rows
grouped by rule, and rows a rule flags because of a known defect of this validator release
(QUIRKS) kept apart from errors in the data. Also the collection year as the validator
wants it. Pure Python."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from irohub.records.years import CollectionYear, parse_collection_year

LEGACY_SEX = {"1": "M", "2": "F"}


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
