"""Write one collection year's SSDA903 tables from core records, as the DfE expects them.

Which rows belong to a year (spec ssda903-format.md §1): every episode open at any point
in it (began on or before 31 March and ended on or after 1 April, or still open); an
episode still open on 31 March, or ending after it, is written with DEC, REC and
REASON_PLACE_CHANGE blank; the reviews held in the year; one Header row per child in the
episodes or reviews; a UASC row for each of those children who is unaccompanied; a
PlacedAdoption row for each decision of theirs that a child should be placed for adoption
standing at any point in the year (made on or before 31 March, not ceased before 1 April;
one that ceased after 31 March is written as still standing). Reviews of a child whose
episodes in the year are all short breaks (V3/V4) are IRO Hub's own (reg 48): the return
carries none (DfE rule 399).

Files are byte-for-byte reproducible, so two exports of the same records are identical:
UTF-8 without a byte-order mark, lines ending "\\r\\n" (CSV's own convention, RFC 4180, and
what Excel writes), rows in order of CHILD and then date, dates DD/MM/YYYY. Pure Python.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from irohub.records.register import AdoptionDecisionRecord, ChildRecord, EpisodeRecord, Register
from irohub.records.years import CollectionYear
from irohub.ssda903.tables import (
    EPISODES,
    HEADER,
    PLACED_ADOPTION,
    REVIEWS,
    UASC,
    Table,
    sex_code,
)

LINE_END = "\r\n"


def _date(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def episode_in_year(episode: EpisodeRecord, year: CollectionYear) -> bool:
    return episode.start <= year.end and (episode.end is None or episode.end >= year.start)


def episode_row(child_id: str, episode: EpisodeRecord, year: CollectionYear) -> list[str]:
    # An episode that had not ended by 31 March is open as far as this return knows.
    ended = episode.end is not None and episode.end <= year.end
    return [
        child_id,
        _date(episode.start),
        episode.reason_new_episode,
        episode.legal_status,
        episode.category_of_need,
        episode.placement,
        episode.placement_provider,
        _date(episode.end) if ended else "",
        episode.reason_ceased if ended else "",
        episode.reason_place_change if ended else "",
        episode.home_postcode,
        episode.placement_postcode,
        episode.urn,
    ]


def decision_row(
    child: ChildRecord, decision: AdoptionDecisionRecord, year: CollectionYear
) -> list[str]:
    ceased = decision.ceased is not None and decision.ceased <= year.end
    return [
        child.child_id,
        _date(child.date_of_birth),
        _date(decision.decided),
        _date(decision.ceased) if ceased else "",
        decision.reason_ceased if ceased else "",
    ]


def decision_in_year(decision: AdoptionDecisionRecord, year: CollectionYear) -> bool:
    return decision.decided <= year.end and (
        decision.ceased is None or decision.ceased >= year.start
    )


def year_rows(register: Register, year: CollectionYear) -> dict[str, list[list[str]]]:
    """The rows of each table for `year`, keyed by table name, in file order."""
    header: list[list[str]] = []
    episodes: list[list[str]] = []
    reviews: list[list[str]] = []
    uasc: list[list[str]] = []
    placed: list[list[str]] = []
    for child in sorted(register.children, key=lambda c: c.child_id):
        child_episodes = sorted(
            (e for p in child.periods for e in p.episodes if episode_in_year(e, year)),
            key=lambda e: e.start,
        )
        child_reviews = sorted(
            (r for p in child.periods for r in p.reviews if r.held in year),
            key=lambda r: r.held,
        )
        if not child_episodes and not child_reviews:
            continue
        if child.on_short_breaks_only(year.start, year.end):
            child_reviews = []  # rule 399: reg 48 reviews are not returned
        dob = _date(child.date_of_birth)
        header.append(_header_row(child, year))
        episodes += [episode_row(child.child_id, e, year) for e in child_episodes]
        reviews += [[child.child_id, dob, _date(r.held), r.participation] for r in child_reviews]
        if child.uasc:
            uasc.append([child.child_id, sex_code(child.sex, year), dob, _date(child.uasc_ceased)])
        placed += [
            decision_row(child, d, year)
            for d in child.adoption_decisions
            if decision_in_year(d, year)
        ]
    return {
        HEADER.name: header,
        EPISODES.name: episodes,
        REVIEWS.name: reviews,
        UASC.name: uasc,
        PLACED_ADOPTION.name: placed,
    }


def _header_row(child: ChildRecord, year: CollectionYear) -> list[str]:
    return [
        child.child_id,
        sex_code(child.sex, year),
        _date(child.date_of_birth),
        child.ethnicity,
        child.upn,
        child.mother,
        _date(child.mother_child_dob),
    ]


def write_table(path: Path, table: Table, year: CollectionYear, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator=LINE_END)
        writer.writerow(table.columns_for(year))
        writer.writerows(rows)
    return path


def write_return(register: Register, year: CollectionYear, out_dir: Path) -> list[Path]:
    """Write header.csv, episodes.csv, reviews.csv, uasc.csv and placed_adoption.csv for
    `year` into `out_dir` (the last two even with no rows: the DfE validator runs its UASC
    and adoption rules only on tables it is given); returns the files written.

    The writer writes what it is given: IRO Hub's own checks of the reviews (irohub.ssda903
    .checks.schedule_checks) are for the caller to run and report beside the files.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = year_rows(register, year)
    return [
        write_table(out_dir / table.file_name, table, year, rows[table.name])
        for table in (HEADER, EPISODES, REVIEWS, UASC, PLACED_ADOPTION)
    ]
