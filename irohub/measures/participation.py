"""Participation of children and families: M-PAR-01 to M-PAR-07 (spec/measures.md §B).

M-PAR-01 and its variants read the SSDA903 participation code (REVIEW_CODE) of each
review, in any care period and review regime (the measure is about the child's voice at
the review), except the reg 48 reviews of a child on short breaks only in the year: the
SSDA903 return carries none (DfE rule 399), and the figure is the same from the register
and from the return. M-PAR-02, M-PAR-05 and M-PAR-06 come from the review checklist,
advocacy referrals and consultation returns (irohub.measures.voice); M-PAR-04 (each
parent's part in the review) and M-PAR-07 (independent visitors) from the review details
and the people around the child (irohub.measures.lifecycle); M-PAR-03 and its variants (the
IRO's contact with the child between reviews) and M-PAR-07a/b (independent visitors offered
and waiting) from what IRO Hub records between reviews (irohub.measures.oversight).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from irohub.measures.catalogue import MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import AGE_BAND_4_PLUS, STANDARD, row_dimension
from irohub.measures.lifecycle import LIFECYCLE, PARENTS
from irohub.measures.oversight import OVERSIGHT
from irohub.measures.results import Figure, MeasureResult, NoData, figure_of
from irohub.measures.reviews import family_figure, history_gap
from irohub.measures.timeline import ReviewBook
from irohub.measures.voice import VOICE
from irohub.records.codes import PARTICIPATION
from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "DEFINITIONS",
    "TOOK_PART",
    "VIEWS_EXPRESSED",
    "ParticipationRow",
    "child_participation",
    "children_participation_latest_review",
    "participation_rows",
    "took_part_in_reviews",
]

# PN1, PN2, PN3, PN5, PN6: the child's views reached the review, in person or otherwise.
VIEWS_EXPRESSED = frozenset({"PN1", "PN2", "PN3", "PN5", "PN6"})
# M-PAR-01a: those and PN4 (attended without contributing): "attended or views expressed".
TOOK_PART = VIEWS_EXPRESSED | {"PN4"}
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
        if child.on_short_breaks_only(first, last):
            continue
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


def _latest_per_child(rows: list[ParticipationRow]) -> list[ParticipationRow]:
    """Each child's latest review in the year coded PN1–PN7: M-PAR-01b's rows."""
    latest: dict[str, ParticipationRow] = {}
    for row in rows:
        kept = latest.get(row.child_id)
        if kept is None or row.held >= kept.held:
            latest[row.child_id] = row
    return sorted(latest.values(), key=lambda row: (row.held, row.child_id))


def _participation_figures(register: Register, year: CollectionYear) -> dict[str, Figure] | None:
    rows = _participation_rows(register, year)
    if rows is None:
        return None
    return {
        "M-PAR-01": figure_of(row.views_expressed for row in rows),
        "M-PAR-01a": figure_of(row.code in TOOK_PART for row in rows),
        "M-PAR-01b": figure_of(row.views_expressed for row in _latest_per_child(rows)),
    }


def _no_code(year: CollectionYear) -> NoData:
    return NoData(f"no participation code (REVIEW_CODE) on any review held in {year}")


def _participation_figure(
    measure_id: str,
    register: Register,
    year: CollectionYear,
    calendar: WorkingDayCalendar | None,
) -> MeasureResult:
    # No deadline is involved: `calendar` only selects the shared cache.
    def compute(_: ReviewBook) -> dict[str, Figure] | NoData:
        figures = _participation_figures(register, year)
        return _no_code(year) if figures is None else figures

    return family_figure(measure_id, register, year, calendar, "M-PAR", compute)


def child_participation(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-PAR-01 Child participation in reviews (measures.md §B).

    Numerator: reviews held in the year coded PN1, PN2, PN3, PN5 or PN6 (the child's views
    were expressed). Denominator: reviews held in the year coded PN1–PN7; PN0 (under 4) and
    reviews without a valid code are left out.
    """
    return _participation_figure("M-PAR-01", register, year, calendar)


def took_part_in_reviews(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-PAR-01a (variant (a) of M-PAR-01): as M-PAR-01 with PN4 (the child attended but
    did not contribute) in the numerator too — "attended or views expressed"."""
    return _participation_figure("M-PAR-01a", register, year, calendar)


def children_participation_latest_review(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None = None
) -> MeasureResult:
    """M-PAR-01b (variant (b) of M-PAR-01, child-level): children whose latest review in
    the year coded PN1–PN7 was coded PN1, PN2, PN3, PN5 or PN6, of children with such a
    review (children with only PN0 or uncoded reviews in the year are left out)."""
    return _participation_figure("M-PAR-01b", register, year, calendar)


def _row(row: ParticipationRow, counted: bool) -> Row:
    return Row(row.child_id, row.held, counted, (row.code, PARTICIPATION[row.code]))


def _rows(scope: Scope) -> list[ParticipationRow] | NoData:
    register, year = scope.register, scope.year
    if gap := history_gap(register, year):
        return gap
    rows = participation_rows(register, year)
    return _no_code(year) if rows is None else rows


def _par01_rows(scope: Scope) -> list[Row] | NoData:
    rows = _rows(scope)
    if isinstance(rows, NoData):
        return rows
    return [_row(row, row.views_expressed) for row in rows]


def _par01a_rows(scope: Scope) -> list[Row] | NoData:
    rows = _rows(scope)
    if isinstance(rows, NoData):
        return rows
    return [_row(row, row.code in TOOK_PART) for row in rows]


def _par01b_rows(scope: Scope) -> list[Row] | NoData:
    rows = _rows(scope)
    if isinstance(rows, NoData):
        return rows
    return [_row(row, row.views_expressed) for row in _latest_per_child(rows)]


PARTICIPATION_CODE = row_dimension(
    "participation code", lambda row: str(row.columns[0]), tuple(sorted(AGED_FOUR_OR_OVER))
)
PARTICIPATION_DIMENSIONS = (PARTICIPATION_CODE, AGE_BAND_4_PLUS, *STANDARD[1:])
PARTICIPATION_COLUMNS = ("participation code", "meaning")


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
        columns=PARTICIPATION_COLUMNS,
        dimensions=PARTICIPATION_DIMENSIONS,
        figure=lambda scope: child_participation(scope.register, scope.year, scope.calendar),
        numerator_label="views expressed",
    ),
    MeasureDefinition(
        "M-PAR-01a",
        "Children who took part in their reviews (attending counted)",
        Section.PARTICIPATION,
        "review",
        _par01a_rows,
        description=(
            "As M-PAR-01, with reviews the child attended without contributing (PN4) "
            "counted as taking part: PN1–PN6 of PN1–PN7."
        ),
        columns=PARTICIPATION_COLUMNS,
        dimensions=PARTICIPATION_DIMENSIONS,
        figure=lambda scope: took_part_in_reviews(scope.register, scope.year, scope.calendar),
        variant_of="M-PAR-01",
        numerator_label="took part",
    ),
    MeasureDefinition(
        "M-PAR-01b",
        "Children whose views were expressed at their latest review",
        Section.PARTICIPATION,
        "child",
        _par01b_rows,
        description=(
            "Children aged 4 or over at their latest review in the year (PN1–PN7) whose "
            "views were expressed at it (PN1, PN2, PN3, PN5, PN6)."
        ),
        columns=PARTICIPATION_COLUMNS,
        dimensions=PARTICIPATION_DIMENSIONS,
        figure=lambda scope: children_participation_latest_review(
            scope.register, scope.year, scope.calendar
        ),
        variant_of="M-PAR-01",
        numerator_label="views expressed",
    ),
    VOICE["M-PAR-02"],
    OVERSIGHT["M-PAR-03"],
    OVERSIGHT["M-PAR-03a"],
    OVERSIGHT["M-PAR-03b"],
    OVERSIGHT["M-PAR-03c"],
    *PARENTS,
    VOICE["M-PAR-05"],
    VOICE["M-PAR-05a"],
    VOICE["M-PAR-06"],
    VOICE["M-PAR-06a"],
    VOICE["M-PAR-06b"],
    LIFECYCLE["M-PAR-07"],
    OVERSIGHT["M-PAR-07a"],
    OVERSIGHT["M-PAR-07b"],
)
