"""The database path to core records (irohub.records.register).

The register held in the database becomes the same records the SSDA903 reader makes from
files, so measures, exports and checks see one shape whichever way the data arrived.
Seven queries for the whole register, streamed, with no query per child: fine for 100,000
children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields

from irohub.accounts.models import IRO
from irohub.children.models import (
    RETURN_ITEMS,
    AdoptionDecision,
    CarePeriod,
    Child,
    Episode,
    allocation_model,
    review_model,
)
from irohub.core.council import child_population
from irohub.records.register import (
    AdoptionDecisionRecord,
    AllocationRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    IroRecord,
    Register,
    ReviewRecord,
)

CHUNK = 5000  # rows fetched at a time when streaming

# Apps above this one add their own records to the register (fostering households and
# their reviewing officers): children cannot import them, so each registers a function
# (register -> register with its records) here from its AppConfig.ready().
REGISTER_EXTENSIONS: list[Callable[[Register], Register]] = []

# In the order of EpisodeRecord's fields, so each row makes a record positionally (quick).
EPISODE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EpisodeRecord))


def register_from_database() -> Register:
    """Every child in the register with their care periods, episodes and reviews, in date
    order, with the service's staff and the council's child population (a setting). The
    database holds complete histories, so `history_from` is None."""
    episodes: dict[int, list[EpisodeRecord]] = defaultdict(list)
    rows = Episode.objects.order_by("care_period_id", "start", "id").values_list(
        "care_period_id", *EPISODE_FIELDS
    )
    for period_id, *values in rows.iterator(chunk_size=CHUNK):
        episodes[period_id].append(EpisodeRecord(*values))

    reviews: dict[int, list[ReviewRecord]] = defaultdict(list)
    rows = (
        review_model()
        .objects.order_by("care_period_id", "held")
        .values_list("care_period_id", "held", "participation", "chair_id")
    )
    for period_id, held, participation, chair_id in rows.iterator(chunk_size=CHUNK):
        chair = "" if chair_id is None else str(chair_id)
        reviews[period_id].append(ReviewRecord(held, participation, chair))

    allocations: dict[int, list[AllocationRecord]] = defaultdict(list)
    rows = (
        allocation_model()
        .objects.order_by("child_id", "start", "id")
        .values_list("child_id", "iro_id", "start", "end")
    )
    for child_id, iro_id, start, end in rows.iterator(chunk_size=CHUNK):
        allocations[child_id].append(AllocationRecord(str(iro_id), start, end))

    decisions: dict[int, list[AdoptionDecisionRecord]] = defaultdict(list)
    rows = AdoptionDecision.objects.order_by("child_id", "decided").values_list(
        "child_id", "decided", "ceased", "reason_ceased"
    )
    for child_id, *values in rows.iterator(chunk_size=CHUNK):
        decisions[child_id].append(AdoptionDecisionRecord(*values))

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
        "id", "identifier", "disability", *RETURN_ITEMS
    )
    for child_id, identifier, disability, *items in rows.iterator(chunk_size=CHUNK):
        children.append(
            ChildRecord(
                child_id=identifier,
                periods=tuple(periods.pop(child_id, ())),
                disability=disability,
                allocations=tuple(allocations.pop(child_id, ())),
                adoption_decisions=tuple(decisions.pop(child_id, ())),
                **dict(zip(RETURN_ITEMS, items, strict=True)),
            )
        )
    register = Register(
        children=tuple(children),
        history_from=None,
        staff=staff_records(),
        child_population=child_population(),
    )
    for extend in REGISTER_EXTENSIONS:
        register = extend(register)
    return register


def staff_records() -> tuple[IroRecord, ...]:
    """Every IRO the service has had, with team and FTE (one query)."""
    rows = IRO.objects.select_related("user", "team").order_by("id")
    return tuple(
        IroRecord(
            iro_id=str(iro.pk),
            name=str(iro),
            team=iro.team.name,
            fte=float(iro.fte),
            start=iro.start_date,
            end=iro.end_date,
        )
        for iro in rows
    )
