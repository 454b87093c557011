"""A synthetic council written straight to SSDA903 files (irohub.demo.ssda903_out): one
folder per year, continuous episode chains, PN0 exactly under 4, reproducible files, and
last year's return re-emitted consistently in this year's."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from irohub.demo.ssda903_out import (
    POSTCODES_FILE,
    SyntheticSummary,
    last_year_end,
    load_postcodes,
    upn,
    write_synthetic_returns,
)

AS_OF = date(2026, 3, 31)
YEARS = ("2024", "2025", "2026")
PLACEMENT_FIELDS = ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SyntheticSummary]:
    out = tmp_path_factory.mktemp("ssda903") / "returns"
    summary = write_synthetic_returns(children=150, years=3, seed=7, out=out, as_of=AS_OF)
    return out, summary


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def by_child(table: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in table:
        grouped[row["CHILD"]].append(row)
    return grouped


def test_one_folder_per_collection_year_named_by_its_end_year(
    returns: tuple[Path, SyntheticSummary],
) -> None:
    out, summary = returns
    assert sorted(p.name for p in out.iterdir()) == list(YEARS)
    for year in YEARS:
        assert {"header.csv", "episodes.csv", "reviews.csv"} <= {
            p.name for p in (out / year).iterdir()
        }
        assert rows(out / year, "header")
    assert summary.years == ("2023/24", "2024/25", "2025/26")
    assert summary.children == 150
    assert 0 < summary.children_in_returns <= 150
    assert "2023/24 to 2025/26" in str(summary)
    assert "E08000031 Wolverhampton" in str(summary)


def test_sex_is_coded_1_2_before_2024_25_and_m_f_from_then(
    returns: tuple[Path, SyntheticSummary],
) -> None:
    out, _ = returns
    assert {r["SEX"] for r in rows(out / "2024", "header")} <= {"1", "2"}
    assert {r["SEX"] for r in rows(out / "2026", "header")} <= {"M", "F"}


def test_episode_chains_are_continuous_and_rne_says_what_changed(
    returns: tuple[Path, SyntheticSummary],
) -> None:
    out, _ = returns
    for year in YEARS:
        for child, episodes in by_child(rows(out / year, "episodes")).items():
            episodes.sort(key=lambda e: day(e["DECOM"]))
            for before, after in itertools.pairwise(episodes):
                assert before["DEC"], (year, child)
                if after["RNE"] == "S":
                    assert before["REC"] != "X1"
                    assert day(after["DECOM"]) > day(before["DEC"])  # rule 431
                    continue
                assert before["REC"] == "X1"
                assert after["DECOM"] == before["DEC"]  # rule 433
                assert after["CIN"] == before["CIN"]  # rule 504
                placement_same = all(after[f] == before[f] for f in PLACEMENT_FIELDS)
                if after["RNE"] == "L":  # rule 434
                    assert placement_same and after["LS"] != before["LS"]
                elif after["RNE"] in ("P", "T"):  # rule 435
                    assert not placement_same and after["LS"] == before["LS"]
                else:  # B, U: rule 436
                    assert not placement_same and after["LS"] != before["LS"]
                if after["RNE"] in ("P", "T", "B", "U"):
                    assert before["REASON_PLACE_CHANGE"], (year, child)  # rule 225
            if not episodes[-1]["DEC"]:
                assert not episodes[-1]["REASON_PLACE_CHANGE"]  # rule 233


def test_pn0_exactly_for_children_under_4(returns: tuple[Path, SyntheticSummary]) -> None:
    out, _ = returns
    seen = set()
    for year in YEARS:
        for review in rows(out / year, "reviews"):
            dob, held = day(review["DOB"]), day(review["REVIEW"])
            under_4 = held < dob.replace(year=dob.year + 4)
            assert (review["REVIEW_CODE"] == "PN0") == under_4, review
            seen.add(under_4)
    assert seen == {True, False}


def test_postcodes_urns_and_providers_fit_the_placements(
    returns: tuple[Path, SyntheticSummary],
) -> None:
    out, _ = returns
    area = load_postcodes()
    known = {pc for pcs in area.by_area.values() for pc in pcs}
    own = set(area.own)
    uasc = {r["CHILD"] for year in YEARS for r in rows(out / year, "uasc")}
    for year in YEARS:
        for e in rows(out / year, "episodes"):
            if e["LS"] in ("V3", "V4"):
                assert e["PL_POST"] == e["URN"] == e["HOME_POST"] == ""  # rule 214
                continue
            assert e["PL_POST"] in known
            if e["CHILD"] in uasc:
                assert e["HOME_POST"] == ""  # rule 406: no distance for UASC
            else:
                assert e["HOME_POST"] in own
                if e["PLACE"] != "P1":
                    assert e["PL_POST"] != e["HOME_POST"]  # rule 392d
            if e["PLACE"] in ("P1", "R1", "R2", "R5", "P3") or (
                e["PLACE"] == "H5" and day(e["DECOM"]) < date(2023, 10, 28)
            ):
                assert e["URN"] == ""  # rule 222
            else:
                assert re.fullmatch(r"SC\d{6}|\d{7}", e["URN"]), e  # rule 218
            if e["PLACE"] == "P1":
                assert e["PLACE_PROVIDER"] == "PR0"  # rules 527-531
            else:
                assert e["PLACE_PROVIDER"] in ("PR1", "PR2", "PR3", "PR4", "PR5")
            fostering = e["PLACE"][0] in "UA" or e["PLACE"] in ("K3", "H5")
            if e["PLACE_PROVIDER"] == "PR1" and not fostering:
                assert e["PL_POST"] in own  # rule 1015
            # Supported accommodation: H5 up to 2023/24, K3 from the 2024/25 return.
            if e["PLACE"] in ("H5", "K3"):
                assert (e["PLACE"] == "K3") == (day(e["DECOM"]) >= date(2024, 4, 1))


def test_header_upn_and_mother(returns: tuple[Path, SyntheticSummary]) -> None:
    out, _ = returns
    short_breaks = {
        e["CHILD"]
        for year in YEARS
        for e in rows(out / year, "episodes")
        if e["LS"] in ("V3", "V4")
    }
    for year in YEARS:
        header = rows(out / year, "header")
        upns = [h["UPN"] for h in header if not h["UPN"].startswith("UN")]
        assert len(upns) == len(set(upns))  # rule 444
        for h in header:
            assert re.fullmatch(r"[A-HJ-NP-RT-Z]\d{12}|UN[1-5]", h["UPN"]), h  # rule 168
            female = h["SEX"] in ("F", "2")
            if female and h["CHILD"] not in short_breaks:
                assert h["MOTHER"] in ("0", "1")  # rule 393
            else:
                assert h["MOTHER"] == ""
            assert bool(h["MC_DOB"]) == (h["MOTHER"] == "1")


def test_a_upn_has_its_check_letter() -> None:
    code = upn(12, date(2015, 5, 1))
    assert re.fullmatch(r"[A-Z]336\d{9}", code)
    digits = code[1:]
    total = sum(int(d) * w for d, w in zip(digits, range(2, 14), strict=True))
    assert code[0] == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
    assert upn(12, date(2015, 5, 1)) != upn(13, date(2015, 5, 1))


def test_last_years_return_is_re_emitted_consistently(
    returns: tuple[Path, SyntheticSummary],
) -> None:
    out, _ = returns
    carried = 0
    for before, after in itertools.pairwise(YEARS):
        last = by_child(rows(out / before, "episodes"))
        this = by_child(rows(out / after, "episodes"))
        end_of_last = date(int(before), 3, 31)
        for child, episodes in last.items():
            open_at_end = [e for e in episodes if not e["DEC"]]
            if not open_at_end:
                continue
            assert len(open_at_end) == 1
            (still_open,) = open_at_end
            first = min(this[child], key=lambda e: day(e["DECOM"]))
            # Rules 502 and 503A-J: this year's first episode is last year's open one.
            same = ("DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "HOME_POST")
            assert all(first[f] == still_open[f] for f in (*same, "PL_POST", "URN"))
            carried += 1
            # Ended since: this year's return has the ending; open last year, it had none.
            if first["DEC"]:
                assert day(first["DEC"]) > end_of_last
            assert still_open["REC"] == still_open["REASON_PLACE_CHANGE"] == ""
        header_last = {h["CHILD"]: h for h in rows(out / before, "header")}
        for h in rows(out / after, "header"):
            old = header_last.get(h["CHILD"])
            if old is not None:
                for f in ("DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"):
                    assert h[f] == old[f]  # rules 203, 204, 207, 208
    assert carried > 20


def test_same_seed_same_bytes_another_seed_other_files(tmp_path: Path) -> None:
    first = write_synthetic_returns(
        children=40, years=2, seed=3, out=tmp_path / "a", as_of=date(2025, 3, 31)
    )
    write_synthetic_returns(children=40, years=2, seed=3, out=tmp_path / "b", as_of=first.as_of)
    write_synthetic_returns(children=40, years=2, seed=4, out=tmp_path / "c", as_of=first.as_of)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.csv"))
    assert files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    episodes = Path("2025") / "episodes.csv"
    assert (tmp_path / "a" / episodes).read_bytes() != (tmp_path / "c" / episodes).read_bytes()


def test_a_part_year_as_of_writes_the_year_in_progress_last(tmp_path: Path) -> None:
    summary = write_synthetic_returns(
        children=30, years=2, seed=1, out=tmp_path, as_of=date(2026, 11, 22)
    )
    assert summary.years == ("2025/26", "2026/27")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026", "2027"]
    for e in rows(tmp_path / "2027", "episodes"):
        assert day(e["DECOM"]) <= date(2026, 11, 22)


def test_by_default_the_returns_end_with_the_last_complete_year() -> None:
    assert last_year_end(date(2026, 11, 22)) == date(2026, 3, 31)
    assert last_year_end(date(2026, 3, 31)) == date(2026, 3, 31)
    assert last_year_end(date(2026, 3, 30)) == date(2025, 3, 31)


def test_the_shipped_postcode_sample_is_small_and_real_looking() -> None:
    assert POSTCODES_FILE.stat().st_size < 200_000
    data = json.loads(POSTCODES_FILE.read_text(encoding="utf-8"))
    assert data["council"] == "E08000031"
    assert "Open Government Licence" in data["about"]
    for postcodes in data["postcodes"].values():
        assert all(re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", pc) for pc in postcodes)
