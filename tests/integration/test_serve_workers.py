"""`irohub serve` serves on every core: several worker processes answer requests at once
(issue 16, item 1), and a write by any process changes the figures they serve at once, the
task worker precomputing the current year (item 3); on a database of its own of the kind
this pass tests (a SQLite file in the SQLite pass, PostgreSQL in the PostgreSQL pass).

The proof that the workers really share the work is read from the operating system: the
CPU time of each worker process (children of the `irohub serve` process, gunicorn's
master) grows while the requests are answered, and every answer is right."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from tests.integration.irohub_server import Client, irohub, own_database, serving

pytestmark = [pytest.mark.slow]

PASSWORD = "workers-synthetic-pass-1"
# An IRO of the demo council, signed in with a password set for the test.
SETUP = """
import json
from irohub.accounts.models import IRO, UserRole
iro = IRO.objects.filter(end_date__isnull=True).select_related("user").order_by("pk").first()
iro.user.set_password(%(password)r)
iro.user.is_active = True
iro.user.save()
UserRole.objects.get_or_create(user=iro.user, role="iro")
print(json.dumps({"username": iro.user.username}))
"""


def worker_processes(master: int) -> dict[int, float]:
    """The master's web worker processes (not the task worker beside them) and the CPU
    seconds (user + system) each has used."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:  # the process ended meanwhile
            continue
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[1]) == master and b"db_worker" not in command:  # ppid
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / 100
    return found


@pytest.fixture
def database(tmp_path):
    with own_database(tmp_path) as env:
        yield env


def test_worker_processes_answer_requests_at_once(database):
    env = database
    made = irohub("demo", "--children", "30", "--years", "1", "--seed", "3", env=env)
    assert made.returncode == 0, made.stderr
    shell = irohub("manage", "shell", "-c", SETUP % {"password": PASSWORD}, env=env)
    assert shell.returncode == 0, shell.stderr
    username = json.loads(shell.stdout.strip().splitlines()[-1])["username"]

    with serving(env, "--demo-children", "0", "--workers", "2", "--threads", "2") as server:
        browser = Client(server.port)
        assert browser.sign_in(username, PASSWORD).status == 302
        before = worker_processes(server.process.pid)
        assert len(before) == 2, f"expected two worker processes, found {before}"

        answers: list[int] = []
        start = threading.Barrier(8)

        def ask() -> None:
            # Each thread is one tab of the same signed-in browser, asking over and over.
            tab = Client(server.port)
            tab.cookies = dict(browser.cookies)
            start.wait()
            for _ in range(8):
                page = tab.get("/caseload/")
                answers.append(page.status if "My caseload" in page.text else -page.status)

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=240)
        after = worker_processes(server.process.pid)

    assert Counter(answers) == Counter({200: 64}), Counter(answers)
    assert set(after) == set(before), "a worker was restarted (it crashed or timed out)"
    busy = {pid: after[pid] - before[pid] for pid in before}
    # 64 pages of 30 children: each worker did a real share (a page costs tens of ms).
    assert all(seconds >= 0.05 for seconds in busy.values()), busy


@pytest.mark.database_independent
def test_the_embedded_default_makes_the_demo_once_and_uses_the_write_ahead_log(tmp_path):
    env = {"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path)}
    with serving(env, "--demo-children", "30", "--workers", "2") as server:
        # Both workers answer from the database the demo was written to before they started.
        assert Client(server.port).get("/healthz").status == 200
        workers = worker_processes(server.process.pid)
    output = server.stop()
    assert output.count("Creating the demo council") == 1, output
    assert "2 worker processes, 4 threads each" in output
    assert len(workers) == 2
    with sqlite3.connect(tmp_path / "irohub.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        in_care = "SELECT count(DISTINCT child_id) FROM children_careperiod"
        assert db.execute(in_care).fetchone()[0] == 30


# A service manager with a password set for the test, and the last complete year.
MANAGER = """
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from irohub.accounts.models import UserRole
from irohub.records.years import CollectionYear, year_slug
user = get_user_model().objects.create_user("figures.manager", password=%(password)r)
UserRole.objects.create(user=user, role="service_manager")
past = CollectionYear(CollectionYear.to_date(timezone.localdate()).start_year - 1)
print(json.dumps({"year": year_slug(past), "start": str(past.start), "end": str(past.end)}))
"""
# Another process writes to the register: one review of the year deleted.
WRITE = """
from irohub.reviews.models import Review
Review.objects.filter(held__gte=%(start)r, held__lte=%(end)r).order_by("pk").first().delete()
"""
# Waits (up to two minutes) for the task worker to cache the current year's figures.
PRECOMPUTED = """
import time
from django.utils import timezone
from irohub.core.register_version import is_cached
from irohub.performance.queries import _key
from irohub.records.years import CollectionYear
year = CollectionYear.to_date(timezone.localdate())
for _ in range(240):
    if is_cached("year", _key(year)):
        print("precomputed")
        break
    time.sleep(0.5)
"""


def reviews_held(client: Client, year: str) -> str:
    page = client.get(f"/performance/{year}/?format=csv")
    assert page.status == 200, page.text[:300]
    rows = list(csv.reader(io.StringIO(page.text.lstrip("\ufeff"))))
    column = rows[0].index("Measure ID")
    return next(row for row in rows if row[column] == "M-REV-06")[rows[0].index("Figure")]


def test_a_write_by_another_process_shows_at_once_and_is_precomputed(database):
    env = database
    made = irohub("demo", "--children", "30", "--years", "3", "--seed", "5", env=env)
    assert made.returncode == 0, made.stderr
    shell = irohub("manage", "shell", "-c", MANAGER % {"password": PASSWORD}, env=env)
    assert shell.returncode == 0, shell.stderr
    year = json.loads(shell.stdout.strip().splitlines()[-1])

    with serving(env, "--demo-children", "0", "--workers", "2", "--threads", "2") as server:
        browser = Client(server.port)
        assert browser.sign_in("figures.manager", PASSWORD).status == 302
        before = int(reviews_held(browser, year["year"]))
        assert [int(reviews_held(browser, year["year"])) for _ in range(3)] == [before] * 3

        written = irohub("manage", "shell", "-c", WRITE % year, env=env)
        assert written.returncode == 0, written.stderr
        # Whichever worker answers, the figure has changed at once.
        assert [int(reviews_held(browser, year["year"])) for _ in range(4)] == [before - 1] * 4

        waited = irohub("manage", "shell", "-c", PRECOMPUTED, env=env)
        assert "precomputed" in waited.stdout, waited.stderr


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (("serve", "--workers", "0"), {}, "--workers: 0 must be at least 1"),
        (("serve", "--threads", "many"), {}, "--threads: 'many' is not a whole number"),
        (("manage", "check"), {"IROHUB_CACHE_URL": "memcached://cache:11211"}, "IROHUB_CACHE_URL"),
    ],
)
def test_bad_server_options_are_named(tmp_path, args, env, named):
    done = irohub(*args, env={"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path), **env})
    assert done.returncode != 0
    assert named in done.stderr, done.stderr
