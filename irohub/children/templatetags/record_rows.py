"""A child's record: the rows of each care period's episodes and reviews, drawn in one pass.

A child in care for years has dozens of episodes and reviews, and each review row drew
four addresses and four dates through the template language: half the CPU of a first
opening of the record. These tags draw the same markup, escaping every text as the
template would (docs/adr/0022).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from irohub.core.formatting import long_date
from irohub.core.navigation import address_maker

register = template.Library()

_ROW = '      <tr class="govuk-table__row">\n'
_END = "      </tr>\n"
_CELL = '        <td class="govuk-table__cell'
_HIDDEN = '<span class="govuk-visually-hidden">'


@register.simple_tag
def episode_rows(episodes: Sequence[Any]) -> SafeString:
    """The `<tr>` rows of a care period's episodes, oldest first."""
    if not episodes:
        return mark_safe(
            '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="6">'
            "No episodes recorded</td></tr>\n"
        )
    rows = []
    for episode in episodes:
        end = long_date(episode.end) if episode.end else "Now"
        ceased = episode.get_reason_ceased_display() or "Not ended"
        rows.append(
            f"{_ROW}"
            '        <th scope="row" class="govuk-table__header irohub-nowrap" data-label="Start">'
            f"{long_date(episode.start)}</th>\n"
            f'{_CELL} irohub-nowrap" data-label="End">{end}</td>\n'
            f'{_CELL}" data-label="Reason for new episode">'
            f"{escape(str(episode.get_reason_new_episode_display()))}</td>\n"
            f'{_CELL}" data-label="Legal status">'
            f"{escape(str(episode.get_legal_status_display()))}</td>\n"
            f'{_CELL}" data-label="Placement">{escape(str(episode.get_placement_display()))}</td>\n'
            f'{_CELL}" data-label="Reason ended">{escape(str(ceased))}</td>\n'
            f"{_END}"
        )
    return mark_safe("".join(rows))


@register.simple_tag
def review_rows(
    lines: Sequence[Any], child_id: int, may_follow_up: bool, may_record_review: bool
) -> SafeString:
    """The `<tr>` rows of a care period's reviews (irohub.children.queries.ReviewLine), in
    the order held, with the links the person may follow."""
    if not lines:
        return mark_safe(
            '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="7">'
            "No reviews recorded in this care period</td></tr>\n"
        )
    views_head, views_tail = reverse("review_views", args=[child_id, 987654321]).split("987654321")
    review_address = address_maker("review")
    rating_address = address_maker("rate_review")
    services_address = address_maker("review_services")
    rows = []
    for line in lines:
        review, timing = line.review, line.timing
        held = long_date(review.held)
        due = long_date(timing.due) if timing.due else ""
        if may_follow_up:
            held_cell = (
                f'<a class="govuk-link" href="{review_address(review.pk)}">{held}'
                f"{_HIDDEN}: record and actions</span></a>"
            )
        else:
            held_cell = held
        on_time = (
            "Yes"
            if timing.on_time
            else f'<strong class="govuk-tag govuk-tag--red">{escape(line.on_time_text)}</strong>'
        )
        chair = escape(str(review.chair)) if review.chair else "Not recorded"
        services = (
            f'<br><a class="govuk-link" href="{services_address(review.pk)}">Services'
            f"{_HIDDEN} rated after the review on {held}</span></a>"
            if may_record_review
            else ""
        )
        rows.append(
            f"{_ROW}"
            '        <th scope="row" class="govuk-table__header" data-label="Review">'
            f'<a class="govuk-link" href="{views_head}{review.pk}{views_tail}">{timing.number}'
            f"{_HIDDEN}: preparation and views</span></a></th>\n"
            f'{_CELL} irohub-nowrap" data-label="Date held">{held_cell}</td>\n'
            f'{_CELL} irohub-nowrap" data-label="Due by">{due}</td>\n'
            f'{_CELL}" data-label="On time">{on_time}</td>\n'
            f'{_CELL}" data-label="Participation">'
            f"{escape(str(review.get_participation_display()))}</td>\n"
            f'{_CELL}" data-label="Chair">{chair}</td>\n'
            f'{_CELL}" data-label="Quality"><a class="govuk-link" '
            f'href="{rating_address(review.pk)}">Quality rating{_HIDDEN} of the review on '
            f"{held}</span></a>{services}</td>\n"
            f"{_END}"
        )
    return mark_safe("".join(rows))
