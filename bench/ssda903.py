"""Benchmark SSDA903 files at scale: import, measures and the DfE validator against the
polars read floor, with peak memory.

    .venv/bin/python bench/ssda903.py [--children 100000] [--years 5]
                                      [--measures-children 50000] [--measures-years 2]
                                      [--seed 1] [--server-url postgres://...] [--keep DIR]
                                      [--no-validator]

Writes two synthetic councils straight to SSDA903 files (irohub.demo.ssda903_out; one
folder per collection year, the last one ending on the last 31 March): the import set
(--children, --years) and the measures set (--measures-children, --measures-years; the
issue's 50,000 children over two years), then times, each in its own process as an
operator would run it, with its peak memory (maximum resident set size):

- floor: merely reading every CSV file of a set with polars, every column as text
  (timed inside one process, after polars is imported), and the process floor: the same
  process timed whole (Python started, polars imported, the files read), as each step is
  timed; the Python csv module and the pandas C parser (in the DfE validator's
  environment) are shown beside it;
- `irohub ssda903 import DIR` of the import set into a fresh PostgreSQL database (created
  for the run, on --server-url, migrated first, untimed, and dropped afterwards): seconds,
  children a second;
- `irohub measures --ssda903 DIR --year <latest>` on the measures set;
- csc-validator-be-903 on the import set's latest year, with the year before for the
  year-on-year rules (its environment is made first, untimed, if it is not there);

and prints the seconds of each, its ratio to each polars floor of the files it read, and its
peak memory against their size (also over the peak of the same command on a 50-child set:
start-up and libraries). Targets (issue 16): measures at most 5x the floor; import at
least 5,000 children a second; peak memory at most 3x the files read. A step that cannot run
(no database server, no validator environment) is listed with the reason instead. The
machine's load average is printed: on a shared machine, read the figures with it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Runnable from a plain checkout, without installing the package.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from irohub.demo.ssda903_out import write_synthetic_returns  # noqa: E402
from irohub.ssda903 import validator, validator_env  # noqa: E402

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


_DATABASES = itertools.count(1)

POLARS_READER = """
import sys, time
import polars as pl
paths = sys.argv[1:]
start = time.perf_counter()
rows = sum(pl.read_csv(p, infer_schema_length=0).height for p in paths)
print(time.perf_counter() - start, rows)
"""


@dataclass
class Step:
    name: str
    seconds: float | None = None
    note: str = ""
    peak: int = 0  # bytes, the process's maximum resident set size
    read: int = 0  # bytes of the CSV files it read
    floor: float = 0.0  # seconds polars takes to read them
    process_floor: float = 0.0  # the same, as a whole process (Python, polars, the read)
    base: int = 0  # bytes, the peak of the same command on a tiny set (start-up, libraries)
    # Seconds of CPU (user and system) the process used: less noisy on a busy machine.
    cpu: float = 0.0


@dataclass
class Set:
    """One synthetic council's files."""

    label: str
    out: Path
    children: int
    latest: str  # "2025/26"
    paths: list[Path]

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.paths)


def read_with_polars(paths: list[Path]) -> tuple[float, int, float]:
    """polars, every column as text, in its own process: the seconds timed inside (after
    polars is imported), the rows, and the seconds of the whole process (Python started,
    polars imported, the files read: the floor of a command timed as a whole, as the
    steps here are)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-I", "-c", POLARS_READER, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    whole = time.perf_counter() - start
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows), whole


def read_with_csv_module(paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    rows = 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            rows += sum(1 for _ in csv.reader(handle)) - 1
    return time.perf_counter() - start, rows


def read_with_pandas(paths: list[Path]) -> tuple[float, int]:
    """pandas' C parser, in the validator's environment (timed inside, without start-up)."""
    python = validator_env.ensure_environment()
    done = subprocess.run(
        [str(python), "-I", "-c", PANDAS_READER, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows)


# Linux keeps a process's peak memory across exec, and a process forked from this one
# (which has held a whole synthetic council) starts with this one's size: the command is
# started by a small Python process instead, which reports its peak and CPU time (wait4).
MEASURER = """
import os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
process = subprocess.Popen(command)
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as handle:
    handle.write(f"{seconds} {usage.ru_maxrss * 1024} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def run_measured(
    command: list[str], env: dict[str, str]
) -> tuple[int, str, str, float, int, float]:
    """(exit status, stdout, stderr, seconds, peak bytes, CPU seconds) of `command`, its
    peak memory (maximum resident set size) and CPU time taken from the kernel's
    accounting of that one process."""
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.NamedTemporaryFile("r") as report,
    ):
        done = subprocess.run(
            [sys.executable, "-I", "-c", MEASURER, report.name, *command],
            env=env,
            stdout=out,
            stderr=err,
            text=True,
            check=False,
        )
        seconds, peak, cpu = report.read().split()
        out.seek(0)
        err.seek(0)
        return done.returncode, out.read(), err.read(), float(seconds), int(peak), float(cpu)


def timed_command(name: str, command: list[str], env: dict[str, str], files: Set) -> Step:
    status, stdout, stderr, seconds, peak, cpu = run_measured(command, env)
    # measures and validate print their results; exit status 1 from validate means
    # "errors found", which is a result, not a failure to run.
    if status not in (0, 1) or (status == 1 and "validate" not in command):
        lines = [line for line in stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit status {status}"
        return Step(name, None, f"could not run: {reason[:200]}")
    step = Step(name, seconds, peak=peak, read=files.size, cpu=cpu)
    step.note = stdout  # the caller reads what it needs from it
    return step


class BackendWatch:
    """The CPU seconds of the PostgreSQL backends serving one database, read from /proc
    every tenth of a second while a command runs (the server must be on this machine): a
    backend's CPU is the last reading before it ended, so a floor."""

    def __init__(self, admin: Any, database: str) -> None:
        self.admin, self.database = admin, database
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> BackendWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def cpu(self) -> float:
        return sum(self.seen.values())

    def _watch(self) -> None:
        ticks = os.sysconf("SC_CLK_TCK")
        while not self.stop.wait(0.1):
            pids = self.admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
            for (pid,) in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.seen[pid] = (int(fields[11]) + int(fields[12])) / ticks


def postgres_import(files: Set, server: str, keep: bool, prefix: str = "irohub_bench") -> Step:
    name = f"import into PostgreSQL ({files.label})"
    try:
        import psycopg
    except ImportError:
        return Step(name, None, "could not run: psycopg is not installed")
    database = f"{prefix}_{os.getpid()}_{next(_DATABASES)}"
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
            command = [*IROHUB, "ssda903", "import", str(files.out)]
            with BackendWatch(admin, database) as backend:
                step = timed_command(name, command, env, files)
            if step.seconds is not None:
                found = re.search(r"children: ([\d,]+) created", step.note)
                children = int(found.group(1).replace(",", "")) if found else files.children
                server_cpu = (
                    f"; the database server's CPU {backend.cpu:.2f} s "
                    f"({backend.cpu / max(children, 1) * 1e6:,.0f} µs a child)"
                    if backend.seen
                    else ""
                )
                step.note = (
                    f"{children:,} children, {children / step.seconds:,.0f} children/s "
                    f"(CPU {step.cpu / max(children, 1) * 1e6:,.0f} µs a child{server_cpu}); "
                    f"database {database}"
                )
            return step
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def write_set(label: str, out: Path, children: int, years: int, seed: int) -> Set:
    """The synthetic council's files, written (or, with --keep, reused from an earlier run
    with the same sizes and seed)."""
    marker = out / "set.json"
    wanted = {"children": children, "years": years, "seed": seed}
    if marker.is_file() and json.loads(marker.read_text()).get("wanted") == wanted:
        known = json.loads(marker.read_text())
        print(f"Reusing the {label} in {out}: {known['children']:,} children, {known['latest']}")
    else:
        print(f"Writing the {label}: {children:,} children over {years} years (seed {seed}) …")
        summary = write_synthetic_returns(children=children, years=years, seed=seed, out=out)
        print(summary, flush=True)
        known = {
            "wanted": wanted,
            "children": summary.children_in_returns,
            "latest": summary.years[-1],
        }
        marker.write_text(json.dumps(known))
    return Set(
        label=f"{children // 1000:,}k children, {years} years",
        out=out,
        children=known["children"],
        latest=known["latest"],
        paths=sorted(out.rglob("*.csv")),
    )


def validator_step(files: Set) -> Step:
    latest = files.latest
    latest_end = str(int(latest[:4]) + 1)
    this = files.out / latest_end
    last = files.out / str(int(latest_end) - 1)
    last_year = last if last.is_dir() else None
    name = f"csc-validator-be-903 ({latest}" + (", with last year)" if last_year else ")")
    read = [p for p in files.paths if p.parent in (this, last)]
    try:
        python = validator_env.ensure_environment()
        start = time.perf_counter()
        report = validator.run_validator(
            this, end_year=latest_end, last_year=last_year, python=python
        )
        seconds = time.perf_counter() - start
        result = validator.summarise(report, year=latest, last_sex={})
        slowest = ", ".join(
            f"{r['code']} {r['seconds']:.1f} s" for r in report.get("slowest_rules", [])[:5]
        )
        timing = report.get("seconds", {})
        return Step(
            name,
            seconds,
            f"{result.error_rows} data errors, {result.quirk_rows} quirk rows; reading "
            f"{timing.get('read', 0):.1f} s, importing it {timing.get('import', 0):.1f} s; "
            f"slowest rules {slowest}",
            read=sum(p.stat().st_size for p in read),
        )
    except (validator.ValidatorError, validator.UsageError) as error:
        return Step(name, None, f"could not run: {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=100_000, help="the import set")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--measures-children", type=int, default=50_000, help="the measures set")
    parser.add_argument("--measures-years", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-url",
        default=os.environ.get("IROHUB_BENCH_SERVER_URL", DEFAULT_SERVER),
        help="a PostgreSQL server (any database on it) where a scratch database is made",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="write the files here and keep them (a later run with the same sizes reuses them)",
    )
    parser.add_argument("--no-validator", action="store_true", help="skip the DfE validator")
    parser.add_argument(
        "--database-prefix",
        default="irohub_bench",
        help="the scratch databases' names begin with it (one per run, dropped afterwards)",
    )
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="irohub-bench-") as scratch:
        root = options.keep or Path(scratch)
        if root.exists() and any(
            p.name not in ("import", "measures", "tiny") for p in root.iterdir()
        ):
            parser.error(f"{root} holds other files than an earlier run's")
        import_set = write_set(
            "import set", root / "import", options.children, options.years, options.seed
        )
        same = (options.measures_children, options.measures_years) == (
            options.children,
            options.years,
        )
        measures_set = (
            import_set
            if same
            else write_set(
                "measures set",
                root / "measures",
                options.measures_children,
                options.measures_years,
                options.seed,
            )
        )

        floors: dict[str, tuple[float, float]] = {}
        also: list[str] = []
        for files in [import_set] if same else [import_set, measures_set]:
            seconds, rows, whole = read_with_polars(files.paths)
            floors[files.label] = (seconds, whole)
            also.append(
                f"{files.label}: {len(files.paths)} CSV files, {rows:,} rows, "
                f"{files.size / 1e6:.1f} MB; polars reads them in {seconds:.2f} s "
                f"({whole:.2f} s as a whole process, Python and polars started)"
            )
        others: list[tuple[str, Callable[[list[Path]], tuple[float, int]]]] = [
            ("the Python csv module", read_with_csv_module),
            ("pandas' C parser (validator env)", read_with_pandas),
        ]
        for label, reader in others:
            try:
                seconds, _ = reader(measures_set.paths)
            except (subprocess.CalledProcessError, validator.ValidatorError) as error:
                also.append(f"  ({label}: could not run: {error})")
                continue
            also.append(f"  ({measures_set.label} with {label}: {seconds:.2f} s)")

        # The same commands on a tiny set give the memory of start-up and libraries, so
        # that what the files themselves cost can be told apart.
        tiny = write_set("start-up set", root / "tiny", 50, options.measures_years, options.seed)
        env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "irohub-bench-x")}
        env.pop("DATABASE_URL", None)  # measures from files never needs the database
        keep = options.keep is not None
        prefix = options.database_prefix
        steps = [postgres_import(import_set, options.server_url, keep=keep, prefix=prefix)]
        steps[0].floor, steps[0].process_floor = floors[import_set.label]
        steps[0].base = postgres_import(tiny, options.server_url, keep=False, prefix=prefix).peak

        def measure(files: Set) -> Step:
            command = [*IROHUB, "measures", "--ssda903", str(files.out), "--year", files.latest]
            return timed_command(f"irohub measures --ssda903 ({files.label})", command, env, files)

        measures = measure(measures_set)
        measures.note = ""
        measures.floor, measures.process_floor = floors[measures_set.label]
        measures.base = measure(tiny).peak
        steps.append(measures)
        if not options.no_validator:
            steps.append(validator_step(import_set))
        load = os.getloadavg()

    print()
    print("\n".join(also))
    print(f"load average while it ran (1, 5, 15 min): {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    width = max(len(s.name) for s in steps)
    print()
    print(
        f"{'step':<{width}}  {'seconds':>8}  {'CPU s':>7}  {'x floor':>7}  "
        f"{'x process floor':>15}  {'peak MB':>8}  "
        f"{'x files':>7}  {'start-up MB':>11}  {'x files over start-up':>21}"
    )
    for step in steps:
        if step.seconds is None:
            continue
        ratio = f"{step.seconds / step.floor:>7.1f}" if step.floor else f"{'':>7}"
        whole = f"{step.seconds / step.process_floor:>15.1f}" if step.process_floor else f"{'':>15}"
        cpu = f"{step.cpu:>7.2f}" if step.cpu else f"{'':>7}"
        peak = f"{step.peak / 1e6:>8.0f}" if step.peak else f"{'':>8}"
        files_ratio = f"{step.peak / step.read:>7.1f}" if step.peak and step.read else f"{'':>7}"
        base = f"{step.base / 1e6:>11.0f}" if step.base else f"{'':>11}"
        over = (
            f"{(step.peak - step.base) / step.read:>21.1f}"
            if step.peak and step.base and step.read
            else f"{'':>21}"
        )
        note = f"  {step.note}" if step.note else ""
        print(
            f"{step.name:<{width}}  {step.seconds:>8.2f}  {cpu}  {ratio}  {whole}  {peak}  "
            f"{files_ratio}  "
            f"{base}  {over}{note}"
        )
    not_run = [s for s in steps if s.seconds is None]
    if not_run:
        print()
        for step in not_run:
            print(f"not run: {step.name}: {step.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
