"""A restricted child is seen only by the people named on the record, everywhere.

The rule lives in one place (irohub.children.access). This test does not trust any list to
use it: it signs in as each role, walks every page and download the workspace links to
(every list, drill-down, CSV and Excel file, search, caseload, team page, report), and
reads each for a restricted child's identifier, name or record link. A person named on
the records walks the same pages and must find them (so the walk reaches the lists), and
every address of the URL conf is reached by some walk.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter, deque
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from irohub.accounts.models import Team
from irohub.advocacy.actions import record_referral
from irohub.allocation.models import Allocation
from irohub.annual_report.actions import add_planned_action, add_section
from irohub.children.access import hidden_children, may_see, visible_children
from irohub.children.models import CarePeriod, Child
from irohub.demo.load import load_demo_council
from irohub.immigration.actions import record_application
from irohub.letters.actions import write_allocation_letters
from irohub.oversight.actions import record_visitor_offer
from irohub.records.advocacy import REASONS
from irohub.records.years import CollectionYear
from irohub.reviews.models import Review
from tests.factories import SocialWorkerAllocationFactory
from tests.factories.workspace import (
    social_work_manager_of,
    social_worker_with_role,
    user_in_role,
)
from tests.integration.test_access_rules import ROUTES, concrete

pytestmark = pytest.mark.django_db

# Never followed: leaving, Django's admin (it has its own rule, structure-writes' test),
# static files, and PDFs (the same report as the Word file, 10 s each to draw).
SKIP = ("/sign-out/", "/admin/", "/static/", "/sign-in/")
LIMIT = 1500  # addresses per walk: a bound, far above what the shapes allow


@pytest.fixture
def council():
    load_demo_council(children=40, years=2, seed=5)
    today = timezone.localdate()
    in_care = CarePeriod.objects.filter(end__isnull=True).values("child_id")
    reviewed = Review.objects.values("child_id")
    allocated = Allocation.objects.filter(start__lte=today).values("child_id")
    candidates = list(
        Child.objects.filter(pk__in=in_care)
        .filter(pk__in=reviewed)
        .filter(pk__in=allocated)
        .order_by("pk")
    )
    assert len(candidates) >= 6
    restricted = candidates[::3][:4]
    # One restricted child with no IRO, so the team page's unallocated list is walked too.
    unallocated = next(
        (c for c in Child.objects.filter(pk__in=in_care).exclude(pk__in=allocated)), None
    )
    if unallocated is not None:
        restricted.append(unallocated)
    named = user_in_role("service_manager", username="named-manager")
    for child in restricted:
        child.restricted = True
        child.save(update_fields=["restricted"])
        child.restricted_to.set([named])
    # The IRO walking is allocated a restricted child but is not named on it.
    allocation = Allocation.objects.filter(child=restricted[0], start__lte=today).latest("start")
    iro = allocation.iro
    team = Team.objects.get(pk=iro.team_id)
    people = {
        "iro": iro.user,
        "team_manager": user_in_role("team_manager", username="walk-team-manager"),
        "service_manager": user_in_role("service_manager", username="walk-service-manager"),
        "auditor": user_in_role("auditor", username="walk-auditor"),
        "administrator": user_in_role("administrator", username="walk-administrator"),
    }
    team.managers.add(people["team_manager"])
    # A social worker holds a restricted child (the restriction was added after, so they are
    # not named on it) and an open one; their manager holds both through the team.
    worker = social_worker_with_role(username="walk-social-worker")
    people["social_worker"] = worker.user
    people["social_work_manager"] = social_work_manager_of(
        worker.team, username="walk-social-work-manager"
    )
    open_child = next(c for c in candidates if c not in restricted)
    for child in (restricted[0], open_child):
        SocialWorkerAllocationFactory(child=child, social_worker=worker, start=today)
        # An open advocacy referral, so that the walk reaches the page recording its outcome.
        record_referral(actor=None, child=child, referred=today, reason=next(iter(REASONS)))
        # An independent visitor waiting and an immigration application waiting for a
        # decision, so that the walk reaches the pages recording what came of them.
        if not child.visitor_offers.filter(outcome="waiting").exists():
            record_visitor_offer(actor=None, child=child, offered=today)
        record_application(actor=None, child=child, kind="eu_settlement", made=today)
    # Letters about an open child's IRO, a section the manager added to the latest report and
    # an action of its plan, so that the walk reaches the pages that show each.
    write_allocation_letters(
        actor=None, allocation=Allocation.objects.filter(child=open_child).latest("start")
    )
    year = CollectionYear.to_date(today)
    year = year if year.complete else year.previous()
    add_section(year=year, actor=None, title="Resource issues")
    add_planned_action(
        year=year,
        actor=None,
        fields={"action": "Audit", "owner": "Manager", "timescale": "March", "impact": "M-REV-01"},
    )
    return {"restricted": restricted, "named": named, "people": people, "iro": iro}


def _markers(child: Child) -> dict[str, re.Pattern[str]]:
    return {
        "identifier": re.compile(rf"(?<![\w-]){re.escape(child.identifier)}(?![\w-])"),
        "name": re.compile(re.escape(f"{child.first_name} {child.last_name}")),
        "record link": re.compile(rf"/children/{child.pk}/(?!\d)"),
    }


def _text(response) -> tuple[str, str]:
    """(kind, text) of a response: HTML, CSV, Excel or Word as plain text."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        cells = [
            "" if value is None else str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        ]
        return "xlsx", "\n".join(cells)
    if "wordprocessingml" in kind:
        document = Document(io.BytesIO(body))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "docx", "\n".join(parts)
    if "text/csv" in kind:
        return "csv", body.decode("utf-8-sig")
    return "html", body.decode("utf-8", "replace")


def _links(page: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"]+)"', page):
        href = html.unescape(href)
        if href.startswith(("#", "mailto:", "http:", "https:", "//")):
            continue
        found.append(href)
    return found


def _absolute(base: str, href: str) -> str:
    if href.startswith("?"):
        return urlsplit(base).path + href
    if not href.startswith("/"):
        return urlsplit(base).path.rsplit("/", 1)[0] + "/" + href
    return href


# Addresses of one shape show the same kind of list, so a walk visits a few of each
# shape: every measure's drill-down lists (pages and CSV files) of the year it reaches
# first, but only a few Excel files (the same tables as the CSV files), lists filtered to
# one group, children's pages and one year's annual report (5 s to build each).
ROW_PARAMS = {"which", "format", "page", "table"}


def _shape(address: str) -> tuple[tuple[object, ...], int]:
    """(the shape of an address, how many of that shape a walk visits)."""
    parts = urlsplit(address)
    match = resolve(parts.path)
    query = parse_qs(parts.query)
    kwargs = {k: v for k, v in match.kwargs.items() if k not in ("child_id", "year")}
    which = query.get("which", ["numerator"])[0]
    output = query.get("format", [""])[0]
    filtered = bool(set(query) - ROW_PARAMS)
    if match.url_name == "performance_rows":
        if filtered:
            return (match.url_name, "filtered", output), 6
        if output == "xlsx" or (output and which not in ("numerator", "denominator")):
            # Excel files hold the same table as the CSV: a sample of them.
            return (match.url_name, which, output), 4
        return (match.url_name, kwargs["measure_id"], which, output), 1
    if match.url_name in ("performance", "performance_year", "performance_measure") and output:
        # The figures' own tables (counts): a few of each.
        return (match.url_name, output), 3
    if match.url_name in ("annual_report_year", "annual_report_edit", "annual_report_download"):
        return (match.url_name, kwargs.get("output")), 1
    if match.url_name in ("child", "allocate", "record_review"):
        return (match.url_name,), 4
    return (match.url_name, tuple(sorted(kwargs.items())), tuple(sorted(query))), 12


def walk(user, seeds: list[str]) -> dict[str, tuple[str, str]]:
    """The addresses reachable from `seeds` by links, as `user`, a few of each shape:
    {address: (kind, text)}."""
    client = Client()
    client.force_login(user)
    seen: dict[str, tuple[str, str]] = {}
    shapes: Counter[tuple[object, ...]] = Counter()
    queue = deque(seeds)
    while queue and len(seen) < LIMIT:
        address = queue.popleft()
        if address in seen or address.startswith(SKIP) or address.endswith(".pdf"):
            continue
        shape, most = _shape(address)
        if shapes[shape] >= most:
            continue
        shapes[shape] += 1
        response = client.get(address)
        assert response.status_code < 500, (user.username, address)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            seen[address] = ("redirect", "")
            continue
        kind, text = _text(response) if response.status_code == 200 else ("error", "")
        seen[address] = (kind, text)
        if kind == "html":
            queue.extend(_absolute(address, href) for href in _links(text))
    assert len(seen) < LIMIT, "the walk hit its bound: raise LIMIT"
    return seen


def _form_actions(pages: dict[str, tuple[str, str]]) -> set[str]:
    found = set()
    for kind, text in pages.values():
        if kind == "html":
            for action in re.findall(r'<form[^>]*action="(/[^"]*)"', text):
                found.add(resolve(urlsplit(html.unescape(action)).path).url_name)
    return found


def _seeds(restricted: list[Child]) -> list[str]:
    seeds = ["/", "/caseload/", "/team/", "/team/?unallocated=1", "/performance/"]
    seeds += ["/annual-report/"]
    # Searches that would find each child, without echoing their identifier or full name
    # back in the search box.
    for child in restricted:
        seeds += [
            f"/children/?q={child.identifier[:-1]}",
            f"/children/?q={child.last_name[:-1]}",
            f"/caseload/?q={child.last_name[:-1]}",
        ]
    return seeds


def _leaks(pages: dict[str, tuple[str, str]], restricted: list[Child]) -> list[str]:
    leaks = []
    for child in restricted:
        for what, pattern in _markers(child).items():
            for address, (kind, text) in pages.items():
                if kind != "redirect" and pattern.search(text):
                    leaks.append(f"{child.identifier}'s {what} in {kind} {address}")
    return leaks


@pytest.mark.slow
def test_no_list_or_download_shows_a_restricted_child_to_someone_not_named(council):
    """Every role walks every list and download: none shows a restricted child to someone
    not named on the record. The same walk as the named person finds them (so the walk
    does reach the lists), and the walks together reach every address of the URL conf."""
    restricted = council["restricted"]
    reached = set()
    for role, user in council["people"].items():
        pages = walk(user, _seeds(restricted))
        reached |= {resolve(urlsplit(address).path).url_name for address in pages}
        reached |= _form_actions(pages)  # pages that only answer a form's POST
        if role in ("team_manager", "service_manager", "auditor"):
            downloads = [kind for kind, _ in pages.values() if kind in ("csv", "xlsx")]
            assert len(downloads) > 40, f"the {role}'s walk must reach the drill-down files"
        assert _leaks(pages, restricted) == [], role

    pages = walk(council["named"], _seeds(restricted))
    reached |= {resolve(urlsplit(address).path).url_name for address in pages}
    found = _leaks(pages, restricted)
    assert any(" in html /children/?q=" in place for place in found)
    assert any(" in html /performance/" in place and "/rows/" in place for place in found)
    assert any(" in csv /performance/" in place for place in found)
    assert any(" in xlsx /performance/" in place for place in found)

    # Every page behind a workspace permission (children are shown only there); not the
    # public pages, one's own sign-in pages (password, two-factor) or the administrator's
    # (sign-in locks; the admin site has its own test).
    expected = {
        pattern.name
        for _, pattern in ROUTES
        if pattern.callback.access_rule.startswith("permission:")
        and "administer" not in pattern.callback.access_rule
    }
    # A page that only takes a form's POST (405 to a GET) shows no list.
    client = Client()
    client.force_login(council["named"])
    posted = {
        pattern.name
        for route, pattern in ROUTES
        if pattern.name in expected - reached
        and client.get(concrete(route, restricted[0].pk)).status_code == 405
    }
    assert expected <= reached | posted


def test_the_rule_as_a_filter_and_as_a_predicate_agree(council):
    named = council["named"]
    for user in [*council["people"].values(), named]:
        seen = set(visible_children(user).values_list("pk", flat=True))
        hidden = set(hidden_children(user).values_list("pk", flat=True))
        assert seen.isdisjoint(hidden)
        assert seen | hidden == set(Child.objects.values_list("pk", flat=True))
        for child in council["restricted"]:
            assert may_see(user, child) is (child.pk in seen) is (user == named)
