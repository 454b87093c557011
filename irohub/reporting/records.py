"""The database path to core records (irohub.measures.records).

The register held in the database becomes the same records the SSDA903 reader makes from
files, so measures, exports and checks see one shape whichever way the data arrived.
Four queries for the whole register, streamed, with no query per child: fine for 100,000
children.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date

from irohub.children.models import CarePeriod, Child, Episode
from irohub.measures.records import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.reviews.models import Review

CHUNK = 5000  # rows fetched at a time when streaming

# In the order of EpisodeRecord's fields, so each row makes a record positionally (quick).
EPISODE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EpisodeRecord))


def register_from_database() -> Register:
    """Every child in the register with their care periods, episodes and reviews, in date
    order. The database holds complete histories, so `history_from` is None."""
    episodes: dict[int, list[EpisodeRecord]] = defaultdict(list)
    rows = Episode.objects.order_by("care_period_id", "start", "id").values_list(
        "care_period_id", *EPISODE_FIELDS
    )
    for period_id, *values in rows.iterator(chunk_size=CHUNK):
        episodes[period_id].append(EpisodeRecord(*values))

    reviews: dict[int, list[ReviewRecord]] = defaultdict(list)
    rows = Review.objects.order_by("care_period_id", "held").values_list(
        "care_period_id", "held", "participation"
    )
    for period_id, held, participation in rows.iterator(chunk_size=CHUNK):
        reviews[period_id].append(ReviewRecord(held, participation))

    periods: dict[int, list[CarePeriodRecord]] = defaultdict(list)
    rows = CarePeriod.objects.order_by("child_id", "start").values_list(
        "id", "child_id", "start", "end"
    )
    for period_id, child_id, start, end in rows.iterator(chunk_size=CHUNK):
        periods[child_id].append(
            CarePeriodRecord(
                start=start,
                end=end,
                episodes=tuple(episodes.pop(period_id, ())),
                reviews=tuple(reviews.pop(period_id, ())),
            )
        )

    children = []
    rows = Child.objects.order_by("identifier").values_list(
        "id", "identifier", "date_of_birth", "sex", "ethnicity", "uasc"
    )
    for child_id, identifier, dob, sex, ethnicity, uasc in rows.iterator(chunk_size=CHUNK):
        children.append(_child(identifier, dob, sex, ethnicity, uasc, periods.pop(child_id, [])))
    return Register(children=tuple(children), history_from=None)


def _child(
    identifier: str,
    dob: date,
    sex: str,
    ethnicity: str,
    uasc: bool,
    periods: list[CarePeriodRecord],
) -> ChildRecord:
    # The register does not record UPN, MOTHER, MC_DOB or the date UASC status ceased:
    # they stay blank, as the records' defaults say.
    return ChildRecord(
        child_id=identifier,
        date_of_birth=dob,
        sex=sex,
        ethnicity=ethnicity,
        periods=tuple(periods),
        uasc=uasc,
    )
