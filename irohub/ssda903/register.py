"""Building the register from the merged years: care periods from each child's episodes
(RNE S starts one, an episode ending with any REC but X1 ends it, and a non-S episode must
begin the day the one before it ended), and each review placed in the period it was held
in. Pure Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date
from typing import Any

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
from irohub.ssda903.merge import Merged
from irohub.ssda903.postcodes import with_placement_locations
from irohub.ssda903.problems import Problem, Report
from irohub.ssda903.tables import EPISODES
from irohub.statutory import add_years

_SEX = {"1": "M", "2": "F", "M": "M", "F": "F"}
_UNDER = codes.PN0_AGE_LIMIT_YEARS


def build_register(merged: Merged, history_from: date, report: Report) -> Register:
    episodes_of: dict[str, list[tuple[tuple[Any, ...], str, int]]] = defaultdict(list)
    for (child, _), found in merged.episodes.items():
        episodes_of[child].append(found)
    reviews_of: dict[str, list[tuple[tuple[Any, ...], str, int]]] = defaultdict(list)
    for (child, _), found in merged.reviews.items():
        reviews_of[child].append(found)
    decisions_of: dict[str, list[AdoptionDecisionRecord]] = defaultdict(list)
    for (child, decided), (values, _, _) in sorted(merged.placed_adoption.items()):
        decisions_of[child].append(AdoptionDecisionRecord(decided, values[3], values[4]))

    children: list[ChildRecord] = []
    continuing = 0
    for child in sorted(episodes_of):
        if child in merged.tainted or child not in merged.header:
            continue
        values = merged.header[child][0]
        dob: date = values[2]
        rows = sorted(episodes_of[child], key=lambda found: found[0][1])
        periods = _periods(child, rows, history_from, report)
        continuing += sum(1 for p in periods if p[0].reason_new_episode != "S")
        reviews = sorted(reviews_of.get(child, []), key=lambda found: found[0][2])
        placed = _place_reviews(child, dob, periods, reviews, report)
        uasc = child in merged.uasc
        children.append(
            ChildRecord(
                child_id=child,
                date_of_birth=dob,
                sex=_SEX[values[1]],
                ethnicity=values[3],
                periods=tuple(
                    CarePeriodRecord(
                        start=episodes[0].start,
                        end=_period_end(episodes),
                        episodes=tuple(episodes),
                        reviews=tuple(held),
                    )
                    for episodes, held in zip(periods, placed, strict=True)
                ),
                uasc=uasc,
                uasc_ceased=merged.uasc.get(child) if uasc else None,
                upn=values[4],
                mother=values[5],
                mother_child_dob=values[6],
                adoption_decisions=tuple(decisions_of.get(child, ())),
            )
        )
    for child in sorted(reviews_of):
        if child not in episodes_of and child not in merged.tainted:
            for _values, label, number in reviews_of[child]:
                report.add(
                    Problem(
                        label,
                        number,
                        "CHILD",
                        child,
                        f"{REFUSING_LABEL}: the child has no episodes, so the review is outside "
                        "every period of care",
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


def _episode(values: tuple[Any, ...]) -> EpisodeRecord:
    # The Episodes table's columns after CHILD are EpisodeRecord's fields, in order
    # (asserted below): positional, as this runs for every episode of every return.
    return EpisodeRecord(*values[1:])


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


def _periods(
    child: str,
    rows: list[tuple[tuple[Any, ...], str, int]],
    history_from: date,
    report: Report,
) -> list[list[EpisodeRecord]]:
    """Split one child's episodes (in DECOM order) into care periods, reporting every break
    in the chain: RNE S starts a period; X1 continues it into an episode starting the same
    day; any other REC ends it."""
    periods: list[list[EpisodeRecord]] = []
    previous: tuple[EpisodeRecord, str, int] | None = None
    for values, label, number in rows:
        episode = _episode(values)
        if previous is None:
            # A first episode that is not S began before the files' history: it continues
            # a period of care whose start is not in them.
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
            periods.append([episode])
        else:
            broken = _chain_break(previous, episode)
            if broken is not None:
                column, value, reason = broken
                report.add(Problem(label, number, column, value, reason))
            if episode.reason_new_episode == "S" or _period_end(periods[-1]) is not None:
                periods.append([episode])
            else:
                periods[-1].append(episode)
        previous = (episode, label, number)
    if previous is not None and previous[0].reason_ceased == "X1":
        last, label, number = previous
        report.add(
            Problem(
                label,
                number,
                "REC",
                "X1",
                "X1 means a new episode starts the same day, but no episode starts on "
                f"{dmy(last.end) if last.end else ''}",
            )
        )
    return periods


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
    child: str,
    dob: date,
    periods: list[list[EpisodeRecord]],
    reviews: list[tuple[tuple[Any, ...], str, int]],
    report: Report,
) -> list[list[ReviewRecord]]:
    """Each review in the care period it was held in; the database refuses a review outside
    every period and a participation code that does not fit the child's age."""
    placed: list[list[ReviewRecord]] = [[] for _ in periods]
    fourth = add_years(dob, _UNDER)
    spans = [(episodes[0].start, _period_end(episodes)) for episodes in periods]
    for values, label, number in reviews:
        held, code = values[2], values[3]
        where = None
        for i, (start, end) in enumerate(spans):
            if start <= held and (end is None or held <= end):
                where = i
                break
        if where is None:
            report.add(
                Problem(
                    label,
                    number,
                    "REVIEW",
                    dmy(held),
                    f"{REFUSING_LABEL}: the review is outside every period of care — the child was "
                    "not looked after that day",
                )
            )
            continue
        if (code == "PN0") != (held < fourth):
            age = "under 4" if held < fourth else "4 or over"
            report.add(
                Problem(
                    label,
                    number,
                    "REVIEW_CODE",
                    code,
                    f"does not fit the child's age: the child was {age} on {dmy(held)} "
                    f"(born {dmy(dob)}); PN0 is for a child under 4, and only for them "
                    "(DfE rules 440 and 441)",
                )
            )
            continue
        placed[where].append(ReviewRecord(held, code))
    return placed
