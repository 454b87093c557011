"""The breakdowns of spec/measures.md: who the children behind a figure are.

Every row of a measure names a child and a day (the review date, the deadline, or the
snapshot date); a dimension describes the child on that day — their age band, sex,
ethnicity group, legal status and placement type, and the team and IRO they were
allocated to. Ages are whole years on the day (§0.2). A few breakdowns are of the row
itself rather than of the child (how late a review was, its participation code): those
are made with `row_dimension`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from irohub.records.codes import ETHNICITY as ETHNICITY_CODES
from irohub.records.codes import ETHNICITY_GROUP, LEGAL_STATUS, PLACEMENT, SEX
from irohub.records.placements import LOCATION_GROUPS, location_group, postcode_key
from irohub.records.register import ChildRecord, EpisodeRecord, IroRecord, Register

if TYPE_CHECKING:  # the catalogue imports this module
    from irohub.measures.catalogue import Row

__all__ = [
    "AGE_BAND",
    "AGE_BAND_4_PLUS",
    "DIMENSIONS",
    "ETHNICITY",
    "ETHNICITY_DETAILED",
    "IRO",
    "LEGAL",
    "PLACEMENT_LOCATION",
    "PLACEMENT_TYPE",
    "SEX_DIMENSION",
    "STANDARD",
    "TEAM",
    "Describer",
    "Dimension",
    "age_on",
    "dfe_age_band",
    "row_dimension",
]

NOT_ALLOCATED = "Not allocated"
NOT_KNOWN = "Not known"


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years on `day`."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


@dataclass(frozen=True, slots=True)
class Dimension:
    """A way to break a figure down. `groups` gives the display order; a value outside it
    (an unexpected code) is shown after them. `of_row`, when given, reads the group from
    the row itself (see `row_dimension`) and `describe` is not used."""

    name: str
    describe: Callable[[Describer, ChildRecord, date], str]
    groups: tuple[str, ...] = ()
    needs_staff: bool = False
    of_row: Callable[[Row], str] | None = None


def _of_the_row(describer: Describer, child: ChildRecord, day: date) -> str:
    raise TypeError("this dimension describes a measure's row, not the child: use describe_row")


def row_dimension(name: str, of_row: Callable[[Row], str], groups: tuple[str, ...]) -> Dimension:
    """A breakdown by a fact of the measure's row (e.g. the days-late band of a review)
    rather than of the child on the row's day."""
    return Dimension(name, _of_the_row, groups, of_row=of_row)


def dfe_age_band(age: int) -> str:
    """DfE's age bands for children looked after (measures.md M-POP-03), by whole years."""
    if age < 1:
        return "Under 1"
    if age < 5:
        return "1 to 4"
    if age < 10:
        return "5 to 9"
    if age < 16:
        return "10 to 15"
    return "16 and over"


def _participation_age_band(age: int) -> str:
    # M-PAR-01's bands: the measure is about children aged 4 or over.
    if age < 4:
        return "Under 4"
    if age < 10:
        return "4 to 9"
    if age < 16:
        return "10 to 15"
    return "16 and over"


def _episode_on(child: ChildRecord, day: date) -> EpisodeRecord | None:
    """The episode open on `day`, else the last one that began by then."""
    latest: EpisodeRecord | None = None
    for period in child.periods:
        if period.start > day:
            break
        for episode in period.episodes:
            if episode.start > day:
                break
            latest = episode
    return latest


class Describer:
    """Looks up the child and staff facts the dimensions need, once per register."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.children = {child.child_id: child for child in register.children}
        self.staff: dict[str, IroRecord] = {iro.iro_id: iro for iro in (register.staff or ())}

    def child(self, child_id: str) -> ChildRecord:
        return self.children[child_id]

    def iro_on(self, child: ChildRecord, day: date) -> IroRecord | None:
        for allocation in reversed(child.allocations):
            if allocation.covers(day):
                return self.staff.get(allocation.iro_id)
        return None

    def describe(self, child_id: str, day: date, dimensions: Iterable[Dimension]) -> list[str]:
        child = self.children[child_id]
        return [dimension.describe(self, child, day) for dimension in dimensions]

    def describe_row(self, row: Row, dimensions: Iterable[Dimension]) -> list[str]:
        """The row's group in each dimension: of the row itself, or of its child on its day."""
        child = self.children[row.child_id]
        return [
            dimension.of_row(row)
            if dimension.of_row is not None
            else dimension.describe(self, child, row.day)
            for dimension in dimensions
        ]


def _legal(describer: Describer, child: ChildRecord, day: date) -> str:
    episode = _episode_on(child, day)
    return episode.legal_status if episode else NOT_KNOWN


def _placement(describer: Describer, child: ChildRecord, day: date) -> str:
    episode = _episode_on(child, day)
    return episode.placement if episode else NOT_KNOWN


def _location(describer: Describer, child: ChildRecord, day: date) -> str:
    locations = describer.register.placement_locations
    episode = _episode_on(child, day)
    if locations is None or episode is None:
        return location_group(None)
    key = (postcode_key(episode.home_postcode), postcode_key(episode.placement_postcode))
    return location_group(locations.get(key))


def _team(describer: Describer, child: ChildRecord, day: date) -> str:
    iro = describer.iro_on(child, day)
    return iro.team if iro else NOT_ALLOCATED


def _iro(describer: Describer, child: ChildRecord, day: date) -> str:
    iro = describer.iro_on(child, day)
    return iro.name if iro else NOT_ALLOCATED


AGE_BAND = Dimension(
    "age band",
    lambda _, child, day: dfe_age_band(age_on(child.date_of_birth, day)),
    ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"),
)
AGE_BAND_4_PLUS = Dimension(
    "age band",
    lambda _, child, day: _participation_age_band(age_on(child.date_of_birth, day)),
    ("4 to 9", "10 to 15", "16 and over"),
)
SEX_DIMENSION = Dimension(
    "sex", lambda _, child, __: SEX.get(child.sex, NOT_KNOWN), tuple(SEX.values())
)
ETHNICITY = Dimension(
    "ethnicity group",
    lambda _, child, __: ETHNICITY_GROUP.get(child.ethnicity, NOT_KNOWN),
    tuple(dict.fromkeys(ETHNICITY_GROUP.values())),
)
# The 18 categories of the census (and refused / not obtained), not only the groups:
# Wolverhampton's table 1 shows children in care by each.
ETHNICITY_DETAILED = Dimension(
    "ethnicity",
    lambda _, child, __: ETHNICITY_CODES.get(child.ethnicity, NOT_KNOWN),
    tuple(ETHNICITY_CODES.values()),
)
LEGAL = Dimension("legal status", _legal, tuple(LEGAL_STATUS))
# In or out of the council's area, and over 20 miles from home (York): from the placement's
# postcode, as the DfE validator works it out (irohub.ssda903.postcodes).
PLACEMENT_LOCATION = Dimension("placement location", _location, LOCATION_GROUPS)
PLACEMENT_TYPE = Dimension("placement type", _placement, tuple(PLACEMENT))
TEAM = Dimension("team", _team, needs_staff=True)
IRO = Dimension("IRO", _iro, needs_staff=True)

# The breakdowns the issue asks of every child-related measure.
STANDARD: tuple[Dimension, ...] = (
    AGE_BAND,
    SEX_DIMENSION,
    ETHNICITY,
    LEGAL,
    PLACEMENT_TYPE,
    PLACEMENT_LOCATION,
    TEAM,
    IRO,
)
DIMENSIONS: dict[str, Dimension] = {dimension.name: dimension for dimension in STANDARD}
