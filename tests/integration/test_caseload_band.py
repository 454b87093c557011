"""The caseload band is one setting (IROHUB_CASELOAD_LOW/HIGH, read by
irohub.core.council) and one rule (irohub.measures.workforce.CaseloadBand): change it and
every screen that places a caseload against it, and the annual report in each format,
follow."""

from __future__ import annotations

import io
import zipfile

import pytest

from irohub.annual_report.content import ChartBlock
from irohub.annual_report.queries import figures_if_held, report_content
from irohub.records.years import CollectionYear
from tests.factories import TeamFactory
from tests.factories.workspace import bulk_caseload, iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db


def _report_year() -> CollectionYear:
    """The latest complete collection year: the children below are in care at its end."""
    latest = CollectionYear.to_date(today())
    return latest if latest.complete else latest.previous()


@pytest.fixture
def council(client):
    """Two IROs on 0.2 FTE: 13 children (65 per FTE) and 9 children (45 per FTE), in care
    for 400 days; and a child with no IRO yet, to allocate."""
    north = TeamFactory(name="North IRO team")
    manager = user_in_role("service_manager", first_name="Maya", last_name="Manager")
    client.force_login(manager)
    busy = iro_with_role(team=north, first_name="Bea", last_name="Busy", fte="0.20")
    light = iro_with_role(team=north, first_name="Lou", last_name="Light", fte="0.20")
    bulk_caseload(busy, 13, prefix="B")
    bulk_caseload(light, 9, prefix="L")
    waiting = bulk_caseload(None, 1, prefix="W")[0]
    return {"busy": busy, "light": light, "waiting": waiting}


def _screens(client, council) -> dict[str, object]:
    """What each screen and the report say about the band."""
    year = _report_year()
    slug = f"{year.start_year}-{year.end_year % 100:02d}"
    team = client.get("/team/")
    loads = {str(load.iro): load.band for tc in team.context["caseloads"] for load in tc.loads}
    allocate = client.get(f"/children/{council['waiting'].pk}/allocate/").content.decode()
    measure = client.get(f"/performance/{slug}/M-WF-01/").content.decode()
    figures = figures_if_held(year)
    assert figures is not None
    content = report_content(year, figures=figures)
    chart = next(
        block
        for block in content.section("service").blocks
        if isinstance(block, ChartBlock) and "per FTE" in block.chart.title
    )
    app_page = client.get(f"/annual-report/{slug}/").content.decode()
    html = client.get(f"/annual-report/{slug}/download/report.html").content.decode()
    word = client.get(f"/annual-report/{slug}/download/report.docx").content
    with zipfile.ZipFile(io.BytesIO(word)) as parts:
        word_xml = parts.read("word/document.xml").decode()
    return {
        "team": (loads["Bea Busy"], loads["Lou Light"]),
        "team page": team.content.decode(),
        "allocate": allocate,
        "performance": measure,
        "report chart": (chart.chart._option("band"), chart.description),
        "report page": app_page.lower(),
        "report html": html.lower(),
        "report word": word_xml.lower(),
    }


def test_a_changed_caseload_band_is_followed_on_every_screen_and_in_the_report(
    client, settings, council
):
    settings.IROHUB_CASELOAD_BAND = (50, 70)
    handbook = _screens(client, council)
    assert handbook["team"] == ("within band", "below band")
    assert "band of 50 to 70 children" in handbook["team page"]
    assert "Bea Busy (North IRO team, 65.0 children per FTE): within band" in handbook["allocate"]
    assert "Lou Light (North IRO team, 45.0 children per FTE): below band" in handbook["allocate"]
    assert "Reference band 50 to 70" in handbook["performance"]
    assert handbook["report chart"][0] == (50, 70)
    assert "reference band 50 to 70" in handbook["report chart"][1]
    for version in ("report page", "report html", "report word"):
        assert "reference band 50 to 70" in handbook[version], version

    settings.IROHUB_CASELOAD_BAND = (40, 60)
    council_band = _screens(client, council)
    assert council_band["team"] == ("above band", "within band")
    assert "band of 40 to 60 children" in council_band["team page"]
    assert (
        "Bea Busy (North IRO team, 65.0 children per FTE): above band" in (council_band["allocate"])
    )
    assert (
        "Lou Light (North IRO team, 45.0 children per FTE): within band"
        in (council_band["allocate"])
    )
    assert "Reference band 40 to 60" in council_band["performance"]
    assert "Reference band 50 to 70" not in council_band["performance"]
    assert council_band["report chart"][0] == (40, 60)
    assert "reference band 40 to 60" in council_band["report chart"][1]
    for version in ("report page", "report html", "report word"):
        assert "reference band 40 to 60" in council_band[version], version
        assert "reference band 50 to 70" not in council_band[version], version
