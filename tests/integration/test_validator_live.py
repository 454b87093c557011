"""The real DfE validator, in its own environment, on a small synthetic council.

Slow: the first run on a machine builds the validator's environment (about a minute, then
cached in ~/.cache/irohub/validator-<version>, or $IROHUB_VALIDATOR_HOME); each validation
then takes a few seconds. It pins the result: the demo's returns break no DfE rule, and
the only rows flagged are the validator's own known quirks (irohub.ssda903.validator_results.QUIRKS
and ../shared/spec/ssda903-format.md §5):
- 2024/25: 146 (the pack lists 'k3' in lower case, so every K3 placement is "invalid") and
  202 (sex coded 1/2 last year and M/F this year is compared literally);
- 2025/26: 218 (asks a URN of short breaks, which rule 214 forbids to have one);
and rules 231 (from 2024/25) and 233 (2025/26) crash on CSV input and cannot run.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from irohub.demo.ssda903_out import write_synthetic_returns
from irohub.ssda903 import validator, validator_env

pytestmark = [pytest.mark.slow, pytest.mark.database_independent]

EXPECTED = {
    # year: (quirk rules allowed, rules that crash in csc-validator-be-903 0.1.17)
    "2024/25": ({"146", "202"}, {"231"}),
    "2025/26": ({"218"}, {"231", "233"}),
}


@pytest.fixture(scope="module")
def demo_returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("validator-live") / "returns"
    write_synthetic_returns(children=60, years=3, seed=2, out=out, as_of=date(2026, 3, 31))
    return out


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_a_demo_council_breaks_no_dfe_rule(
    demo_returns: Path, year: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = validator.main([str(demo_returns), "--year", year, "--json"])
    report = json.loads(capsys.readouterr().out)
    allowed_quirks, crashing = EXPECTED[year]
    assert report["errors"] == [], report["errors"][:5]
    assert status == 0
    assert report["validator_version"] == validator_env.pinned_version()
    assert report["rule_pack"] == f"lac{year[:4]}_{year[5:]}"
    assert report["local_authority"] == "E08000031"
    assert report["last_year"] is not None  # the year-on-year rules ran
    assert {q["code"] for q in report["quirks"]} <= allowed_quirks
    assert {c["code"] for c in report["crashed_rules"]} == crashing
    assert report["totals"]["rules_run"] > 100


def test_a_broken_return_is_reported_by_rule(demo_returns: Path, tmp_path: Path) -> None:
    # One review with a participation code that is not PN0-PN7 (rule 167): the validator
    # must find it and say where.
    this = tmp_path / "2026"
    this.mkdir()
    for source in (demo_returns / "2026").glob("*.csv"):
        data = source.read_bytes()
        if source.name == "reviews.csv":
            lines = data.split(b"\r\n")
            lines[1] = b",".join([*lines[1].split(b",")[:3], b"PN9"])
            data = b"\r\n".join(lines)
        (this / source.name).write_bytes(data)
    report = validator.run_validator(this, end_year="2026", local_authority="E08000031")
    summary = validator.summarise(report, year="2025/26")
    assert [(r.code, r.count) for r in summary.errors] == [("167", 1)]
    assert summary.errors[0].rows[0]["line"] == 2
