"""Run the `irohub` console script in a subprocess on its own SQLite file, as an operator
would, and build a seeded demo council there once per test module."""

from __future__ import annotations

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


def demo_council(factory: pytest.TempPathFactory) -> Path:
    """A 300-child, 4-year demo council (seed 5) in a fresh data folder."""
    data = factory.mktemp("council")
    loaded = run("demo", "--children", "300", "--years", "4", "--seed", "5", data_dir=data)
    assert loaded.returncode == 0, loaded.stderr
    return data
