"""Participation of the child in reviews: M-PAR-01 (spec/measures.md §B)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from irohub.measures.catalogue import MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import AGE_BAND_4_PLUS, STANDARD
from irohub.measures.records import CollectionYear, Register
from irohub.measures.results import Figure, MeasureResult, NoData, figure_of
from irohub.measures.reviews import history_gap
from irohub.measures.timeline import book_for
from irohub.ssda903.codes import PARTICIPATION
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "DEFINITIONS",
    "VIEWS_EXPRESSED",
    "ParticipationRow",
    "child_participation",
    "participation_rows",
]

# PN1, PN2, PN3, PN5, PN6: the child's views reached the review, in person or otherwise.
VIEWS_EXPRESSED = frozenset({"PN1", "PN2", "PN3", "PN5", "PN6"})
# PN1–PN7: children aged 4 or over. PN0 (under 4) is outside the measure.
AGED_FOUR_OR_OVER = frozenset(code for code in PARTICIPATION if code != "PN0")


class ParticipationRow(NamedTuple):
    child_id: str
    held: date
    code: str
    views_expressed: bool


def _participation_rows(register: Register, year: CollectionYear) -> list[ParticipationRow] | None:
    first, last = year.start, year.end
    rows: list[ParticipationRow] = []
    held = coded = False
    for child in register.children:
        for period in child.periods:
            if period.start > last or (period.end is not None and period.end < first):
                continue
            for review in period.reviews:
                if not first <= review.held <= last:
                    continue
                held = True
                code = review.participation
                if code in PARTICIPATION:
                    coded = True
                    if code in AGED_FOUR_OR_OVER:
                        rows.append(
                            ParticipationRow(
                                child.child_id, review.held, code, code in VIEWS_EXPRESSED
                            )
                        )
    # Reviews held in the year but none carrying a REVIEW_CODE: the data is not there.
    return None if held and not coded else rows


def participation_rows(register: Register, year: CollectionYear) -> list[ParticipationRow] | None:
    """M-PAR-01's rows: every review held in the year coded PN1–PN7, in any care period
    (the measure is about the child's voice at the review, whatever the review regime);
    None when no review held in the year carries a participation code at all."""
    return _participation_rows(register, year)


def _participation_figure(register: Register, year: CollectionYear) -> Figure | None:
    rows = _participation_rows(register, year)
    return None if rows is None else figure_of(row.views_expressed for row in rows)


def child_participation(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-PAR-01 Child participation in reviews (measures.md §B).

    Numerator: reviews held in the year coded PN1, PN2, PN3, PN5 or PN6 (the child's views
    were expressed). Denominator: reviews held in the year coded PN1–PN7; PN0 (under 4) and
    reviews without a valid code are left out. No deadline is involved: `calendar` only
    selects the shared cache.
    """
    if gap := history_gap(register, year):
        return gap
    book = book_for(register, calendar)
    figure = book.memo("M-PAR-01", year, lambda: _participation_figure(register, year))
    if figure is None:
        return NoData(f"no participation code (REVIEW_CODE) on any review held in {year}")
    return figure


def _par01_rows(scope: Scope) -> list[Row] | NoData:
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = participation_rows(register, year)
    if rows is None:
        return NoData(f"no participation code (REVIEW_CODE) on any review held in {year}")
    return [
        Row(row.child_id, row.held, row.views_expressed, (row.code, PARTICIPATION[row.code]))
        for row in rows
    ]


PARTICIPATION_DIMENSIONS = (AGE_BAND_4_PLUS, *STANDARD[1:])

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-PAR-01",
        "Children's views expressed in their reviews",
        Section.PARTICIPATION,
        "review",
        _par01_rows,
        description=(
            "Reviews of children aged 4 or over (PN1–PN7) at which the child's views were "
            "expressed (PN1, PN2, PN3, PN5, PN6)."
        ),
        columns=("participation code", "meaning"),
        dimensions=PARTICIPATION_DIMENSIONS,
        figure=lambda scope: child_participation(scope.register, scope.year, scope.calendar),
        numerator_label="views expressed",
    ),
)
