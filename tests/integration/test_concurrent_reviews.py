"""Two reviews recorded at once for one child, through the real server (issue 11, defect 4).

`irohub serve` runs in a subprocess (gunicorn: a worker per core, 8 threads each) on a
database of its own: a SQLite file in the SQLite pass, a fresh PostgreSQL database beside
the test run's in the PostgreSQL pass (DATABASE_URL set). Real sign-ins, then pairs of
review forms posted at the same instant by real threads: for each child two different days
(both must be saved), and for others the same day twice (one saved, the other answered with
the form's error). No request may fail with a 500, and the review-clock cache (next due
date, reviews held) must match what was saved.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest

IROHUB = Path(sys.executable).with_name("irohub")
PASSWORD = "concurrency-synthetic-pass-1"
PAIRS = 10  # children with two different days, and as many with the same day twice

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from irohub.accounts.models import IRO, UserRole
from irohub.children.models import CarePeriod
from irohub.reviews.models import Review

today = timezone.localdate()
days = [today - timedelta(days=n) for n in (1, 2, 3)]
iro = IRO.objects.filter(end_date__isnull=True).select_related("user").first()
iro.user.set_password(%(password)r)
iro.user.is_active = True
iro.user.save()
UserRole.objects.get_or_create(user=iro.user, role="iro")
periods = (
    CarePeriod.objects.filter(end__isnull=True, start__lte=today - timedelta(days=30))
    .filter(child__date_of_birth__lte=today - timedelta(days=6 * 366))
    .exclude(child__restricted=True)
    .exclude(pk__in=Review.objects.filter(held__in=days).values("care_period_id"))
    .order_by("pk")
)
from irohub.reviews.actions import parents_on
children = [p.child for p in periods.select_related("child")[: 2 * %(pairs)d]]
print(json.dumps({
    "username": iro.user.username,
    "chair": iro.pk,
    "children": [child.pk for child in children],
    # Each parent's part in the review (M-PAR-04) is needed for everyone who was a parent
    # on any of the days.
    "parents": {
        str(child.pk): sorted({p.pk for d in days for p in parents_on(child, d)})
        for child in children
    },
    "days": [d.isoformat() for d in days],
}))
"""

CHECK = """
import json
from irohub.children.clock import refresh_review_clock
from irohub.reviews.models import Review
held = {}
reviews = Review.objects.filter(child_id__in=%(children)r)
for child_id, day in reviews.values_list("child_id", "held"):
    held.setdefault(str(child_id), []).append(day.isoformat())
print(json.dumps({"stale": refresh_review_clock(), "held": held}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database(tmp_path) -> Iterator[dict[str, str]]:
    """The environment of a server on a database of its own, of the kind the run tests."""
    url = os.environ.get("DATABASE_URL", "")
    # Plain HTTP on the loopback: cookies without the Secure flag, as the embedded default.
    env = {
        **os.environ,
        "SECRET_KEY": "concurrency-test-not-secret",
        "IROHUB_SECURE_COOKIES": "false",
    }
    env.pop("IROHUB_PUBLIC_URL", None)
    if not url:
        yield {**env, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path)}
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_serve_{os.getpid()}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _irohub(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(IROHUB), *args], capture_output=True, text=True, timeout=600, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _shell(env: dict[str, str], code: str) -> dict:
    out = _irohub(env, "manage", "shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """One person's session with the server: cookies, the CSRF token, raw status codes."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_in(self, username: str) -> None:
        _, page = self.request("/sign-in/")
        status, _ = self.request(
            "/sign-in/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.token(page)},
        )
        assert status == 302, "sign-in failed"


@pytest.fixture
def server(database) -> Iterator[tuple[str, dict]]:
    env = database
    _irohub(env, "demo", "--children", "80", "--years", "1", "--seed", "7")
    setup = _shell(env, SETUP % {"password": PASSWORD, "pairs": PAIRS})
    assert len(setup["children"]) == 2 * PAIRS
    port = _free_port()
    process = subprocess.Popen(
        [str(IROHUB), "serve", "--port", str(port), "--demo-children", "0", "--threads", "8"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.1)
        yield base, {**setup, "env": env}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_reviews_recorded_at_once_are_all_kept_without_a_500(server):
    base, setup = server
    env = setup.pop("env")
    assert _shell(env, CHECK % {"children": setup["children"]})["stale"] == 0
    day_1, day_2, day_3 = setup["days"]
    different = setup["children"][:PAIRS]
    same = setup["children"][PAIRS:]
    posts = [(child, day_1) for child in different] + [(child, day_2) for child in different]
    posts += [(child, day_3) for child in same] * 2

    # One sign-in; every thread posts with its cookies (as tabs of one browser would).
    browser = Browser(base)
    browser.sign_in(setup["username"])
    status, page = browser.request(f"/children/{posts[0][0]}/reviews/new/")
    assert status == 200
    token = browser.token(page)

    results: list[tuple[int, int, str, str]] = []
    start = threading.Barrier(len(posts))

    def post(child: int, day: str) -> None:
        year, month, dom = day.split("-")
        fields = {
            "csrfmiddlewaretoken": token,
            "held_day": str(int(dom)),
            "held_month": str(int(month)),
            "held_year": year,
            "participation": "PN1",
            "chair": str(setup["chair"]),
            "chairing": "iro",
            "meeting_format": "virtual",
            "interpreter_used": "no",
            "adjourned": "no",
            "late_reason": "iro_unavailable",  # kept only if the review was late
            **{f"parent_{person}": "attended" for person in setup["parents"][str(child)]},
        }
        start.wait()
        status, page = browser.request(f"/children/{child}/reviews/new/", fields)
        results.append((child, status, day, page))

    threads = [threading.Thread(target=post, args=(child, day)) for child, day in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    statuses = Counter(status for _, status, _, _ in results)
    assert len(results) == len(posts)
    assert set(statuses) <= {200, 302}, statuses  # no 500, no "database is locked"
    outcome = _shell(env, CHECK % {"children": setup["children"]})
    held = outcome["held"]
    for child in different:
        assert {day_1, day_2} <= set(held[str(child)]), f"a review of child {child} was lost"
    for child in same:
        assert held[str(child)].count(day_3) == 1
        answers = sorted(status for c, status, _, _ in results if c == child)
        assert answers == [200, 302], (child, answers)
        refused = next(page for c, status, _, page in results if c == child and status == 200)
        assert "is already recorded for this care period" in html.unescape(refused)
    # The cached next due date and review count were written from every review saved.
    assert outcome["stale"] == 0
