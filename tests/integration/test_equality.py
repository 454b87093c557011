"""The IRO team's own diversity: each IRO may declare their ethnicity and gender (or not);
the annual report counts them beside the children in care, with small numbers hidden in
the public version; the children's 18 ethnicity categories have their own table."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from irohub.annual_report.figures import gather_figures
from irohub.annual_report.sections import build_report
from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.equality import actions
from irohub.equality.models import Declaration
from irohub.records.years import CollectionYear
from tests.factories.records import child_in_care, user_with_role
from tests.factories.workspace import iro_with_role

pytestmark = pytest.mark.django_db


def test_an_iro_declares_in_the_browser_and_may_leave_it_blank():
    iro = iro_with_role(username="iro.equality")
    client = Client()
    client.force_login(iro.user)
    assert "Your equality details" in client.get("/my-equality-details/").content.decode()
    saved = client.post("/my-equality-details/", {"ethnicity": "BCRB", "gender": "female"})
    assert saved.status_code == 302
    declaration = Declaration.objects.get(iro=iro)
    assert (declaration.ethnicity, declaration.gender) == ("BCRB", "female")
    # The trail says it changed, not what was declared.
    event = AuditEvent.objects.get(action="equality.declared")
    assert "BCRB" not in str(event.details)
    bad = client.post("/my-equality-details/", {"ethnicity": "XXXX", "gender": "robot"})
    assert bad.status_code == 200 and "Select an ethnic group from the list" in bad.content.decode()
    client.post("/my-equality-details/", {"ethnicity": "", "gender": ""})
    declaration.refresh_from_db()
    assert (declaration.ethnicity, declaration.gender) == ("", "")


def test_only_iros_declare_and_one_without_a_profile_is_told_so():
    client = Client()
    client.force_login(user_with_role("auditor", username="auditor.equality"))
    assert client.get("/my-equality-details/").status_code == 403
    client.force_login(user_with_role("iro", username="iro.no.profile"))
    page = client.get("/my-equality-details/")
    assert page.status_code == 200 and "has no IRO profile" in page.content.decode()
    page = client.post("/my-equality-details/", {"ethnicity": "WBRI"})
    assert page.status_code == 200 and "has no IRO profile" in page.content.decode()
    assert not Declaration.objects.exists()


def test_the_report_sets_the_team_beside_the_children_and_suppresses_small_numbers():
    today = timezone.localdate()
    year = CollectionYear.to_date(today).previous()
    for n in range(7):
        child_in_care(
            start=year.start - timedelta(days=30),
            date_of_birth=year.start.replace(year=year.start.year - 9),
            first_name=f"Child{n}",
            ethnicity="WBRI" if n < 6 else "AIND",
        )
    declared = [("WBRI", "female"), ("WBRI", "female"), ("BCRB", "male")]
    for n, (ethnicity, gender) in enumerate(declared):
        iro = iro_with_role(username=f"iro.d{n}", start_date=year.start - timedelta(days=400))
        actions.declare(actor=iro.user, iro=iro, ethnicity=ethnicity, gender=gender)
    iro_with_role(username="iro.silent", start_date=year.start - timedelta(days=400))
    figures = gather_figures(register_from_database(), year)
    diversity = figures.this.diversity
    assert diversity is not None
    assert diversity["ethnicity group"]["White"] == (6, 2)
    assert diversity["ethnicity group"]["Black, African, Caribbean or Black British"] == (0, 1)
    assert diversity["ethnicity group"]["Not declared"] == (0, 1)
    assert diversity["gender"]["Female"][1] == 2

    def table(public: bool, name: str):
        content = build_report(
            figures, narrative={}, council="Test", generated_on=today, public=public
        )
        blocks = [b for s in content.sections for b in s.blocks]
        return next(b for b in blocks if getattr(b, "name", "") == name)

    def cells(row) -> list[str]:
        return [str(cell.value) for cell in row]

    inside = table(False, "diversity_ethnicity")
    assert cells(inside.rows[0]) == ["White", "6", "85.7%", "2", "50.0%"]
    public = table(True, "diversity_ethnicity")
    white = cells(public.rows[0])
    assert white[3] == "c"  # 2 IROs: a small number, hidden
    # No count from 1 to 5 is shown, and none can be worked back from a total (the one
    # Asian child hides the 6 White children too).
    counts = [cells(row)[i] for row in public.rows for i in (1, 3)]
    assert all(c == "c" or c == "0" or int(c.replace(",", "")) > 5 for c in counts)
    assert cells(public.rows[0])[1] == "c"
    detailed = table(False, "ethnicity_detailed")
    assert cells(detailed.rows[0])[:2] == ["White British", "6"]
