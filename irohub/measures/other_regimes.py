"""Reviews under the other regimes: M-SB-01 short breaks (reg 48) and M-AD-01 adoption
(AAR 2005 reg 36), spec/measures.md §I.

"Same construction as M-REV-01": the rows are the reviews held in the year under the
regime, each on time when held on or before the deadline live for it, and the deadlines
that fell in the year under it and were still unmet at the year's close (overdue, open).
Deadlines come from the rules core's one rule for a child's care periods
(`irohub.statutory.care_period_schedules`): a review belongs to the regime in force on the
day it was held (a review on the day the regime changes belongs to the new one).

M-AD-01 is reported as a whole and separately (M-AD-01a) for children whose agency had
authority to place but who were not yet placed — the combined review, measured against
the earlier of the looked-after and the AD-1/AD-2 deadlines, while the placement order
stands — and (M-AD-01b) for children
placed for adoption (AD-3 to AD-5). A review before the authority began is a looked-after
review only. A span that began before the data's history (`Register.history_from`) has
reviews nobody can see: its rows are unclassified, never guessed.

An SSDA903 return carries no reg 48 reviews (DfE rule 399): M-SB-01 from one says
"no data".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from irohub.measures.catalogue import MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import STANDARD
from irohub.measures.results import NoData
from irohub.records.codes import ADOPTION_PLACEMENTS, SHORT_BREAK_LEGAL_STATUSES
from irohub.records.register import ChildRecord
from irohub.statutory import (
    CarePeriodFacts,
    Regime,
    ReviewDateError,
    Span,
    care_period_schedules,
    regime_spans,
)
from irohub.statutory.regimes import AUTHORITY_TO_PLACE_LEGAL_STATUSES, Authority, authority_in

__all__ = ["AUTHORITY", "DEFINITIONS", "PLACED", "SHORT_BREAKS", "regime_rows"]

SHORT_BREAKS = "short breaks"
AUTHORITY = "authority to place, not yet placed"
PLACED = "placed for adoption"
_ALL_ADOPTION = frozenset({AUTHORITY, PLACED})

NO_SHORT_BREAK_REVIEWS = NoData(
    "an SSDA903 return carries no reviews of children on short breaks (DfE rule 399): "
    "IRO Hub's own register holds them"
)
_COLUMNS = ("Regime", "Review", "Due", "Held", "Days late")


def _kind(span: Span, authority: Authority | None, day: date) -> str | None:
    if span.regime is Regime.SHORT_BREAKS:
        return SHORT_BREAKS
    if span.regime is Regime.ADOPTION:
        return PLACED
    running = authority is not None and authority.start <= day
    if running and (authority.end is None or day < authority.end):  # type: ignore[union-attr]
        return AUTHORITY
    return None


def _span_on(spans: list[Span], day: date) -> Span:
    # The regime in force on the day (the new one on the day it changes).
    for span in reversed(spans):
        if span.start <= day:
            return span
    return spans[0]


def _relevant(child: ChildRecord) -> bool:
    return any(
        e.legal_status in SHORT_BREAK_LEGAL_STATUSES
        or e.legal_status in AUTHORITY_TO_PLACE_LEGAL_STATUSES
        or e.placement in ADOPTION_PLACEMENTS
        for p in child.periods
        for e in p.episodes
    )


def _child_rows(scope: Scope, child: ChildRecord) -> list[tuple[str, Row]]:
    first, last = scope.year.start, scope.year.end
    if not any(p.start <= last and (p.end is None or p.end >= first) for p in child.periods):
        return []
    facts = [
        CarePeriodFacts(p.start, p.end, p.episodes, [r.held for r in p.reviews])
        for p in child.periods
    ]
    try:
        schedules = care_period_schedules(facts, calendar=scope.calendar)
    except ReviewDateError:
        return []  # a data error the readers and forms refuse; nothing to time
    history_from = scope.register.history_from
    out: list[tuple[str, Row]] = []
    for period, schedule in zip(child.periods, schedules, strict=True):
        spans = regime_spans(period.start, period.end, period.episodes)
        authorities = {span.start: authority_in(span, period.episodes) for span in spans}

        def verdict(span: Span, on_time: bool) -> bool | None:
            unseen = history_from is not None and span.start < history_from
            return None if unseen else on_time

        for timing in schedule.reviews:
            span = _span_on(spans, timing.held)
            kind = _kind(span, authorities[span.start], timing.held)
            if kind is None:
                continue
            columns = (kind, timing.number, timing.due, timing.held, timing.days_late)
            if first <= timing.held <= last:
                out.append(
                    (kind, Row(child.child_id, timing.held, verdict(span, timing.on_time), columns))
                )
            elif timing.held > last and first <= timing.due < last:
                columns = (kind, timing.number, timing.due, None, None)
                out.append((kind, Row(child.child_id, timing.due, verdict(span, False), columns)))
        due = schedule.next_due
        if due is not None and first <= due < last and period.looked_after_on(last):
            span = spans[-1]
            kind = _kind(span, authorities[span.start], due)
            if kind is not None:
                columns = (kind, len(schedule.reviews) + 1, due, None, None)
                out.append((kind, Row(child.child_id, due, verdict(span, False), columns)))
    return out


def regime_rows(scope: Scope) -> dict[str, list[Row]]:
    """Every row of the year under each regime (SHORT_BREAKS, AUTHORITY, PLACED), once per
    register and year."""

    def build() -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = {SHORT_BREAKS: [], AUTHORITY: [], PLACED: []}
        for child in scope.register.children:
            if _relevant(child):
                for kind, row in _child_rows(scope, child):
                    rows[kind].append(row)
        for kind_rows in rows.values():
            kind_rows.sort(key=lambda row: (row.day, row.child_id))
        return rows

    return scope.book.memo("other-regimes", (scope.year.start, scope.year.end), build)


def _rows_of(*kinds: str) -> Callable[[Scope], list[Row] | NoData]:
    def rows(scope: Scope) -> list[Row] | NoData:
        if SHORT_BREAKS in kinds and not scope.register.short_break_reviews_held:
            return NO_SHORT_BREAK_REVIEWS
        found = regime_rows(scope)
        merged = [row for kind in kinds for row in found[kind]]
        return sorted(merged, key=lambda row: (row.day, row.child_id))

    return rows


_DESCRIPTION = (
    "Reviews held in the year on or before their deadline, of those held plus deadlines "
    "still overdue at the year's end"
)

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-SB-01",
        "Short-break reviews on time",
        Section.SHORT_BREAKS_AND_ADOPTION,
        "review",
        _rows_of(SHORT_BREAKS),
        description=f"{_DESCRIPTION}, for children on a series of short breaks (CPPCR reg "
        "48: the first review within 3 months of the first break, then every 6 months).",
        columns=_COLUMNS,
        dimensions=STANDARD,
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-AD-01",
        "Adoption reviews on time",
        Section.SHORT_BREAKS_AND_ADOPTION,
        "review",
        _rows_of(AUTHORITY, PLACED),
        description=f"{_DESCRIPTION}, for children with authority to place for adoption and "
        "children placed for adoption (AAR 2005 reg 36).",
        columns=_COLUMNS,
        dimensions=STANDARD,
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-AD-01a",
        "Adoption reviews on time: authority to place, not yet placed",
        Section.SHORT_BREAKS_AND_ADOPTION,
        "review",
        _rows_of(AUTHORITY),
        description=f"{_DESCRIPTION}: the combined review of a child the agency may place "
        "for adoption (within 3 months of the authority, then 6, or the looked-after "
        "deadline if earlier).",
        columns=_COLUMNS,
        dimensions=STANDARD,
        variant_of="M-AD-01",
        numerator_label="on time",
    ),
    MeasureDefinition(
        "M-AD-01b",
        "Adoption reviews on time: placed for adoption",
        Section.SHORT_BREAKS_AND_ADOPTION,
        "review",
        _rows_of(PLACED),
        description=f"{_DESCRIPTION}: children placed for adoption (4 weeks after the "
        "placement, then 3 months, then 6).",
        columns=_COLUMNS,
        dimensions=STANDARD,
        variant_of="M-AD-01",
        numerator_label="on time",
    ),
)
