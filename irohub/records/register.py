"""Core records: the one shape in which children's histories reach the measures.

Both paths build these — the database path (irohub.children.records, from ORM rows) and
the SSDA903 file path (irohub.ssda903.reader) — so a council's figures are the same
whichever way its data arrives; the SSDA903 writer and checks, the performance pages and
the annual report read them too. Pure Python; field names follow the register, codes
follow SSDA903 (irohub.records.codes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from irohub.records.lifecycle import PersonRecord, ReviewDetails


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
    chair: str = ""  # the chairing IRO's `IroRecord.iro_id`; blank when not recorded
    # At and after the meeting (irohub.records.lifecycle); None when not held (SSDA903).
    details: ReviewDetails | None = None


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
    disability: bool | None = None  # None: not held (an SSDA903 return does not say)
    allocations: tuple[AllocationRecord, ...] = ()  # the child's IROs over time, in order
    # The people around the child over time (parents, carers, advocates…); None when the
    # data does not hold them (an SSDA903 return).
    people: tuple[PersonRecord, ...] | None = None


@dataclass(frozen=True, slots=True)
class AllocationRecord:
    """The child was allocated to IRO `iro_id` from `start` until `end` (inclusive; None
    while it lasts)."""

    iro_id: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class IroRecord:
    """An IRO in post from `start` until `end`, working `fte` of full time in `team`."""

    iro_id: str
    name: str
    team: str
    fte: float
    start: date
    end: date | None = None

    def in_post_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


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
    # The IRO service's staff. None when the data does not hold them (an SSDA903 return
    # has no IROs): workforce measures and team/IRO breakdowns then say "no data".
    staff: tuple[IroRecord, ...] | None = None
    # The council's children aged 0 to 17 (the ONS mid-year estimate, a setting, not
    # register data): the rate per 10,000 children says "no data" without it.
    child_population: int | None = None
