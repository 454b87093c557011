"""Where a child is placed, against the council's own area: the placement's local authority
and its distance from the home the child came from, as the DfE's SSDA903 validator derives
them from the two postcodes (PL_LA, PL_LOCATION, PL_DISTANCE), and the groups York reports:
in area, out of area, and more than 20 miles away (spec ssda903-format.md, Episodes).
Pure Python: the shared vocabulary of irohub.ssda903.postcodes (which works them out) and
irohub.measures (which breaks figures down by them).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FAR_MILES",
    "LOCATION_GROUPS",
    "PlacementLocation",
    "location_group",
    "postcode_key",
]

# York's threshold: "placed more than 20 miles from home".
FAR_MILES = 20.0
IN_AREA = "In area"
OUT_NEAR = "Out of area, 20 miles or less"
OUT_FAR = "Out of area, over 20 miles"
NOT_KNOWN = "Not known"
LOCATION_GROUPS: tuple[str, ...] = (IN_AREA, OUT_NEAR, OUT_FAR, NOT_KNOWN)


def postcode_key(postcode: str) -> str:
    """A postcode as the lookup keys it: upper case, no spaces ("wv1 1ag" → "WV11AG")."""
    return "".join(postcode.split()).upper()


@dataclass(frozen=True, slots=True)
class PlacementLocation:
    """`placement_la`: the upper-tier authority of the placement (ONS code; SCO, WAL or NIR
    outside England), "" when the postcode is not known. `in_area`: in the council's own
    area (None when not known). `distance`: miles from home to placement, 1 decimal place
    (None without both postcodes)."""

    placement_la: str
    in_area: bool | None
    distance: float | None


def location_group(location: PlacementLocation | None) -> str:
    """In area; out of area within or beyond 20 miles (distance unknown: within); or not
    known."""
    if location is None or location.in_area is None:
        return NOT_KNOWN
    if location.in_area:
        return IN_AREA
    if location.distance is not None and location.distance > FAR_MILES:
        return OUT_FAR
    return OUT_NEAR
