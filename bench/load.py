"""A load test of the real server: a team of signed-in staff using IRO Hub at once.

    .venv/bin/python bench/load.py [--staff 50] [--think 2.0] [--duration 60]
        [--saturation-staff 10] [--saturation-duration 30] [--workers N]
        [--children 5000] [--years 10] [--seed 1]
        [--database-url postgres://postgres:postgres@127.0.0.1:5432/irohub_bench_load]

Creates (or reuses) the benchmark database and fills it with the seeded demo council when
it does not hold one of that size, gives passwords to IROs with the largest caseloads and
to service managers made for the run, and starts `irohub serve` (gunicorn, one worker per
core unless --workers says otherwise) on a free port. Then, over HTTP with keep-alive
connections, as browsers do:

1. **Team run**: `--staff` people, three IROs to one manager, each signed in, waiting a
   random think time (exponential, mean `--think` seconds) between pages, for
   `--duration` seconds. An IRO opens My caseload, a child of their caseload, or searches
   by surname; a manager opens the team page, the performance page (year to date, or the
   last complete year), a measure, the list behind a figure, a child or a search.
2. **Saturation**: `--saturation-staff` IROs with no think time, caseload and child pages
   only, for `--saturation-duration` seconds: requests a second at full load.

Before the runs every page is opened once (figures warm in the cache, connections open).
For each run it prints, per page, the requests, the 50th/95th/99th percentile in
milliseconds and the errors (any answer but 200, or no answer), then requests a second,
and the CPU time per request of the server's worker processes, of the PostgreSQL
backends serving them and of the load generator itself (CPU, unlike wall time, says what
a request costs on a busy machine), and the load average. A benchmark, not a test: it
asserts nothing. The load generator runs on the same machine and takes CPU from the
server: on a small machine the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IROHUB = [sys.executable, "-m", "irohub.cli"]
DEFAULT_URL = "postgres://postgres:postgres@127.0.0.1:5432/irohub_bench_load"
PASSWORD = "bench-synthetic-password-1"
MEASURES = ("M-REV-01", "M-REV-03", "M-PAR-01", "M-WF-01", "M-POP-01")

SETUP = """
import json, random
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from irohub.accounts.models import IRO, UserRole
from irohub.children.models import Child
from irohub.records.years import CollectionYear, year_slug

User = get_user_model()
iros = (
    IRO.objects.filter(end_date__isnull=True)
    .select_related("user")
    .annotate(caseload=Count("allocations", filter=Q(allocations__end__isnull=True)))
    .filter(caseload__gt=0)
    .order_by("-caseload", "id")[: %(iros)d]
)
out = {"iros": [], "managers": []}
for iro in iros:
    iro.user.set_password(%(password)r)
    iro.user.is_active = True
    iro.user.save()
    UserRole.objects.get_or_create(user=iro.user, role="iro")
    children = list(iro.allocations.filter(end__isnull=True).values_list("child_id", flat=True))
    out["iros"].append({"username": iro.user.username, "children": children})
for number in range(%(managers)d):
    user, _ = User.objects.get_or_create(username=f"bench.manager.{number}")
    user.set_password(%(password)r)
    user.is_active = True
    user.save()
    UserRole.objects.get_or_create(user=user, role="service_manager")
    out["managers"].append(user.username)
out["children"] = list(Child.objects.values_list("pk", flat=True))
surnames = sorted(set(Child.objects.values_list("last_name", flat=True)))
out["surnames"] = random.Random(1).sample(surnames, min(50, len(surnames)))
today = timezone.localdate()
out["year"] = year_slug(CollectionYear(CollectionYear.to_date(today).start_year - 1))
out["this_year"] = year_slug(CollectionYear.to_date(today))
out["council"] = Child.objects.filter(care_periods__isnull=False).distinct().count()
print(json.dumps(out))
"""


# --- the database and the server ---------------------------------------------------------


def irohub(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [*IROHUB, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"irohub {' '.join(args[:2])} failed:\n{done.stderr.strip()}")
    return done.stdout


def ensure_council(url: str, env: dict[str, str], children: int, years: int, seed: int) -> None:
    import psycopg
    from psycopg import sql

    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not found.fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    irohub(env, "manage", "migrate", "--verbosity", "0")
    with psycopg.connect(url) as connection:
        # The children in care (the demo adds children on child protection plans too).
        held = connection.execute(
            "SELECT count(DISTINCT child_id) FROM children_careperiod"
        ).fetchone()[0]
    if held != children:
        print(f"Loading a {children:,}-child, {years}-year demo council (seed {seed})…")
        out = irohub(
            env,
            "demo",
            "--children",
            str(children),
            "--years",
            str(years),
            "--seed",
            str(seed),
            "--replace",
        )
        print(out.strip().splitlines()[-1] if out.strip() else "")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int | None) -> subprocess.Popen[str]:
    args = [*IROHUB, "serve", "--port", str(port), "--demo-children", "0"]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"irohub serve stopped:\n{process.stdout.read()}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("irohub serve did not start in 5 minutes")


# --- CPU time from /proc -----------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, None when it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def server_cpu(master: int) -> dict[int, float]:
    """CPU seconds of the server: its master process (which serves itself when it has no
    workers) and each web worker (the master's children, less the task worker)."""
    own = _cpu(master)
    found = {master: own[1]} if own else {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        got = _cpu(int(entry.name))
        if got is None or got[0] != master:
            continue
        try:
            if b"db_worker" in (entry / "cmdline").read_bytes():
                continue
        except OSError:
            continue
        found[int(entry.name)] = got[1]
    return found


def database_cpu(url: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to the benchmark's database."""
    import psycopg

    name = url.rpartition("/")[2]
    with psycopg.connect(url) as connection:
        pids = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    found = {}
    for (pid,) in pids:
        got = _cpu(pid)
        if got is not None:
            found[pid] = got[1]
    return found


def used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


# --- one person in a browser -------------------------------------------------------------


@dataclass
class Browser:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                answer = self.connection.getresponse()
                content = answer.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: a browser reconnects.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if answer.headers.get("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return answer.status, content

    def sign_in(self, username: str) -> None:
        _, page = self.request("GET", "/sign-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no sign-in form"
        form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": username}
        status, _ = self.request("POST", "/sign-in/", {**form, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"could not sign in as {username} (HTTP {status})")


# --- what people do ----------------------------------------------------------------------


@dataclass
class Person:
    username: str
    pages: list[tuple[float, str, Callable[[], str]]]  # (weight, page name, () -> path)

    def next_page(self, rng: random.Random) -> tuple[str, str]:
        weights = [weight for weight, _, _ in self.pages]
        _, name, path = rng.choices(self.pages, weights)[0]
        return name, path()


def iro(plan: dict, details: dict, rng: random.Random, *, searching: bool = True) -> Person:
    children = details["children"]
    pages = [
        (0.4, "My caseload", lambda: "/caseload/"),
        (0.4, "Child page", lambda: f"/children/{rng.choice(children)}/"),
    ]
    if searching:
        surnames = plan["surnames"]
        pages.append(
            (0.2, "Search", lambda: "/children/?q=" + urllib.parse.quote(rng.choice(surnames)))
        )
    return Person(details["username"], pages)


def manager(plan: dict, username: str, rng: random.Random) -> Person:
    years = [plan["year"], plan["this_year"]]
    surnames, children = plan["surnames"], plan["children"]
    return Person(
        username,
        [
            (0.30, "Team page", lambda: "/team/"),
            (0.20, "Performance page", lambda: f"/performance/{rng.choice(years)}/"),
            (0.15, "Measure", lambda: f"/performance/{rng.choice(years)}/{rng.choice(MEASURES)}/"),
            (
                0.10,
                "Drill-down",
                lambda: f"/performance/{plan['year']}/{rng.choice(MEASURES)}/rows/",
            ),
            (0.15, "Child page", lambda: f"/children/{rng.choice(children)}/"),
            (0.10, "Search", lambda: "/children/?q=" + urllib.parse.quote(rng.choice(surnames))),
        ],
    )


def team(plan: dict, staff: int, seed: int) -> list[Person]:
    """Three IROs to one manager (at least one manager when there are four or more)."""
    managers = staff // 4
    iros = staff - managers
    rng = random.Random(seed)
    # A small council has fewer IROs than the run has people: some sign in twice.
    people = [iro(plan, plan["iros"][n % len(plan["iros"])], rng) for n in range(iros)]
    people += [manager(plan, name, rng) for name in plan["managers"][:managers]]
    return people


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)
    generator_cpu: float = 0.0

    def add(self, page: str, milliseconds: float, ok: bool) -> None:
        with self.lock:
            self.timings[page].append(milliseconds)
            if not ok:
                self.errors[page] += 1


def run(
    port: int,
    people: list[Person],
    browsers: list[Browser],
    *,
    think: float,
    seconds: float,
    seed: int,
) -> tuple[Results, float]:
    results = Results()
    start = threading.Barrier(len(people) + 1)
    stop_at: list[float] = []

    def act(person: Person, number: int) -> None:
        rng = random.Random(f"{seed}-{number}")
        browser = browsers[number]
        start.wait()
        if think:
            time.sleep(rng.uniform(0, think))  # people do not all start at the same instant
        while time.monotonic() < stop_at[0]:
            page, path = person.next_page(rng)
            began = time.perf_counter()
            try:
                status, _ = browser.request("GET", path)
                ok = status == 200
            except OSError:
                ok = False
                browser.connection = None
            results.add(page, (time.perf_counter() - began) * 1000, ok)
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, stop_at[0] - time.monotonic())))

    threads = [threading.Thread(target=act, args=(p, n), daemon=True) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    stop_at.append(time.monotonic() + seconds)
    began = time.monotonic()
    generator = time.process_time()  # this process, every thread: the load generator
    start.wait()
    for thread in threads:
        thread.join()
    results.generator_cpu = time.process_time() - generator
    return results, time.monotonic() - began


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def report(
    title: str, results: Results, elapsed: float, server: float, database: float | None
) -> None:
    total = sum(len(t) for t in results.timings.values())
    errors = sum(results.errors.values())
    print(f"\n{title}")
    print(f"{'page':<18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for page in sorted(results.timings):
        timings = results.timings[page]
        print(
            f"{page:<18}{len(timings):>9}{percentile(timings, 0.5):>9.0f}"
            f"{percentile(timings, 0.95):>9.0f}{percentile(timings, 0.99):>9.0f}"
            f"{results.errors[page]:>8}"
        )
    rate = total / elapsed if elapsed else 0.0
    print(f"{'all':<18}{total:>9}{'':>27}{errors:>8}")
    print(f"requests a second: {rate:.1f} over {elapsed:.0f} s")
    if total:
        line = f"CPU per request: server workers {server / total * 1000:.1f} ms"
        if database is not None:
            line += f", PostgreSQL backends {database / total * 1000:.1f} ms"
        line += f", the load generator {results.generator_cpu / total * 1000:.1f} ms"
        print(line)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--think", type=float, default=2.0, help="mean think time, seconds")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--saturation-staff", type=int, default=10)
    parser.add_argument("--saturation-duration", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", default=os.environ.get("IROHUB_BENCH_LOAD_DATABASE_URL", DEFAULT_URL)
    )
    options = parser.parse_args()
    if options.staff < 1 or options.saturation_staff < 0:
        parser.error("--staff must be at least 1 and --saturation-staff 0 or more")

    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "irohub-benchmark-not-secret"),
        "IROHUB_SECURE_COOKIES": "false",
        "IROHUB_PUBLIC_URL": "",
        # Many staff sign in from one address within a minute: not a password sprayer.
        "IROHUB_SIGN_IN_ADDRESS_ATTEMPTS": "100000",
    }
    ensure_council(options.database_url, env, options.children, options.years, options.seed)
    iros_needed = max(options.staff - options.staff // 4, options.saturation_staff)
    managers = max(1, options.staff // 4)
    plan = json.loads(
        irohub(
            env,
            "manage",
            "shell",
            "-c",
            SETUP % {"iros": iros_needed, "managers": managers, "password": PASSWORD},
        )
        .strip()
        .splitlines()[-1]
    )
    port = free_port()
    server = start_server(env, port, options.workers)
    try:
        people = team(plan, options.staff, options.seed)
        saturating = [
            iro(plan, plan["iros"][n % len(plan["iros"])], random.Random(n), searching=False)
            for n in range(options.saturation_staff)
        ]
        # Each person signs in in a browser of their own (a session each).
        browsers = [Browser(port) for _ in people]
        saturating_browsers = [Browser(port) for _ in saturating]
        for person, browser in zip(
            people + saturating, browsers + saturating_browsers, strict=True
        ):
            browser.sign_in(person.username)
        # Every page once: figures into the cache, connections open in every worker.
        for person, browser in zip(
            people + saturating, browsers + saturating_browsers, strict=True
        ):
            for _, _, path in person.pages:
                browser.request("GET", path())
        who = Browser(port)
        who.sign_in(plan["managers"][0])
        for year in (plan["year"], plan["this_year"]):
            for measure in MEASURES:
                who.request("GET", f"/performance/{year}/{measure}/")
                who.request("GET", f"/performance/{year}/{measure}/rows/")

        workers = server.pid
        print(
            f"Council: {plan['council']:,} children; server: irohub serve "
            f"({len(server_cpu(workers)) - 1 or 'no'} worker processes) on PostgreSQL; "
            f"{options.staff} staff ({options.staff - options.staff // 4} IROs, "
            f"{options.staff // 4} managers)"
        )
        cpu, db = server_cpu(workers), database_cpu(options.database_url)
        results, elapsed = run(
            port, people, browsers, think=options.think, seconds=options.duration, seed=options.seed
        )
        report(
            f"Team run: {options.staff} staff, mean think time {options.think:g} s, "
            f"{options.duration:g} s",
            results,
            elapsed,
            used(cpu, server_cpu(workers)),
            used(db, database_cpu(options.database_url)),
        )
        if options.saturation_staff:
            cpu, db = server_cpu(workers), database_cpu(options.database_url)
            results, elapsed = run(
                port,
                saturating,
                saturating_browsers,
                think=0.0,
                seconds=options.saturation_duration,
                seed=options.seed,
            )
            report(
                f"Saturation: {options.saturation_staff} IROs, no think time, caseload and "
                f"child pages, {options.saturation_duration:g} s",
                results,
                elapsed,
                used(cpu, server_cpu(workers)),
                used(db, database_cpu(options.database_url)),
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
