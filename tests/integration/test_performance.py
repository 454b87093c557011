"""The performance pages: the year's figures beside last year's, a measure's breakdowns and
trend, the rows behind a figure (exactly the numerator's), who may see them, the audit
trail of lists of children, CSV and Excel downloads, and a flat query count."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from irohub.accounts.roles import AUDITOR, ROLES, Permission
from irohub.audit.models import AuditEvent
from irohub.children.models import Child
from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.measures.catalogue import Scope
from irohub.measures.registry import DEFINITIONS, measure_rows
from irohub.measures.results import Figure
from irohub.records.years import CollectionYear, year_slug
from tests.factories.workspace import bulk_caseload, user_in_role

pytestmark = pytest.mark.django_db


def latest() -> CollectionYear:
    return CollectionYear.to_date(timezone.localdate())


def past() -> CollectionYear:
    """The last complete year: its figures do not move while the tests run."""
    return CollectionYear(latest().start_year - 1)


def url(*parts: str) -> str:
    return "/performance/" + "".join(f"{part}/" for part in parts)


@pytest.fixture
def council():
    load_demo_council(children=80, years=4, seed=11)


@pytest.fixture
def manager(client):
    user = user_in_role("service_manager", first_name="Sam", last_name="Manager")
    client.force_login(user)
    return user


def numerator_rows(measure_id: str, year: CollectionYear):
    rows = measure_rows(register_from_database(), year, measure_id)
    return [row for row in rows if row.counted]


def heading_count(response) -> int:
    return int(re.search(r'data-count="(\d+)"', response.content.decode()).group(1))


def listed_identifiers(response) -> list[str]:
    return [row[1].value for row in response.context["table"].rows]


# --- addresses and years -------------------------------------------------------------


def test_the_url_names():
    assert reverse("performance") == "/performance/"
    assert reverse("performance_year", args=["2024-25"]) == "/performance/2024-25/"
    assert reverse("performance_rows", args=["2024-25", "M-REV-01"]) == (
        "/performance/2024-25/M-REV-01/rows/"
    )


def test_the_year_to_date_opens_at_performance(client, council, manager):
    response = client.get(url())
    assert response.status_code == 200
    assert response.context["year"] == latest()
    assert latest().title in response.content.decode()
    # The year chooser offers every year the register covers, newest first.
    years = [each["slug"] for each in response.context["years"]]
    assert years[0] == year_slug(latest())
    assert year_slug(past()) in years


def test_the_year_chooser_goes_to_the_chosen_year(client, council, manager):
    response = client.get(url(), {"year": year_slug(past())})
    assert response.status_code == 302
    assert response["Location"] == url(year_slug(past()))
    response = client.get(url(), {"year": "2025/26"})
    assert response.status_code == 404
    assert "write it like 2025-26" in response.content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2025", "is not a collection year: write it like 2025-26"),
        ("2025-27", "is not a collection year"),
        ("twenty", "is not a collection year"),
        ("2090-91", "There are no figures for 2090/91 yet"),
        ("1990-91", "There are no figures for 1990/91: the register begins in"),
    ],
)
def test_a_bad_year_is_not_found_with_a_clear_message(client, council, manager, year, message):
    for address in (url(year), url(year, "M-REV-01"), url(year, "M-REV-01", "rows")):
        response = client.get(address)
        assert response.status_code == 404
        assert message in response.content.decode()


def test_an_unknown_measure_or_list_is_not_found(client, council, manager):
    year = year_slug(past())
    assert client.get(url(year, "M-XYZ-99")).status_code == 404
    response = client.get(url(year, "M-REV-01", "rows"), {"which": "everything"})
    assert response.status_code == 404
    assert "is not a list" in response.content.decode()


# --- the year's figures --------------------------------------------------------------


def test_every_measure_is_on_the_page_with_numerator_denominator_and_last_year(
    client, council, manager
):
    year = past()
    response = client.get(url(year_slug(year)))
    assert response.status_code == 200
    page = response.content.decode()
    for measure_id in DEFINITIONS:
        assert f"{measure_id} " in page
    rows = {
        row[1].value: row
        for section in response.context["sections"]
        for row in section["table"].rows
    }
    assert set(rows) == set(DEFINITIONS)
    figure = DEFINITIONS["M-REV-01"].result(Scope(register_from_database(), year))
    assert isinstance(figure, Figure)
    row = rows["M-REV-01"]
    assert row[5].value == figure.numerator and row[6].value == figure.denominator
    # Last year beside it, with its numerator and denominator.
    assert f"Last year ({year.previous().title})" in page
    assert row[7].hint and " of " in row[7].hint
    assert row[8].value is not None and row[9].value is not None


def test_the_year_to_date_is_compared_with_the_same_months_a_year_earlier(client, council, manager):
    response = client.get(url())
    shown = latest()
    before = response.context["before"]
    if shown.through is not None:
        assert before.start_year == shown.start_year - 1
        assert (before.end.month, before.through is not None) == (shown.end.month, True)
    else:
        assert before == shown.previous()


def test_a_measure_without_data_says_so_plainly(client, council, manager):
    response = client.get(url(year_slug(past())))
    rows = [row for section in response.context["sections"] for row in section["table"].rows]
    missing = [row for row in rows if row[3].value is None and row[3].span > 1]
    assert missing, "the demo has measures whose data the register does not hold"
    for row in missing:
        assert row[3].text.startswith("No data: ")  # in the figure's place
        assert row[12].value.startswith("No data: ")  # and in downloads' notes
        assert row[5].value is None and row[5].href is None  # never an invented number
    assert "No data: " in response.content.decode()


def test_snapshot_measures_have_a_monthly_trend_with_a_chart(client, council, manager):
    year = past()
    response = client.get(url(year_slug(year)))
    trends = {trend["definition"].id: trend for trend in response.context["trends"]}
    assert "M-REV-03" in trends
    trend = trends["M-REV-03"]
    assert [row[0].value for row in trend["table"].rows] == year.month_ends()
    assert trend["svg"].lstrip().startswith("<svg")
    assert 'role="img"' in trend["svg"]


def test_a_measures_page_has_its_definition_breakdowns_and_lists(client, council, manager):
    year = year_slug(past())
    response = client.get(url(year, "M-REV-01"))
    assert response.status_code == 200
    page = response.content.decode()
    assert DEFINITIONS["M-REV-01"].description[:40] in page
    names = [breakdown["table"].name for breakdown in response.context["breakdowns"]]
    assert {"age-band", "sex", "ethnicity-group", "legal-status", "team", "iro"} <= set(names)
    # Each group's numerator links to that group's rows.
    sex = next(b["table"] for b in response.context["breakdowns"] if b["table"].name == "sex")
    assert all("which=numerator&sex=" in row[2].href for row in sex.rows)


# --- the rows behind a figure ----------------------------------------------------------


def test_the_list_has_exactly_the_figures_numerator_rows(client, council, manager):
    year = past()
    summary = client.get(url(year_slug(year)))
    row = next(
        row
        for section in summary.context["sections"]
        for row in section["table"].rows
        if row[1].value == "M-REV-01"
    )
    numerator = row[5].value
    response = client.get(row[5].href)
    assert response.status_code == 200
    expected = numerator_rows("M-REV-01", year)
    assert heading_count(response) == numerator == len(expected) > 0
    assert sorted(listed_identifiers(response)) == sorted(r.child_id for r in expected)


def test_denominator_and_not_counted_lists(client, council, manager):
    year = past()
    rows = measure_rows(register_from_database(), year, "M-REV-01")
    address = url(year_slug(year), "M-REV-01", "rows")
    denominator = client.get(address, {"which": "denominator"})
    assert heading_count(denominator) == sum(r.counted is not None for r in rows)
    late = client.get(address, {"which": "not-counted"})
    assert heading_count(late) == sum(r.counted is False for r in rows)
    # The late reviews say how late, and with which IRO.
    headings = [column.heading for column in late.context["table"].columns]
    assert {"Due", "Held", "Days late", "Working days late", "IRO", "Team"} <= set(headings)


def test_a_breakdown_figure_lists_its_groups_rows(client, council, manager):
    year = year_slug(past())
    response = client.get(url(year, "M-REV-01"))
    team = next(b["table"] for b in response.context["breakdowns"] if b["table"].name == "team")
    for row in team.rows:
        listed = client.get(row[2].href)
        assert heading_count(listed) == row[2].value
        assert {r[-1].value for r in listed.context["table"].rows} <= {row[0].value}


def test_a_restricted_child_is_not_named_to_people_not_named_on_it(client, council, manager):
    year = past()
    identifier = numerator_rows("M-REV-01", year)[0].child_id
    child = Child.objects.get(identifier=identifier)
    child.first_name, child.last_name = "Quillon", "Restrictedsyn"  # found nowhere else
    child.restricted = True
    child.save(update_fields=["first_name", "last_name", "restricted"])
    address = url(year_slug(year), "M-REV-01", "rows")

    page = client.get(address).content.decode()
    assert child.last_name not in page
    # Not even a row without the name: the identifier and the row's details are left out.
    assert child.identifier not in page
    assert re.search(r"\d+ rows? of restricted records (is|are) not listed", page)
    assert reverse("child", args=[child.pk]) not in page
    assert child.identifier not in client.get(address, {"format": "csv"}).content.decode()
    sheet = load_workbook(io.BytesIO(client.get(address, {"format": "xlsx"}).content)).active
    assert child.identifier not in {
        cell for row in sheet.iter_rows(values_only=True) for cell in row
    }

    child.restricted_to.add(manager)
    page = client.get(address).content.decode()
    assert f"{child.first_name} {child.last_name}" in page
    assert reverse("child", args=[child.pk]) in page


def test_a_list_of_children_is_audited(client, council, manager):
    year = past()
    expected = numerator_rows("M-REV-01", year)
    client.get(url(year_slug(year), "M-REV-01", "rows"))
    event = AuditEvent.objects.get(action="performance.listed")
    assert event.actor_id == manager.pk and event.actor_username == manager.username
    assert event.target_id == "M-REV-01"
    details = event.details
    assert details["which"] == "numerator" and details["year"] == year.title
    assert details["rows"] == len(expected)
    children = set(Child.objects.filter(identifier__in={r.child_id for r in expected}))
    assert details["children"] == len(children)
    assert set(details["child_ids"]) == {child.pk for child in children}
    # Downloading the list is audited too.
    client.get(url(year_slug(year), "M-REV-01", "rows"), {"format": "csv"})
    assert AuditEvent.objects.filter(action="performance.listed").count() == 2


# --- who may see it ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["team_manager", "service_manager", "auditor"])
def test_managers_and_auditors_see_the_figures_and_lists(client, council, role):
    client.force_login(user_in_role(role))
    year = year_slug(past())
    assert client.get(url()).status_code == 200
    assert client.get(url(year, "M-REV-01")).status_code == 200
    assert client.get(url(year, "M-REV-01", "rows")).status_code == 200


@pytest.mark.parametrize("role", ["iro", "administrator"])
def test_others_cannot_open_the_performance_pages(client, council, role):
    client.force_login(user_in_role(role))
    year = year_slug(past())
    for address in (url(), url(year), url(year, "M-REV-01"), url(year, "M-REV-01", "rows")):
        assert client.get(address).status_code == 403
    assert AuditEvent.objects.filter(action="performance.listed").count() == 0


def test_a_list_of_children_also_needs_permission_to_view_children(client, council, monkeypatch):
    figures_only = AUDITOR.__class__(
        AUDITOR.key,
        AUDITOR.name,
        AUDITOR.description,
        AUDITOR.permissions - {Permission.VIEW_CHILD},
    )
    monkeypatch.setitem(ROLES, "auditor", figures_only)
    client.force_login(user_in_role("auditor"))
    year = year_slug(past())
    assert client.get(url(year)).status_code == 200
    assert client.get(url(year, "M-REV-01", "rows")).status_code == 403


def test_the_navigation_shows_performance_to_those_who_may_see_it(client, council, manager):
    page = client.get(url(year_slug(past()))).content.decode()
    assert 'href="/performance/"' in page
    client.force_login(user_in_role("iro"))
    assert 'href="/performance/"' not in client.get("/children/").content.decode()


# --- downloads -----------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_years_figures_download_as_csv_and_excel_matching_the_table(client, council, manager):
    year = year_slug(past())
    page = client.get(url(year))
    table_rows = [row for section in page.context["sections"] for row in section["table"].rows]

    response = client.get(url(year), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (f'attachment; filename="irohub-summary-{year}.csv"')
    lines = read_csv(response)
    header, body = lines[0], lines[1:]
    assert header[:7] == [
        "Measure",
        "Measure ID",
        "Section",
        "Figure",
        "Unit",
        "Numerator",
        "Denominator",
    ]
    assert len(body) == len(table_rows) == len(DEFINITIONS)
    for line, row in zip(body, table_rows, strict=True):
        expected = ["" if cell.value is None else str(cell.value) for cell in row]
        assert line == expected

    response = client.get(url(year), {"format": "xlsx"})
    assert response["Content-Disposition"] == (f'attachment; filename="irohub-summary-{year}.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "summary"
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == header
    rev01 = next(line for line in sheet.iter_rows(min_row=2) if line[1].value == "M-REV-01")
    row = next(row for row in table_rows if row[1].value == "M-REV-01")
    assert rev01[3].value == float(row[3].value) and rev01[3].number_format == "0.0"
    assert rev01[5].value == row[5].value and isinstance(rev01[5].value, int)


def test_a_breakdown_a_trend_and_a_list_download(client, council, manager):
    year = year_slug(past())
    response = client.get(url(year, "M-REV-01"), {"table": "sex", "format": "csv"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="irohub-M-REV-01-{year}-sex.csv"'
    )
    page = client.get(url(year, "M-REV-01"))
    sex = next(b["table"] for b in page.context["breakdowns"] if b["table"].name == "sex")
    assert len(read_csv(response)) == len(sex.rows) + 1

    trend = client.get(url(year, "M-REV-03"), {"table": "trend", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(trend.content)).active
    assert isinstance(sheet["A2"].value, datetime)  # dates are dates
    assert sheet.max_row == 13  # a header and twelve months

    listed = client.get(url(year, "M-REV-01", "rows"), {"format": "xlsx", "sex": "Female"})
    assert listed["Content-Disposition"] == (
        f'attachment; filename="irohub-M-REV-01-{year}-numerator-female.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(listed.content)).active
    header = [cell.value for cell in sheet[1]]
    held = sheet.cell(row=2, column=header.index("Held") + 1).value
    assert isinstance(held, datetime)
    assert isinstance(sheet.cell(row=2, column=header.index("Days late") + 1).value, int)
    html = client.get(url(year, "M-REV-01", "rows"), {"sex": "Female"})
    assert sheet.max_row == heading_count(html) + 1


def test_downloads_cannot_smuggle_a_spreadsheet_formula(client, council, manager):
    year = past()
    identifier = numerator_rows("M-REV-01", year)[0].child_id
    Child.objects.filter(identifier=identifier).update(
        first_name='=HYPERLINK("http://example.invalid")', last_name="-2+3"
    )
    address = url(year_slug(year), "M-REV-01", "rows")
    text = client.get(address, {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    sheet = load_workbook(io.BytesIO(client.get(address, {"format": "xlsx"}).content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    name = next(n for n in names if "HYPERLINK" in n)
    assert name.startswith("=HYPERLINK")  # kept as text in the workbook
    cell = next(c for c in sheet["A"] if c.value == name)
    assert cell.data_type == "s"


# --- speed -----------------------------------------------------------------------------


def count_queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_same_number_of_queries_however_many_children(client, council, manager):
    year = year_slug(past())
    addresses = [url(), url(year), url(year, "M-REV-01"), url(year, "M-REV-01", "rows")]
    client.get(url())  # warm the per-process calendar cache
    small = [count_queries(client, address) for address in addresses]
    children = Child.objects.count()
    bulk_caseload(None, 300, prefix="Q")
    assert Child.objects.count() == children + 300
    large = [count_queries(client, address) for address in addresses]
    assert small == large
    print(f"Performance pages: {small} queries for {children} children and {children + 300}")


def test_a_year_before_any_data_is_refused_even_on_an_empty_register(client, manager):
    assert client.get(url()).status_code == 200
    response = client.get(url("2001-02"))
    assert response.status_code == 404
    assert "the register holds no care periods yet" in response.content.decode()
