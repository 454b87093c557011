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

from irohub.children.models import (
    RETURN_ITEMS,
    AdoptionDecision,
    CarePeriod,
    Child,
    Episode,
    review_model,
)
from irohub.core.bulk import insert_rows, update_rows
from irohub.core.bulk import instance as instance  # re-exported: made rows of a model
from irohub.core.calendar import get_calendar
from irohub.records import codes
from irohub.records.register import CarePeriodRecord, ChildRecord, EpisodeRecord
from irohub.ssda903.problems import Problem
from irohub.ssda903.tables import identifier_problem
from irohub.statutory import (
    CarePeriodFacts,
    ReviewSchedule,
    WorkingDayCalendar,
    add_years,
    care_period_schedules,
)

CHUNK = 1000  # children planned and written at a time: bounds memory and query size

# Children imported from a return have no names (the return holds none): the identifier
# stands in, so screens read "Child 123456" until someone records the name.
IMPORTED_FIRST_NAME = "Child"

EPISODE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EpisodeRecord))

Locate = Callable[[str, str, date | None], tuple[str, int | None]]


def imported_tables() -> list[str]:
    """The tables an import writes to."""
    models = (Child, CarePeriod, Episode, review_model(), AdoptionDecision)
    return [model._meta.db_table for model in models]


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


# A row planned for writing refers to its parent (a child, a care period) by key when the
# register holds the parent, and by `~i` (a negative number) when the parent is the i-th new
# row of its table in the same chunk, whose key is known only once it is written.
Ref = int

NEW_CHILD = ("identifier", "first_name", "last_name", *RETURN_ITEMS)
PERIOD = ("start", "end", "reason_ceased", "next_review_due", "reviews_held")
NEW_PERIOD = ("child_id", *PERIOD)
NEW_EPISODE = ("care_period_id", *EPISODE_FIELDS)
NEW_REVIEW = ("child_id", "care_period_id", "held", "participation")
NEW_DECISION = ("child_id", "decided", "ceased", "reason_ceased")
DECISION = ("ceased", "reason_ceased")


def _resolved(keys: list[int], rows: list[tuple[Any, ...]], at: int = 0) -> list[tuple[Any, ...]]:
    """`rows` with the reference in position `at` made a key."""
    return [row if row[at] >= 0 else (*row[:at], keys[~row[at]], *row[at + 1 :]) for row in rows]


@dataclass
class Writes:
    """The rows one chunk of the import creates (values of NEW_...) and updates (key, then
    the values), planned as plain values: no model object is made for them (on PostgreSQL
    they are copied in, irohub.core.bulk)."""

    new_children: list[tuple[Any, ...]] = field(default_factory=list)
    changed_children: list[tuple[Any, ...]] = field(default_factory=list)  # RETURN_ITEMS
    new_periods: list[tuple[Any, ...]] = field(default_factory=list)
    changed_periods: list[tuple[Any, ...]] = field(default_factory=list)  # PERIOD
    new_episodes: list[tuple[Any, ...]] = field(default_factory=list)
    changed_episodes: list[tuple[Any, ...]] = field(default_factory=list)  # EPISODE_FIELDS
    new_reviews: list[tuple[Any, ...]] = field(default_factory=list)
    changed_reviews: list[tuple[Any, ...]] = field(default_factory=list)  # participation
    new_decisions: list[tuple[Any, ...]] = field(default_factory=list)
    changed_decisions: list[tuple[Any, ...]] = field(default_factory=list)  # DECISION
    touched: list[Ref] = field(default_factory=list)  # care periods, for the review clock

    def new_child(self, row: tuple[Any, ...]) -> Ref:
        self.new_children.append(row)
        return ~(len(self.new_children) - 1)

    def new_period(self, row: tuple[Any, ...]) -> Ref:
        self.new_periods.append(row)
        return ~(len(self.new_periods) - 1)

    def apply(self) -> list[int]:
        """Write the rows; the keys of the care periods `touched`."""
        # Parents first, so each child row's key is known when its care periods are written.
        children = insert_rows(Child, NEW_CHILD, self.new_children)
        update_rows(Child, RETURN_ITEMS, self.changed_children)
        # Periods the register holds are updated before new ones are written: a period open
        # in the register that the files end must be closed before the child's next period
        # can begin, or the database's no-overlap rule refuses the new one.
        update_rows(CarePeriod, PERIOD, self.changed_periods)
        periods = insert_rows(CarePeriod, NEW_PERIOD, _resolved(children, self.new_periods))
        insert_rows(Episode, NEW_EPISODE, _resolved(periods, self.new_episodes), keys=False)
        update_rows(Episode, EPISODE_FIELDS, self.changed_episodes)
        reviews = _resolved(periods, _resolved(children, self.new_reviews), 1)
        insert_rows(review_model(), NEW_REVIEW, reviews, keys=False)
        update_rows(review_model(), ("participation",), self.changed_reviews)
        decisions = _resolved(children, self.new_decisions)
        insert_rows(AdoptionDecision, NEW_DECISION, decisions, keys=False)
        update_rows(AdoptionDecision, DECISION, self.changed_decisions)
        return [periods[~ref] if ref < 0 else ref for ref in self.touched]


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
    # Filled with the schedule of each care period timed alone by the default calendar (by
    # the period record's id), for the reader's findings (ReadResult.timed).
    timed: dict[int, ReviewSchedule | None] | None = None
    # One calendar for the whole import, read before it starts: planning reads nothing
    # from the database but what `held` reads.
    calendar: WorkingDayCalendar = field(default_factory=get_calendar)
    _register_empty: bool | None = field(default=None, repr=False)

    def held(self, chunk: Sequence[ChildRecord]) -> dict[str, _HeldChild]:
        """What the register holds for the children of `chunk`, by identifier: the one
        step of planning that reads the database (so the action can read it while no
        writes are running, then plan with the writes of the chunk before)."""
        if self._register_empty is None:
            # A first import into an empty register (the usual large one) holds nothing to
            # match, and never will: each chunk's children are new to the chunks before it.
            self._register_empty = not Child.objects.exists()
        return {} if self._register_empty else _held([c.child_id for c in chunk])

    def check(self, chunk: Sequence[ChildRecord], held: dict[str, _HeldChild]) -> None:
        """Find every problem in `chunk`, planning no writes."""
        self._plan(chunk, held, None)

    def writes(self, chunk: Sequence[ChildRecord], held: dict[str, _HeldChild]) -> Writes:
        """The writes for `chunk` (counted in the summary); problems found are collected."""
        writes = Writes()
        self._plan(chunk, held, writes)
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

    def _plan(
        self, chunk: Sequence[ChildRecord], held: dict[str, _HeldChild], writes: Writes | None
    ) -> None:
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
            child_change = "created"
        else:
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
        child: Ref
        if held is None:
            child = writes.new_child((child_id, IMPORTED_FIRST_NAME, child_id, *values))
        else:
            child = held.id
            if child_change == "updated":
                writes.changed_children.append((held.id, *values))
        ours = [span for span in spans if span.record is not None]
        # The review-clock cache, computed by the rules core as refresh_review_clock would,
        # so that refreshing it afterwards (the cache's one owner) finds it right. A child new
        # to the register is timed whole here (a series of short breaks may run across its
        # periods); a child it holds is refreshed after the writes, with what it holds.
        clocks: list[tuple[date | None, int] | None] = [None] * len(ours)
        if held is None:
            schedules = _schedules_of_new_child(ours, self.calendar)
            clocks = [(schedule.next_due, len(schedule.reviews)) for schedule in schedules]
            if self.timed is not None and len(ours) == 1:
                self._share(ours[0], schedules[0])
        for span, clock in zip(ours, clocks, strict=True):
            self._plan_period_writes(child, span, writes, clock)
        for decision in record.adoption_decisions:
            found = held.decisions.get(decision.decided) if held else None
            if found is None:
                writes.new_decisions.append(
                    (child, decision.decided, decision.ceased, decision.reason_ceased)
                )
                self.summary.adoption_decisions.add("created")
            elif found[1:] != (decision.ceased, decision.reason_ceased):
                writes.changed_decisions.append((found[0], decision.ceased, decision.reason_ceased))
                self.summary.adoption_decisions.add("updated")
            else:
                self.summary.adoption_decisions.add("unchanged")

    def _share(self, span: _Span, schedule: ReviewSchedule) -> None:
        """Keep the schedule of a period timed alone for the reader's findings, which time
        the period as it is in the files by the default calendar: only when this one was
        timed so too (no calendar adjustments; every review on its own day)."""
        record, calendar = span.record, self.calendar
        assert record is not None and self.timed is not None
        if calendar.extra_holidays or calendar.removed_holidays:
            return
        if len(span.reviews) == len(record.reviews):
            self.timed[id(record)] = schedule

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
        self,
        child: Ref,
        span: _Span,
        writes: Writes,
        clock: tuple[date | None, int] | None,
    ) -> None:
        """The writes of one care period from the files: `clock` is its review clock when
        the child is new to the register (and the period so too), else None."""
        record, held = span.record, span.held
        assert record is not None
        reason = ""
        if span.end is not None:
            reason = (
                record.reason_ceased
                if record.end is not None
                else (held.reason_ceased if held else "")
            )
        exact = clock is not None
        if clock is None:
            # This period alone; the refresh after the writes joins it to the child's others.
            facts = CarePeriodFacts(span.start, span.end, record.episodes, list(span.reviews))
            schedule = care_period_schedules([facts], calendar=self.calendar)[0]
            clock = (schedule.next_due, len(schedule.reviews))
        period: Ref
        if held is None:
            period = writes.new_period((child, span.start, span.end, reason, *clock))
            if not exact:
                writes.touched.append(period)
            self.summary.care_periods.add("created")
        else:
            period = held.id
            changed = (held.start, held.end, held.reason_ceased) != (span.start, span.end, reason)
            self.summary.care_periods.add("updated" if changed else "unchanged")
            # New reviews move the clock without changing the period itself.
            if changed or held.clock != clock:
                writes.changed_periods.append((held.id, span.start, span.end, reason, *clock))
                writes.touched.append(period)

        if held is None:
            # A new care period: every episode and review in it is new too.
            writes.new_episodes += [(period, *_episode_values(e)) for e in record.episodes]
            writes.new_reviews += [(child, period, r.held, r.participation) for r in record.reviews]
            self.summary.episodes.created += len(record.episodes)
            self.summary.reviews.created += len(record.reviews)
            return
        for e in record.episodes:
            values = _episode_values(e)
            row = held.episodes.get(e.start)
            if row is not None and e.end is None and _ended_since(row[7], self.data_to):
                # Open on the files' last day, ended since: keep how it ended.
                values = (*values[:6], row[7], row[8], row[9], *values[9:])
            if row is None:
                writes.new_episodes.append((period, *values))
                self.summary.episodes.add("created")
            elif tuple(row[1:]) == values:
                self.summary.episodes.add("unchanged")
            else:
                writes.changed_episodes.append((row[0], *values))
                self.summary.episodes.add("updated")

        for r in record.reviews:
            found = held.reviews.get(r.held)
            if found is None:
                writes.new_reviews.append((child, period, r.held, r.participation))
                self.summary.reviews.add("created")
            elif found[1] == r.participation:
                self.summary.reviews.add("unchanged")
            else:
                writes.changed_reviews.append((found[0], r.participation))
                self.summary.reviews.add("updated")


def _schedules_of_new_child(
    spans: list[_Span], calendar: WorkingDayCalendar
) -> list[ReviewSchedule]:
    """The review schedule of each care period of a child new to the register, as
    refresh_review_clock times them once written: the periods in date order, each one's
    episodes in date order (the order written breaks ties)."""
    calendar = get_calendar()
    if len(spans) == 1:
        (span,) = spans
        assert span.record is not None
        facts = [CarePeriodFacts(span.start, span.end, span.record.episodes, list(span.reviews))]
        return care_period_schedules(facts, calendar=calendar)
    by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
    facts = []
    for i in by_start:
        span = spans[i]
        assert span.record is not None
        episodes = sorted(span.record.episodes, key=attrgetter("start"))
        facts.append(CarePeriodFacts(span.start, span.end, episodes, list(span.reviews)))
    schedules: list[ReviewSchedule | None] = [None] * len(spans)
    for i, schedule in zip(by_start, care_period_schedules(facts, calendar=calendar), strict=True):
        schedules[i] = schedule
    return [schedule for schedule in schedules if schedule is not None]
