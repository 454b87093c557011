"""How long benchmarking takes at the size of the DfE's real tables.

    .venv/bin/python bench/benchmarking.py [--years 10] [--repeat 3]
        [--database-url postgres://...]   # default: a temporary SQLite file

Writes synthetic tables in the published layout at full size (153 councils, 9 regions and
England, --years reporting years, the three sample layouts), then times: reading and
checking them (pure), loading them into the database in one transaction (first load, then
a reload that replaces every figure), and building the comparison, its tables and its
charts for the latest year. Prints seconds (best of --repeat) and the size of what was
read. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAD = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
]  # fmt: skip
LAYOUTS = {
    "cla.csv": ["cla_31_march", "cla_rate_per_10000", "started_during_year", "ceased_during_year"],
    "cin.csv": ["CPP_at_31_March", "CPP_subsequent_percent", "CPP_ended_2_years_or_more_percent"],
    "c4.csv": ["ICPC", "Duration_0-10_days", "Duration_11-15_days", "Duration_16-20_days"],
}


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def tables(years: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for name, indicators in LAYOUTS.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEAD + indicators)
        for year in range(2025 - years + 1, 2026):
            places = [("National", "", "", "")] + [
                ("Regional", f"E1299990{r}", "", "") for r in range(9)
            ]
            places += [
                ("Local authority", f"E1299990{la % 9}", f"E06998{la:03d}", f"Synthetic {la}")
                for la in range(153)
            ]
            for level, region, code, label in places:
                icpc = rng.randint(50, 900)
                values = {
                    "cla.csv": [rng.randint(100, 2000), rng.randint(40, 140), rng.randint(40, 800),
                                rng.randint(40, 800)],
                    "cin.csv": [rng.randint(50, 1500), round(rng.uniform(10, 30), 1),
                                rng.choice(["c", round(rng.uniform(1, 8), 1)])],
                    "c4.csv": [icpc, icpc // 10, icpc * 7 // 10, icpc // 10],
                }[name]  # fmt: skip
                writer.writerow(
                    [year, "Reporting year", level, "E92000001", "England", region,
                     f"Region {region[-1]}" if region else "", "800" if code else "", code, label,
                     *values]
                )  # fmt: skip
        out.append((name, buffer.getvalue()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="irohub-bench-benchmarking-")
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ["DATABASE_URL"] = options.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["IROHUB_COUNCIL_LA_CODE"] = "E06998000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from irohub.benchmarking.actions import load_published
    from irohub.benchmarking.models import PublishedFigure
    from irohub.benchmarking.queries import comparison
    from irohub.reporting.published import (
        charts_for,
        neighbours_table,
        read_neighbours,
        read_published,
        summary_table,
    )

    call_command("migrate", verbosity=0)
    files = tables(options.years)
    size = sum(len(text.encode()) for _, text in files)
    rows = sum(text.count("\n") - 1 for _, text in files)
    listed = "rank,new_la_code,la_name\n" + "".join(
        f"{i},E06998{i:03d},Synthetic {i}\n" for i in range(1, 11)
    )
    print(f"tables: {len(files)} files, {rows:,} rows, {size / 1e6:.2f} MB, {options.years} years")
    seconds, values = best_of(options.repeat, lambda: read_published(files))
    print(f"read and check (pure)         {seconds:8.3f} s  ({len(values):,} figures)")
    read_neighbours("n.csv", listed)
    started = time.perf_counter()
    load_published(actor=None, files=files, neighbours=("n.csv", listed))
    print(f"first load (one transaction)  {time.perf_counter() - started:8.3f} s")
    seconds, _ = best_of(
        options.repeat,
        lambda: load_published(actor=None, files=files, neighbours=("n.csv", listed)),
    )
    stored = PublishedFigure.objects.count()
    print(f"reload, every figure replaced {seconds:8.3f} s  ({stored:,} rows)")
    seconds, result = best_of(options.repeat, lambda: comparison())
    print(f"comparison, latest year       {seconds:8.3f} s  ({result.year})")
    seconds, _ = best_of(options.repeat, lambda: (summary_table(result), neighbours_table(result)))
    print(f"tables                        {seconds:8.3f} s")
    seconds, _ = best_of(options.repeat, lambda: [c.svg() for c in charts_for(result)])
    print(f"charts (SVG, {len(charts_for(result))})                {seconds:8.3f} s")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
