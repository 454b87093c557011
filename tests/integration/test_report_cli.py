"""`irohub report`: the annual report as HTML, PDF and Word from a demo council, read back
and checked against `irohub measures` for the same year, and bad input refused."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import lxml.html
import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.integration.irohub_process import demo_council, run

# Runs irohub in a subprocess on its own SQLite file, or needs no database: the
# PostgreSQL pass of scripts/test would only repeat it.
pytestmark = pytest.mark.database_independent

YEAR, LAST_YEAR = "2024/25", "2023/24"
FIGURE = re.compile(r"([\d,]+) of ([\d,]+) \(([\d.]+)%\)")
RATE = re.compile(r"([\d.]+) \(([\d,]+) ÷ ([\d,.]+)\)")
KEY_FIGURES = ("M-REV-01", "M-REV-03", "M-REV-04", "M-PAR-01")


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    return demo_council(tmp_path_factory)


@pytest.fixture(scope="module")
def measures(council) -> dict[str, dict[str, dict]]:
    out = {}
    for year in (YEAR, LAST_YEAR):
        result = run("measures", "--year", year, data_dir=council)
        assert result.returncode == 0, result.stderr
        out[year] = json.loads(result.stdout)["measures"]
    return out


@pytest.fixture(scope="module")
def reports(council, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for name, extra in (("full", ()), ("public", ("--public",)), ("summary", ("--summary",))):
        for output in ("html", "pdf", "docx"):
            out = folder / f"{name}.{output}"
            result = run(
                "report",
                "--year",
                YEAR,
                "--format",
                output,
                "--out",
                str(out),
                *extra,
                data_dir=council,
            )
            assert result.returncode == 0, result.stderr
            said = json.loads(result.stdout)
            assert said["out"] == str(out) and said["bytes"] == out.stat().st_size > 0
            assert result.stderr == ""
            written[f"{name}.{output}"] = out
    return written


def half_up(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def number(text: str) -> int:
    return int(text.replace(",", ""))


def assert_figure(text: str, expected: dict) -> None:
    match = FIGURE.search(text)
    assert match, text
    assert number(match[1]) == expected["numerator"]
    assert number(match[2]) == expected["denominator"]
    assert match[3] == half_up(expected["percent"])


def assert_rate(text: str, expected: dict) -> None:
    match = RATE.search(text)
    assert match, text
    assert match[1] == half_up(expected["value"])
    assert number(match[2]) == expected["numerator"]
    assert float(match[3].replace(",", "")) == pytest.approx(expected["denominator"], abs=0.005)


def check_every_measure(cells: dict[str, str], expected: dict[str, dict]) -> None:
    """`cells`: measure ID → the report's text for the year; each equals the JSON."""
    for measure_id in KEY_FIGURES:
        assert_figure(cells[measure_id], expected[measure_id])
    # Children looked after at 31 March, and caseload per FTE when the catalogue has them.
    if "count" in expected.get("M-POP-01", {}):
        assert number(cells["M-POP-01"]) == expected["M-POP-01"]["count"]
    if "value" in expected.get("M-WF-01", {}):
        assert_rate(cells["M-WF-01"], expected["M-WF-01"])
    # Every measure of the JSON is in the report, "No data" where the register lacks it.
    for measure_id, result in expected.items():
        assert measure_id in cells, measure_id
        if result.get("status") == "no data":
            assert cells[measure_id] == "No data"
        elif "numerator" in result and "value" not in result:
            assert_figure(cells[measure_id], result)
        elif "count" in result:
            assert number(cells[measure_id]) == result["count"]


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(str(path)).tables
    ]


def test_the_pdf_shows_the_same_figures_as_irohub_measures(reports, measures):
    text = subprocess.run(
        ["pdftotext", "-layout", str(reports["full.pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "annual report 2024/25" in text and "Page 2 of" in text
    appendix = text[text.rindex("Figures in this report") :]
    cells: dict[str, str] = {}
    for line in appendix.splitlines():
        found = re.match(r"\s*(M-[A-Z]+-\d+[a-z]?(?:-[a-z]+)?)\s+(.*)$", line)
        if found:
            # The year's figure is the first after the title: columns are 2+ spaces apart.
            columns = re.split(r"\s{2,}", found[2].strip())
            cells[found[1]] = columns[1] if len(columns) > 1 else ""
    check_every_measure(cells, measures[YEAR])


def test_the_word_tables_show_the_same_figures_as_irohub_measures(reports, measures):
    tables = docx_tables(reports["full.docx"])
    every = next(t for t in tables if t[0][:2] == ["Measure ID", "Measure"])
    assert every[0][2:] == [YEAR, LAST_YEAR]
    check_every_measure({row[0]: row[2] for row in every[1:]}, measures[YEAR])
    check_every_measure({row[0]: row[3] for row in every[1:]}, measures[LAST_YEAR])
    # Year on year in the sections too: the timeliness table's columns are the years.
    timeliness = next(t for t in tables if t[0][0] == "Measure" and "M-REV-01)" in t[1][0])
    header = timeliness[0]
    row = next(r for r in timeliness if r[0].endswith("(M-REV-01)"))
    assert_figure(row[header.index(YEAR)], measures[YEAR]["M-REV-01"])
    assert_figure(row[header.index(LAST_YEAR)], measures[LAST_YEAR]["M-REV-01"])
    # The charts are images with a text alternative.
    document = Document(str(reports["full.docx"]))
    assert len(document.inline_shapes) >= 4
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr")


def test_the_word_contents_is_a_table_of_contents_field_listing_each_section_once(reports):
    document = Document(str(reports["full.docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Introduction" and len(headings) >= 10
    contents = next(p for p in document.paragraphs if "TOC" in "".join(p._p.itertext()))
    code = "".join(t.text for t in contents._p.iter(qn("w:instrText")))
    assert code.strip().startswith("TOC ")
    # Until Word updates the field it shows the section headings, numbered once.
    assert contents.text.split("\n") == headings


def test_the_html_shows_the_same_figures_as_irohub_measures(reports, measures):
    page = lxml.html.fromstring(reports["full.html"].read_bytes())
    rows = page.xpath('//table[@data-table="figures"]/tbody/tr')
    cells = {row[0].text_content().strip(): row[2].text_content().strip() for row in rows}
    check_every_measure(cells, measures[YEAR])
    assert page.xpath("//svg[@role='img']"), "charts are inline SVG"


def all_text(reports: dict[str, Path], name: str) -> str:
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(reports[f"{name}.pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    html = lxml.html.fromstring(reports[f"{name}.html"].read_bytes()).text_content()
    document = Document(str(reports[f"{name}.docx"]))
    words = [p.text for p in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([pdf, html, *words])


def test_the_public_version_suppresses_small_numbers(reports):
    full = docx_tables(reports["full.docx"])
    public = docx_tables(reports["public.docx"])
    # The caseload forecast is in the full report only (a planning tool: ADR 0025).
    planning = {"Month", "Forecast of"}
    assert [t for t in full if t[0][0] in planning] and not [
        t for t in public if t[0][0] in planning
    ]
    full = [t for t in full if t[0][0] not in planning]
    assert len(full) == len(public)
    suppressed = 0
    for full_table, public_table in zip(full, public, strict=True):
        if (
            full_table[0][0] in {"Team", "FTE", "Month end", "Measure ID", "Figure"}
            or full_table[0][0] == "Measure"
        ):
            continue  # staff and establishment (not children), measure tables (checked below)
        for full_row, public_row in zip(full_table[1:], public_table[1:], strict=True):
            for was, shown in zip(full_row[1:], public_row[1:], strict=True):
                if re.fullmatch(r"[1-5]", was):
                    assert shown == "c", (full_table[0], full_row)
                    suppressed += 1
                assert not re.fullmatch(r"[1-5]", shown), (public_table[0], public_row)
    assert suppressed, "the demo council has small numbers to suppress"
    text = all_text(reports, "public")
    assert "Public version" in text
    for figure in FIGURE.finditer(text):
        for part in (figure[1], figure[2]):
            assert not 1 <= number(part) <= 5, figure[0]


def test_no_version_names_a_child(reports, council):
    script = (
        "import os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'irohub.project.settings')\n"
        "django.setup()\n"
        "from irohub.children.models import Child\n"
        "for c in Child.objects.all():\n"
        "    print(f'{c.identifier}|{c.first_name} {c.last_name}')\n"
    )
    env = {**os.environ, "DATABASE_URL": "", "IROHUB_DATA_DIR": str(council)}
    listed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    ).stdout
    pairs = [line.split("|") for line in listed.splitlines()]
    # The children in care, and the children in need of protection who are not in care.
    assert sum(identifier.startswith("DC") for identifier, _ in pairs) == 300
    assert any(identifier.startswith("DP") for identifier, _ in pairs)
    for name in ("full", "public", "summary"):
        text = all_text(reports, name)
        for identifier, full_name in pairs:
            assert identifier not in text
            assert full_name not in text


def test_the_summary_is_plain_and_suppressed(reports, measures):
    text = all_text(reports, "summary")
    assert "How many children we look after" in text
    assert "Did your review happen on time?" in text
    assert "Did children have their say?" in text
    on_time = measures[YEAR]["M-REV-01"]
    share = Decimal(100 * on_time["numerator"]) / Decimal(on_time["denominator"])
    expected = share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    assert f"{expected} in every 100 reviews happened on time" in text


# --- bad input: one line naming the argument, status 2, nothing written ------------------


def assert_refused(result, out: Path, argument: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert argument in result.stderr
    assert not out.exists()
    assert not list(out.parent.glob(f".{out.name}.*")) if out.parent.exists() else True


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        (["--year", "2024", "--format", "pdf"], "--year"),
        (["--year", "2024/26", "--format", "pdf"], "--year"),
        (["--year", "2024/25", "--format", "odt"], "--format"),
        (["--format", "pdf"], "--year"),
    ],
)
def test_bad_arguments_are_refused(tmp_path, args, argument):
    out = tmp_path / "report.pdf"
    assert_refused(run("report", *args, "--out", str(out), data_dir=tmp_path), out, argument)


def test_an_unwritable_out_is_refused(council, tmp_path):
    out = tmp_path / "no-such-folder" / "report.pdf"
    result = run("report", "--year", YEAR, "--format", "pdf", "--out", str(out), data_dir=council)
    assert_refused(result, out, "--out")
    result = run(
        "report", "--year", YEAR, "--format", "pdf", "--out", str(tmp_path), data_dir=council
    )
    assert result.returncode == 2 and "--out" in result.stderr and "folder" in result.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # root can write anywhere: nothing to refuse
            out = locked / "report.pdf"
            result = run(
                "report", "--year", YEAR, "--format", "pdf", "--out", str(out), data_dir=council
            )
            assert_refused(result, out, "--out")
    finally:
        locked.chmod(0o700)


def test_a_year_without_data_is_refused(council, tmp_path):
    out = tmp_path / "report.docx"
    result = run(
        "report", "--year", "1999/00", "--format", "docx", "--out", str(out), data_dir=council
    )
    assert_refused(result, out, "--year")
    assert "no children" in result.stderr
    assert list(tmp_path.iterdir()) == []
