"""Benchmark SSDA903 files at scale: import, measures and the DfE validator against a floor.

    .venv/bin/python bench/ssda903.py [--children 100000] [--years 5] [--seed 1]
                                      [--server-url postgres://...] [--keep DIR]

Writes a synthetic council straight to SSDA903 files (irohub.demo.ssda903_out; one folder
per collection year, the last one ending on the last 31 March), then times, each in its
own process as an operator would run it:

- floor: merely reading every CSV file of the set, with the fastest reader to hand: the
  pandas C parser in the DfE validator's own environment (IRO Hub itself carries no
  pandas or pyarrow) or Python's csv module, whichever is faster here (both are shown);
- `irohub ssda903 import DIR` into a fresh PostgreSQL database (created for the run, on
  --server-url, migrated first, untimed, and dropped afterwards);
- `irohub measures --ssda903 DIR --year <latest>`;
- csc-validator-be-903 on the latest year's files, with the year before for the
  year-on-year rules (its environment is made first, untimed, if it is not there);

and prints the seconds of each and its ratio to the floor. A step that cannot run (a
command not there yet, no database server) is listed with the reason instead.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Runnable from a plain checkout, without installing the package.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from irohub.demo.ssda903_out import write_synthetic_returns  # noqa: E402
from irohub.ssda903 import validator  # noqa: E402

DEFAULT_SERVER = "postgres://postgres:postgres@127.0.0.1:5432/postgres"
IROHUB = [sys.executable, "-m", "irohub.cli"]

PANDAS_READER = """
import sys, time
import pandas as pd
paths = sys.argv[1:]
start = time.perf_counter()
rows = sum(len(pd.read_csv(p, dtype=str, keep_default_na=False)) for p in paths)
print(time.perf_counter() - start, rows)
"""


@dataclass
class Step:
    name: str
    seconds: float | None = None
    note: str = ""


def read_with_csv_module(paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    rows = 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            rows += sum(1 for _ in csv.reader(handle)) - 1
    return time.perf_counter() - start, rows


def read_with_pandas(paths: list[Path]) -> tuple[float, int]:
    """pandas' C parser, in the validator's environment (timed inside, without start-up)."""
    python = validator.ensure_environment()
    done = subprocess.run(
        [str(python), "-I", "-c", PANDAS_READER, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows)


def timed_command(name: str, command: list[str], env: dict[str, str]) -> Step:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    # measures and validate print their results; exit status 1 from validate means
    # "errors found", which is a result, not a failure to run.
    if done.returncode not in (0, 1) or (done.returncode == 1 and "validate" not in command):
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit status {done.returncode}"
        return Step(name, None, f"could not run: {reason[:200]}")
    return Step(name, seconds)


def postgres_import(out: Path, server: str, keep: bool) -> Step:
    name = "import into PostgreSQL (irohub ssda903 import)"
    try:
        import psycopg
    except ImportError:
        return Step(name, None, "could not run: psycopg is not installed")
    database = f"irohub_bench_{os.getpid()}"
    try:
        admin = psycopg.connect(server, autocommit=True)
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Step(name, None, f"could not run: no PostgreSQL at {server}: {first}")
    with admin:
        admin.execute(f'CREATE DATABASE "{database}"')
        try:
            base, _, _ = server.rpartition("/")
            env = {
                **os.environ,
                "DATABASE_URL": f"{base}/{database}",
                "SECRET_KEY": os.environ.get("SECRET_KEY", "irohub-bench-not-secret"),
            }
            migrated = subprocess.run(
                [*IROHUB, "manage", "migrate", "--verbosity", "0"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if migrated.returncode != 0:
                lines = [line for line in migrated.stderr.splitlines() if line.strip()]
                return Step(name, None, f"could not migrate: {(lines or ['?'])[-1][:200]}")
            step = timed_command(name, [*IROHUB, "ssda903", "import", str(out)], env)
            step.note = step.note or f"database {database}"
            return step
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-url",
        default=os.environ.get("IROHUB_BENCH_SERVER_URL", DEFAULT_SERVER),
        help="a PostgreSQL server (any database on it) where a scratch database is made",
    )
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="irohub-bench-") as scratch:
        out = options.keep or Path(scratch) / "returns"
        if out.exists() and any(out.iterdir()):
            parser.error(f"{out} is not empty")
        print(
            f"Writing {options.children:,} children over {options.years} years "
            f"(seed {options.seed}) to {out} …",
            flush=True,
        )
        summary = write_synthetic_returns(
            children=options.children, years=options.years, seed=options.seed, out=out
        )
        print(summary, flush=True)
        paths = sorted(out.rglob("*.csv"))
        size = sum(p.stat().st_size for p in paths)
        latest_end = str(summary.as_of.year)
        latest = summary.years[-1]
        this = out / latest_end
        last = out / str(int(latest_end) - 1)
        last_year = last if last.is_dir() else None

        readers: list[tuple[str, Callable[[list[Path]], tuple[float, int]]]] = [
            ("pandas C parser, validator env", read_with_pandas),
            ("Python csv module", read_with_csv_module),
        ]
        floors: list[tuple[float, str, int]] = []
        skipped: list[Step] = []
        for label, reader in readers:
            try:
                seconds, rows = reader(paths)
            except (subprocess.CalledProcessError, validator.ValidatorError) as error:
                skipped.append(Step(f"floor with {label}", None, f"could not run: {error}"))
                continue
            floors.append((seconds, label, rows))
        if not floors:
            print("No reader could read the files; nothing to compare with.", file=sys.stderr)
            return 1
        floor, floor_label, rows = min(floors)

        env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "irohub-bench-x")}
        env.pop("DATABASE_URL", None)  # measures from files never needs the database
        steps = [postgres_import(out, options.server_url, keep=options.keep is not None)]
        steps.append(
            timed_command(
                f"irohub measures --ssda903 ({latest})",
                [*IROHUB, "measures", "--ssda903", str(out), "--year", latest],
                env,
            )
        )
        name = f"csc-validator-be-903 ({latest}" + (", with last year)" if last_year else ")")
        try:
            python = validator.ensure_environment()
            start = time.perf_counter()
            report = validator.run_validator(
                this, end_year=latest_end, last_year=last_year, python=python
            )
            seconds = time.perf_counter() - start
            result = validator.summarise(report, year=latest, last_sex={})
            slowest = ", ".join(
                f"{r['code']} {r['seconds']:.0f} s" for r in report.get("slowest_rules", [])[:3]
            )
            steps.append(
                Step(
                    name,
                    seconds,
                    f"{result.error_rows} data errors, {result.quirk_rows} quirk rows; "
                    f"reading {report.get('seconds', {}).get('read', 0):.1f} s; "
                    f"slowest rules {slowest}",
                )
            )
        except (validator.ValidatorError, validator.UsageError) as error:
            steps.append(Step(name, None, f"could not run: {error}"))

    print()
    print(
        f"{len(paths)} CSV files, {rows:,} rows, {size / 1e6:.1f} MB; floor = reading them "
        f"all with the {floor_label}"
    )
    for seconds, label, _ in floors:
        print(f"  (reading with the {label}: {seconds:.2f} s)")
    width = max(len(s.name) for s in [*steps, Step("floor: read every CSV file")])
    print()
    print(f"{'step':<{width}}  {'seconds':>9}  {'x floor':>8}")
    print(f"{'floor: read every CSV file':<{width}}  {floor:>9.2f}  {1.0:>8.1f}")
    for step in steps:
        if step.seconds is None:
            continue
        note = f"  {step.note}" if step.note else ""
        print(f"{step.name:<{width}}  {step.seconds:>9.2f}  {step.seconds / floor:>8.1f}{note}")
    not_run = [s for s in [*steps, *skipped] if s.seconds is None]
    if not_run:
        print()
        for step in not_run:
            print(f"not run: {step.name}: {step.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
