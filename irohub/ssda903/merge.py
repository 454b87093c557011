"""Merging the years read: each year's tables checked against its header file, and the
years put together — an episode (CHILD, DECOM) or review (CHILD, REVIEW) in two years'
returns is one, the later year's row winning (an episode open at one year's end is closed
in the next); a child's header row likewise, a different date of birth being a problem.
Pure Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from irohub.records.years import CollectionYear
from irohub.ssda903.checks import dmy, review_outside_year
from irohub.ssda903.files import TableFile, YearFolder
from irohub.ssda903.problems import Problem, Report
from irohub.ssda903.tables import EPISODES, HEADER, PLACED_ADOPTION, REVIEWS, UASC, Table


@dataclass
class Merged:
    """Every year's rows, merged: the later year's row wins. The header, episodes and
    reviews are kept as columns (polars), each row with the file ("_file") and row ("_row")
    it was read from; the small tables as Python values."""

    # The header as merged so far (a child's latest row, "_year" the year's start), for
    # comparing each year's dates of birth with the years before.
    header_so_far: pl.DataFrame | None = None
    # One row per child (after `finish`), per episode (CHILD, DECOM), per review (CHILD,
    # REVIEW), the later year's row winning: merged year by year, so that no more than the
    # merged rows and one year's are held at once.
    header: pl.DataFrame = field(default_factory=lambda: _empty(HEADER))
    episodes: pl.DataFrame = field(default_factory=lambda: _empty(EPISODES))
    reviews: pl.DataFrame = field(default_factory=lambda: _empty(REVIEWS))
    uasc: dict[str, date | None] = field(default_factory=dict)
    # (child, DATE_PLACED) -> (values, file, row): decisions to place for adoption
    placed_adoption: dict[tuple[str, date], tuple[tuple[Any, ...], str, int]] = field(
        default_factory=dict
    )
    other: dict[str, set[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(set))
    tainted: set[str] = field(default_factory=set)  # children with a row that did not read

    def add(self, name: str, table: Table, year: pl.DataFrame) -> None:
        """A year's rows of the episodes or reviews, merged into the years' before: an
        episode or review in two years' returns is one, the later year's row winning."""
        before: pl.DataFrame = getattr(self, name)
        merged = (
            year
            if not before.height
            else pl.concat([before, year], how="vertical_relaxed").unique(
                subset=list(table.key), keep="last", maintain_order=True
            )
        )
        setattr(self, name, merged)

    def finish(self) -> None:
        """The header merged (after the last year)."""
        if self.header_so_far is not None:
            self.header = self.header_so_far.drop("_year")
        self.header_so_far = None


def _empty(table: Table) -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "_row": pl.Int64,
            **{c: pl.Date if c in table.dates else pl.String for c in table.columns},
            "_file": pl.String,
        }
    )


def _labelled(file: TableFile) -> pl.DataFrame:
    return file.frame.with_columns(_file=pl.lit(file.label, dtype=pl.String))


def rows_of(frame: pl.DataFrame, *columns: str) -> Iterator[tuple[Any, ...]]:
    """The frame's rows (these columns) as Python tuples: for the few rows a problem is
    reported on."""
    return frame.select(columns).iter_rows()


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

    # The reader has dropped (and reported) a second header row of a child already.
    header: pl.DataFrame | None = None
    if header_file is not None:
        header = header_file.frame
        _merge_header(header_file, year, merged, report)
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
            merged.tainted.update(file.frame["CHILD"].to_list())
    known = header["CHILD"] if header is not None else None

    if episodes_file is not None:
        _read_episodes(episodes_file, year, known, merged, report)
    if header is not None and episodes_file is not None:
        without = header.filter(
            ~pl.col("CHILD").is_in(episodes_file.frame["CHILD"].implode())
            & ~pl.col("CHILD").is_in(list(merged.tainted))
        )
        assert header_file is not None
        for number, child in rows_of(without, "_row", "CHILD"):
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
        _read_reviews(files[REVIEWS.name], year, header, merged, report)
    # The small tables are checked row by row, against the header's children as a set.
    known_set = set(known.to_list()) if known is not None else None
    if UASC.name in files:
        file = files[UASC.name]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known_set, merged, report):
                merged.uasc[values[0]] = values[3]
    if PLACED_ADOPTION.name in files:
        _read_placed_adoption(files[PLACED_ADOPTION.name], known_set, merged, report)
    for file in files.values():
        if file.table.stored:
            continue
        across_years = any(c in file.table.dates for c in file.table.key)
        index = [file.table.columns.index(c) for c in file.table.key]
        for number, values in file.rows:
            if _in_header(file, number, values[0], known_set, merged, report):
                key = tuple(values[i] for i in index)
                merged.other[file.table.name].add(key if across_years else (year, *key))


def _not_in_header(
    file: TableFile, known: pl.Series | None, merged: Merged, report: Report
) -> pl.DataFrame:
    """The file's rows whose child is in the year's header; the others reported (unless
    the child has a row that did not read)."""
    frame = file.frame
    if known is None:
        return frame
    inside = pl.col("CHILD").is_in(known.implode())
    outside = frame.filter(~inside)
    for number, child in rows_of(outside, "_row", "CHILD"):
        if child not in merged.tainted:
            report.add(Problem(file.label, number, "CHILD", child, _NOT_IN_HEADER))
    return frame.filter(inside) if outside.height else frame


_NOT_IN_HEADER = "the child is not in the header file for the same year (DfE rules INT03/INT08)"


def _in_header(
    file: TableFile,
    number: int,
    child: str,
    known: set[str] | None,
    merged: Merged,
    report: Report,
) -> bool:
    if known is None or child in known:
        return True
    if child not in merged.tainted:
        report.add(Problem(file.label, number, "CHILD", child, _NOT_IN_HEADER))
    return False


def _merge_header(
    file: TableFile,
    year: CollectionYear,
    merged: Merged,
    report: Report,
) -> None:
    header = _labelled(file).with_columns(_year=pl.lit(year.start_year, dtype=pl.Int64))
    before = merged.header_so_far
    if before is not None:
        differs = header.join(
            before.select("CHILD", "DOB", "_file", "_row", "_year"),
            on="CHILD",
            suffix="_before",
            maintain_order="left",
        ).filter(pl.col("DOB") != pl.col("DOB_before"))
        for number, dob, was, label, row, start in rows_of(
            differs, "_row", "DOB", "DOB_before", "_file_before", "_row_before", "_year_before"
        ):
            report.add(
                Problem(
                    file.label,
                    number,
                    "DOB",
                    dmy(dob),
                    f"the date of birth differs from {dmy(was)} in the {CollectionYear(start)} "
                    f"header ({label}:{row})",
                )
            )
    merged.header_so_far = (
        header
        if before is None
        else pl.concat([before, header]).unique(subset="CHILD", keep="last", maintain_order=True)
    )


def _read_episodes(
    file: TableFile,
    year: CollectionYear,
    known: pl.Series | None,
    merged: Merged,
    report: Report,
) -> None:
    # The reader has dropped (and reported) a second row of an episode (CHILD, DECOM).
    frame = _not_in_header(file, known, merged, report)
    year_end = year.end
    start, end, ceased = pl.col("DECOM"), pl.col("DEC"), pl.col("REC")
    # The rows with a problem, found column by column; only they are looked at one by one.
    odd = frame.filter(
        (start > year_end) | (end < start) | (end > year_end) | (end.is_null() != (ceased == ""))
    )
    for number, child, start_, end_, ceased_ in rows_of(
        odd, "_row", "CHILD", "DECOM", "DEC", "REC"
    ):
        if start_ > year_end:
            report.problem(
                file.label,
                number,
                "DECOM",
                dmy(start_),
                f"after the end of the {year} collection year ({dmy(year.end)})",
            )
        if end_ is not None and end_ < start_:
            report.problem(
                file.label,
                number,
                "DEC",
                dmy(end_),
                f"the episode ends before it began ({dmy(start_)})",
            )
        if end_ is not None and end_ > year_end:
            report.problem(
                file.label,
                number,
                "DEC",
                dmy(end_),
                f"after the end of the {year} collection year ({dmy(year.end)}): an "
                "episode still open on 31 March has DEC and REC blank",
            )
        if (end_ is None) != (ceased_ == ""):
            report.problem(
                file.label,
                number,
                "REC" if end_ else "DEC",
                ceased_ if end_ else "",
                "DEC and REC go together: both blank while the episode is open, "
                "both given when it ends (DfE rule 148)",
            )
        merged.tainted.add(child)
    merged.add(
        "episodes",
        EPISODES,
        _labelled(file)
        if frame is file.frame
        else frame.with_columns(_file=pl.lit(file.label, dtype=pl.String)),
    )


def _read_reviews(
    file: TableFile,
    year: CollectionYear,
    header: pl.DataFrame | None,
    merged: Merged,
    report: Report,
) -> None:
    # The reader has dropped (and reported) a second review of a child on one day.
    known = header["CHILD"] if header is not None else None
    frame = _not_in_header(file, known, merged, report)
    if header is not None:
        with_header = frame.join(
            header.select("CHILD", DOB_HEADER=pl.col("DOB")),
            on="CHILD",
            how="left",
            maintain_order="left",
        )
        differs = pl.col("DOB") != pl.col("DOB_HEADER")
        odd = with_header.filter(differs)
        for number, dob, dob_header in rows_of(odd, "_row", "DOB", "DOB_HEADER"):
            report.add(
                Problem(
                    file.label,
                    number,
                    "DOB",
                    dmy(dob),
                    f"differs from the child's date of birth in the header file "
                    f"({dmy(dob_header)}; DfE rule INT17)",
                )
            )
        if odd.height:
            frame = with_header.filter(~differs).drop("DOB_HEADER")
    held = pl.col("REVIEW")
    outside = frame.filter((held < year.start) | (held > year.end))
    for number, child, day in rows_of(outside, "_row", "CHILD", "REVIEW"):
        finding = review_outside_year(child, day, year, file=file.label, row=number)
        if finding is not None:
            report.findings.append(finding)
    merged.add("reviews", REVIEWS, frame.with_columns(_file=pl.lit(file.label, dtype=pl.String)))


def _read_placed_adoption(
    file: TableFile,
    known: set[str] | None,
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
        # A child with a row that did not read next year (an unreadable DEC, say) has
        # that row reported already: its episode may well be there.
        missing = this_file.frame.filter(
            pl.col("DEC").is_null() & ~pl.col("CHILD").is_in(list(next_file.bad_children))
        ).join(next_file.frame.select("CHILD", "DECOM"), on=["CHILD", "DECOM"], how="anti")
        for (number,) in rows_of(missing.sort("_row"), "_row"):
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
