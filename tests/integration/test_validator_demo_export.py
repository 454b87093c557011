"""The demo council in the database, exported, breaks no DfE rule: `irohub demo` fills
the register with what a council's return needs (postcodes, URNs, UPNs, MOTHER, the date
UASC status ceased, placements in each year's codes), and export writes it all.

Runs the real csc-validator-be-903 in its own environment (see test_validator_live.py).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.records.years import CollectionYear
from irohub.ssda903 import validator
from irohub.ssda903.writer import write_return

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_demo_councils_export_breaks_no_dfe_rule(tmp_path, capsys):
    load_demo_council(children=120, years=3, seed=4, as_of=date(2026, 6, 30))
    register = register_from_database()
    for year in (CollectionYear(2024), CollectionYear(2025)):
        write_return(register, year, tmp_path / str(year.end_year))

    status = validator.main([str(tmp_path), "--year", "2025/26", "--json"])

    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [], report["errors"][:5]
    assert status == 0
    assert report["last_year"] is not None  # the year-on-year rules ran
    # Inferred from the children's home postcodes: real ones, in the demo's council.
    assert report["local_authority"] == "E08000031"
    # 218 asks a URN of short breaks, which rule 214 forbids (a known quirk).
    assert {q["code"] for q in report["quirks"]} <= {"218"}
