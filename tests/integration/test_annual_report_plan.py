"""The annual report as councils write it: sections the service manager adds and arranges,
and the action plan for next year carried to next year's report with what happened — in
the page, the PDF and the Word document, audited, bad input refused with a message."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from docx import Document

from irohub.annual_report.actions import (
    add_planned_action,
    add_section,
    move_section,
    record_outcome,
    save_section,
    start_report,
)
from irohub.annual_report.models import AddedSection, AnnualReport, PlannedAction
from irohub.audit.models import AuditEvent
from irohub.demo.load import load_demo_council
from irohub.records.years import CollectionYear
from tests.factories.workspace import user_in_role

pytestmark = pytest.mark.django_db

YEAR = CollectionYear.parse("2023/24")
LAST = YEAR.previous()
ACTION = {
    "action": "Audit every review held late and present the findings to the board",
    "owner": "IRO service manager",
    "timescale": "By September 2024",
    "impact": "Reviews held on time (M-REV-01) above 95%",
}


@pytest.fixture
def council():
    load_demo_council(children=60, years=3, seed=7, as_of=date(2025, 3, 31))


@pytest.fixture
def manager(client):
    user = user_in_role("service_manager")
    client.force_login(user)
    return user


def _pdf_text(data: bytes) -> str:
    # Table cells wrap across lines: compare the words, not the lines.
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_an_added_section_moved_up_shows_in_html_pdf_and_word(client, council, manager):
    response = client.post("/annual-report/2023-24/sections/", {"title": "Resource issues"})
    section = AddedSection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/annual-report/2023-24/sections/{section.pk}/"
    client.post(
        f"/annual-report/2023-24/sections/{section.pk}/",
        {"title": "Resource issues", "text": "Two IRO posts were vacant for six months."},
    )
    # Added at the end (before the figures); moved up twice, above the priorities.
    for _ in range(2):
        client.post("/annual-report/2023-24/sections/", {"key": section.key, "step": "-1"})
    page = client.get("/annual-report/2023-24/").content.decode()
    assert page.index("Resource issues") < page.index("Last year&#x27;s priorities: what we did")
    assert "Two IRO posts were vacant for six months." in page
    pdf = _pdf_text(client.get("/annual-report/2023-24/download/report.pdf").content)
    assert "15. Resource issues" in pdf and "Two IRO posts were vacant" in pdf
    word = _docx_text(client.get("/annual-report/2023-24/download/report.docx").content)
    assert "15. Resource issues" in word and "Two IRO posts were vacant" in word
    kinds = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"annual_report.sections_changed", "annual_report.started"} <= kinds


def test_a_standard_section_can_move_and_the_figures_stay_last(council):
    actor = user_in_role("service_manager")
    move_section(year=YEAR, actor=actor, key="purpose", step=-1)
    report = AnnualReport.objects.get(year=YEAR.label)
    assert report.section_order[:2] == ["purpose", "introduction"]
    from irohub.annual_report.queries import figures_if_held, report_content

    content = report_content(YEAR, figures=figures_if_held(YEAR))
    assert [s.key for s in content.sections][:2] == ["purpose", "introduction"]
    assert content.sections[-1].key == "figures"
    assert content.sections[0].heading == "1. Purpose of the service and legal context"


def test_bad_section_input_gets_a_message(client, council, manager):
    add_section(year=YEAR, actor=manager, title="Conclusion")
    for title, message in (
        ("", "Enter the section&#x27;s title"),
        ("  conclusion ", "The report already has a section called conclusion"),
        ("x" * 200, "The title must be 120 characters or fewer"),
    ):
        response = client.post("/annual-report/2023-24/sections/", {"title": title})
        assert response.status_code == 400
        assert message in response.content.decode()
    moved = client.post(
        "/annual-report/2023-24/sections/", {"key": "nonsense", "step": "1"}, follow=True
    )
    assert "The report has no such section" in moved.content.decode()
    assert client.get("/annual-report/2023-24/sections/999999/").status_code == 404
    assert AddedSection.objects.count() == 1


def test_the_action_plan_is_carried_to_next_year_with_what_happened(client, council, manager):
    response = client.post("/annual-report/2022-23/action-plan/", ACTION)
    assert response.status_code == 302
    planned = PlannedAction.objects.get()
    assert planned.report.year == "2022/23"
    # 2022/23's report shows the plan for 2023/24 ...
    last_page = client.get("/annual-report/2022-23/").content.decode()
    assert "Action plan for 2023/24" in last_page and ACTION["owner"] in last_page
    # ... and 2023/24's report carries it, with what happened once recorded.
    page = client.get("/annual-report/2023-24/").content.decode()
    assert "Action plan for 2023/24: what happened" in page and "Not recorded yet" in page
    response = client.post(
        f"/annual-report/2023-24/action-plan/{planned.pk}/",
        {"outcome": "Done: 96% of reviews were on time."},
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.outcome == "Done: 96% of reviews were on time."
    pdf = _pdf_text(client.get("/annual-report/2023-24/download/report.pdf").content)
    assert "Done: 96% of reviews were on time." in pdf
    word = _docx_text(client.get("/annual-report/2023-24/download/report.docx").content)
    assert "Done: 96% of reviews were on time." in word
    assert ACTION["impact"] in word
    # The year after: the plan is no longer this year's to change, and not last year's.
    assert client.get(f"/annual-report/2024-25/action-plan/{planned.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="annual_report.plan_changed").count() == 2


def test_bad_action_plan_input_gets_a_message(client, council, manager):
    response = client.post("/annual-report/2023-24/action-plan/", {**ACTION, "owner": " "})
    assert response.status_code == 400
    assert "Enter who owns the action" in response.content.decode()
    response = client.post(
        "/annual-report/2023-24/action-plan/", {**ACTION, "timescale": "x" * 101}
    )
    assert "The timescale must be 100 characters or fewer" in response.content.decode()
    assert not PlannedAction.objects.exists()


def test_a_new_report_starts_with_last_years_sections_and_order(council):
    actor = user_in_role("service_manager")
    added = add_section(year=LAST, actor=actor, title="Conclusion")
    save_section(actor=actor, section=added, title="Conclusion", text="Last year's words.")
    move_section(year=LAST, actor=actor, key=added.key, step=-1)
    planned = add_planned_action(year=LAST, actor=actor, fields=ACTION)
    record_outcome(actor=actor, planned=planned, outcome="It happened.")
    report = start_report(year=YEAR, actor=actor)
    copy = report.added_sections.get()
    assert copy.title == "Conclusion" and copy.text == ""  # the words are the year's
    assert copy.key in report.section_order
    assert report.section_order.index(copy.key) < report.section_order.index("next_year_priorities")
    assert not report.planned_actions.exists()  # next year's plan starts empty


def test_only_the_service_manager_arranges_the_report(client, council):
    client.force_login(user_in_role("team_manager"))
    for url in ("/annual-report/2023-24/sections/", "/annual-report/2023-24/action-plan/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "x", **ACTION}).status_code == 403
    assert not AnnualReport.objects.exists()


def test_the_demo_council_has_an_action_plan_carried_with_what_happened(client, council):
    from irohub.annual_report.demo_plan import write_demo_action_plans

    write_demo_action_plans(as_of=date(2025, 3, 31))
    write_demo_action_plans(as_of=date(2025, 3, 31))  # once only
    assert PlannedAction.objects.count() == 4
    client.force_login(user_in_role("auditor"))
    page = client.get("/annual-report/2023-24/").content.decode()
    assert "Action plan for 2023/24: what happened" in page
    assert "Done: a new format agreed" in page
    assert "Action plan for 2024/25" in page and "Record a midway check" in page
