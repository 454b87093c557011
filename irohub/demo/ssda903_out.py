"""A synthetic council written straight to SSDA903 returns, without the database.

`irohub demo --ssda903-out DIR` calls write_synthetic_returns: the pure demo generator
makes the council, this module turns its rows into core records (irohub.records.register)
and adds what a return needs that the demo does not carry, and irohub.ssda903.writer
writes one folder per collection year, named by the year it ends (DIR/2022 for 2021/22).
Every year's return is cut from the same register, so last year's return is re-emitted
exactly as it stood on its 31 March (an episode open then is open in it, and the same in
this year's).

What is added, so that the DfE's validation rules accept the returns:
- The council is a real place (Wolverhampton, ONS code E08000031) so that postcodes,
  placement local authorities and distances mean something: home and placement postcodes
  are real, drawn from a small sample of the ONS postcode list shipped beside this file
  (ssda903_postcodes.json: the council and its neighbours, public data under the Open
  Government Licence; how it was made is written in the file).
- Each children's home, secure unit, supported accommodation, family centre and school
  has one Ofsted URN, one provider and one postcode; a council's own provision (PR1) is
  inside the council (rule 1015), another council's (PR2) in a neighbour. Foster and
  adoptive homes have the agency's URN and the carer's own postcode.
- A placement keeps its postcode while only the legal status changes (RNE L, rule 434);
  a "same carer" move (T, U) keeps it unless nothing else changed, when the carer has
  moved house (435/436); P1 (with parents) is at the home postcode, nothing else is (392d).
- Supported accommodation is coded as each year's return codes it (the demo switches to
  K3 on 28 October 2023): H5 without a URN until then (222), H5 with its URN from then
  (230), K3 from 1 April 2024 (the 2023/24 rules do not know K3, the 2025/26 rules not
  H5); an episode open across either day is split there (RNE T, reason PLACE).
- Short breaks (V3/V4) carry no postcodes or URN (214) and are never long-term fostering
  (U1/U4 become U3/U6, 384); unaccompanied children have no home postcode, so no
  distance (406).
- UPNs: a valid UPN with its check letter; UN1 for children not of school age even in the
  latest year (209), UN2 for unaccompanied children; the same every year (208).
- MOTHER: "0" for girls, "1" with MC_DOB for a few older girls who were mothers before
  the first year; blank for boys (393 from 2024/25).
- PlacedAdoption: the decision that a child should be placed for adoption, 2 to 13 weeks
  before the placement order (E1) was granted (553, 554), and ceased, with a reason, on
  the day a child left care without being adopted (557), from its own random stream.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from random import Random

from irohub.demo.care import ADOPTION, FOSTER
from irohub.demo.generator import CarePeriodRow, DemoCouncil, EpisodeRow, generate_council
from irohub.records.codes import SHORT_BREAK_LEGAL_STATUSES
from irohub.records.register import (
    AdoptionDecisionRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.records.years import CollectionYear
from irohub.statutory import add_years

POSTCODES_FILE = Path(__file__).with_name("ssda903_postcodes.json")
# The DfE's three-digit number for Wolverhampton: the 2nd-4th characters of its UPNs.
UPN_LA_NUMBER = "336"
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# Settings registered with Ofsted, each with one URN, provider and postcode.
SETTINGS = frozenset({"K1", "K2", "K3", "H5", "R3", "S1"})
# Placements whose postcode is the carer's own home (the URN is the agency's).
FAMILY_HOMES = FOSTER | ADOPTION
# Supported accommodation inside the council: the 2025/26 validator flags every K3 outside
# the placing council's area (rule 241), and council-commissioned K3 mostly is inside.
IN_AREA_ONLY = frozenset({"K3"})
# Supported accommodation in the returns: H5 without a URN until it became regulated on
# 28 October 2023 (rule 222 before 2023/24), H5 with its URN from then (rule 230), K3 from
# the 2024/25 return (the 2023/24 rules do not know K3; the 2025/26 rules not H5).
SUPPORTED_REGISTERED = date(2023, 10, 28)
SUPPORTED_K3_FROM = date(2024, 4, 1)
# Short breaks are never long-term fostering (rule 384).
SHORT_BREAK_FOSTERING = {"U1": "U3", "U4": "U6"}


@dataclass(frozen=True)
class SyntheticSummary:
    out: Path
    years: tuple[str, ...]  # collection years written, e.g. ("2021/22", ..., "2025/26")
    children: int  # children in the council (in care at some point in the window)
    children_in_returns: int
    episodes: int  # episode records in the returns' years (counted once)
    reviews: int
    files: int
    local_authority: str  # "E08000031 Wolverhampton"
    seed: int
    as_of: date
    seconds: float

    def __str__(self) -> str:
        first, last = self.years[0], self.years[-1]
        return "\n".join(
            [
                f"SSDA903 returns {first} to {last} written to {self.out} in "
                f"{self.seconds:.1f} s (synthetic data; seed {self.seed}, as of "
                f"{self.as_of:%d/%m/%Y}; one folder per year, named by its end year).",
                f"  {self.children_in_returns:,} children, {self.episodes:,} episodes, "
                f"{self.reviews:,} reviews; {self.files} files; local authority "
                f"{self.local_authority}.",
            ]
        )


def last_year_end(today: date) -> date:
    """The 31 March that closed the latest complete collection year."""
    end = date(today.year, 3, 31)
    return end if end <= today else date(today.year - 1, 3, 31)


def collection_year_of(day: date) -> CollectionYear:
    return CollectionYear(day.year if day >= date(day.year, 4, 1) else day.year - 1)


def write_synthetic_returns(
    *, children: int, years: int, seed: int, out: Path, as_of: date | None = None
) -> SyntheticSummary:
    """Write the returns for the `years` collection years ending with the one that holds
    `as_of` (by default the last 31 March: complete years only)."""
    from irohub.ssda903.writer import write_return

    started = time.perf_counter()
    as_of = as_of or last_year_end(date.today())
    latest = collection_year_of(as_of)
    wanted = [CollectionYear(latest.start_year - k) for k in range(years - 1, -1, -1)]
    council = generate_council(children=children, years=years, seed=seed, as_of=as_of)
    register = build_register(council, seed=seed, first_year=wanted[0], latest_year=latest)

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for year in wanted:
        folder = out / str(year.end_year)
        folder.mkdir(exist_ok=True)
        written += write_return(register, year, folder)

    start, end = wanted[0].start, wanted[-1].end
    in_returns = episodes = reviews = 0
    for child in register.children:
        counted = False
        for period in child.periods:
            for e in period.episodes:
                if e.start <= end and (e.end is None or e.end >= start):
                    episodes += 1
                    counted = True
            reviews += sum(1 for r in period.reviews if start <= r.held <= end)
        in_returns += counted
    area = load_postcodes()
    return SyntheticSummary(
        out=out,
        years=tuple(y.label for y in wanted),
        children=len(council.children),
        children_in_returns=in_returns,
        episodes=episodes,
        reviews=reviews,
        files=len(written),
        local_authority=f"{area.council} {area.names[area.council]}",
        seed=seed,
        as_of=as_of,
        seconds=time.perf_counter() - started,
    )


# --- postcodes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Postcodes:
    council: str  # ONS code of the council's own area
    names: dict[str, str]
    by_area: dict[str, list[str]]

    @property
    def own(self) -> list[str]:
        return self.by_area[self.council]

    @property
    def neighbours(self) -> list[str]:
        return [pc for code, pcs in self.by_area.items() if code != self.council for pc in pcs]


_POSTCODES: Postcodes | None = None


def load_postcodes() -> Postcodes:
    global _POSTCODES
    if _POSTCODES is None:
        data = json.loads(POSTCODES_FILE.read_text(encoding="utf-8"))
        _POSTCODES = Postcodes(data["council"], data["names"], data["postcodes"])
    return _POSTCODES


# --- identifiers -------------------------------------------------------------------------


def upn(serial: int, dob: date) -> str:
    """A valid UPN: check letter, LA number, a school number, the year of first school
    entry and a serial (unique per `serial` below eight million)."""
    school, number = 2001 + serial // 1000, serial % 1000
    digits = f"{UPN_LA_NUMBER}{school:04d}{(dob.year + 5) % 100:02d}{number:03d}"
    total = sum(int(d) * weight for d, weight in zip(digits, range(2, 14), strict=True))
    return UPN_CHECK_LETTERS[total % 23] + digits


def school_age_by(dob: date, year: CollectionYear) -> bool:
    """School age for rule 209: four by the 31 August before the year's start year."""
    return add_years(dob, 4) <= date(year.start_year - 1, 8, 31)


# --- the register --------------------------------------------------------------------------


class _Places:
    """Ofsted settings (one URN, provider and postcode each) and postcode draws."""

    def __init__(self, rng: Random, postcodes: Postcodes) -> None:
        self.rng = rng
        self.own = postcodes.own
        self.neighbours = postcodes.neighbours
        # (kind, provider, demo URN, variant) -> (postcode, URN); and back from the URN.
        self.settings: dict[tuple[str, str, str, int], tuple[str, str]] = {}
        self.keys: dict[str, tuple[str, str, str, int]] = {}

    def draw(self, provider: str, *, avoid: tuple[str, ...], in_area: bool = False) -> str:
        """A postcode for a placement with `provider`, never the child's home (392d)."""
        rng = self.rng
        if in_area:
            pool = self.own
        elif provider == "PR1":
            pool = self.own if rng.random() < 0.9 else self.neighbours
        elif provider == "PR2":
            pool = self.neighbours
        else:
            pool = self.own if rng.random() < 0.45 else self.neighbours
        while True:
            postcode = rng.choice(pool)
            if postcode not in avoid:
                return postcode

    def setting(
        self, placement: str, provider: str, urn: str, avoid: str, variant: int = 0
    ) -> tuple[str, str]:
        """Postcode and URN of a setting. A URN has one provider and one postcode: a demo URN
        drawn for two providers becomes two settings, and a home in the child's own street
        is swapped for another home of the same provider."""
        # Supported accommodation that became regulated (H5 -> K3) is the same setting.
        kind = "K3" if placement == "H5" else placement
        key = (kind, provider, urn, variant)
        found = self.settings.get(key)
        if found is None:
            real = urn if variant == 0 and urn not in self.keys else self._fresh_urn(urn)
            in_area = provider == "PR1" or kind in IN_AREA_ONLY
            found = (self.draw(provider, avoid=(), in_area=in_area), real)
            self.settings[key] = found
            self.keys[real] = key
        if found[0] == avoid:
            return self.setting(placement, provider, urn, avoid, variant + 2)
        return found

    def other_setting(self, placement: str, urn: str, avoid: str) -> tuple[str, str]:
        """Another setting of the provider of `urn` (a move between two of its homes)."""
        _kind, provider, demo_urn, variant = self.keys[urn]
        return self.setting(placement, provider, demo_urn, avoid, 1 if variant == 0 else 0)

    def _fresh_urn(self, urn: str) -> str:
        prefix, width = ("SC", 6) if urn.startswith("SC") else ("", 7)
        while True:
            candidate = f"{prefix}{self.rng.randrange(10 ** (width - 1), 10**width)}"
            if candidate not in self.keys:
                return candidate


def build_register(
    council: DemoCouncil,
    *,
    seed: int,
    first_year: CollectionYear,
    latest_year: CollectionYear,
) -> Register:
    """The council as core records, with the return's extra fields filled in."""
    rng = Random(f"ssda903-out:{seed}")
    adoption = Random(f"ssda903-out:{seed}-adoption")  # its own stream: the rest stays put
    places = _Places(rng, load_postcodes())
    periods_of: dict[int, list[CarePeriodRow]] = defaultdict(list)
    for period in council.care_periods:
        periods_of[period.child].append(period)
    episodes_of: dict[int, list[EpisodeRow]] = defaultdict(list)
    for episode in council.episodes:
        episodes_of[episode.care_period].append(episode)
    reviews_of: dict[int, list[ReviewRecord]] = defaultdict(list)
    for review in council.reviews:
        reviews_of[review.care_period].append(ReviewRecord(review.held, review.participation))

    homes: dict[object, str] = {}  # one home per family (siblings share it)
    children: list[ChildRecord] = []
    first_start = first_year.start
    for child in council.children:
        family = ("group", child.sibling_group) if child.sibling_group is not None else child.key
        home = "" if child.uasc else homes.setdefault(family, rng.choice(places.own))
        periods = tuple(
            CarePeriodRecord(
                start=p.start,
                end=p.end,
                episodes=_episodes(episodes_of[p.key], home, places),
                reviews=tuple(sorted(reviews_of[p.key], key=lambda r: r.held)),
            )
            for p in periods_of[child.key]
        )
        if child.uasc:
            upn_code = "UN2"
        elif not school_age_by(child.date_of_birth, latest_year):
            upn_code = "UN1"
        else:
            upn_code = upn(child.key, child.date_of_birth)
        mother, mother_child_dob = "", None
        short_breaks_only = all(
            e.legal_status in SHORT_BREAK_LEGAL_STATUSES for p in periods for e in p.episodes
        )
        if child.sex == "F" and not short_breaks_only:  # rules 393 and 399
            mother = "0"
            fifteen = add_years(child.date_of_birth, 15)
            if fifteen < first_start - timedelta(days=120) and rng.random() < 0.04:
                mother = "1"
                span = (first_start - fifteen).days - 1
                mother_child_dob = fifteen + timedelta(days=rng.randrange(span))
        uasc_ceased = add_years(child.date_of_birth, 18) if child.uasc else None
        decisions = tuple(d for p in periods if (d := _adoption_decision(adoption, p)))
        children.append(
            ChildRecord(
                child_id=child.identifier,
                date_of_birth=child.date_of_birth,
                sex=child.sex,
                ethnicity=child.ethnicity,
                periods=periods,
                uasc=child.uasc,
                uasc_ceased=uasc_ceased,
                upn=upn_code,
                mother=mother,
                mother_child_dob=mother_child_dob,
                adoption_decisions=decisions,
            )
        )
    return Register(children=tuple(children))


ADOPTED = frozenset({"E11", "E12"})


def _adoption_decision(rng: Random, period: CarePeriodRecord) -> AdoptionDecisionRecord | None:
    """The decision to place for adoption behind a period's placement order, if it has one."""
    order = next((e for e in period.episodes if e.legal_status == "E1"), None)
    if order is None:
        return None
    decided = max(period.start, order.start - timedelta(days=rng.randint(14, 91)))
    if period.end is None or period.reason_ceased in ADOPTED:
        return AdoptionDecisionRecord(decided)
    reason = "RD1" if rng.random() < 0.6 else "RD4"
    return AdoptionDecisionRecord(decided, period.end, reason)


def _as_returned(rows: list[EpisodeRow]) -> list[EpisodeRow]:
    """The demo's chain in the codes the returns use: supported accommodation as H5 until
    1 April 2024 and K3 from then (an episode open across that day, or across its
    registration on 28 October 2023, is split there: RNE T, reason PLACE); short breaks
    in foster care as short-term fostering."""
    out: list[EpisodeRow] = []
    for row in rows:
        if row.legal_status in SHORT_BREAK_LEGAL_STATUSES:
            code = SHORT_BREAK_FOSTERING.get(row.placement)
            out.append(replace(row, placement=code) if code else row)
            continue
        if row.placement not in ("H5", "K3"):
            out.append(row)
            continue
        for boundary in (SUPPORTED_REGISTERED, SUPPORTED_K3_FROM):
            if row.start < boundary and (row.end is None or row.end > boundary):
                out.append(
                    replace(
                        row,
                        placement=_supported_code(row.start),
                        end=boundary,
                        reason_ceased="X1",
                        reason_place_change="PLACE",
                    )
                )
                row = replace(row, start=boundary, reason_new_episode="T")
        out.append(replace(row, placement=_supported_code(row.start)))
    return out


def _supported_code(start: date) -> str:
    return "K3" if start >= SUPPORTED_K3_FROM else "H5"


def _episodes(rows: list[EpisodeRow], home: str, places: _Places) -> tuple[EpisodeRecord, ...]:
    out: list[EpisodeRecord] = []
    previous: EpisodeRecord | None = None
    for row in _as_returned(rows):
        placement, provider, urn = row.placement, row.placement_provider, row.urn
        short_break = row.legal_status in SHORT_BREAK_LEGAL_STATUSES
        if short_break:
            # Rule 214: no placement postcode or URN for short breaks (nor a home postcode).
            home_post, postcode, urn = "", "", ""
        elif previous is not None and row.reason_new_episode == "L":
            # Legal status only: the placement, its postcode and URN stay as they were.
            placement, provider = previous.placement, previous.placement_provider
            home_post, postcode, urn = home, previous.placement_postcode, previous.urn
        else:
            home_post = home
            same_carer = previous is not None and row.reason_new_episode in ("T", "U")
            postcode, urn = _placement_place(row, previous, home, same_carer, places)
            if previous is not None and (placement, provider, urn, postcode) == (
                previous.placement,
                previous.placement_provider,
                previous.urn,
                previous.placement_postcode,
            ):
                # The demo drew the very same home again: a move needs a different one (435).
                if placement in SETTINGS and urn in places.keys:
                    postcode, urn = places.other_setting(placement, urn, home)
                else:
                    postcode = places.draw(provider, avoid=(home, postcode))
        episode = EpisodeRecord(
            start=row.start,
            reason_new_episode=row.reason_new_episode,
            legal_status=row.legal_status,
            category_of_need=row.category_of_need,
            placement=placement,
            placement_provider=provider,
            end=row.end,
            reason_ceased=row.reason_ceased,
            reason_place_change=row.reason_place_change,
            home_postcode=home_post,
            placement_postcode=postcode,
            urn=urn,
        )
        out.append(episode)
        previous = episode
    return tuple(out)


def _placement_place(
    row: EpisodeRow,
    previous: EpisodeRecord | None,
    home: str,
    same_carer: bool,
    places: _Places,
) -> tuple[str, str]:
    """Placement postcode and URN for a new or changed placement."""
    placement, provider, urn = row.placement, row.placement_provider, row.urn
    if placement == "P1":
        return home, ""  # at home with parents: the one placement at the home postcode
    if placement in SETTINGS and urn:
        if placement == "H5" and row.start < SUPPORTED_REGISTERED:
            # Not yet registered with Ofsted: its address, but no URN (rule 222).
            return places.setting(placement, provider, urn, home)[0], ""
        if (
            same_carer
            and previous is not None
            and previous.urn in places.keys
            and previous.placement == placement
            and previous.placement_provider == provider
        ):
            # Same provider, same kind of placement: a move between two of its homes (435).
            return places.other_setting(placement, previous.urn, home)
        return places.setting(placement, provider, urn, home)
    if same_carer and previous is not None:
        changed = (
            previous.placement != placement
            or previous.placement_provider != provider
            or previous.urn != urn
        )
        if changed and previous.placement_postcode and previous.placement_postcode != home:
            return previous.placement_postcode, urn  # same carer, same house
    if placement in FAMILY_HOMES or urn:
        return places.draw(provider, avoid=(home,)), urn
    return places.draw(provider, avoid=(home,)), ""
