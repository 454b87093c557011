"""The published annual report is a tagged PDF (PDF/UA-1): a title shown as the window's
title, a language, headings, tables whose data cells name their header cells, and each
chart a Figure with its text alternative (issue 12, defect 4). veraPDF does not install on
these machines, so the structure tree is read back with pypdf."""

from __future__ import annotations

from collections import Counter
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from irohub.annual_report.queries import figures_if_held, report_content, report_file
from irohub.demo.load import load_demo_council
from irohub.records.years import CollectionYear

pytestmark = pytest.mark.django_db


def structure(pdf: bytes) -> tuple[dict, list[dict]]:
    """The document catalogue and every structure element, in reading order."""
    reader = PdfReader(BytesIO(pdf))
    root = reader.trailer["/Root"]
    elements: list[dict] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            elements.append(node)
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(root["/StructTreeRoot"])
    return root, elements


@pytest.fixture
def year():
    load_demo_council(children=80, years=3, seed=5)
    year = CollectionYear(CollectionYear.to_date(timezone.localdate()).start_year - 1)
    return year, figures_if_held(year)


def test_every_version_is_a_tagged_pdf_ua_with_title_and_language(year):
    year, figures = year
    for version in ("report", "public", "summary"):
        pdf = report_file(year, figures, version=version, output="pdf")
        root, elements = structure(pdf)
        reader = PdfReader(BytesIO(pdf))

        assert bool(root["/MarkInfo"]["/Marked"]), version
        assert root["/Lang"] == "en-GB"
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert reader.metadata.title
        assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
        tags = Counter(element["/S"] for element in elements)
        assert tags["/H1"] == 1
        assert tags["/H2"] >= 1
        if version == "report":
            _tables_and_charts_are_described(year, figures, elements)


def _tables_and_charts_are_described(year, figures, elements) -> None:
    content = report_content(year, figures=figures)
    tags = Counter(element["/S"] for element in elements)
    # Every data cell names the header cells it sits under.
    cells = [element for element in elements if element["/S"] == "/TD"]
    headers = {element.get("/ID") for element in elements if element["/S"] == "/TH"}
    assert tags["/Table"] >= 5
    assert cells
    for cell in cells:
        named = list(cell["/A"].get_object()["/Headers"])
        assert named
        assert set(named) <= headers
    # Each chart is a Figure whose alternative text is its description (its figures in
    # words), in the order of the report.
    charts = [
        block for section in content.sections for block in section.blocks if block.kind == "chart"
    ]
    figures_alt = [str(element["/Alt"]) for element in elements if element["/S"] == "/Figure"]
    assert charts
    assert figures_alt == [chart.description for chart in charts]
