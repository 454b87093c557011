"""HTML to PDF, one way for every document IRO Hub makes (the annual report, allocation
letters): WeasyPrint, tagged PDF/UA-1, nothing fetched."""

from __future__ import annotations

import logging

from django.conf import settings


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported here: loading pango takes a moment, and HTML needs none

    # WeasyPrint's CSS parser warns about every SVG presentation property (fill, stroke)
    # it then draws correctly: keep its warnings out of the console and the logs.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        # Nothing is fetched: charts and photos are inline and the fonts are the system's.
        # PDF/UA-1: a tagged PDF (headings, tables with their header cells, each chart a
        # Figure whose alternative text is its SVG <title>), with the document's title
        # and language, as a council must publish it (Public Sector Bodies Accessibility
        # Regulations 2018).
        return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
            pdf_variant="pdf/ua-1"
        )
    finally:
        logger.setLevel(level)
