"""Benchmark `irohub backup` and `irohub restore` for a demo council on both databases.

    .venv/bin/python bench/backup.py [--children 5000] [--years 10] [--seed 1]
                                     [--server-url postgres://...] [--skip-postgresql]

For each database (SQLite files in a temporary folder; two fresh PostgreSQL databases made
on --server-url and dropped afterwards) it loads the demo council with `irohub demo`
(untimed), then times `irohub backup` and `irohub restore` into an empty database, each in
its own process as an operator runs them, and prints the seconds, the rows and the size of
the backup file.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IROHUB = [sys.executable, "-m", "irohub.cli"]
DEFAULT_SERVER = "postgres://postgres:postgres@127.0.0.1:5432/postgres"


def run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Runs irohub; returns its CPU seconds (user + system: a fair figure on a busy
    machine, though not the database server's share on PostgreSQL) and its last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [*IROHUB, *args], capture_output=True, text=True, env={**os.environ, **env}, cwd=ROOT
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"irohub {' '.join(args)} failed: {result.stderr.strip()}")
    return seconds, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def round_trip(
    name: str, source: dict[str, str], target: dict[str, str], folder: Path, demo: list[str]
) -> None:
    run(["demo", *demo], source)
    backup_file = folder / f"{name}.irohub.gz"
    backup_cpu, backed_up = run(["backup", str(backup_file)], source)
    restore_cpu, restored = run(["restore", str(backup_file)], target)
    size = backup_file.stat().st_size
    print(
        f"{name}: {backed_up.split(' (')[0]}, file {size / 1_000_000:.2f} MB\n"
        f"  backup  {_own_seconds(backed_up):6.1f} s elapsed (irohub's CPU with start-up "
        f"{backup_cpu:.1f} s)\n"
        f"  restore {_own_seconds(restored):6.1f} s elapsed (irohub's CPU with start-up and "
        f"migrate {restore_cpu:.1f} s)",
        flush=True,
    )


def _own_seconds(line: str) -> float:
    """The seconds irohub reports for the work itself ("… in 12.3 s")."""
    return float(line.rsplit(" in ", 1)[1].removesuffix(" s"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-url", default=DEFAULT_SERVER)
    parser.add_argument("--skip-postgresql", action="store_true")
    options = parser.parse_args()
    demo = [
        "--children",
        str(options.children),
        "--years",
        str(options.years),
        "--seed",
        str(options.seed),
    ]
    print(
        f"Demo council: {options.children:,} children, {options.years} years, seed {options.seed}."
    )
    with tempfile.TemporaryDirectory(prefix="irohub-bench-backup-") as tmp:
        folder = Path(tmp)
        (folder / "a").mkdir()
        (folder / "b").mkdir()
        base = {"SECRET_KEY": "bench-not-secret"}
        round_trip(
            "SQLite",
            {**base, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(folder / "a")},
            {**base, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(folder / "b")},
            folder,
            demo,
        )
        if options.skip_postgresql:
            return 0
        import psycopg

        names = [f"irohub_bench_backup_{uuid.uuid4().hex[:8]}_{s}" for s in "ab"]
        server = options.server_url.rsplit("/", 1)[0]
        with psycopg.connect(options.server_url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'CREATE DATABASE "{name}"')
        try:
            round_trip(
                "PostgreSQL",
                {**base, "DATABASE_URL": f"{server}/{names[0]}"},
                {**base, "DATABASE_URL": f"{server}/{names[1]}"},
                folder,
                demo,
            )
        finally:
            with psycopg.connect(options.server_url, autocommit=True) as admin:
                for name in names:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
