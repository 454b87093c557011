"""Benchmarking: the DfE's published tables and the statistical neighbours loaded all or
nothing (`irohub benchmarking load`), the manager's page with its table, chart and
downloads, who may see it, and the pooled comparison (`irohub measures --public`,
`irohub benchmarking combine`) run as an operator would."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from irohub.annual_report.queries import figures_if_held, published_comparison, report_content
from irohub.annual_report.render import report_html
from irohub.audit.models import AuditEvent
from irohub.benchmarking.actions import load_published
from irohub.benchmarking.models import PublishedFigure, StatisticalNeighbour
from irohub.benchmarking.samples import NEIGHBOURS, TABLES, load_sample, sample_file
from irohub.cli import main
from irohub.demo.load import load_demo_council
from irohub.records.years import CollectionYear
from irohub.reporting.published import MEASURES, PublishedFileError, read_published
from tests.factories.workspace import user_in_role
from tests.integration.irohub_process import run

URL = "/benchmarking/"


@pytest.fixture
def manager(client):
    client.force_login(user_in_role("service_manager", first_name="Sam", last_name="Manager"))


@pytest.mark.django_db
def test_the_sample_loads_every_figure_and_the_neighbours_and_is_audited():
    loaded = load_sample()
    expected = read_published([sample_file(name) for name in TABLES])
    assert loaded.figures == len(expected) == PublishedFigure.objects.count()
    assert loaded.years == ("2023/24", "2024/25")
    assert list(StatisticalNeighbour.objects.values_list("rank", flat=True)) == list(range(1, 8))
    event = AuditEvent.objects.get(action="benchmarking.loaded")
    assert event.details["figures"] == len(expected)
    assert event.details["files"][-1] == f"sample/{NEIGHBOURS}"
    # Loading again replaces, never duplicates.
    load_sample()
    assert PublishedFigure.objects.count() == len(expected)


@pytest.mark.django_db
def test_a_bad_file_loads_nothing_from_any_file():
    load_sample()
    before = list(PublishedFigure.objects.values_list("code", "measure", "year", "value"))
    good = sample_file(TABLES[0])
    changed = good[1].replace(",643,", ",999,")  # the demo council's 2023/24 count
    bad = ("bad.csv", good[1].replace(",89,", ",eighty-nine,", 1))
    with pytest.raises(PublishedFileError) as raised:
        load_published(actor=None, files=[("changed.csv", changed), bad])
    assert any(
        "bad.csv: row" in p and "column cla_rate_per_10000: 'eighty-nine'" in p
        for p in raised.value.problems
    )
    after = list(PublishedFigure.objects.values_list("code", "measure", "year", "value"))
    assert after == before
    assert AuditEvent.objects.filter(action="benchmarking.loaded").count() == 1


@pytest.mark.django_db
def test_the_command_names_file_row_column_and_value(tmp_path, capsys):
    bad = tmp_path / "cla.csv"
    text = sample_file(TABLES[0])[1].splitlines()
    text[3] = text[3].rsplit(",", 1)[0] + ",12;5"
    bad.write_text("\n".join(text) + "\n")
    assert main(["benchmarking", "load", str(bad), "--neighbours", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: row 4: column ceased_during_year: '12;5' is not a number" in err
    assert "nothing loaded" in err
    assert PublishedFigure.objects.count() == 0 and StatisticalNeighbour.objects.count() == 0
    assert main(["benchmarking", "load", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: No such file" in capsys.readouterr().err
    assert main(["benchmarking", "load", "--sample"]) == 0
    assert "Loaded 7 statistical neighbours." in capsys.readouterr().out


@pytest.mark.django_db
def test_a_manager_sees_the_council_beside_its_neighbours_region_and_england(client, manager):
    load_sample()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Demo Borough Council (synthetic)",
        "Synthetic Neighbour A",
        "Synthetic Neighbour G",
        "Demo Region (synthetic)",
        "England",
        "<svg",
    ):
        assert text in html
    assert "Synthetic Outlier Borough" not in html  # in the file, not a neighbour
    # 2023/24: England from the shipped national figures (83,630 at 31 March 2024).
    past = client.get(URL, {"year": "2023-24"}).content.decode()
    assert "83,630" in past and "2024 release" in past


@pytest.mark.django_db
def test_the_tables_download_as_csv_and_excel(client, manager):
    load_sample()
    answer = client.get(URL, {"year": "2024-25", "table": "benchmarking", "format": "csv"})
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert answer["Content-Disposition"] == 'attachment; filename="benchmarking-2024-25.csv"'
    assert [row[0] for row in rows[1:]] == [m.heading for m in MEASURES]
    assert rows[0][1] == "Demo Borough Council (synthetic)"
    book = client.get(URL, {"year": "2024-25", "table": "neighbours", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet.max_row >= 1 + 1 + 7


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "2024"}, "is not a collection year"),
        ({"year": "2019-20"}, "No published figures are loaded for 2019/20"),
        ({"format": "pdf"}, "A download is ?format=csv or ?format=xlsx"),
        ({"format": "csv", "table": "children"}, "A download is ?format=csv"),
    ],
)
def test_bad_choices_get_a_clear_message(client, manager, query, message):
    load_sample()
    answer = client.get(URL, query)
    assert answer.status_code == 404
    assert message in answer.content.decode()


@pytest.mark.django_db
def test_without_figures_the_page_says_how_to_load_them(client, manager):
    html = client.get(URL).content.decode()
    assert "No published figures are loaded yet" in html and "irohub benchmarking load" in html


@pytest.mark.django_db
def test_an_iro_cannot_open_the_page(client):
    client.force_login(user_in_role("iro"))
    assert client.get(URL).status_code == 403


@pytest.mark.database_independent
def test_councils_exchange_public_measures_files_and_combine_them(tmp_path):
    data = tmp_path / "council"
    assert (
        run("demo", "--children", "60", "--years", "2", "--seed", "5", data_dir=data).returncode
        == 0
    )
    year = "2024/25"
    made = run("measures", "--year", year, "--public", data_dir=data)
    assert made.returncode == 0, made.stderr
    ours = json.loads(made.stdout)
    assert ours["la_code"] == "E06999901" and ours["year"] == year
    assert all(m.startswith(("M-REV-", "M-PAR-", "M-WF-", "M-ESC-")) for m in ours["measures"])
    # Figures only: nothing about any child, no breakdowns.
    allowed = {"title", "numerator", "denominator", "percent", "count", "value", "status"}
    allowed |= {"fte", "of_fte"}  # staff FTE of the establishment (M-WF-03c..f)
    assert all(set(entry) <= allowed for entry in ours["measures"].values())
    (tmp_path / "ours.json").write_text(made.stdout)
    theirs = {**ours, "council": "Synthetic Neighbour A", "la_code": "E06999902"}
    (tmp_path / "theirs.json").write_text(json.dumps(theirs))
    out = tmp_path / "pooled.csv"
    combined = run(
        "benchmarking",
        "combine",
        str(tmp_path / "ours.json"),
        str(tmp_path / "theirs.json"),
        "--out",
        str(out),
        data_dir=data,
    )
    assert combined.returncode == 0, combined.stderr
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0][2:4] == [ours["council"], "Synthetic Neighbour A"]
    assert {row[0] for row in rows[1:]} == set(ours["measures"])
    # A bad file: named, nothing combined.
    (tmp_path / "bad.json").write_text(json.dumps({**theirs, "year": "2023/24"}))
    refused = run(
        "benchmarking",
        "combine",
        str(tmp_path / "ours.json"),
        str(tmp_path / "bad.json"),
        data_dir=data,
    )
    assert refused.returncode == 1
    assert (
        f"{tmp_path / 'bad.json'}: year 2023/24, but {tmp_path / 'ours.json'} is {year}"
        in refused.stderr
    )
    both = run("measures", "--year", year, "--public", "--breakdowns", data_dir=data)
    assert both.returncode == 2 and "--public leaves breakdowns out" in both.stderr


@pytest.mark.django_db
def test_the_annual_report_shows_how_the_council_compares():
    load_demo_council(children=30, years=3, seed=7)  # the demo loads the sample tables too
    year = CollectionYear(2024)
    figures = figures_if_held(year)
    assert figures is not None and figures.benchmarking is not None
    assert figures.benchmarking.year == "2024/25"
    for public in (False, True):  # published figures are public already
        content = report_content(year, figures=figures, public=public)
        (table,) = [t for t in content.tables() if t.name == "benchmarking"]
        assert [row[0] for row in table.text_rows()] == [m.heading for m in MEASURES]
        assert table.header[1:] == (
            "Demo Borough Council (synthetic)",
            "Statistical neighbours' average (7)",
            "Demo Region (synthetic)",
            "England",
        )
        assert any("(this council)" in str(c.chart.data_table()) for c in content.charts())
    # A report for a year before any published figures has no comparison.
    assert published_comparison(CollectionYear(2022)) is None
    html = report_html(report_content(year, figures=figures))
    assert "How we compare" in html and "Statistical neighbours&#x27; average (7)" in html
