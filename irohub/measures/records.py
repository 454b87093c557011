"""Core records: the one shape in which children's histories reach the measures.

Both paths build these — the database path (irohub.reporting / ORM rows) and the SSDA903
file path (irohub.ssda903.reader) — so a council's figures are the same whichever way its
data arrives. Pure Python; field names follow the register, codes follow SSDA903.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class CollectionYear:
    """A financial (SSDA903 collection) year: 1 April to 31 March, labelled "2021/22"."""

    start_year: int

    @classmethod
    def parse(cls, label: str) -> CollectionYear:
        """Accept "2021/22" (the label used everywhere in IRO Hub) and nothing else, so that
        the DfE validator's "2022" (the year it ENDS) can never be mistaken for it."""
        text = label.strip()
        head, _, tail = text.partition("/")
        if not (len(head) == 4 and head.isdigit() and len(tail) == 2 and tail.isdigit()):
            raise ValueError(f"{label!r} is not a collection year: write it like 2021/22")
        start = int(head)
        if (start + 1) % 100 != int(tail):
            raise ValueError(
                f"{label!r} is not a collection year: {start}/ must be followed by "
                f"{(start + 1) % 100:02d}"
            )
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def end_year(self) -> int:
        """The year the collection ends in: what the DfE validator calls the collection year."""
        return self.start_year + 1

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> CollectionYear:
        return CollectionYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    """One SSDA903 episode: a legal status and placement from `start` until `end`."""

    start: date
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement: str
    placement_provider: str = ""
    end: date | None = None
    reason_ceased: str = ""
    reason_place_change: str = ""
    home_postcode: str = ""
    placement_postcode: str = ""
    urn: str = ""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    held: date
    participation: str  # SSDA903 REVIEW_CODE, PN0–PN7


@dataclass(frozen=True, slots=True)
class CarePeriodRecord:
    """One continuous period of care: its episodes and the reviews held in it, in date
    order. `end` is None while the child is still looked after."""

    start: date
    end: date | None
    episodes: tuple[EpisodeRecord, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()

    @property
    def reason_ceased(self) -> str:
        return self.episodes[-1].reason_ceased if self.episodes and self.end else ""

    def looked_after_on(self, day: date) -> bool:
        """Looked after on `day` (a period ending on a day is not open on it — OQ-14)."""
        return self.start <= day and (self.end is None or self.end > day)


@dataclass(frozen=True, slots=True)
class ChildRecord:
    child_id: str  # the council's identifier (SSDA903 CHILD)
    date_of_birth: date
    sex: str  # M or F (the register's codes; 1/2 only in returns before 2024/25)
    ethnicity: str
    periods: tuple[CarePeriodRecord, ...] = ()
    uasc: bool = False
    uasc_ceased: date | None = None
    upn: str = ""
    mother: str = ""  # "1", "0" or blank, as in the return
    mother_child_dob: date | None = None


@dataclass(frozen=True, slots=True)
class Register:
    """The children a set of figures is computed over.

    `history_from` is the first day the data is known to be complete from: None when it is
    complete (the database), or the start of the earliest collection year read from
    SSDA903 files. A review whose place in the sequence depends on reviews before that day
    cannot be classified, and the measures say how many there were rather than guessing.
    """

    children: tuple[ChildRecord, ...]
    history_from: date | None = None
    notes: tuple[str, ...] = field(default=())
