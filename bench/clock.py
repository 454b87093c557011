"""Benchmark the looked-after review clock: how many children per second?

    .venv/bin/python bench/clock.py [--children N] [--seed S] [--today YYYY-MM-DD] [--repeat R]

Builds N synthetic care periods (start dates spread over 2008-2026, 0-20 reviews each at
plausible intervals, some late, some care periods ended) with a seeded generator, then
times `review_schedule` + `status_on(today)` for every one, R times (default 3), and
reports the best pass. Generation is not timed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

# Runnable from a plain checkout, without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from irohub.statutory import ReviewStatus, default_calendar, review_schedule

CarePeriod = tuple[date, list[date], date | None]

FIRST_START = date(2008, 1, 1)
LAST_START = date(2026, 12, 31)


def generate(children: int, seed: int, today: date) -> list[CarePeriod]:
    """Deterministic for a given seed and `today` (no review is held in the future)."""
    rng = random.Random(seed)
    span = (LAST_START - FIRST_START).days
    periods: list[CarePeriod] = []
    for _ in range(children):
        start = FIRST_START + timedelta(days=rng.randrange(span + 1))
        wanted = rng.randint(0, 20)
        held: list[date] = []
        when = start
        while len(held) < wanted:
            # Most reviews come a little before the deadline; about one in eight is late.
            gap = (22, 85, 170)[min(len(held), 2)] + rng.randint(-10, 5)
            if rng.random() < 0.125:
                gap += rng.randint(1, 30)
            when += timedelta(days=gap)
            if when > today:
                break
            held.append(when)
        end = None
        if len(held) == wanted or rng.random() < 0.1:
            # The child left care after the last review (or before the first).
            end = (held[-1] if held else start) + timedelta(days=rng.randint(0, 150))
            if end > today:
                end = None
        periods.append((start, held, end))
    return periods


def run(periods: list[CarePeriod], today: date) -> tuple[float, int]:
    calendar = default_calendar()  # built before timing starts: one per process
    overdue = 0
    started = time.perf_counter()
    for start, held, end in periods:
        schedule = review_schedule(start, held, period_end=end, calendar=calendar)
        if schedule.status_on(today) is ReviewStatus.OVERDUE:
            overdue += 1
    return time.perf_counter() - started, overdue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes; the best is reported, as timeit does"
    )
    args = parser.parse_args(argv)

    periods = generate(args.children, args.seed, args.today)
    default_calendar()
    passes = [run(periods, args.today) for _ in range(max(1, args.repeat))]
    seconds = min(elapsed for elapsed, _ in passes)
    overdue = passes[0][1]
    reviews = sum(len(held) for _, held, _ in periods)
    rate = args.children / seconds if seconds else float("inf")
    print(f"children: {args.children}")
    print(f"reviews: {reviews}")
    print(f"overdue on {args.today.isoformat()}: {overdue}")
    print(f"seconds (best of {len(passes)}): {seconds:.3f}")
    print(f"passes: {' '.join(f'{elapsed:.3f}' for elapsed, _ in passes)}")
    print(f"children per second: {rate:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
