"""Every workspace page on a phone (375 px) and a laptop (1280 px): the page never scrolls
sideways and nothing is cut off; a table too wide for the screen either stacks its rows or
sits in a labelled scroll region of its own (issue 12, defect 2 and build 5).

Each page's screenshot at each width is written to var/screenshots/<page>-<width>.png (or
$IROHUB_SCREENSHOTS) for review by eye.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from irohub.accounts.models import IRO, UserRole
from irohub.allocation.models import Allocation
from irohub.children.models import CarePeriod
from irohub.demo.load import load_demo_council
from irohub.records.years import CollectionYear, year_slug
from tests.factories import UserFactory
from tests.functional.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (375, 1280)
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("IROHUB_SCREENSHOTS") or ROOT / "var" / "screenshots")

# What spills out of the screen: the page's own sideways scroll, any visible element whose
# box goes past the right edge (outside a labelled scroll region, which scrolls on its own),
# and any element that hides part of its content (overflow hidden with more inside).
OVERFLOW = (Path(__file__).parent / "overflow.js").read_text()


@pytest.fixture
def council():
    load_demo_council(children=60, years=3, seed=11)
    today = timezone.localdate()
    busiest = max(
        IRO.objects.filter(end_date__isnull=True).select_related("user"),
        key=lambda iro: Allocation.objects.filter(iro=iro, end__isnull=True).count(),
    )
    busiest.user.set_password(PASSWORD)
    busiest.user.save()
    UserRole.objects.get_or_create(user=busiest.user, role="iro")
    manager = UserFactory(username="manager.widths", first_name="Pat", last_name="Lead")
    UserRole.objects.create(user=manager, role="service_manager")
    child = (
        Allocation.objects.filter(iro=busiest, end__isnull=True, start__lte=today)
        .select_related("child")
        .first()
        .child
    )
    waiting = CarePeriod.objects.filter(end__isnull=True).select_related("child").first().child
    year = CollectionYear(CollectionYear.to_date(today).start_year - 1)
    return busiest, manager, child, waiting, year_slug(year)


def check_widths(page: Page, name: str, address: str, widths=WIDTHS) -> list[str]:
    problems = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(address)
        page.wait_for_load_state()
        for problem in page.evaluate(OVERFLOW):
            problems.append(f"{name} at {width}px: {problem}")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    return problems


def test_an_iros_pages_fit_a_phone_and_a_laptop(page: Page, council):
    iro, _, child, _, _ = council
    sign_in(page, iro.user.username)
    problems = []
    for name, address in [
        ("iro-child", f"/children/{child.pk}/?back=/caseload/"),
        ("iro-record-review", f"/children/{child.pk}/reviews/new/"),
        ("iro-search", f"/children/?q={child.last_name[:3]}"),
        ("iro-review-preparation", f"/children/{child.pk}/review-preparation/"),
        ("iro-review-checklist", f"/children/{child.pk}/review-preparation/checklist/"),
        ("iro-advocacy", f"/children/{child.pk}/advocacy/"),
        *(
            ("iro-review-views", f"/children/{child.pk}/reviews/{review.pk}/views/")
            for review in child.reviews.order_by("-held")[:1]
        ),
    ]:
        problems += check_widths(page, name, address)
    # My caseload also on a small laptop or a tablet held sideways (it overflowed there).
    problems += check_widths(page, "iro-caseload", "/caseload/", (375, 1024, 1280))
    assert problems == [], "\n".join(problems)


def test_a_managers_pages_fit_a_phone_and_a_laptop(page: Page, council):
    _, _, child, waiting, year = council
    sign_in(page, "manager.widths")
    problems = []
    for name, address in [
        ("manager-home", "/"),
        ("manager-team", "/team/"),
        ("manager-team-unallocated", "/team/?unallocated=1"),
        ("manager-search", "/children/"),
        ("manager-search-results", "/children/?q=a"),
        ("manager-child", f"/children/{child.pk}/"),
        ("manager-allocate", f"/children/{waiting.pk}/allocate/"),
        ("manager-performance", "/performance/"),
        ("manager-performance-year", f"/performance/{year}/"),
        ("manager-measure", f"/performance/{year}/M-REV-01/"),
        ("manager-measure-rows", f"/performance/{year}/M-REV-01/rows/"),
        ("manager-annual-report-index", "/annual-report/"),
        ("manager-annual-report", f"/annual-report/{year}/"),
        ("manager-annual-report-edit", f"/annual-report/{year}/edit/"),
        ("manager-roles", "/roles/"),
    ]:
        problems += check_widths(page, name, address)
    assert problems == [], "\n".join(problems)
