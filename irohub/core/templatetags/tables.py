"""The body of a table of figures or rows, drawn in one pass.

A drill-down list has up to 500 rows of ten cells, and the performance page dozens of
tables: drawn cell by cell in the template language that was ~40,000 template nodes a
page (most of the page's CPU time). This tag draws the same markup from the rows that
`irohub.reporting.tables.Table.page_rows` gives, escaping every text as the template
would (Django's `conditional_escape`, whose plain-text case is `html.escape`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ROW_HEADER = '<th scope="row" class="govuk-table__header">'
_CELL = "govuk-table__cell"


def _escape(text: object) -> str:
    """`conditional_escape` without its lazy-text wrapper (a page escapes 50,000 cells)."""
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


_HINT = (
    '<span class="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-bottom-0">'
)


def _cell(cell: dict[str, Any], first: bool) -> str:
    if first:
        parts = [_ROW_HEADER]
    else:
        classes = _CELL
        if cell["numeric"]:
            classes += " govuk-table__cell--numeric"
        if cell["nowrap"]:
            classes += " irohub-nowrap"
        span = f' colspan="{int(cell["span"])}"' if cell["span"] > 1 else ""
        parts = [f'<td class="{classes}"{span}>']
    text = _escape(cell["text"])
    if cell["href"]:
        hidden = cell["hidden"]
        hidden_html = (
            f'<span class="govuk-visually-hidden">{_escape(hidden)}</span>' if hidden else ""
        )
        parts.append(
            f'<a class="govuk-link" href="{_escape(cell["href"])}">{text}{hidden_html}</a>'
        )
    elif cell.get("tag"):
        parts.append(f'<strong class="govuk-tag {_escape(cell["tag"])}">{text}</strong>')
    else:
        parts.append(text)
    if cell["hint"]:
        parts.append(f"{_HINT}{_escape(cell['hint'])}</span>")
    parts.append("</th>" if first else "</td>")
    return "".join(parts)


@register.simple_tag
def table_body(rows: Sequence[Sequence[dict[str, Any]]], columns: int, empty: str) -> SafeString:
    """The `<tr>` rows of a table (`rows` as `Table.page_rows` gives them); `empty` is
    said across `columns` columns when there are none."""
    if not rows:
        return mark_safe(
            f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{int(columns)}">'
            f"{_escape(empty)}</td></tr>"
        )
    return mark_safe(
        "\n".join(
            '<tr class="govuk-table__row">'
            + "".join(_cell(cell, index == 0) for index, cell in enumerate(row))
            + "</tr>"
            for row in rows
        )
    )
