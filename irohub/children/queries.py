"""Reads of children's records. Opening a child's record goes through `open_child_record`:
the one place that checks the permission and the restriction and writes the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import (
    CharField,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.audit.models import AuditEvent
from irohub.children.access import may_open, openable, openable_children, visible_children
from irohub.children.clock import schedules_for
from irohub.children.models import (
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    PersonRole,
    SocialWorkerAllocation,
    allocation_model,
    early_review_model,
    overdue_actions_of,
    review_model,
)
from irohub.core.calendar import get_calendar
from irohub.statutory import (
    DueStatus,
    EarlyReviewRequest,
    ReviewSchedule,
    ReviewTiming,
    due_status,
)


def open_child_record(user: Any, child_id: int, *, purpose: str = "viewed") -> Child:
    """The child, if `user` may open their record; every attempt is audited.

    `purpose` names what the opening is for in the trail ("viewed", "recording a review",
    "allocating an IRO").
    """
    try:
        child = Child.objects.get(pk=child_id)
    except Child.DoesNotExist:
        raise Http404("No child with that identifier") from None
    if not may_open(user, child):
        record_event(
            actor=user,
            action=EventType.CHILD_REFUSED,
            target=child,
            child_id=child.pk,
            purpose=purpose,
            restricted=child.restricted,
        )
        raise PermissionDenied(
            "This child's record is restricted to named people."
            if child.restricted
            else "Your role does not allow you to open this child's record."
        )
    record_event(
        actor=user, action=EventType.CHILD_OPENED, target=child, child_id=child.pk, purpose=purpose
    )
    return child


# --- The child's record page, search and siblings -----------------------------------------
# Each function reads in a fixed number of queries however long a child's history is
# (prefetching, never a query per row), so the child page costs the same for every child.


def _current_allocations(today: date, *, via: str = "") -> Prefetch:
    """Each child's IRO allocation live on `today`, as `child.current_allocations` (`via`:
    the path from the rows read to their child, e.g. "child" for care periods)."""
    return Prefetch(
        f"{via}__allocations" if via else "allocations",
        queryset=allocation_model()
        .objects.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today)
        .select_related("iro__user")
        .order_by("-start"),
        to_attr="current_allocations",
    )


def _current_social_workers(today: date, *, via: str = "") -> Prefetch:
    """Each child's social worker live on `today`, as `child.current_social_workers`."""
    return Prefetch(
        f"{via}__social_worker_allocations" if via else "social_worker_allocations",
        queryset=SocialWorkerAllocation.objects.filter(
            Q(end__isnull=True) | Q(end__gte=today), start__lte=today
        )
        .select_related("social_worker__user", "social_worker__team")
        .order_by("-start"),
        to_attr="current_social_workers",
    )


def current_holders(today: date, *, via: str = "") -> tuple[Prefetch, Prefetch]:
    """Prefetches that put each child's IRO and social worker on `today` on the child
    (`current_allocations`, `current_social_workers`, newest first), so a list of any length
    reads them in two queries; `iro_of` and `social_worker_of` read them back."""
    return _current_allocations(today, via=via), _current_social_workers(today, via=via)


def iro_of(child: Child) -> IRO | None:
    """The IRO prefetched by `current_holders`."""
    return child.current_allocations[0].iro if child.current_allocations else None  # type: ignore[attr-defined]


def social_worker_of(child: Child) -> Any:
    """The social worker (accounts.SocialWorker) prefetched by `current_holders`."""
    held = child.current_social_workers  # type: ignore[attr-defined]
    return held[0].social_worker if held else None


def _in_care() -> Exists:
    return Exists(CarePeriod.objects.filter(child=OuterRef("pk"), end__isnull=True))


@dataclass(frozen=True)
class ChildSummary:
    """One child in a list (search results, siblings): what a reader needs to pick them."""

    child: Child
    in_care: bool
    iro: IRO | None
    # False for a restricted record the reader is not named on: show that it exists only.
    may_open: bool = True


def _summaries(children: Iterable[Child]) -> list[ChildSummary]:
    return [
        ChildSummary(
            child=child,
            in_care=child.in_care,
            iro=child.current_allocations[0].iro if child.current_allocations else None,
            may_open=getattr(child, "named_or_open", True),
        )
        for child in children
    ]


SEARCH_LIMIT = 50


@dataclass(frozen=True)
class SearchResults:
    children: list[ChildSummary]
    more: bool  # more matches than SEARCH_LIMIT: the reader should narrow the search


def search_children(user: Any, text: str, *, limit: int = SEARCH_LIMIT) -> SearchResults:
    """Children the user may see whose identifier starts with `text` or whose first, last or
    full name contains it (any case)."""
    text = " ".join(text.split())
    matches = (
        visible_children(user)
        .annotate(
            search_name=Concat("first_name", Value(" "), "last_name", output_field=CharField()),
            in_care=_in_care(),
        )
        .filter(
            Q(identifier__istartswith=text)  # the whole identifier, or its start
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(search_name__icontains=text)
        )
        .order_by("last_name", "first_name", "identifier")
    )
    found = list(matches[: limit + 1])
    prefetch_related_objects(found, _current_allocations(timezone.localdate()))
    return SearchResults(_summaries(found[:limit]), more=len(found) > limit)


def siblings_of(user: Any, child: Child) -> list[ChildSummary]:
    """The child's brothers and sisters known to the service, with their IROs. A restricted
    sibling the user is not named on is marked so that the page does not show their record."""
    if child.sibling_group_id is None:
        return []
    siblings = (
        Child.objects.filter(sibling_group_id=child.sibling_group_id)
        .exclude(pk=child.pk)
        .annotate(in_care=_in_care(), named_or_open=openable(user))
        .order_by("date_of_birth", "first_name")
    )
    found = list(siblings)
    prefetch_related_objects(found, _current_allocations(timezone.localdate()))
    return _summaries(found)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class ReviewLine:
    review: Model  # a review meeting (irohub.reviews)
    timing: ReviewTiming

    @property
    def on_time_text(self) -> str:
        if self.timing.on_time:
            return "Yes"
        return (
            f"Late by {_count(self.timing.working_days_late, 'working day')} "
            f"({_count(self.timing.days_late, 'day')})"
        )


@dataclass(frozen=True)
class CarePeriodRecord:
    period: CarePeriod
    episodes: list[Episode]  # oldest first, as the period unfolded
    reviews: list[ReviewLine]  # in the order held
    schedule: ReviewSchedule
    early: list[Model] = field(default_factory=list)  # early reviews asked for (irohub.reviews)

    @property
    def waiting_early(self) -> list[Model]:
        """Early reviews asked for since the last review held: not answered yet."""
        last = self.reviews[-1].review.held if self.reviews else None
        return [request for request in self.early if last is None or request.raised > last]


@dataclass(frozen=True)
class ChildRecord:
    """Everything the child's page shows, read in a fixed number of queries."""

    child: Child
    periods: list[CarePeriodRecord]  # newest first
    allocations: list[Model]  # the child's IRO allocations (irohub.allocation), newest first
    siblings: list[ChildSummary]
    today: date
    # The child's social workers over time (SocialWorkerAllocation), newest first.
    social_worker_allocations: list[SocialWorkerAllocation] = field(default_factory=list)

    @property
    def age(self) -> int:
        return self.child.age_on(self.today)

    @property
    def current(self) -> CarePeriodRecord | None:
        """The open care period, if the child is looked after now."""
        if self.periods and self.periods[0].period.is_open:
            return self.periods[0]
        return None

    @property
    def in_care(self) -> bool:
        return self.current is not None

    @property
    def current_episode(self) -> Episode | None:
        if self.current is None or not self.current.episodes:
            return None
        return self.current.episodes[-1]

    @property
    def current_allocation(self) -> Model | None:
        return next(
            (
                allocation
                for allocation in self.allocations
                if allocation.start <= self.today
                and (allocation.end is None or allocation.end >= self.today)
            ),
            None,
        )

    @property
    def current_social_worker(self) -> SocialWorkerAllocation | None:
        return next(
            (held for held in self.social_worker_allocations if held.live_on(self.today)), None
        )

    @property
    def planned_allocations(self) -> list[Model]:
        """Allocations made to start after today (planned IROs), soonest first."""
        return sorted(
            (allocation for allocation in self.allocations if allocation.start > self.today),
            key=lambda allocation: allocation.start,
        )

    @property
    def next_review_due(self) -> date | None:
        return self.current.schedule.next_due if self.current else None

    @property
    def book_by(self) -> date | None:
        """The working day to book the review by, when the deadline is not a working day."""
        schedule = self.current.schedule if self.current else None
        if schedule is None or schedule.next_due is None or schedule.next_due_is_working_day:
            return None
        return schedule.book_by

    @property
    def due_status(self) -> DueStatus:
        return due_status(self.next_review_due, self.today, calendar=get_calendar())


def child_record(user: Any, child: Child) -> ChildRecord:
    """The record of a child already opened with `open_child_record`.

    Review timings come from the rules core (schedules_for), not from the cached due date,
    so that every review shows the deadline that was live for it.
    """
    periods = list(
        child.care_periods.order_by("-start").prefetch_related(
            Prefetch("episodes", queryset=Episode.objects.order_by("start", "id")),
            Prefetch(
                "reviews",
                queryset=review_model().objects.select_related("chair__user").order_by("held"),
            ),
            Prefetch(
                "early_reviews", queryset=early_review_model().objects.order_by("raised", "id")
            ),
        )
    )
    # The clock runs over the child's periods oldest first (a series of short breaks
    # spans them); the page lists them newest first.
    oldest_first = periods[::-1]
    reviews_of = [list(period.reviews.all()) for period in oldest_first]
    episodes_of = [list(period.episodes.all()) for period in oldest_first]
    early_of = {period.pk: list(period.early_reviews.all()) for period in oldest_first}
    schedules = schedules_for(
        [
            (period, episodes, [review.held for review in reviews])
            for period, episodes, reviews in zip(oldest_first, episodes_of, reviews_of, strict=True)
        ],
        {
            pk: [EarlyReviewRequest(row.raised, row.due) for row in rows]
            for pk, rows in early_of.items()
        },
    )
    records = [
        CarePeriodRecord(
            period=period,
            episodes=episodes,
            reviews=[
                ReviewLine(review, timing)
                for review, timing in zip(reviews, schedule.reviews, strict=True)
            ],
            schedule=schedule,
            early=early_of[period.pk],
        )
        for period, episodes, reviews, schedule in zip(
            oldest_first, episodes_of, reviews_of, schedules, strict=True
        )
    ][::-1]
    allocations = list(child.allocations.select_related("iro__user").order_by("-start"))
    return ChildRecord(
        child=child,
        periods=records,
        allocations=allocations,
        siblings=siblings_of(user, child),
        today=timezone.localdate(),
        social_worker_allocations=list(
            child.social_worker_allocations.select_related(
                "social_worker__user", "social_worker__team"
            ).order_by("-start")
        ),
    )


@dataclass(frozen=True)
class AccessEvent:
    event: AuditEvent
    who: str

    @property
    def what(self) -> str:
        action = EventType.describe(self.event.action)
        purpose = self.event.details.get("purpose") if isinstance(self.event.details, dict) else ""
        if purpose and purpose != "viewed":
            return f"{action} ({purpose})"
        return action


ACCESS_HISTORY_LIMIT = 50


def access_history(child: Child, *, limit: int = ACCESS_HISTORY_LIMIT) -> list[AccessEvent]:
    """The latest openings of and changes to a child's record, newest first, with each
    person's name as it is now (the trail keeps the username, which never changes)."""
    events = list(
        AuditEvent.objects.filter(child_id=child.pk).order_by("-created_at", "-id")[:limit]
    )
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    names = {
        user.pk: user.get_full_name()
        for user in get_user_model()
        .objects.filter(pk__in=actor_ids)
        .only("first_name", "last_name")
    }
    return [
        AccessEvent(event, names.get(event.actor_id) or event.actor_username or "The system")
        for event in events
    ]


def restricted_to(child: Child) -> list[Any]:
    """The people named on a restricted record."""
    if not child.restricted:
        return []
    return list(child.restricted_to.order_by("last_name", "first_name", "username"))


def current_iro(child: Child) -> IRO | None:
    today = timezone.localdate()
    allocation = (
        child.allocations.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today)
        .select_related("iro__user")
        .order_by("-start")
        .first()
    )
    return allocation.iro if allocation else None


def next_review_due(child: Child) -> date | None:
    """The cached deadline of the open care period's next review (None when not in care)."""
    return (
        CarePeriod.objects.filter(child=child, end__isnull=True)
        .values_list("next_review_due", flat=True)
        .first()
    )


# --- A social worker's children -------------------------------------------------------------


@dataclass(frozen=True)
class HeldChild:
    """A child a social worker (or their team) holds, as their "My children" list shows it."""

    child: Child
    social_worker: Any  # accounts.SocialWorker holding the child today
    since: date
    iro: IRO | None
    next_review_due: date | None
    status: DueStatus
    overdue_actions: int = 0  # review actions not done by their due date


def held_children(user: Any) -> list[HeldChild]:
    """The children whose records `user` may open because their team holds them today, with
    who holds each, the IRO and the next review: a fixed number of queries however many."""
    today = timezone.localdate()
    children = list(
        openable_children(user)
        .annotate(overdue_actions=overdue_actions_of(OuterRef("pk"), today))
        .prefetch_related(
            *current_holders(today),
            Prefetch(
                "care_periods",
                queryset=CarePeriod.objects.filter(end__isnull=True),
                to_attr="open_periods",
            ),
        )
        .order_by("last_name", "first_name", "identifier")
    )
    calendar = get_calendar()
    rows = []
    for child in children:
        if not child.current_social_workers:
            continue  # opened through VIEW_CHILD, not held by a social-work team
        held = child.current_social_workers[0]
        due = child.open_periods[0].next_review_due if child.open_periods else None
        rows.append(
            HeldChild(
                child=child,
                social_worker=held.social_worker,
                since=held.start,
                iro=iro_of(child),
                next_review_due=due,
                status=due_status(due, today, calendar=calendar),
                overdue_actions=child.overdue_actions,
            )
        )
    return rows


def current_social_worker(child: Child) -> Any:
    """The child's allocated social worker today (an accounts.SocialWorker), if any."""
    today = timezone.localdate()
    allocation = (
        child.social_worker_allocations.filter(
            Q(end__isnull=True) | Q(end__gte=today), start__lte=today
        )
        .select_related("social_worker__user", "social_worker__team")
        .order_by("-start")
        .first()
    )
    return allocation.social_worker if allocation else None


@dataclass(frozen=True)
class PeopleAround:
    """The people around a child: those in their role today (parents first), and the past."""

    current: list[PersonAroundChild]
    past: list[PersonAroundChild]


def people_around(child: Child, today: date | None = None) -> PeopleAround:
    """The people around a child already opened with `open_child_record` (one query)."""
    today = today or timezone.localdate()
    order = {role: n for n, role in enumerate(PersonRole.values)}
    people = sorted(child.people.all(), key=lambda p: (order[p.role], p.start, p.pk))
    return PeopleAround(
        current=[p for p in people if p.end is None or p.end >= today],
        past=[p for p in people if p.end is not None and p.end < today],
    )
