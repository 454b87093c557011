"""Import core records (read from SSDA903 returns) into the register: an upsert, all or
nothing.

    # the action, irohub.children.actions.import_register, runs an ImportPlan:
    summary = import_register(
        actor=user, register=result.register, data_to=result.data_to, locate=result.locate
    )

What is the same record: a child by identifier (CHILD); a care period by its child and
start, or — for a period the files hold only part of — by sharing an episode with a period
already held, or by containing the first episode of a period that began before the files'
history; an episode by its care period and start (DECOM); a review by its care period and
date held (REVIEW); a decision that the child should be placed for adoption by its child and
date (DATE_PLACED). Matching records are updated from the files, new ones created, and
nothing is ever deleted, so importing the same files twice changes nothing and the next
year's files extend the history (an open period gets its end, new episodes and reviews are
added).

An open episode or period in the files means "open on the last day the files speak for"
(`data_to`, 31 March of the latest year read): when the register already has it ending
after that day, the later end is kept rather than reopened by older files.

An ImportPlan works it out: it reads what the register holds, matches the files' records
to it, collects every problem and the writes to make, and counts them; the action plans and
writes chunk by chunk in one transaction (new rows by COPY on PostgreSQL), and from the
first problem on writes nothing more, goes on finding every other problem, and rolls the
transaction back.

All or nothing: everything the database would refuse (care periods that overlap, a review
outside its period, PN0 that does not fit the child's age, values too long for a column,
an unknown code, a value that cannot be an identifier or code such as a spreadsheet
formula) is found by planning every child; the import raises ImportProblems listing every
one, and the transaction is rolled back, leaving the database as it was. The
review-clock cache of every care period touched is refreshed, and one audit event
("ssda903.imported", with the counts) is written, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import pairwise
from operator import attrgetter
from typing import Any

from django.db import connection, models
from django.db.models.base import ModelState

from irohub.children.models import (
    RETURN_ITEMS,
    AdoptionDecision,
    CarePeriod,
    Child,
    Episode,
    review_model,
)
from irohub.core.calendar import get_calendar
from irohub.records import codes
from irohub.records.register import CarePeriodRecord, ChildRecord, EpisodeRecord
from irohub.ssda903.problems import Problem
from irohub.ssda903.tables import identifier_problem
from irohub.statutory import CarePeriodFacts, add_years, care_period_schedules

CHUNK = 1000  # children planned and written at a time: bounds memory and query size
BATCH = 2000

# Children imported from a return have no names (the return holds none): the identifier
# stands in, so screens read "Child 123456" until someone records the name.
IMPORTED_FIRST_NAME = "Child"

EPISODE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EpisodeRecord))

Locate = Callable[[str, str, date | None], tuple[str, int | None]]


def nowhere(kind: str, child_id: str, day: date | None) -> tuple[str, int | None]:
    return f"child {child_id}", None


def chunks(children: Sequence[ChildRecord]) -> Iterator[Sequence[ChildRecord]]:
    """The children CHUNK at a time, as the import plans and writes them."""
    for i in range(0, len(children), CHUNK):
        yield children[i : i + CHUNK]


def _dmy(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created:,} created, {self.updated:,} updated, {self.unchanged:,} unchanged"

    def add(self, change: str) -> None:
        """Count one record "created", "updated" or "unchanged"."""
        setattr(self, change, getattr(self, change) + 1)


@dataclass
class ImportSummary:
    children: Counts = field(default_factory=Counts)
    care_periods: Counts = field(default_factory=Counts)
    episodes: Counts = field(default_factory=Counts)
    reviews: Counts = field(default_factory=Counts)
    adoption_decisions: Counts = field(default_factory=Counts)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self._all().values())

    def _all(self) -> dict[str, Counts]:
        return {
            "children": self.children,
            "care_periods": self.care_periods,
            "episodes": self.episodes,
            "reviews": self.reviews,
            "adoption_decisions": self.adoption_decisions,
        }

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: vars(counts).copy() for name, counts in self._all().items()}

    def lines(self) -> list[str]:
        return [f"  {name.replace('_', ' ')}: {counts}" for name, counts in self._all().items()]


class ImportProblems(Exception):
    """The import was refused; `problems` lists every reason. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'' if count == 1 else 's'}: nothing imported")


# --- what the database holds --------------------------------------------------------------


@dataclass
class _HeldPeriod:
    id: int
    start: date
    end: date | None
    reason_ceased: str
    clock: tuple[date | None, int]  # the review-clock cache: next_review_due, reviews_held
    episodes: dict[date, tuple[Any, ...]] = field(default_factory=dict)  # start -> (id, *fields)
    reviews: dict[date, tuple[int, str]] = field(default_factory=dict)  # held -> (id, code)


@dataclass
class _HeldChild:
    id: int
    values: tuple[Any, ...]  # RETURN_ITEMS
    periods: list[_HeldPeriod] = field(default_factory=list)
    # decided -> (id, ceased, reason ceased)
    decisions: dict[date, tuple[int, date | None, str]] = field(default_factory=dict)


def _held(identifiers: list[str]) -> dict[str, _HeldChild]:
    """What the database holds for these children: five queries."""
    held = {
        identifier: _HeldChild(pk, tuple(values))
        for pk, identifier, *values in Child.objects.filter(identifier__in=identifiers).values_list(
            "id", "identifier", *RETURN_ITEMS
        )
    }
    by_pk = {child.id: child for child in held.values()}
    periods: dict[int, _HeldPeriod] = {}
    for pk, child_pk, start, end, reason, *clock in (
        CarePeriod.objects.filter(child_id__in=list(by_pk))
        .order_by("start")
        .values_list(
            "id", "child_id", "start", "end", "reason_ceased", "next_review_due", "reviews_held"
        )
    ):
        periods[pk] = _HeldPeriod(pk, start, end, reason, (clock[0], clock[1]))
        by_pk[child_pk].periods.append(periods[pk])
    for pk, period_pk, *values in Episode.objects.filter(
        care_period_id__in=list(periods)
    ).values_list("id", "care_period_id", *EPISODE_FIELDS):
        periods[period_pk].episodes[values[0]] = (pk, *values)
    for pk, period_pk, held_on, code in (
        review_model()
        .objects.filter(care_period_id__in=list(periods))
        .values_list("id", "care_period_id", "held", "participation")
    ):
        periods[period_pk].reviews[held_on] = (pk, code)
    for pk, child_pk, decided, ceased, reason in AdoptionDecision.objects.filter(
        child_id__in=list(by_pk)
    ).values_list("id", "child_id", "decided", "ceased", "reason_ceased"):
        by_pk[child_pk].decisions[decided] = (pk, ceased, reason)
    return held


# --- planning ------------------------------------------------------------------------------


@dataclass
class Writes:
    """The rows one chunk of the import creates and updates."""

    new_children: list[Child] = field(default_factory=list)
    changed_children: list[Child] = field(default_factory=list)
    new_periods: list[CarePeriod] = field(default_factory=list)
    changed_periods: list[CarePeriod] = field(default_factory=list)
    new_episodes: list[Episode] = field(default_factory=list)
    changed_episodes: list[Episode] = field(default_factory=list)
    new_reviews: list[Any] = field(default_factory=list)  # of review_model()
    changed_reviews: list[Any] = field(default_factory=list)
    new_decisions: list[AdoptionDecision] = field(default_factory=list)
    changed_decisions: list[AdoptionDecision] = field(default_factory=list)
    touched: list[CarePeriod] = field(default_factory=list)  # for the review clock

    def apply(self) -> None:
        # Parents first, so each child row's key is known when its care periods are written
        # (create sets the keys; Django copies them into the rows that refer to them).
        create(Child, self.new_children)
        Child.objects.bulk_update(self.changed_children, RETURN_ITEMS, batch_size=BATCH)
        # Periods the register holds are updated before new ones are written: a period open
        # in the register that the files end must be closed before the child's next period
        # can begin, or the database's no-overlap rule refuses the new one.
        CarePeriod.objects.bulk_update(
            self.changed_periods,
            ["start", "end", "reason_ceased", "next_review_due", "reviews_held"],
            batch_size=BATCH,
        )
        create(CarePeriod, self.new_periods)
        create(Episode, self.new_episodes)
        Episode.objects.bulk_update(self.changed_episodes, EPISODE_FIELDS, batch_size=BATCH)
        reviews = review_model().objects
        create(review_model(), self.new_reviews)
        reviews.bulk_update(self.changed_reviews, ["participation"], batch_size=BATCH)
        create(AdoptionDecision, self.new_decisions)
        AdoptionDecision.objects.bulk_update(
            self.changed_decisions, ["ceased", "reason_ceased"], batch_size=BATCH
        )


_MADE: dict[type[models.Model], tuple[dict[str, Any], list[Any], dict[str, Any]]] = {}


def instance(model: type[models.Model], **values: Any) -> Any:
    """`model(**values)` without Model.__init__'s work for every field (a quarter of an
    import's time was spent there): the fields' defaults, then the values; a related row
    given by name (child=...) is cached as Django caches it, so that its key, known only
    once it is written, reaches this row when this one is written (create, bulk_create)."""
    known = _MADE.get(model)
    if known is None:
        fields = model._meta.concrete_fields
        # A default that is a function (list, say) is called for each row, as Django does.
        made = [(f.attname, f.default) for f in fields if f.has_default() and callable(f.default)]
        fixed = {
            f.attname: f.get_default()
            for f in fields
            if not (f.has_default() and callable(f.default))
        }
        known = _MADE[model] = (fixed, made, {f.name: f for f in fields if f.is_relation})
    fixed, made, relations = known
    row = model.__new__(model)
    state = row._state = ModelState()
    cache = state.fields_cache = {}
    attributes = row.__dict__
    attributes.update(fixed)
    for attname, default in made:
        attributes[attname] = default()
    for name, value in values.items():
        relation = relations.get(name)
        if relation is None:
            attributes[name] = value
        else:
            cache[relation.name] = value
            attributes[relation.attname] = None if value is None else value.pk
    return row


def create(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Insert new rows of `model`, setting their keys, as bulk_create does; on PostgreSQL
    with COPY (keys taken from the table's sequence first), many times faster for the
    hundreds of thousands of rows a council's returns hold."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=BATCH)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    relations = [f for f in fields if f.is_relation]
    # Values the database driver cannot take as they are (JSON) go through the field.
    prepared = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in [meta.pk, *fields])
        table = connection.ops.quote_name(meta.db_table)
        names = [f.attname for f in fields]
        # (position in a row written, field) of the values that go through their field
        through = [(i + 1, f) for i, f in enumerate(fields) if f.attname in prepared]
        # (key column, the name Django caches the parent row under) of each relation
        links = [(f.attname, f.cache_name) for f in relations]
        pk_name, alias = meta.pk.attname, connection.alias
        empty: dict[tuple[int, type], Any] = {}
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            write = copy.write_row
            for key, row in zip(keys, rows, strict=True):
                values = row.__dict__
                values[pk_name] = key
                state = row._state
                state.adding = False
                state.db = alias
                if links:
                    cache = state.fields_cache
                    for attname, cached in links:
                        # A parent made in the same import has its key only now.
                        if values[attname] is None:
                            parent = cache.get(cached)
                            if parent is not None:
                                values[attname] = parent.pk
                for stamp in stamped:
                    stamp.pre_save(row, add=True)
                written = [key, *map(values.__getitem__, names)]
                for i, field_ in through:
                    value = written[i]
                    if value or not isinstance(value, dict | list):
                        written[i] = field_.get_db_prep_save(value, connection)
                        continue
                    # An empty default (most rows): prepared once.
                    known = empty.get((i, type(value)))
                    if known is None:
                        known = empty[(i, type(value))] = field_.get_db_prep_save(value, connection)
                    written[i] = known
                write(written)


@dataclass
class _Span:
    """A care period as it will stand after the import, for the checks between records."""

    start: date
    end: date | None
    held: _HeldPeriod | None
    record: CarePeriodRecord | None
    episodes: dict[date, tuple[date | None, bool]]  # start -> (end, from the files)
    reviews: dict[date, tuple[str, bool]]  # held -> (code, from the files)

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


_episode_values: Callable[[EpisodeRecord], tuple[Any, ...]] = attrgetter(*EPISODE_FIELDS)


def _same_period(period: CarePeriodRecord, held: _HeldPeriod) -> bool:
    if period.start == held.start:
        return True
    if any(e.start in held.episodes for e in period.episodes):
        return True
    # The files hold only the end of a period that began before them: it is the period
    # the register holds on its first day.
    continuing = bool(period.episodes) and period.episodes[0].reason_new_episode != "S"
    return (
        continuing and held.start <= period.start and (held.end is None or period.start <= held.end)
    )


def _ended_since(end: date | None, data_to: date | None) -> bool:
    """The register has it ending after the last day the files speak for."""
    return end is not None and data_to is not None and end > data_to


def _held_span(held: _HeldPeriod) -> _Span:
    return _Span(
        held.start,
        held.end,
        held,
        None,
        {day: (row[7], False) for day, row in held.episodes.items()},
        {day: (code, False) for day, (_, code) in held.reviews.items()},
    )


@dataclass
class ImportPlan:
    """What importing a register will do, worked out before anything is written: every
    problem (with the file and row it came from), the writes of each chunk of children,
    and the counts. The action irohub.children.actions.import_register runs it."""

    data_to: date | None = None  # the last day the files speak for
    locate: Locate = nowhere  # (kind, child, day) -> the file and row it was read from
    problems: list[Problem] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)
    _register_empty: bool | None = field(default=None, repr=False)

    def check(self, chunk: Sequence[ChildRecord]) -> None:
        """Find every problem in `chunk`, planning no writes."""
        self._plan(chunk, None)

    def writes(self, chunk: Sequence[ChildRecord]) -> Writes:
        """The writes for `chunk` (counted in the summary); problems found are collected."""
        writes = Writes()
        self._plan(chunk, writes)
        return writes

    def problem(
        self,
        kind: str,
        child_id: str,
        day: date | None,
        column: str | None,
        value: str | None,
        reason: str,
    ) -> None:
        """A problem with a record read from the files, pointing at its file and row."""
        file, row = self.locate(kind, child_id, day)
        self.problems.append(Problem(file, row, column, value, reason))

    def _plan(self, chunk: Sequence[ChildRecord], writes: Writes | None) -> None:
        if self._register_empty is None:
            # A first import into an empty register (the usual large one) holds nothing to
            # match, and never will: each chunk's children are new to the chunks before it.
            self._register_empty = not Child.objects.exists()
        held = {} if self._register_empty else _held([c.child_id for c in chunk])
        for record in chunk:
            before = len(self.problems)
            self._check_values(record)
            if len(self.problems) == before:
                self._plan_child(record, held.get(record.child_id), writes)

    def _check_values(self, record: ChildRecord) -> None:
        """Values the register's columns cannot hold (a register read by irohub.ssda903.reader
        never has them; one built elsewhere might)."""
        child = record.child_id

        def bad(kind: str, day: date | None, column: str, value: str, reason: str) -> None:
            self.problem(kind, child, day, column, value, reason)

        if not child or len(child) > Child._meta.get_field("identifier").max_length:
            bad("header", None, "CHILD", child, "must be 1 to 20 characters")
        elif reason := identifier_problem(child):
            bad("header", None, "CHILD", child, reason)
        if record.sex not in codes.SEX:
            bad("header", None, "SEX", record.sex, "the register records sex as M or F")
        if record.ethnicity not in codes.ETHNICITY:
            bad("header", None, "ETHNIC", record.ethnicity, "unknown code")
        if len(record.upn) > Child._meta.get_field("upn").max_length:
            bad("header", None, "UPN", record.upn, "longer than the 13 characters allowed")
        elif record.upn and (reason := identifier_problem(record.upn)):
            bad("header", None, "UPN", record.upn, reason)
        if record.mother not in ("", "0", "1"):
            bad("header", None, "MOTHER", record.mother, "must be 1, 0 or blank")
        for decision in record.adoption_decisions:
            if decision.reason_ceased and decision.reason_ceased not in codes.REASON_PLACED_CEASED:
                bad(
                    "adoption",
                    decision.decided,
                    "REASON_PLACED_CEASED",
                    decision.reason_ceased,
                    "unknown code",
                )
            if (decision.ceased is None) != (decision.reason_ceased == "") or (
                decision.ceased is not None and decision.ceased < decision.decided
            ):
                bad(
                    "adoption",
                    decision.decided,
                    "DATE_PLACED_CEASED",
                    _dmy(decision.ceased),
                    "a decision that ceased needs a reason (REASON_PLACED_CEASED), and "
                    "does not cease before it was made",
                )
        for period in record.periods:
            if not period.episodes:
                bad(
                    "episode",
                    period.start,
                    "DECOM",
                    _dmy(period.start),
                    "a care period has no episodes",
                )
            if period.end is not None and (
                period.end < period.start or period.reason_ceased in ("", "X1")
            ):
                bad(
                    "episode",
                    period.start,
                    "DEC",
                    _dmy(period.end),
                    "the care period's end needs a later date and a reason that ends care",
                )
            for e in period.episodes:
                for column, value, allowed in (
                    ("RNE", e.reason_new_episode, codes.REASON_NEW_EPISODE),
                    ("LS", e.legal_status, codes.LEGAL_STATUS),
                    ("CIN", e.category_of_need, codes.CATEGORY_OF_NEED),
                    ("PLACE", e.placement, codes.PLACEMENT),
                ):
                    if value not in allowed:
                        bad("episode", e.start, column, value, "unknown code")
                for column, value, allowed in (
                    ("PLACE_PROVIDER", e.placement_provider, codes.PLACEMENT_PROVIDER),
                    ("REC", e.reason_ceased, codes.REASON_CEASED),
                    ("REASON_PLACE_CHANGE", e.reason_place_change, codes.REASON_PLACE_CHANGE),
                ):
                    if value and value not in allowed:
                        bad("episode", e.start, column, value, "unknown code")
                for column, value in (
                    ("HOME_POST", e.home_postcode),
                    ("PL_POST", e.placement_postcode),
                    ("URN", e.urn),
                ):
                    if len(value) > 8:
                        bad(
                            "episode",
                            e.start,
                            column,
                            value,
                            "longer than the 8 characters allowed",
                        )
                    elif value and (reason := identifier_problem(value)):
                        bad("episode", e.start, column, value, reason)
                if (e.end is None) != (e.reason_ceased == "") or (e.end and e.end < e.start):
                    bad(
                        "episode",
                        e.start,
                        "DEC",
                        _dmy(e.end),
                        "an episode's end needs a reason ceased (REC), and is not before its start",
                    )
            for review in period.reviews:
                if review.participation not in codes.PARTICIPATION:
                    bad("review", review.held, "REVIEW_CODE", review.participation, "unknown code")

    def _plan_child(
        self, record: ChildRecord, held: _HeldChild | None, writes: Writes | None
    ) -> None:
        child_id = record.child_id
        before = len(self.problems)
        values = tuple(getattr(record, name) for name in RETURN_ITEMS)
        if held is None:
            child = instance(
                Child,
                identifier=child_id,
                first_name=IMPORTED_FIRST_NAME,
                last_name=child_id,
                **dict(zip(RETURN_ITEMS, values, strict=True)),
            )
            child_change = "created"
        else:
            child = instance(
                Child,
                id=held.id,
                identifier=child_id,
                **dict(zip(RETURN_ITEMS, values, strict=True)),
            )
            child_change = "unchanged" if held.values == values else "updated"

        # Match each of the files' care periods with the one the register holds, if any.
        matched: dict[int, CarePeriodRecord] = {}
        spans: list[_Span] = []
        for period in record.periods:
            candidates = [p for p in (held.periods if held else []) if _same_period(period, p)]
            if len(candidates) > 1:
                shown = ", ".join(f"from {_dmy(p.start)}" for p in candidates)
                self.problem(
                    "episode",
                    child_id,
                    period.start,
                    "DECOM",
                    _dmy(period.start),
                    f"this period of care matches {len(candidates)} care periods IRO Hub "
                    f"already holds ({shown}): correct them by hand first",
                )
                continue
            target = candidates[0] if candidates else None
            if target is not None:
                if target.id in matched:
                    self.problem(
                        "episode",
                        child_id,
                        period.start,
                        "DECOM",
                        _dmy(period.start),
                        "two periods of care in the files match the same care period IRO "
                        f"Hub holds (from {_dmy(target.start)})",
                    )
                    continue
                matched[target.id] = period
            spans.append(self._merge_period(period, target))
        spans += [_held_span(p) for p in (held.periods if held else []) if p.id not in matched]
        self._check_spans(child_id, record.date_of_birth, spans)
        if writes is None or len(self.problems) > before:
            return  # checking only, or refused: nothing to write

        self.summary.children.add(child_change)
        if child_change == "created":
            writes.new_children.append(child)
        elif child_change == "updated":
            writes.changed_children.append(child)
        for span in spans:
            if span.record is not None:
                self._plan_period_writes(child, span, writes, alone=len(spans) == 1)
        for decision in record.adoption_decisions:
            found = held.decisions.get(decision.decided) if held else None
            row = instance(
                AdoptionDecision,
                child=child,
                decided=decision.decided,
                ceased=decision.ceased,
                reason_ceased=decision.reason_ceased,
            )
            if found is None:
                writes.new_decisions.append(row)
                self.summary.adoption_decisions.add("created")
            elif found[1:] != (decision.ceased, decision.reason_ceased):
                row.pk = found[0]
                writes.changed_decisions.append(row)
                self.summary.adoption_decisions.add("updated")
            else:
                self.summary.adoption_decisions.add("unchanged")

    def _merge_period(self, period: CarePeriodRecord, held: _HeldPeriod | None) -> _Span:
        start, end = period.start, period.end
        if held is not None:
            continuing = period.episodes[0].reason_new_episode != "S"
            if continuing:
                start = min(start, held.start)
            if end is None and _ended_since(held.end, self.data_to):
                end = held.end
        episodes: dict[date, tuple[date | None, bool]] = {}
        reviews: dict[date, tuple[str, bool]] = {}
        if held is not None:
            episodes = {day: (row[7], False) for day, row in held.episodes.items()}
            reviews = {day: (code, False) for day, (_, code) in held.reviews.items()}
        for e in period.episodes:
            kept = episodes.get(e.start)
            end_of = (
                kept[0] if kept and e.end is None and _ended_since(kept[0], self.data_to) else e.end
            )
            episodes[e.start] = (end_of, True)
        for r in period.reviews:
            reviews[r.held] = (r.participation, True)
        return _Span(start, end, held, period, episodes, reviews)

    def _check_spans(self, child_id: str, dob: date, spans: list[_Span]) -> None:
        """What the database would refuse, or what would leave the history broken, once the
        files and what the register holds are put together."""
        fourth = add_years(dob, codes.PN0_AGE_LIMIT_YEARS)

        def say(kind: str, day: date, column: str, reason: str, *, from_files: bool) -> None:
            if from_files:
                self.problem(kind, child_id, day, column, _dmy(day), reason)
            else:
                self.problems.append(Problem(f"child {child_id}", None, column, _dmy(day), reason))

        ordered = sorted(spans, key=lambda s: s.start)
        for before, after in pairwise(ordered):
            if before.end is None or after.start <= before.end:
                ours, theirs = (after, before) if after.record is not None else (before, after)
                if ours.record is None:
                    continue  # two periods already held: not this import's doing
                end = _dmy(theirs.end) if theirs.end else "still open"
                say(
                    "episode",
                    ours.record.start,
                    "DECOM",
                    f"this period of care overlaps the care period from {_dmy(theirs.start)} to "
                    f"{end} that IRO Hub already holds",
                    from_files=True,
                )
        for span in ordered:
            if span.record is None:
                continue
            starts = sorted(span.episodes)
            for first, second in pairwise(starts):
                end, first_ours = span.episodes[first]
                if span.episodes[second][1] and first_ours:
                    continue  # both from the files: the reader checked the chain
                if end is None or end > second:
                    ours = first if first_ours else second
                    other = second if first_ours else first
                    say(
                        "episode",
                        ours,
                        "DECOM",
                        f"conflicts with the episode from {_dmy(other)} that IRO Hub already holds "
                        "in this care period",
                        from_files=True,
                    )
            for day, (_, ours) in span.episodes.items():
                if not ours and not span.contains(day):
                    say(
                        "episode",
                        span.record.start,
                        "DECOM",
                        f"IRO Hub holds an episode from {_dmy(day)} in this care period, outside "
                        f"the period as the files give it ({_dmy(span.start)} to "
                        f"{_dmy(span.end) or 'still open'})",
                        from_files=True,
                    )
        for span in ordered:
            for day, (code, ours) in span.reviews.items():
                if not span.contains(day):
                    reason = (
                        f"the review is outside its care period ({_dmy(span.start)} to "
                        f"{_dmy(span.end) or 'still open'})"
                    )
                    if not ours:
                        reason = (
                            f"IRO Hub holds a review on this day: {reason} as the files give it"
                        )
                    say("review", day, "REVIEW", reason, from_files=ours)
                elif (code == "PN0") != (day < fourth):
                    age = "under 4" if day < fourth else "4 or over"
                    say(
                        "review",
                        day,
                        "REVIEW_CODE",
                        f"{'' if ours else 'a review IRO Hub holds: '}{code} does not fit the "
                        f"child's age ({age} on the day; born {_dmy(dob)}): PN0 is for a child "
                        "under 4, and only for them",
                        from_files=ours,
                    )

    def _plan_period_writes(
        self, child: Child, span: _Span, writes: Writes, *, alone: bool = False
    ) -> None:
        record, held = span.record, span.held
        assert record is not None
        reason = ""
        if span.end is not None:
            reason = (
                record.reason_ceased
                if record.end is not None
                else (held.reason_ceased if held else "")
            )
        # The review-clock cache, computed by the rules core as refresh_review_clock would, so
        # that refreshing it afterwards (the cache's one owner) finds it mostly right (it also
        # joins a series of short breaks across the child's periods).
        facts = CarePeriodFacts(span.start, span.end, record.episodes, list(span.reviews))
        schedule = care_period_schedules([facts], calendar=get_calendar())[0]
        clock = (schedule.next_due, len(schedule.reviews))
        period = instance(
            CarePeriod,
            child=child,
            start=span.start,
            end=span.end,
            reason_ceased=reason,
            next_review_due=clock[0],
            reviews_held=clock[1],
        )
        if held is None:
            writes.new_periods.append(period)
            if not alone:
                # A new period that is the child's only one is timed above exactly as the
                # refresh would time it (all its episodes and reviews are the files'); with
                # others, a series of short breaks may run across them: refresh it.
                writes.touched.append(period)
            self.summary.care_periods.add("created")
        else:
            period.pk = held.id
            changed = (held.start, held.end, held.reason_ceased) != (span.start, span.end, reason)
            self.summary.care_periods.add("updated" if changed else "unchanged")
            # New reviews move the clock without changing the period itself.
            if changed or held.clock != clock:
                writes.changed_periods.append(period)
                writes.touched.append(period)

        for e in record.episodes:
            values = _episode_values(e)
            row = held.episodes.get(e.start) if held else None
            if row is not None and e.end is None and _ended_since(row[7], self.data_to):
                # Open on the files' last day, ended since: keep how it ended.
                values = (*values[:6], row[7], row[8], row[9], *values[9:])
            if row is not None and tuple(row[1:]) == values:
                self.summary.episodes.add("unchanged")
                continue
            episode = instance(Episode, care_period=period)
            episode.__dict__.update(zip(EPISODE_FIELDS, values, strict=True))
            if row is None:
                writes.new_episodes.append(episode)
                self.summary.episodes.add("created")
            else:
                episode.pk = row[0]
                writes.changed_episodes.append(episode)
                self.summary.episodes.add("updated")

        review_class = review_model()
        for r in record.reviews:
            found = held.reviews.get(r.held) if held else None
            if found is not None and found[1] == r.participation:
                self.summary.reviews.add("unchanged")
                continue
            review = instance(
                review_class,
                child=child,
                care_period=period,
                held=r.held,
                participation=r.participation,
            )
            if found is None:
                writes.new_reviews.append(review)
                self.summary.reviews.add("created")
            else:
                review.pk = found[0]
                writes.changed_reviews.append(review)
                self.summary.reviews.add("updated")
