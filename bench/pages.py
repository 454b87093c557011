"""Response times of the everyday pages for a large council, on PostgreSQL.

    .venv/bin/python bench/pages.py [--children 5000] [--years 10] [--requests 200]
        [--database-url postgres://postgres:postgres@127.0.0.1:5432/irohub_bench]

Creates (or reuses) the benchmark database, fills it with the seeded demo council when it
does not already hold one of that size, then times through Django's test client — the
whole request cycle (middleware, view, queries, template) without a network hop:

- as the busiest IRO: My caseload, the child page (children from across the council) and a
  search by surname;
- as the service manager: the team page, and (a tenth as many requests) the performance
  page for the last complete year, one measure with its breakdowns and trend, and the
  drill-down list behind it, warm (served from the figures cache).

Prints the median and 95th percentile in milliseconds, the CPU time per request of this
process (the whole Django request: middleware, view, template) and of the PostgreSQL
backend serving it, the queries per page, and the load average. On a shared machine wall
times follow the load; CPU times are what a request costs, and what to compare. A
benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid: int) -> float | None:
    """CPU seconds used so far by a PostgreSQL backend on this machine (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def time_pages(client, urls: list[str]) -> tuple[list[float], list[float], float | None, list[int]]:
    """Wall and CPU milliseconds of each request, the database backend's CPU milliseconds a
    request (None when the database is on another machine), and each request's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    database_before = backend_cpu(backend)
    timings, cpu, queries = [], [], []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            started, used = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpu.append((time.process_time() - used) * 1000)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    database_after = backend_cpu(backend)
    database = (
        (database_after - database_before) * 1000 / len(urls)
        if database_before is not None and database_after is not None
        else None
    )
    return timings, cpu, database, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "IROHUB_BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/irohub_bench"
        ),
    )
    options = parser.parse_args()

    ensure_database(options.database_url)
    os.environ["DATABASE_URL"] = options.database_url
    os.environ.setdefault("SECRET_KEY", "irohub-benchmark-not-secret")
    os.environ["IROHUB_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count, Q
    from django.test import Client

    from irohub.accounts.models import IRO, UserRole
    from irohub.accounts.roles import SERVICE_MANAGER
    from irohub.children.models import Child
    from irohub.demo.load import load_demo_council
    from irohub.records.years import CollectionYear, year_slug

    User = get_user_model()
    call_command("migrate", verbosity=0)
    if Child.objects.count() == 0 or not Child.objects.filter(identifier__startswith="DC").exists():
        print(f"Loading a {options.children}-child, {options.years}-year demo council…")
        print(
            load_demo_council(
                children=options.children, years=options.years, seed=options.seed, replace=True
            ).summary()
        )
    # The benchmark signs people in with force_login: an IRO in post with the most
    # children, and a service manager of its own (the demo council has no sign-ins here).
    iro = (
        IRO.objects.filter(end_date__isnull=True)
        .select_related("user")
        .annotate(caseload=Count("allocations", filter=Q(allocations__end__isnull=True)))
        .order_by("-caseload", "id")
        .first()
    )
    manager, _ = User.objects.get_or_create(username="bench.service.manager")
    UserRole.objects.get_or_create(user=manager, role=SERVICE_MANAGER.key)
    UserRole.objects.get_or_create(user=iro.user, role="iro")

    client = Client()
    client.force_login(iro.user)
    children = list(Child.objects.values_list("pk", flat=True))
    rng = random.Random(options.seed)
    child_urls = [f"/children/{rng.choice(children)}/" for _ in range(options.requests)]
    caseload_urls = ["/caseload/"] * options.requests
    surnames = sorted(set(Child.objects.values_list("last_name", flat=True)))
    search_urls = [f"/children/?q={rng.choice(surnames)}" for _ in range(options.requests)]

    last_year = year_slug(CollectionYear.containing(date.today()).previous())
    performance = f"/performance/{last_year}/"
    manager_client = Client()
    manager_client.force_login(manager)
    heavy = max(1, options.requests // 10)
    pages = (
        ("My caseload", client, caseload_urls),
        ("Child page", client, child_urls),
        ("Search", client, search_urls),
        ("Team page", manager_client, ["/team/"] * options.requests),
        ("Performance", manager_client, [performance] * heavy),
        ("Measure", manager_client, [f"{performance}M-REV-01/"] * heavy),
        ("Drill-down", manager_client, [f"{performance}M-REV-01/rows/"] * heavy),
    )
    for _, who, urls in pages:
        time_pages(who, urls[:3])  # warm caches and connections
    caseload = iro.allocations.filter(end__isnull=True).count()
    print(f"\nCouncil: {Child.objects.count():,} children; IRO {iro} with {caseload} children")
    print(f"Load average before: {os.getloadavg()[0]:.2f}")
    print(
        f"{'page':<14}{'requests':>10}{'median ms':>12}{'p95 ms':>10}"
        f"{'CPU ms':>9}{'DB CPU ms':>11}{'queries':>9}"
    )
    for name, who, urls in pages:
        timings, cpu, database, queries = time_pages(who, urls)
        database_text = f"{database:.1f}" if database is not None else "n/a"
        print(
            f"{name:<14}{len(urls):>10}{statistics.median(timings):>12.1f}"
            f"{percentile(timings, 0.95):>10.1f}{statistics.median(cpu):>9.1f}"
            f"{database_text:>11}{max(queries):>9}"
        )
    print(f"Load average after: {os.getloadavg()[0]:.2f} (2 cores here: above 2, wall times wait)")


if __name__ == "__main__":
    main()
