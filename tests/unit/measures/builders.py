"""Small hand-built registers for the measures tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from irohub.measures import MEASURES, CollectionYear, MeasureResult
from irohub.measures.records import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)

D = date
DEFAULT_DOB = date(2010, 1, 1)


def episode(
    start: date,
    end: date | None = None,
    *,
    legal_status: str = "C2",
    placement: str = "U4",
    rne: str = "S",
    reason_ceased: str = "",
) -> EpisodeRecord:
    if end is not None and not reason_ceased:
        reason_ceased = "X1"
    return EpisodeRecord(
        start, rne, legal_status, "N1", placement, end=end, reason_ceased=reason_ceased
    )


def period(
    start: date,
    end: date | None = None,
    reviews: Iterable[date | tuple[date, str]] = (),
    episodes: Iterable[EpisodeRecord] | None = None,
    *,
    legal_status: str = "C2",
) -> CarePeriodRecord:
    """A care period; one C2/U4 episode unless `episodes` are given. Reviews are dates
    (coded PN1) or (date, REVIEW_CODE) pairs."""
    held = sorted(
        (item, "PN1") if isinstance(item, date) else (item[0], item[1]) for item in reviews
    )
    if episodes is None:
        episodes = [
            episode(start, end, legal_status=legal_status, reason_ceased="E4A" if end else "")
        ]
    return CarePeriodRecord(
        start,
        end,
        tuple(episodes),
        tuple(ReviewRecord(day, code) for day, code in held),
    )


def child(child_id: str, *periods: CarePeriodRecord, dob: date = DEFAULT_DOB) -> ChildRecord:
    return ChildRecord(child_id, dob, "F", "WBRI", tuple(periods))


def register(*children: ChildRecord, history_from: date | None = None) -> Register:
    return Register(tuple(children), history_from)


def figures(reg: Register, year: str) -> dict[str, MeasureResult]:
    collection_year = CollectionYear.parse(year)
    return {
        measure_id: measure(reg, collection_year, None) for measure_id, measure in MEASURES.items()
    }
