"""Merging the years read: each year's tables checked against its header file, and the
years put together — an episode (CHILD, DECOM) or review (CHILD, REVIEW) in two years'
returns is one, the later year's row winning (an episode open at one year's end is closed
in the next); a child's header row likewise, a different date of birth being a problem.
Pure Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from irohub.records.years import CollectionYear
from irohub.ssda903.checks import dmy, review_outside_year
from irohub.ssda903.files import TableFile, YearFolder
from irohub.ssda903.problems import Problem, Report
from irohub.ssda903.tables import EPISODES, HEADER, PLACED_ADOPTION, REVIEWS, UASC


@dataclass
class Merged:
    """Every year's rows, merged: the later year's row wins."""

    # child -> (values, file, row, year)
    header: dict[str, tuple[tuple[Any, ...], str, int, CollectionYear]] = field(
        default_factory=dict
    )
    episodes: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(default_factory=dict)
    reviews: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(default_factory=dict)
    uasc: dict[str, date | None] = field(default_factory=dict)
    # (child, DATE_PLACED) -> (values, file, row): decisions to place for adoption
    placed_adoption: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(
        default_factory=dict
    )
    other: dict[str, set[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(set))
    tainted: set[str] = field(default_factory=set)  # children with a row that did not read


def check_year(
    entry: YearFolder,
    merged: Merged,
    report: Report,
) -> None:
    year = entry.year
    assert year is not None
    files = entry.files
    header_file = files.get(HEADER.name)
    episodes_file = files.get(EPISODES.name)
    where = f"{entry.folder}/" if entry.folder else "this folder"

    for table in (f.table for f in files.values()):
        if not table.collected_in(year):
            report.note(
                f"{files[table.name].label}: the {table.name} table is not part of "
                f"the {year} return; read all the same"
            )

    header: dict[str, tuple[tuple[Any, ...], int]] = {}
    if header_file is not None:
        for number, values in header_file.rows:
            child = values[0]
            if child in header:
                report.add(
                    Problem(
                        header_file.label,
                        number,
                        "CHILD",
                        child,
                        f"the child has two header rows (the first is row {header[child][1]})",
                    )
                )
                continue
            header[child] = (values, number)
        _merge_header(header_file.label, header, year, merged, report)
    elif not entry.unreadable:
        for file in files.values():
            report.add(
                Problem(
                    file.label,
                    None,
                    None,
                    None,
                    f"no header file in {where}: the Header table ({', '.join(HEADER.columns)}) "
                    f"must come with the {file.table.name} table — it holds every child's date "
                    "of birth",
                )
            )
    if header_file is not None and episodes_file is None and not entry.unreadable:
        report.add(
            Problem(
                header_file.label,
                None,
                None,
                None,
                f"no episodes file in {where}: the Episodes table "
                f"({', '.join(EPISODES.columns)}) must come with the header file",
            )
        )
    # A file that could not be read may be the episodes table that seems missing: then
    # every child of the year is in doubt, and the unreadable file is the one problem.
    in_doubt = header_file is None or (episodes_file is None and entry.unreadable > 0)
    for file in files.values():
        merged.tainted |= file.bad_children
        if in_doubt:
            # Without the year's header (or episodes) every row of its other tables is in
            # doubt: the missing or unreadable file is the one problem to report.
            merged.tainted.update(values[0] for _, values in file.rows)
    known = header if header_file is not None else None

    with_episodes: set[str] = set()
    if episodes_file is not None:
        with_episodes = _read_episodes(episodes_file, year, known, merged, report)
    if header_file is not None and episodes_file is not None:
        for child, (_, number) in header.items():
            if child not in with_episodes and child not in merged.tainted:
                report.add(
                    Problem(
                        header_file.label,
                        number,
                        "CHILD",
                        child,
                        "the child has no episode in the episodes file (DfE rule EPI)",
                    )
                )
    if REVIEWS.name in files:
        _read_reviews(files[REVIEWS.name], year, known, merged, report)
    if UASC.name in files:
        file = files[UASC.name]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known, merged, report):
                merged.uasc[values[0]] = values[3]
    if PLACED_ADOPTION.name in files:
        _read_placed_adoption(files[PLACED_ADOPTION.name], known, merged, report)
    for file in files.values():
        if file.table.stored:
            continue
        across_years = any(c in file.table.dates for c in file.table.key)
        index = [file.table.columns.index(c) for c in file.table.key]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known, merged, report):
                key = tuple(values[i] for i in index)
                merged.other[file.table.name].add(key if across_years else (year, *key))


def _in_header(
    file: TableFile,
    number: int,
    child: str,
    known: dict[str, Any] | None,
    merged: Merged,
    report: Report,
) -> bool:
    if known is None or child in known:
        return True
    if child not in merged.tainted:
        report.add(
            Problem(
                file.label,
                number,
                "CHILD",
                child,
                "the child is not in the header file for the same year (DfE rules INT03/INT08)",
            )
        )
    return False


def _merge_header(
    label: str,
    header: dict[str, tuple[tuple[Any, ...], int]],
    year: CollectionYear,
    merged: Merged,
    report: Report,
) -> None:
    for child, (values, number) in header.items():
        before = merged.header.get(child)
        if before is not None and before[0][2] != values[2]:
            report.add(
                Problem(
                    label,
                    number,
                    "DOB",
                    dmy(values[2]),
                    f"the date of birth differs from {dmy(before[0][2])} in the {before[3]} "
                    f"header ({before[1]}:{before[2]})",
                )
            )
        merged.header[child] = (values, label, number, year)


def _read_episodes(
    file: TableFile,
    year: CollectionYear,
    known: dict[str, Any] | None,
    merged: Merged,
    report: Report,
) -> set[str]:
    seen: dict[tuple[str, date], int] = {}
    children: set[str] = set()
    year_end = year.end
    for number, values in file.rows:
        child, start, end, ceased = values[0], values[1], values[7], values[8]
        children.add(child)
        if known is not None and child not in known:
            _in_header(file, number, child, known, merged, report)
            continue
        key = (child, start)
        if key in seen:
            report.add(
                Problem(
                    file.label,
                    number,
                    "DECOM",
                    dmy(start),
                    f"duplicated episode: the child already has an episode starting "
                    f"{dmy(start)} (row {seen[key]})",
                )
            )
            continue
        seen[key] = number
        bad = False
        if start > year_end:
            bad = report.problem(
                file.label,
                number,
                "DECOM",
                dmy(start),
                f"after the end of the {year} collection year ({dmy(year.end)})",
            )
        if end is not None and end < start:
            bad = report.problem(
                file.label,
                number,
                "DEC",
                dmy(end),
                f"the episode ends before it began ({dmy(start)})",
            )
        if end is not None and end > year_end:
            bad = report.problem(
                file.label,
                number,
                "DEC",
                dmy(end),
                f"after the end of the {year} collection year ({dmy(year.end)}): an "
                "episode still open on 31 March has DEC and REC blank",
            )
        if (end is None) != (ceased == ""):
            bad = report.problem(
                file.label,
                number,
                "REC" if end else "DEC",
                ceased if end else "",
                "DEC and REC go together: both blank while the episode is open, "
                "both given when it ends (DfE rule 148)",
            )
        if bad:
            merged.tainted.add(child)
        merged.episodes[key] = (values, file.label, number)
    return children


def _read_reviews(
    file: TableFile,
    year: CollectionYear,
    known: dict[str, tuple[tuple[Any, ...], int]] | None,
    merged: Merged,
    report: Report,
) -> None:
    seen: dict[tuple[str, date], int] = {}
    first_day, last_day = year.start, year.end
    for number, values in file.rows:
        child, dob, held = values[0], values[1], values[2]
        if known is not None and child not in known:
            _in_header(file, number, child, known, merged, report)
            continue
        if known is not None and known[child][0][2] != dob:
            report.add(
                Problem(
                    file.label,
                    number,
                    "DOB",
                    dmy(dob),
                    f"differs from the child's date of birth in the header file "
                    f"({dmy(known[child][0][2])}; DfE rule INT17)",
                )
            )
            continue
        key = (child, held)
        if key in seen:
            report.add(
                Problem(
                    file.label,
                    number,
                    "REVIEW",
                    dmy(held),
                    f"duplicated review: the child already has a review on {dmy(held)} "
                    f"(row {seen[key]}); a review is one meeting a day",
                )
            )
            continue
        seen[key] = number
        if not first_day <= held <= last_day:
            outside = review_outside_year(child, held, year, file=file.label, row=number)
            if outside is not None:
                report.findings.append(outside)
        merged.reviews[key] = (values, file.label, number)


def _read_placed_adoption(
    file: TableFile,
    known: dict[str, Any] | None,
    merged: Merged,
    report: Report,
) -> None:
    """Decisions that a child should be placed for adoption: one a day, the later year's
    row winning; the decision ceased on or after it was made, with a reason (and only
    then)."""
    for number, values in file.rows:
        child, decided, ceased, reason = values[0], values[2], values[3], values[4]
        if known is not None and child not in known:
            _in_header(file, number, child, known, merged, report)
            continue
        if ceased is not None and ceased < decided:
            report.add(
                Problem(
                    file.label,
                    number,
                    "DATE_PLACED_CEASED",
                    dmy(ceased),
                    f"before the decision it ends ({dmy(decided)})",
                )
            )
            merged.tainted.add(child)
            continue
        if (ceased is None) != (reason == ""):
            report.add(
                Problem(
                    file.label,
                    number,
                    "REASON_PLACED_CEASED" if ceased else "DATE_PLACED_CEASED",
                    reason if ceased else "",
                    "DATE_PLACED_CEASED and REASON_PLACED_CEASED go together: both blank "
                    "while the decision stands, both given when it ceased",
                )
            )
            merged.tainted.add(child)
            continue
        merged.placed_adoption[(child, decided)] = (values, file.label, number)


def check_open_episodes_continue(years: list[YearFolder], report: Report) -> None:
    """An episode open at the end of one year's return is in the next year's return too."""
    by_start = {y.year.start_year: y for y in years if y.year is not None}
    for entry in years:
        assert entry.year is not None
        following = by_start.get(entry.year.start_year + 1)
        this_file = entry.files.get(EPISODES.name)
        if following is None or this_file is None or EPISODES.name not in following.files:
            continue
        next_file = following.files[EPISODES.name]
        later = {(values[0], values[1]) for _, values in next_file.rows}
        for number, values in this_file.rows:
            # A child with a row that did not read next year (an unreadable DEC, say) has
            # that row reported already: its episode may well be there.
            if (
                values[7] is None
                and (values[0], values[1]) not in later
                and values[0] not in next_file.bad_children
            ):
                report.add(
                    Problem(
                        this_file.label,
                        number,
                        "DEC",
                        "",
                        f"the episode is open at the end of {entry.year} but is not in the "
                        f"{following.year} episodes file "
                        f"({next_file.label})",
                    )
                )
