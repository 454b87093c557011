"""Building the register from the merged years: care periods from each child's episodes
(RNE S starts one, an episode ending with any REC but X1 ends it, and a non-S episode must
begin the day the one before it ended), and each review placed in the period it was held
in. Pure Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date
from typing import Any

import polars as pl

from irohub.records import codes
from irohub.records.register import (
    AdoptionDecisionRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.ssda903.checks import REFUSING_LABEL, dmy
from irohub.ssda903.files import python_values
from irohub.ssda903.merge import Merged, rows_of
from irohub.ssda903.postcodes import directory, with_placement_locations
from irohub.ssda903.problems import Problem, Report
from irohub.ssda903.tables import EPISODES, HEADER
from irohub.statutory import add_years

_SEX = {"1": "M", "2": "F", "M": "M", "F": "F"}
_UNDER = codes.PN0_AGE_LIMIT_YEARS


def build_register(merged: Merged, history_from: date, report: Report) -> Register:
    """The register from the merged years, column by column (polars) where it can be: the
    care periods and the place of each review are worked out for every row at once, and
    only the rows with a problem are looked at one by one."""
    header = merged.header
    tainted = pl.Series("tainted", sorted(merged.tainted), dtype=pl.String).implode()
    child = pl.col("CHILD")
    all_episodes = merged.episodes
    episodes = all_episodes.filter(
        ~child.is_in(tainted) & child.is_in(header["CHILD"].implode())
    ).sort("CHILD", "DECOM")

    # Care periods: RNE S starts one, and so does any episode after one that ended with a
    # REC other than X1.
    first = (child != child.shift(1)).fill_null(True)
    last = (child != child.shift(-1)).fill_null(True)
    rne, start, end, ceased = pl.col("RNE"), pl.col("DECOM"), pl.col("DEC"), pl.col("REC")
    before_end, before_ceased = end.shift(1), ceased.shift(1)
    # The usual cases of the chain: a new period after one that ended (on an earlier
    # day), or the next episode of a period the day the last ended.
    follows = before_end.is_not_null() & (
        ((rne == "S") & (before_ceased != "X1") & (before_end < start))
        | ((rne != "S") & (before_ceased == "X1") & (before_end == start))
    )
    episodes = episodes.with_columns(
        _new=first | (rne == "S") | (before_end.is_not_null() & (before_ceased != "X1")),
        _odd=(first & (rne != "S") & (start >= history_from))
        | (~first & ~follows)
        | (last & (ceased == "X1")),
        _first=first,
        _last=last,
    ).with_columns(_period=pl.col("_new").cum_sum() - 1)
    _report_chain(episodes, history_from, report)
    continuing = episodes.filter(pl.col("_new") & (rne != "S")).height

    periods = episodes.group_by("_period", maintain_order=True).agg(
        child.first(),
        start.first().alias("start"),
        pl.when(end.last().is_not_null() & (ceased.last() != "X1")).then(end.last()).alias("end"),
        pl.len().alias("episodes"),
    )
    placed, reviews_of_period = _place_reviews(merged, all_episodes, episodes, periods, report)
    # The placements' postcodes looked up while only columns are held, not yet the records
    # as well (a letter file of the postcode directory is large): the peak is lower, and
    # with_placement_locations, below, finds them known.
    if (found := directory()).available:
        written = pl.concat([episodes["HOME_POST"], episodes["PL_POST"]]).drop_nulls().unique()
        found.look_up_written(written.sort().to_list())

    # The records, made from the columns.
    made = list(map(EpisodeRecord, *(python_values(episodes[c]) for c in EPISODES.columns[1:])))
    held = list(
        map(ReviewRecord, python_values(placed["REVIEW"]), python_values(placed["REVIEW_CODE"]))
    )
    periods_of: dict[str, list[CarePeriodRecord]] = defaultdict(list)
    e = r = 0
    for child_id, period_start, period_end, count, reviews in zip(
        periods["CHILD"].to_list(),
        python_values(periods["start"]),
        python_values(periods["end"]),
        periods["episodes"].to_list(),
        reviews_of_period,
        strict=True,
    ):
        periods_of[child_id].append(
            CarePeriodRecord(
                period_start, period_end, tuple(made[e : e + count]), tuple(held[r : r + reviews])
            )
        )
        e += count
        r += reviews
    decisions_of: dict[str, list[AdoptionDecisionRecord]] = defaultdict(list)
    for (child_id, decided), (values, _, _) in sorted(merged.placed_adoption.items()):
        decisions_of[child_id].append(AdoptionDecisionRecord(decided, values[3], values[4]))

    children_header = header.filter(child.is_in(periods["CHILD"].implode())).sort("CHILD")
    children: list[ChildRecord] = []
    uasc_of = merged.uasc
    for child_id, sex, dob, ethnicity, upn, mother, mother_child_dob in zip(
        *(python_values(children_header[c]) for c in HEADER.columns), strict=True
    ):
        uasc = child_id in uasc_of
        children.append(
            ChildRecord(
                child_id=child_id,
                date_of_birth=dob,
                sex=_SEX[sex],
                ethnicity=ethnicity,
                periods=tuple(periods_of[child_id]),
                uasc=uasc,
                uasc_ceased=uasc_of.get(child_id) if uasc else None,
                upn=upn,
                mother=mother,
                mother_child_dob=mother_child_dob,
                adoption_decisions=tuple(decisions_of.get(child_id, ())),
            )
        )
    if continuing:
        report.note(
            f"{continuing:,} care periods began before {dmy(history_from)}, the start of the "
            "earliest year read: each starts, as far as IRO Hub knows, on its first episode in "
            "the files (import earlier years to complete them)"
        )
    register = Register(
        children=tuple(children),
        history_from=history_from,
        notes=tuple(report.notes),
        short_break_reviews_held=False,  # a return carries none (DfE rule 399)
    )
    # PL_LA, PL_LOCATION and PL_DISTANCE from the postcodes, as the DfE validator derives
    # them (the return carries the postcodes, not these).
    return with_placement_locations(register)


def _report_chain(episodes: pl.DataFrame, history_from: date, report: Report) -> None:
    """Every break in the episode chains (the rows marked _odd), in the children's order and
    each child's episodes' order, as the rows were checked one by one."""
    odd = episodes.with_row_index("_at").filter(pl.col("_odd"))["_at"].to_list()
    if not odd:
        return
    wanted = sorted({i for at in odd for i in (at - 1, at) if i >= 0})
    picked = episodes[wanted]
    rows = dict(zip(wanted, picked.iter_rows(named=True), strict=True))
    for at in odd:
        row = rows[at]
        episode = _episode_of(row)
        label, number = row["_file"], row["_row"]
        if row["_first"]:
            if episode.reason_new_episode != "S" and episode.start >= history_from:
                report.add(
                    Problem(
                        label,
                        number,
                        "RNE",
                        episode.reason_new_episode,
                        "gap in the episode chain: the child's first episode must start a "
                        f"period of care (RNE S); no episode ends on {dmy(episode.start)}",
                    )
                )
        else:
            before = rows[at - 1]
            broken = _chain_break((_episode_of(before), before["_file"], before["_row"]), episode)
            if broken is not None:
                column, value, reason = broken
                report.add(Problem(label, number, column, value, reason))
        if row["_last"] and episode.reason_ceased == "X1":
            report.add(
                Problem(
                    label,
                    number,
                    "REC",
                    "X1",
                    "X1 means a new episode starts the same day, but no episode starts on "
                    f"{dmy(episode.end) if episode.end else ''}",
                )
            )


def _episode_of(row: dict[str, Any]) -> EpisodeRecord:
    return EpisodeRecord(*(row[c] for c in EPISODES.columns[1:]))


# The Episodes table's columns after CHILD are EpisodeRecord's fields, in order: records
# are made from the columns positionally.
assert EPISODES.columns[1:] == (
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
) and [f.name for f in fields(EpisodeRecord)] == [
    "start",
    "reason_new_episode",
    "legal_status",
    "category_of_need",
    "placement",
    "placement_provider",
    "end",
    "reason_ceased",
    "reason_place_change",
    "home_postcode",
    "placement_postcode",
    "urn",
], "the Episodes columns and EpisodeRecord's fields no longer line up"


def _period_end(episodes: list[EpisodeRecord]) -> date | None:
    last = episodes[-1]
    return last.end if last.end is not None and last.reason_ceased != "X1" else None


def _chain_break(
    previous: tuple[EpisodeRecord, str, int], episode: EpisodeRecord
) -> tuple[str, str, str] | None:
    """(column, value, reason) when `episode` does not follow on from the one before it."""
    before, label, row = previous
    end, rne, ceased = before.end, episode.reason_new_episode, before.reason_ceased
    # The usual cases first, before any message is made: a new period after one that
    # ended (on an earlier day), or the next episode of a period the day the last ended.
    if end is not None and (
        (rne == "S" and ceased != "X1" and end < episode.start)
        or (rne != "S" and ceased == "X1" and end == episode.start)
    ):
        return None
    ref = f"the episode from {dmy(before.start)} ({label}:{row})"
    start, rne = dmy(episode.start), episode.reason_new_episode
    if before.end is None:
        return "DECOM", start, f"overlapping episodes: {ref} is still open"
    if before.end > episode.start:
        return "DECOM", start, f"overlapping episodes: {ref} ends {dmy(before.end)}"
    if rne == "S":
        if before.reason_ceased == "X1":
            return (
                "RNE",
                rne,
                (
                    f"{ref} ended X1 (care continues in a new episode the same day), so this "
                    "episode cannot start a new period of care"
                ),
            )
        if before.end == episode.start:
            return (
                "DECOM",
                start,
                (
                    "a new period of care cannot start on the day the last one ended "
                    f"({ref} ended {before.reason_ceased} that day)"
                ),
            )
        return None
    if before.reason_ceased != "X1":
        return (
            "RNE",
            rne,
            (
                f"{ref} ended the period of care ({before.reason_ceased} on {dmy(before.end)}): "
                "the next episode must start a new one (RNE S)"
            ),
        )
    if before.end < episode.start:
        return (
            "DECOM",
            start,
            (
                f"gap in the episode chain: {ref} ended {dmy(before.end)}, and an episode that "
                "is not S starts the day the one before it ended"
            ),
        )
    return None


def _place_reviews(
    merged: Merged,
    all_episodes: pl.DataFrame,
    episodes: pl.DataFrame,
    periods: pl.DataFrame,
    report: Report,
) -> tuple[pl.DataFrame, list[int]]:
    """Each review in the care period it was held in: (the reviews placed, in period and
    date order; how many each period has). The database refuses a review outside every
    period and a participation code that does not fit the child's age: reported here."""
    child = pl.col("CHILD")
    reviews = merged.reviews
    # A child with reviews but no episodes at all (and no row that failed to read).
    alone = reviews.filter(
        ~child.is_in(all_episodes["CHILD"].implode())
        & ~child.is_in(pl.Series(sorted(merged.tainted), dtype=pl.String).implode())
    ).sort("CHILD", "_row")
    for label, number, child_id in rows_of(alone, "_file", "_row", "CHILD"):
        report.add(
            Problem(
                label,
                number,
                "CHILD",
                child_id,
                f"{REFUSING_LABEL}: the child has no episodes, so the review is outside "
                "every period of care",
            )
        )
    reviews = (
        reviews.filter(child.is_in(episodes["CHILD"].implode()))
        .sort("CHILD", "REVIEW")
        .with_row_index("_at")
    )
    held = pl.col("REVIEW")
    within = (
        reviews.select("_at", "CHILD", "REVIEW")
        .join(periods.select("CHILD", "_period", "start", "end"), on="CHILD")
        .filter((pl.col("start") <= held) & (pl.col("end").is_null() | (held <= pl.col("end"))))
        .group_by("_at")
        .agg(pl.col("_period").min())
    )
    header = merged.header
    dobs = header["DOB"].unique().to_list()
    fourth = pl.DataFrame(
        {"DOB": dobs, "_fourth": [add_years(dob, _UNDER) for dob in dobs]},
        schema={"DOB": pl.Date, "_fourth": pl.Date},
    )
    under_four = header.select("CHILD", "DOB").join(fourth, on="DOB").select("CHILD", "_fourth")
    reviews = (
        reviews.join(within, on="_at", how="left", maintain_order="left")
        .join(under_four, on="CHILD", how="left", maintain_order="left")
        .with_columns(
            _age=pl.col("_period").is_not_null()
            & ((pl.col("REVIEW_CODE") == "PN0") != (held < pl.col("_fourth")))
        )
    )
    refused = pl.col("_period").is_null() | pl.col("_age")
    for label, number, child_id, day, code, period, under in rows_of(
        reviews.filter(refused),
        "_file",
        "_row",
        "CHILD",
        "REVIEW",
        "REVIEW_CODE",
        "_period",
        "_fourth",
    ):
        if period is None:
            report.add(
                Problem(
                    label,
                    number,
                    "REVIEW",
                    dmy(day),
                    f"{REFUSING_LABEL}: the review is outside every period of care — the child "
                    "was not looked after that day",
                )
            )
            continue
        dob = header_dob(header, child_id)
        age = "under 4" if day < under else "4 or over"
        report.add(
            Problem(
                label,
                number,
                "REVIEW_CODE",
                code,
                f"does not fit the child's age: the child was {age} on {dmy(day)} "
                f"(born {dmy(dob)}); PN0 is for a child under 4, and only for them "
                "(DfE rules 440 and 441)",
            )
        )
    placed = reviews.filter(~refused).sort("_period", "REVIEW")
    counts = (
        periods.select("_period")
        .join(placed.group_by("_period").len(), on="_period", how="left", maintain_order="left")[
            "len"
        ]
        .fill_null(0)
        .to_list()
    )
    return placed, counts


def header_dob(header: pl.DataFrame, child_id: str) -> date:
    """A child's date of birth in the merged header (for the few problems that show it)."""
    return header.filter(pl.col("CHILD") == child_id)["DOB"][0]
