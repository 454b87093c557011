"""Small hand-built registers for the measures tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from irohub.measures import MEASURES, CollectionYear, MeasureResult
from irohub.records.register import (
    AllocationRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    IroRecord,
    ProtectionRecord,
    Register,
    ReviewRecord,
)

D = date
DEFAULT_DOB = date(2010, 1, 1)

# The measures of sections A and B that give a number (the rest say "no data").
TIMELINESS_AND_PARTICIPATION = (
    "M-REV-01",
    "M-REV-01a",
    "M-REV-02",
    "M-REV-03",
    "M-REV-04",
    "M-REV-05",
    "M-REV-06",
    "M-REV-06b",
    "M-PAR-01",
    "M-PAR-01a",
    "M-PAR-01b",
)


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


def child(
    child_id: str,
    *periods: CarePeriodRecord,
    dob: date = DEFAULT_DOB,
    sex: str = "F",
    ethnicity: str = "WBRI",
    allocations: Iterable[AllocationRecord] = (),
    protection: Iterable[ProtectionRecord] = (),
) -> ChildRecord:
    return ChildRecord(
        child_id,
        dob,
        sex,
        ethnicity,
        tuple(periods),
        allocations=tuple(allocations),
        protection=tuple(protection),
    )


def iro(
    iro_id: str,
    team: str,
    *,
    name: str = "",
    fte: float = 1.0,
    start: date = date(2000, 1, 1),
    end: date | None = None,
) -> IroRecord:
    """An IRO in post (by default since 2000); named after their id unless `name` is given."""
    return IroRecord(iro_id, name or f"IRO {iro_id}", team, fte, start, end)


def allocated(iro_id: str, start: date, end: date | None = None) -> AllocationRecord:
    return AllocationRecord(iro_id, start, end)


def register(
    *children: ChildRecord,
    history_from: date | None = None,
    staff: Iterable[IroRecord] | None = None,
) -> Register:
    return Register(tuple(children), history_from, staff=None if staff is None else tuple(staff))


def figures(reg: Register, year: str, ids: Iterable[str] | None = None) -> dict[str, MeasureResult]:
    """Every measure's figure for `year` (or only those named in `ids`)."""
    collection_year = CollectionYear.parse(year)
    wanted = list(MEASURES) if ids is None else list(ids)
    return {measure_id: MEASURES[measure_id](reg, collection_year, None) for measure_id in wanted}


def review_figures(reg: Register, year: str) -> dict[str, MeasureResult]:
    """The figures of sections A and B that give a number."""
    return figures(reg, year, TIMELINESS_AND_PARTICIPATION)


def placed(
    start: date,
    *moves: tuple[date, str, str] | tuple[date, str, str, str],
    end: date | None = None,
    reason_ceased: str = "E4A",
    placement: str = "U4",
    legal_status: str = "C2",
) -> CarePeriodRecord:
    """A care period beginning in `placement` on `start`, with a new episode for each of
    `moves` — (day, RNE, PLACE) or (day, RNE, PLACE, LS) — each ending the one before
    with X1; the last episode ends with `reason_ceased` when the period has an `end`."""
    steps = [(start, "S", placement, legal_status)]
    for move in moves:
        day, rne, place = move[:3]
        steps.append((day, rne, place, move[3] if len(move) == 4 else steps[-1][3]))
    episodes = []
    for (day, rne, place, status), after in zip(steps, [*steps[1:], None], strict=True):
        episodes.append(
            episode(
                day,
                after[0] if after else end,
                legal_status=status,
                placement=place,
                rne=rne,
                reason_ceased=("X1" if after else reason_ceased) if (after or end) else "",
            )
        )
    return CarePeriodRecord(start, end, tuple(episodes))
