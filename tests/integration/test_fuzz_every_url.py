"""No input gives a 500: a property-based test (hypothesis) over every address of the URL
conf, every query parameter its pages use and every field of every form they show.

Nothing here is a hand list that could go stale: the addresses come from the URL conf
(test_access_rules.ROUTES), and each page is opened once to find its parameters (the
query parameters of its links, the fields of its GET and POST forms). Hypothesis then
sends those parameters and fields with hostile values (long digits, other scripts' digits,
NUL, dates and years out of range, markup, huge text) and with names of its own, and
fails on any answer of 500 or more. Counts of the answers by status code are printed
(`-s`) and, with IROHUB_FUZZ_REPORT=file, written as JSON for the issue's closing note.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter, defaultdict
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from irohub.accounts.models import IRO, UserRole
from irohub.accounts.roles import ROLES
from irohub.annual_report.queries import VERSIONS
from irohub.annual_report.render import MEDIA_TYPES
from irohub.children.models import CarePeriod
from irohub.conferences.actions import start_protection
from irohub.conferences.models import ProtectionCase
from irohub.demo.load import load_demo_council
from irohub.fostering.models import Household
from irohub.records.years import CollectionYear, year_slug
from irohub.reviews.models import Review
from tests.factories.records import user_with_role
from tests.integration.test_access_rules import ROUTES

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BUDGET_SECONDS = 75.0  # the whole fuzz, per database, beside discovery (sized for 2 cores)
# Signing out would end the session the fuzz uses, and failed sign-ins would lock its address
# out. Sign-in's own bad input is tested in test_sign_in.py (this fuzz found there that a
# 5,000-character username gave a 500 on PostgreSQL: django-axes' 255-character column).
SKIP_ROUTES = {"logout", "sign_in"}

# Values that broke pages before (issue 11, defect 6) and their kin: long digits, other
# scripts' digits, NUL, years and dates out of range, markup, huge text.
HOSTILE = [
    "1" * 20,
    "9" * 400,
    "²",
    "٣",
    "\x00",
    "9999-00",
    "0000-01",
    "-1",
    "",
    "2025-13-45",
    "1e309",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂",
    "x" * 5000,
    "=cmd|' /C calc'!A0",
]
hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(HOSTILE),  # twice: known dangers weigh more than random text
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


class Forms(HTMLParser):
    """The links' query parameters and the forms (method, action, fields) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(unescape(a["href"]))
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": unescape(a.get("action") or ""),
                "fields": defaultdict(list),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea"):
            name = a.get("name")
            if name and a.get("type") not in ("submit",):
                value = a.get("value")
                self._form["fields"][name].append("" if value is None else unescape(value))
        elif self._form is not None and tag == "option" and a.get("value"):
            last = list(self._form["fields"])[-1] if self._form["fields"] else None
            if last:
                self._form["fields"][last].append(unescape(a["value"]))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _path_values(child_id: int) -> dict[str, list[str]]:
    """Real values for each kind of path parameter, so the fuzz reaches past the 404."""
    year = CollectionYear.to_date(timezone.localdate())
    return {
        "child_id": [str(child_id)],
        # A review of that child (its preparation and views page), when it has one.
        "review_id": [
            str(pk)
            for pk in Review.objects.filter(child_id=child_id).values_list("pk", flat=True)[:1]
        ]
        or ["1"],
        # A fostering household of the demo council (its pages and forms).
        "household_id": [
            str(pk)
            for pk in Household.objects.filter(deregistered__isnull=True).values_list(
                "pk", flat=True
            )[:1]
        ]
        or ["1"],
        "year": [year_slug(year), year_slug(year.previous())],
        "measure_id": ["M-REV-01"],
        "version": sorted(VERSIONS),
        "output": sorted(MEDIA_TYPES),
    }


class Target:
    """One address with its method and the parameters its page uses."""

    def __init__(self, route: str, method: str, address: str, client: Client) -> None:
        self.route, self.method, self.address, self.client = route, method, address, client
        self.params: dict[str, list[str]] = defaultdict(list)
        self.path_names = re.findall(r"<(\w+):(\w+)>", route)
        self.cost = 0.0

    def __repr__(self) -> str:
        return f"{self.method} {self.address}"


def _discover(client: Client, anonymous: Client, child_id: int) -> list[Target]:
    values = _path_values(child_id)
    targets: dict[tuple[str, str], Target] = {}
    for route, pattern in ROUTES:
        if pattern.name in SKIP_ROUTES:
            continue
        who = anonymous if pattern.callback.access_rule == "public" else client
        for address in [_build(route, values, {})]:
            get = targets.setdefault((address, "get"), Target(route, "get", address, who))
            started = time.perf_counter()
            response = who.get(address)
            get.cost = time.perf_counter() - started
            assert response.status_code < 500, address
            if "text/html" not in response.get("Content-Type", ""):
                continue
            page = Forms()
            page.feed(response.content.decode())
            for href in page.links:
                parts = urlsplit(href)
                if parts.path in ("", address) and parts.query:
                    for name, value in parse_qsl(parts.query, keep_blank_values=True):
                        get.params[name].append(value)
            for form in page.forms:
                action = urlsplit(form["action"]).path or address
                if resolve(action).url_name in SKIP_ROUTES:
                    continue  # the header's sign-out button
                method = form["method"]
                key = (action, method)
                if key not in targets:
                    targets[key] = Target(route, method, action, who)
                    targets[key].cost = get.cost
                for name, found in form["fields"].items():
                    targets[key].params[name].extend(found)
    return list(targets.values())


@pytest.fixture
def council():
    load_demo_council(children=20, years=1, seed=3)
    iro = IRO.objects.filter(end_date__isnull=True).select_related("user").first()
    for role in ("service_manager", "auditor"):
        UserRole.objects.get_or_create(user=iro.user, role=role)
    period = CarePeriod.objects.filter(end__isnull=True).order_by("pk").first()
    # On a child protection plan too, so the conference form is there to fuzz.
    if not ProtectionCase.objects.filter(child_id=period.child_id, ended__isnull=True).exists():
        start_protection(
            actor=None,
            child=period.child,
            start=timezone.localdate() - timedelta(days=3),
            chair=iro,
        )
    return iro.user, period.child_id


def test_no_parameter_of_any_address_gives_a_500(council):
    user, child_id = council
    client = Client(raise_request_exception=False)
    client.force_login(user)
    anonymous = Client(raise_request_exception=False)
    targets = _discover(client, anonymous, child_id)
    values = _path_values(child_id)
    routes = {target.route for target in targets}
    assert {route for route, pattern in ROUTES if pattern.name not in SKIP_ROUTES} <= routes
    assert any(target.method == "post" for target in targets)

    counts: Counter[int] = Counter()
    failures: list[str] = []
    share = BUDGET_SECONDS / len(targets)

    for target in targets:
        _fuzz(target, values, share, counts, failures)

    # Still signed in: the answers above were the pages', not the sign-in page's.
    assert client.get("/caseload/").status_code == 200
    report = {
        "database": _vendor(),
        "requests": sum(counts.values()),
        "by_status": dict(sorted(counts.items())),
    }
    print("\nfuzz:", json.dumps(report))
    if path := os.environ.get("IROHUB_FUZZ_REPORT"):
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(report) + "\n")
    assert failures == [], "\n".join(failures[:20])


# Every part of every request is also sent with each of these once (hypothesis's explicit
# examples), whatever the random draws: the classes of value that gave 500s before.
KILLERS = ["9" * 20, "²", "\x00", "9999-00"]


def _fuzz(
    target: Target,
    values: dict[str, list[str]],
    share: float,
    counts: Counter[int],
    failures: list[str],
) -> None:
    """Hypothesis on one target: the page's own values with one part (or, now and then,
    every part, or a part of its own) hostile, so that a bad value reaches as deep as a
    good form goes; each part with each KILLERS value, and as many random examples besides
    as the target's share of the time allows."""
    names = sorted(target.params)
    kinds = dict((name, kind) for kind, name in target.path_names)
    choices = [*names, "<every>", "<new>"]

    def run(spoiled: str, value: str, extra: str, path: str | None) -> None:
        params = {name: target.params[name][:1] for name in names}
        if spoiled == "<every>":
            params = {name: [value] for name in names}
        elif spoiled == "<new>":
            params[extra] = [value]
        elif spoiled.startswith("/"):
            pass  # the path part below
        else:
            params[spoiled] = [value]
        address = target.address
        if path is not None:
            address = _build(target.route, values, {path: value})
        send = target.client.post if target.method == "post" else target.client.get
        response = send(address, params)
        counts[response.status_code] += 1
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            failures.append(f"{target.method.upper()} {address} {params!r}: {error and error[1]!r}")

    path_names = st.sampled_from(sorted(kinds)) if kinds else st.none()

    @settings(
        max_examples=max(2, min(20, int(share / max(target.cost, 0.02)))),
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        spoiled=st.sampled_from(choices),
        value=hostile,
        extra=st.text(min_size=1, max_size=12),
        path=st.one_of(st.none(), path_names),
    )
    def fuzz(spoiled: str, value: str, extra: str, path: str | None) -> None:
        if path is not None and kinds[path] == "int":
            value = "".join(ch for ch in value if ch.isascii() and ch.isdigit()) or "9" * 30
        if path is not None:
            value = value.replace("/", "").replace("?", "") or "x"
        run(spoiled, value, extra, path)

    for name in [*names, "<every>"]:
        for killer in KILLERS:
            fuzz = example(spoiled=name, value=killer, extra="x", path=None)(fuzz)
    for name, kind in kinds.items():
        for killer in KILLERS if kind != "int" else ["9" * 30]:
            fuzz = example(spoiled="/", value=killer, extra="x", path=name)(fuzz)
    fuzz()


def _build(route: str, values: dict[str, list[str]], override: dict[str, str]) -> str:
    """The address of `route` with real values, and `override`'s percent-encoded."""
    address = "/" + route
    for name in re.findall(r"<(?:\w+:)?(\w+)>", route):
        value = quote(override[name], safe="") if name in override else values.get(name, ["x"])[0]
        address = re.sub(rf"<(?:\w+:)?{name}>", value, address, count=1)
    return address


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def test_every_role_opens_and_posts_to_every_address_without_a_500(council):
    """The fuzz above signs in with every permission at once; a page may still break for a
    role that may open it but not act on it (an auditor posting to an IRO's form), or for an
    account holding a role without the profile it usually comes with (an IRO role and no IRO
    record). Each role on its own, with no profile, opens every address and posts to it
    empty: the answer is a page, a refusal or a redirect, never a 500."""
    _, child_id = council
    values = _path_values(child_id)
    failures = []
    for role in sorted(ROLES):
        client = Client(raise_request_exception=False)
        client.force_login(user_with_role(role, username=f"every-address-{role}"))
        for route, pattern in ROUTES:
            if pattern.name in SKIP_ROUTES or pattern.callback.access_rule == "public":
                continue
            address = _build(route, values, {})
            for method in (client.get, client.post):
                status = method(address).status_code
                if status >= 500:
                    failures.append(f"{role}: {method.__name__.upper()} {address} gave {status}")
    assert failures == [], "\n".join(failures)
