"""`irohub measures`: the same figures from the database and from SSDA903 files, through
the same irohub.measures functions, in the JSON contract other tools rely on."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from irohub.children.records import register_from_database
from irohub.measures import Count, Rate, Scope, definition
from irohub.records.years import CollectionYear
from tests.factories import AllocationFactory, IROFactory, TeamFactory
from tests.factories.records import child_in_care
from tests.integration.irohub_process import demo_council, run


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    return demo_council(tmp_path_factory)


# The workforce measures that give a figure from the database: SSDA903 files hold no IRO
# staffing or allocations, so from files each says so instead.
NEEDS_STAFFING = ("M-WF-01", "M-WF-01b", "M-WF-02", "M-WF-02a", "M-WF-03", "M-WF-03a", "M-WF-03b")
NO_STAFFING = {
    "status": "no data",
    "reason": "the data holds no IRO staffing (an SSDA903 return has none)",
}
# What IRO Hub records at and after each review and of the people around the child: figures
# from the database, "no data" from files (a return holds none of it).
NEEDS_REVIEW_DETAILS = (
    "M-PAR-04",
    "M-PAR-04a",
    "M-PAR-04b",
    "M-PAR-04a-mother",
    "M-PAR-04a-father",
    "M-PAR-04b-mother",
    "M-PAR-04b-father",
    "M-PAR-07",
    "M-PRC-02",
    "M-PRC-03",
    # Between reviews (irohub.oversight): the IRO's contacts, independent visitors offered.
    "M-PAR-03",
    "M-PAR-03a",
    "M-PAR-03b",
    "M-PAR-03c",
    "M-PAR-07a",
    "M-PAR-07b",
)
# The review checklist, consultation and advocacy: figures from the database; an SSDA903
# return holds none of them, so from files each says so.
VOICE = ("M-PAR-02", "M-PAR-05", "M-PAR-05a", "M-PAR-06", "M-PAR-06a", "M-PAR-06b", "M-PRC-01")
NO_VOICE = "an SSDA903 return has"
# Likewise foster carer reviews (a return holds no fostering households) and reg 48
# short-break reviews (a return carries none: DfE rule 399).
DATABASE_ONLY = {
    "M-FC-01": "no fostering households in the data",
    "M-FC-01a": "no fostering households in the data",
    "M-SB-01": "an SSDA903 return carries no reviews of children on short breaks",
    # The establishment, vacancies, cover and absence: recorded on the workforce page.
    **dict.fromkeys(
        ("M-WF-03c", "M-WF-03d", "M-WF-03e", "M-WF-03f"),
        "the data holds no establishment, vacancies, agency staff or absence",
    ),
}
ADOPTION = ("M-AD-01", "M-AD-01a", "M-AD-01b")
# Breakdowns only the database has: team and IRO need staffing; an SSDA903 return has no
# disability item, so from files every child's disability is "Not known".
DATABASE_ONLY_BREAKDOWNS = ("team", "IRO", "disability")


# The IRO's ratings and challenges: in the database, not in an SSDA903 return.
NEEDS_QUALITY = (
    "M-PRC-04",
    "M-PRC-05",
    "M-PRC-05b",
    "M-PRC-06",
    "M-ESC-01",
    "M-ESC-01b",
    "M-ESC-02",
    "M-ESC-03",
    "M-ESC-04",
)


def needs_protection(measure: str) -> bool:
    """Section G and the dual-role caseload: from child protection the database holds."""
    return measure.startswith("M-CP-") or measure == "M-WF-01a"


POPULATION = ("M-POP-01", "M-POP-02", "M-POP-02a", "M-POP-03", "M-POP-04", "M-POP-04a")


@pytest.fixture(scope="module")
def returns(council, tmp_path_factory) -> Path:
    returns = tmp_path_factory.mktemp("returns")
    for start in (2022, 2023, 2024, 2025):
        year = f"{start}/{(start + 1) % 100:02d}"
        out = returns / str(start + 1)
        exported = run("ssda903", "export", "--year", year, "--out", str(out), data_dir=council)
        assert exported.returncode == 0, exported.stderr
    return returns


@pytest.mark.database_independent  # its own SQLite file, in a subprocess
def test_figures_from_the_database_and_from_files_are_identical(council, returns):
    for year in ("2024/25", "2025/26"):
        database = run("measures", "--year", year, data_dir=council)
        files = run("measures", "--year", year, "--ssda903", str(returns), data_dir=council)
        assert database.returncode == files.returncode == 0, database.stderr + files.stderr
        from_database, from_files = json.loads(database.stdout), json.loads(files.stdout)
        assert from_database["year"] == from_files["year"] == year
        figures, filed = from_database["measures"], from_files["measures"]
        assert list(figures) == list(filed)
        # Staffing: figures from the database, "no data" from files.
        for measure in NEEDS_STAFFING:
            assert "status" not in figures[measure], measure
            assert filed[measure] == NO_STAFFING, measure
        # Review details: figures from the database, "no data" from files.
        for measure in NEEDS_REVIEW_DETAILS:
            assert "status" not in figures[measure], measure
            assert filed[measure]["status"] == "no data", measure
        for measure in (*NEEDS_REVIEW_DETAILS[1:7], "M-PRC-02", "M-PRC-03"):
            assert 0 < figures[measure]["numerator"] < figures[measure]["denominator"], measure
        assert figures["M-PAR-04"]["count"] > 0 and figures["M-PAR-07"]["count"] > 0
        for measure in ("M-PAR-03", "M-PAR-03a", "M-PAR-03b"):
            assert 0 < figures[measure]["numerator"] < figures[measure]["denominator"], measure
        assert figures["M-PAR-03c"]["value"] > 0 and figures["M-PAR-07a"]["count"] > 0
        # Ratings and challenges: figures from the database, "no data" from files.
        for measure in NEEDS_QUALITY:
            assert "status" not in figures[measure], measure
            assert filed[measure]["reason"].startswith("the data holds no"), measure
        for measure, reason in DATABASE_ONLY.items():
            assert "status" not in figures[measure], measure
            assert filed[measure]["status"] == "no data", measure
            assert filed[measure]["reason"].startswith(reason), measure
        # Adoption reviews of a child whose placement order (or adoptive placement) began
        # before the first year read are unclassified from files (their earlier reviews
        # are unseen), never guessed: the rest are the database's figure.
        for measure in ADOPTION:
            mine, theirs = figures[measure], filed[measure]
            unclassified = theirs.get("unclassified", 0)
            assert mine["denominator"] == theirs["denominator"] + unclassified, measure
            assert theirs["numerator"] <= mine["numerator"] <= theirs["numerator"] + unclassified
        for measure in VOICE:
            assert "status" not in figures[measure], measure
            assert filed[measure]["status"] == "no data", measure
            assert NO_VOICE in filed[measure]["reason"], measure
        for measure in ("M-PAR-02", "M-PAR-06", "M-PRC-01"):
            assert 0 < figures[measure]["numerator"] < figures[measure]["denominator"], measure
        assert figures["M-PAR-05"]["count"] > 0
        # Every other measure: the very same JSON.
        # Child protection: an SSDA903 return holds none, so from files "no data".
        for measure in filter(needs_protection, figures):
            assert filed[measure]["status"] == "no data", measure
        rest = [
            measure
            for measure in figures
            if measure
            not in NEEDS_STAFFING
            + VOICE
            + NEEDS_REVIEW_DETAILS
            + tuple(DATABASE_ONLY)
            + ADOPTION
            + NEEDS_QUALITY
            and not needs_protection(measure)
        ]
        assert {m: figures[m] for m in rest} == {m: filed[m] for m in rest}
        for measure in ("M-REV-01", "M-REV-01a", "M-REV-02", "M-REV-03", "M-REV-04", "M-PAR-01"):
            figure = figures[measure]
            assert figure["denominator"] > 0
            assert 0 <= figure["numerator"] <= figure["denominator"]
            assert figure["percent"] == 100 * figure["numerator"] / figure["denominator"]
        for measure in ("M-POP-01", "M-POP-02", "M-POP-02a", "M-POP-03"):
            assert figures[measure]["count"] > 0
        for measure in ("M-AD-01", "M-AD-01a", "M-AD-01b", "M-FC-01", "M-SB-01"):
            assert figures[measure]["denominator"] > 0, measure
        for measure in ("M-POP-04", "M-POP-04a", "M-WF-02"):
            assert figures[measure]["denominator"] > 0
        assert figures["M-WF-01"]["denominator"] > 0  # the FTE in post


@pytest.mark.database_independent  # its own SQLite file, in a subprocess
def test_population_breakdowns_from_the_database_and_from_files_agree(council, returns):
    database = run("measures", "--year", "2025/26", "--breakdowns", data_dir=council)
    files = run(
        "measures", "--year", "2025/26", "--breakdowns", "--ssda903", str(returns), data_dir=council
    )
    assert database.returncode == files.returncode == 0, database.stderr + files.stderr
    figures = json.loads(database.stdout)["measures"]
    filed = json.loads(files.stdout)["measures"]
    for measure in POPULATION:
        split, split_from_files = figures[measure]["breakdowns"], filed[measure]["breakdowns"]
        assert "team" in split and "IRO" in split
        assert "team" not in split_from_files and "IRO" not in split_from_files
        assert set(split_from_files["disability"]) == {"Not known"}
        shared = [name for name in split if name not in DATABASE_ONLY_BREAKDOWNS]
        assert {n: split[n] for n in shared} == {n: split_from_files[n] for n in shared}
        assert set(split_from_files) == {*shared, "disability"}
    # Late reviews by the reason the IRO recorded: only the database holds it.
    reasons = figures["M-REV-05"]["breakdowns"]["reason for delay"]
    assert sum(v["count"] for k, v in reasons.items() if k not in ("Not recorded", "Not held yet"))
    assert set(filed["M-REV-05"]["breakdowns"]["reason for delay"]) <= {
        "Not recorded",
        "Not held yet",
    }
    # Staffing breakdowns only from the database: each IRO's children per FTE.
    assert figures["M-WF-01"]["breakdowns"]["team"]
    assert "breakdowns" not in filed["M-WF-01"]


@pytest.mark.database_independent  # its own SQLite file, in a subprocess
def test_one_year_of_files_says_what_it_cannot_classify(council, tmp_path):
    out = tmp_path / "2026"
    assert (
        run(
            "ssda903", "export", "--year", "2025/26", "--out", str(out), data_dir=council
        ).returncode
        == 0
    )
    files = run("measures", "--year", "2025/26", "--ssda903", str(out), data_dir=council)
    assert files.returncode == 0, files.stderr
    figures = json.loads(files.stdout)["measures"]
    # Without the years before, some reviews' places in the sequence are unknown.
    assert figures["M-REV-01"].get("unclassified", 0) > 0


def test_a_placement_postcode_without_a_grid_reference_is_read_as_not_known(council, tmp_path):
    # AB11 3AG is in the ONS postcode directory without an authority or a grid reference
    # (NaN): the placement is not located, where the command used to stop with a TypeError.
    out = tmp_path / "2026"
    exported = run("ssda903", "export", "--year", "2025/26", "--out", str(out), data_dir=council)
    assert exported.returncode == 0, exported.stderr
    episodes = out / "episodes.csv"
    with episodes.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["PL_POST"] = "AB11 3AG"
    with episodes.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    files = run("measures", "--year", "2025/26", "--ssda903", str(out), data_dir=council)
    assert files.returncode == 0, files.stderr
    assert json.loads(files.stdout)["measures"]["M-POP-01"]["count"] > 0


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--year", "2021"], "--year"),
        (["--year", "2021/23"], "--year"),
        ([], "--year"),
        (["--year", "2021/22", "--ssda903", "/no/such/folder"], "--ssda903"),
    ],
)
def test_bad_input_is_one_line_with_status_2(tmp_path, args, names):
    result = run("measures", *args, data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert names in result.stderr


@pytest.mark.django_db
def test_staffing_and_disability_come_from_the_database():
    north = TeamFactory(name="North")
    full, half = IROFactory(team=north), IROFactory(team=north, fte=Decimal("0.50"))
    IROFactory(team=north, end_date=date(2025, 12, 31))  # left before 31 March
    dob = date(2015, 6, 1)
    for iro, disabled in ((full, True), (full, False), (half, False)):
        child = child_in_care(start=date(2024, 5, 1), date_of_birth=dob, disability=disabled)
        AllocationFactory(child=child, iro=iro, start=date(2024, 5, 1))
    child_in_care(start=date(2024, 5, 1), date_of_birth=dob)  # not allocated

    scope = Scope(register_from_database(), CollectionYear(2025))
    # 3 allocated children over 1.0 + 0.5 FTE in post on 31 March 2026 = 2 per FTE.
    assert definition("M-WF-01").result(scope) == Rate(3, 1.5)
    assert definition("M-WF-01").breakdowns(scope)["team"] == {"North": Rate(3, 1.5)}
    assert definition("M-WF-01b").result(scope) == Count(1)
    assert definition("M-WF-03").result(scope) == Count(2)
    population = definition("M-POP-01").breakdowns(scope)
    assert population["disability"] == {"Disabled": Count(1), "Not disabled": Count(3)}
    assert population["team"] == {"North": Count(3), "Not allocated": Count(1)}
