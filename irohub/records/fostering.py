"""Core records of fostering: households approved as foster carers, their reviews, and the
foster carer reviewing officers (FIROs) who review them (statutory-rules.md §7).

The database path builds them (irohub.fostering.records); an SSDA903 return holds none, so
a register read from files has no fostering (`Register.fostering` None) and the fostering
measures say "no data". Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "CONNECTED",
    "HOUSEHOLD_KINDS",
    "MAINSTREAM",
    "CarerReviewRecord",
    "Fostering",
    "HouseholdRecord",
    "ReviewingOfficerRecord",
]

MAINSTREAM = "mainstream"
CONNECTED = "connected"
# POP-FC: the council's own foster households, mainstream and connected persons.
HOUSEHOLD_KINDS: dict[str, str] = {
    MAINSTREAM: "Mainstream foster carers",
    CONNECTED: "Connected persons (family and friends)",
}


@dataclass(frozen=True, slots=True)
class CarerReviewRecord:
    """One review of a household's approval, held on `held` (the meeting, OQ-12)."""

    held: date
    presented_to_panel: bool = False
    firo_id: str = ""  # the reviewing officer who chaired it; blank when not recorded


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    """A household approved on `approved` until `deregistered` (None while approved), with
    its reviews and the days a change of circumstances calling for a review was recorded
    (FC-3), in date order."""

    household_id: str
    kind: str  # MAINSTREAM or CONNECTED
    approved: date
    deregistered: date | None = None
    reviews: tuple[CarerReviewRecord, ...] = ()
    changes: tuple[date, ...] = ()
    firo_id: str = ""  # the reviewing officer allocated now; blank when none

    def approved_on(self, day: date) -> bool:
        """Approved at the close of `day` (a household deregistered that day is not)."""
        return self.approved <= day and (self.deregistered is None or self.deregistered > day)


@dataclass(frozen=True, slots=True)
class ReviewingOfficerRecord:
    """A foster carer reviewing officer in post from `start` until `end`, at `fte`."""

    firo_id: str
    name: str
    fte: float
    start: date
    end: date | None = None

    def in_post_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class Fostering:
    """The council's fostering households and reviewing officers."""

    households: tuple[HouseholdRecord, ...] = ()
    reviewing_officers: tuple[ReviewingOfficerRecord, ...] = ()
