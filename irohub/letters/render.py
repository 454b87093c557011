"""A letter as a PDF: an HTML page made into PDF the same way as the annual report
(irohub.core.pdf). The IRO's photo, already re-encoded (letters.photos), is inlined."""

from __future__ import annotations

import base64

from django.conf import settings
from django.template.loader import render_to_string

from irohub.core.pdf import html_to_pdf
from irohub.letters.models import Letter, LetterKind
from irohub.letters.queries import photo_of


def paragraphs(text: str) -> list[str]:
    """A blank line starts a paragraph; lines within one are joined by line breaks."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def letter_html(letter: Letter) -> str:
    photo = photo_of(letter.iro_id) if letter.to_child else None
    return render_to_string(
        "letters/letter_print.html",
        {
            "letter": letter,
            "paragraphs": paragraphs(letter.text),
            "council": settings.IROHUB_COUNCIL_NAME,
            "photo": base64.b64encode(photo).decode() if photo else None,
            "young": letter.kind == LetterKind.CHILD_UNDER_8,
        },
    )


def letter_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter))
