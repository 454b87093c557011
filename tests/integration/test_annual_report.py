"""The annual report in the app: the builder on a demo council, the pages and who may use
them, editing the narrative (audited, nothing lost on failure), carrying it over to the
next year, and the public version's suppression."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from irohub.annual_report.actions import carried_over, save_narrative, start_report
from irohub.annual_report.figures import gather_figures
from irohub.annual_report.models import AnnualReport
from irohub.annual_report.narrative import DEFAULT_PURPOSE
from irohub.annual_report.sections import build_report
from irohub.audit.models import AuditEvent
from irohub.children.models import Child
from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.measures import compute_measures
from irohub.records.years import CollectionYear
from tests.factories.workspace import user_in_role

pytestmark = pytest.mark.django_db

YEAR = CollectionYear.parse("2023/24")


@pytest.fixture
def council():
    load_demo_council(children=150, years=4, seed=7, as_of=date(2025, 3, 31))


@pytest.fixture
def fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_builder_uses_the_measures_of_the_year_and_the_years_before(council):
    register = register_from_database()
    figures = gather_figures(register, YEAR)
    assert [y.year.label for y in figures.years] == ["2021/22", "2022/23", "2023/24"]
    assert figures.this.measures == {
        key: {k: v for k, v in value.items()}
        for key, value in compute_measures(register, YEAR, breakdowns=True)["measures"].items()
    }
    content = build_report(
        figures,
        narrative={"introduction": "A year of change."},
        council="Demo",
        generated_on=date(2025, 6, 1),
    )
    keys = [section.key for section in content.sections]
    assert keys == [
        "introduction",
        "purpose",
        "service",
        "children",
        "timeliness",
        "participation",
        "parents",
        "quality",
        "resolutions",
        "advocacy",
        "child_protection",
        "fostering",
        "short_breaks_adoption",
        "complaints_compliments",
        "last_year_priorities",
        "next_year_priorities",
        "figures",
    ]
    assert content.section("introduction").blocks[0].parts == (("p", "A year of change."),)
    # Sections 8 and 9: the demo's ratings and its challenges by stage, years side by side.
    ratings = next(t for t in content.tables() if t.name == "ratings")
    assert ratings.header[1:4] == ("2021/22", "2022/23", "2023/24")
    assert [row[0] for row in ratings.text_rows()][:2] == ["Gold", "Green"]
    stages = next(t for t in content.tables() if t.name == "resolution_stages")
    assert stages.text_rows()[0][0] == "Informal: raised or reached"
    assert content.section("resolutions").number == 9 and content.section("quality").number == 8
    # Child protection: the conferences the IROs chair, year on year.
    assert any(t.name == "protection" for t in content.section("child_protection").blocks)
    # Foster carer, short-break and adoption reviews have their own sections (issue 15).
    assert {t.name for t in content.tables()} >= {"fostering", "short_breaks_adoption"}
    # Year-on-year: the timeliness table has a column per year.
    timeliness = next(t for t in content.tables() if t.name == "timeliness")
    assert timeliness.header[1:4] == ("2021/22", "2022/23", "2023/24")
    assert content.charts() and all(c.description for c in content.charts())
    # National figures come with their year and source.
    national = next(t for t in content.tables() if t.name == "national")
    assert any(row[1] == "31 March 2024" and "DfE" in row[3] for row in national.text_rows())


def test_the_public_version_shows_c_for_small_counts_and_never_a_child(council):
    figures = gather_figures(register_from_database(), YEAR)
    full = build_report(figures, narrative={}, council="Demo", generated_on=date(2025, 6, 1))
    public = build_report(
        figures, narrative={}, council="Demo", generated_on=date(2025, 6, 1), public=True
    )
    small = hidden = 0
    for was, shown in zip(full.tables(), public.tables(), strict=True):
        # Staff (IROs, their FTE) are not children: their tables are never suppressed.
        staff = {"staff", "establishment", "establishment-months"}
        if was.name in {*staff, "figures", "national"} or was.header[0] == "Measure":
            continue
        for row_was, row_shown in zip(was.text_rows(), shown.text_rows(), strict=True):
            for cell_was, cell_shown in zip(row_was[1:], row_shown[1:], strict=True):
                if re.fullmatch(r"[1-5]", cell_was):
                    small += 1
                    assert cell_shown == "c"
                hidden += cell_shown == "c"
                assert not re.fullmatch(r"[1-5]", cell_shown)
    assert small and hidden >= small  # secondary suppression hides more than the small ones
    from irohub.annual_report.render import report_html

    html = report_html(public)
    assert "Public version" in html
    for identifier, first, last in Child.objects.values_list(
        "identifier", "first_name", "last_name"
    ):
        assert identifier not in html
        assert f"{first} {last}" not in html


def test_a_new_report_carries_last_years_priorities_and_purpose_over():
    manager = user_in_role("service_manager")
    last = CollectionYear.parse("2023/24")
    assert carried_over(last)["purpose"] == DEFAULT_PURPOSE
    save_narrative(
        year=last,
        actor=manager,
        narrative={
            "purpose": "Our own words on the law.",
            "next_year_priorities": "- Promote consultation forms\n- Observe every IRO",
        },
    )
    report = start_report(year=CollectionYear.parse("2024/25"), actor=manager)
    assert report.last_year_priorities == "- Promote consultation forms\n- Observe every IRO"
    assert report.purpose == "Our own words on the law."
    assert report.next_year_priorities == "" and report.introduction == ""
    assert AuditEvent.objects.filter(action="annual_report.started", target_id=str(report.pk))
    # Starting again changes nothing.
    assert start_report(year=CollectionYear.parse("2024/25"), actor=manager).pk == report.pk


def test_pages_need_the_right_permission(client, council):
    iro = user_in_role("iro")
    client.force_login(iro)
    for url in ("/annual-report/", "/annual-report/2023-24/", "/annual-report/2023-24/edit/"):
        assert client.get(url).status_code == 403
    auditor = user_in_role("auditor")
    client.force_login(auditor)
    assert client.get("/annual-report/").status_code == 200
    page = client.get("/annual-report/2023-24/")
    assert page.status_code == 200
    assert b"Edit the narrative" not in page.content
    assert client.get("/annual-report/2023-24/edit/").status_code == 403
    assert client.post("/annual-report/2023-24/edit/", {"introduction": "x"}).status_code == 403
    assert not AnnualReport.objects.exists()


def test_the_report_page_and_downloads(client, council):
    client.force_login(user_in_role("team_manager"))
    index = client.get(reverse("annual_report"))
    assert b"Annual report 2023/24" in index.content
    assert b'href="/annual-report/"' in index.content  # in the navigation
    page = client.get("/annual-report/2023-24/")
    text = page.content.decode()
    assert "Timeliness of reviews" in text and "<svg" in text
    for version in ("report", "public", "summary"):
        for output in ("pdf", "docx"):
            assert f"/annual-report/2023-24/download/{version}.{output}" in text
    pdf = client.get("/annual-report/2023-24/download/public.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "iro-annual-report-public-2023-24.pdf" in pdf["Content-Disposition"]
    docx = client.get("/annual-report/2023-24/download/summary.docx")
    assert docx.content.startswith(b"PK")
    assert client.get("/annual-report/2023-24/download/secret.pdf").status_code == 404
    assert client.get("/annual-report/2023-25/").status_code == 404
    assert client.get("/annual-report/1990-91/").status_code == 404


def test_the_same_report_gives_the_same_file(client, council):
    # A report sent to the board and downloaded again later must be recognisably the same:
    # Word files too, whose zip parts carry the report's date, not the moment of saving.
    client.force_login(user_in_role("team_manager"))
    for name in ("report.docx", "summary.docx", "public.pdf"):
        first = client.get(f"/annual-report/2023-24/download/{name}").content
        again = client.get(f"/annual-report/2023-24/download/{name}").content
        assert first == again, name
        if name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(first)) as parts:
                stamps = {part.date_time for part in parts.infolist()}
            today = timezone.localdate()
            assert stamps == {(today.year, today.month, today.day, 12, 0, 0)}


def test_the_service_manager_edits_the_narrative(client, council):
    manager = user_in_role("service_manager")
    client.force_login(manager)
    form = client.get("/annual-report/2023-24/edit/")
    assert form.status_code == 200
    assert DEFAULT_PURPOSE[:40] in form.content.decode()
    response = client.post(
        "/annual-report/2023-24/edit/",
        {"introduction": "The year in brief.", "next_year_priorities": "- One\n- Two"},
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(year="2023/24")
    assert report.introduction == "The year in brief." and report.updated_by == manager
    event = AuditEvent.objects.get(action="annual_report.edited")
    assert "introduction" in event.details["sections"]
    page = client.get("/annual-report/2023-24/").content.decode()
    assert "The year in brief." in page and "<li>Two</li>" in page


def test_a_failed_save_loses_nothing(client, council):
    manager = user_in_role("service_manager")
    client.force_login(manager)
    too_long = "x" * 20_001
    response = client.post(
        "/annual-report/2023-24/edit/",
        {"introduction": "Keep me.", "timeliness": too_long},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "govuk-textarea--error" in text
    assert "Keep me." in text and too_long in text
    assert not AnnualReport.objects.exists()

    # Someone else saved since the form was opened: nothing saved, the text is kept.
    save_narrative(year=YEAR, actor=manager, narrative={"introduction": "First."})
    opened = client.get("/annual-report/2023-24/edit/")
    version = re.search(r'name="version" value="([^"]+)"', opened.content.decode())
    assert version
    other = user_in_role("service_manager", first_name="Other", last_name="Manager")
    save_narrative(year=YEAR, actor=other, narrative={"introduction": "Theirs."})
    response = client.post(
        "/annual-report/2023-24/edit/", {"introduction": "Mine.", "version": version[1]}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Other Manager saved changes to this report while you were editing" in text
    assert "Mine." in text
    assert AnnualReport.objects.get().introduction == "Theirs."


def test_edits_in_the_administration_pages_are_audited(client, admin_user):
    report = AnnualReport.objects.create(year="2023/24")
    client.force_login(admin_user)
    url = reverse("admin:annual_report_annualreport_change", args=[report.pk])
    assert client.get(url).status_code == 200
    data = {"year": "2023/24", "introduction": "Set in admin."}
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    report.refresh_from_db()
    assert report.introduction == "Set in admin." and report.updated_by == admin_user
    event = AuditEvent.objects.get(action="annual_report.edited")
    assert event.details["sections"] == ["introduction"]


def test_a_form_opened_before_the_first_save_is_refused_after_it(client, council):
    """Two managers open a report nobody has saved: the second save must not overwrite
    the first (issue 11, defect 5: the check was skipped for version "")."""
    first = user_in_role("service_manager", first_name="First", last_name="Manager")
    second = user_in_role("service_manager")
    client.force_login(second)
    opened = client.get("/annual-report/2023-24/edit/").content.decode()
    version = re.search(r'name="version"(?: value="([^"]*)")?', opened)[1] or ""
    assert version == ""
    save_narrative(year=YEAR, actor=first, narrative={"introduction": "First's."}, version="")

    response = client.post(
        "/annual-report/2023-24/edit/", {"introduction": "Second's.", "version": version}
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "First Manager saved changes to this report while you were editing" in text
    assert "Second&#x27;s." in text or "Second's." in text
    assert AnnualReport.objects.get().introduction == "First's."
