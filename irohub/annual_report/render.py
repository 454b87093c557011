"""The annual report's formats, all laid out from one `ReportContent`.

* HTML: a standalone, print-ready page (inline SVG charts, A4 page CSS, page numbers,
  Liberation Sans, which has Arial's metrics) — the same sections the app shows.
* PDF: that page through WeasyPrint, so the PDF is exactly the HTML.
* Word: python-docx — real headings, real tables with a repeating header row, the same
  charts as PNG images with a text alternative, a page break between sections — so the
  manager can edit it before it goes to the board.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, time

from django.template.loader import render_to_string
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from irohub.annual_report.content import (
    ChartBlock,
    Highlights,
    Narrative,
    Notice,
    ReportContent,
)
from irohub.annual_report.summary import SummaryContent
from irohub.core.pdf import html_to_pdf
from irohub.reporting.tables import Table

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "render",
    "report_docx",
    "report_html",
    "report_pdf",
    "summary_docx",
    "summary_html",
    "summary_pdf",
]

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(MEDIA_TYPES)
WORD_FONT = "Arial"
GREY = RGBColor(0x50, 0x5A, 0x5F)


# --- HTML and PDF ------------------------------------------------------------------------


def report_html(content: ReportContent) -> str:
    return render_to_string("annual_report/print.html", {"content": content, "standalone": True})


def summary_html(summary: SummaryContent) -> str:
    return render_to_string("annual_report/summary_print.html", {"summary": summary})


def _pdf(html: str) -> bytes:
    return html_to_pdf(html)


def report_pdf(content: ReportContent) -> bytes:
    return _pdf(report_html(content))


def summary_pdf(summary: SummaryContent) -> bytes:
    return _pdf(summary_html(summary))


# --- Word ---------------------------------------------------------------------------------


def _new_document(title: str, generated: datetime) -> Document:  # type: ignore[valid-type]
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = WORD_FONT
    normal.font.size = Pt(11)
    # East Asian font too, or Word falls back to its own theme font for some text.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), WORD_FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        style = document.styles[name]
        style.font.name = WORD_FONT
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    properties = document.core_properties
    properties.title = title
    properties.author = "IRO Hub"
    properties.created = properties.modified = generated
    properties.last_modified_by = "IRO Hub"
    properties.revision = 1
    return document


def _field(paragraph, instruction: str, shown: Sequence[str] = ()) -> None:  # type: ignore[no-untyped-def]
    """A Word field (PAGE, TOC…) in `paragraph`, showing `shown` (one line each) until Word
    updates it."""

    def mark(kind: str) -> None:
        field = OxmlElement("w:fldChar")
        field.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(field)

    mark("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    if shown:
        mark("separate")  # what follows is the field's result, until Word updates it
    for number, line in enumerate(shown, start=1):
        run = paragraph.add_run(line)
        if number < len(shown):
            run.add_break()
    mark("end")


def _saved(document: Document, generated: datetime) -> bytes:  # type: ignore[valid-type]
    """The .docx as bytes, the same for the same report: python-docx stamps each part of
    the zip with the moment of saving, so each is stamped with the report's date instead."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            part = zipfile.ZipInfo(item.filename, date_time=generated.timetuple()[:6])
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(item))
    return out.getvalue()


def _page_numbers(document: Document, text: str) -> None:  # type: ignore[valid-type]
    """Footer: the report's name, then "Page N" as a Word field, so Word keeps it right."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = f"{text}    Page "
    _field(paragraph, "PAGE")
    for piece in paragraph.runs:
        piece.font.size = Pt(8)
        piece.font.color.rgb = GREY


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _word_table(document: Document, table: Table) -> None:  # type: ignore[valid-type]
    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_header(grid.rows[0])
    numeric = [column.kind.numeric for column in table.columns]
    for index, (cell, text) in enumerate(zip(grid.rows[0].cells, table.header, strict=True)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if numeric[index]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = table.text_rows()
    for number, row in enumerate(rows, start=1):
        last = table.total and number == len(rows)
        for index, (cell, text) in enumerate(zip(grid.rows[number].cells, row, strict=True)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = last
            if numeric[index]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def _word_chart(document: Document, block: ChartBlock) -> None:  # type: ignore[valid-type]
    caption = document.add_paragraph(block.title, style="Caption")
    caption.paragraph_format.keep_with_next = True
    document.add_picture(io.BytesIO(block.chart.png()), width=Cm(16.5))
    # The text alternative screen readers give for the image (Word's "Alt Text").
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("title", block.title)
    inline.docPr.set("descr", block.description)


def _word_narrative(document: Document, block: Narrative, public: bool) -> None:  # type: ignore[valid-type]
    if block.empty:
        if not public:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(
                "Not written yet: the service manager writes this part in IRO Hub."
            )
            run.italic = True
            run.font.color.rgb = GREY
        return
    for kind, body in block.parts:
        if kind == "p":
            document.add_paragraph(str(body))
        else:
            for item in body:
                document.add_paragraph(str(item), style="List Bullet")


def _word_notice(document: Document, block: Notice) -> None:  # type: ignore[valid-type]
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(0.6)
    run = paragraph.add_run(block.text)
    run.font.size = Pt(9.5)
    run.font.color.rgb = GREY


def _word_highlights(document: Document, block: Highlights) -> None:  # type: ignore[valid-type]
    for item in block.items:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        label = paragraph.add_run(item.label + ": ")
        label.bold = True
        value = paragraph.add_run(item.value)
        value.bold = True
        value.font.size = Pt(14)
        if item.detail:
            detail = paragraph.add_run(f"  ({item.detail})")
            detail.font.color.rgb = GREY


def report_docx(content: ReportContent) -> bytes:
    generated = datetime.combine(content.generated_on, time(12))
    document = _new_document(content.title, generated)
    document.add_paragraph(content.council).runs[0].bold = True
    document.add_heading(content.title, level=0)
    document.add_paragraph(content.subtitle)
    if content.public:
        mark = document.add_paragraph().add_run("Public version: counts from 1 to 5 are shown as c")
        mark.bold = True
    note = f"Produced by IRO Hub on {content.generated_on:%-d %B %Y}."
    if content.edited:
        note += f" {content.edited}."
    document.add_paragraph(note).runs[0].font.color.rgb = GREY
    document.add_heading("Contents", level=2)
    # Word's own table of contents over the numbered section headings: it shows the
    # sections as written here, and their page numbers once Word updates the field
    # (right-click, Update Field; or F9).
    _field(
        document.add_paragraph(),
        'TOC \\o "1-1" \\h \\z \\u',
        [section.heading for section in content.sections],
    )
    footer = f"{content.council}: IRO annual report {content.year.label}"
    _page_numbers(document, footer + (" (public version)" if content.public else ""))
    for section in content.sections:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Narrative):
                _word_narrative(document, block, content.public)
            elif isinstance(block, Notice):
                _word_notice(document, block)
            elif isinstance(block, Table):
                _word_table(document, block)
            elif isinstance(block, ChartBlock):
                _word_chart(document, block)
            elif isinstance(block, Highlights):
                _word_highlights(document, block)
    return _saved(document, generated)


def summary_docx(summary: SummaryContent) -> bytes:
    document = _new_document(summary.title, datetime.combine(summary.generated_on, time(12)))
    normal = document.styles["Normal"]
    normal.font.size = Pt(13)
    document.add_paragraph(
        f"{summary.council}. This is a public summary: where a number is 5 or fewer it is "
        "shown as c, so that no one can work out who it is about."
    ).runs[0].font.color.rgb = GREY
    document.add_heading(summary.title, level=0)
    for item in summary.items:
        document.add_heading(item.question, level=1)
        number = document.add_paragraph().add_run(item.number)
        number.bold = True
        number.font.size = Pt(32)
        number.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
        document.add_paragraph(item.words)
    if summary.priorities:
        document.add_heading("What we will do next year", level=1)
        for priority in summary.priorities:
            document.add_paragraph(priority, style="List Bullet")
    return _saved(document, datetime.combine(summary.generated_on, time(12)))


_RENDERERS: dict[tuple[str, bool], Callable[..., str | bytes]] = {
    ("html", False): report_html,
    ("pdf", False): report_pdf,
    ("docx", False): report_docx,
    ("html", True): summary_html,
    ("pdf", True): summary_pdf,
    ("docx", True): summary_docx,
}


def render(content: ReportContent | SummaryContent, output: str) -> bytes:
    """The report (or the child-friendly summary) in `output` format, as bytes."""
    if output not in MEDIA_TYPES:
        raise ValueError(f"unknown format {output!r}: use one of {', '.join(FORMATS)}")
    made = _RENDERERS[(output, isinstance(content, SummaryContent))](content)
    return made.encode("utf-8") if isinstance(made, str) else made
