"""`irohub measures`: the same figures from the database and from SSDA903 files, through
the same irohub.measures functions, in the JSON contract other tools rely on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

IROHUB = Path(sys.executable).with_name("irohub")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    # Its own SQLite file: never the test run's database.
    env = {**os.environ, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(IROHUB), *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("council")
    loaded = run("demo", "--children", "300", "--years", "4", "--seed", "5", data_dir=data)
    assert loaded.returncode == 0, loaded.stderr
    return data


def test_figures_from_the_database_and_from_files_are_identical(council, tmp_path):
    returns = tmp_path / "returns"
    for start in (2022, 2023, 2024, 2025):
        year = f"{start}/{(start + 1) % 100:02d}"
        out = returns / str(start + 1)
        exported = run("ssda903", "export", "--year", year, "--out", str(out), data_dir=council)
        assert exported.returncode == 0, exported.stderr
    for year in ("2024/25", "2025/26"):
        database = run("measures", "--year", year, data_dir=council)
        files = run("measures", "--year", year, "--ssda903", str(returns), data_dir=council)
        assert database.returncode == files.returncode == 0, database.stderr + files.stderr
        assert database.stdout == files.stdout
        figures = json.loads(database.stdout)
        assert figures["year"] == year
        for measure in ("M-REV-01", "M-REV-01a", "M-REV-02", "M-REV-03", "M-REV-04", "M-PAR-01"):
            figure = figures["measures"][measure]
            assert figure["denominator"] > 0
            assert 0 <= figure["numerator"] <= figure["denominator"]
            assert figure["percent"] == 100 * figure["numerator"] / figure["denominator"]


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
