"""Reads for IRO allocation and caseloads: My caseload, the team page, the suggested IRO and
the allocation timescale. The rules they apply are the rules core's
(irohub.statutory.allocation, the caseload band of irohub.measures.workforce); how the
screens name things is labels.py's.

Every list here is built from a fixed number of queries whatever the caseload's size
(a test proves it for 50 and 500 children): the rows in one annotated query, the counts in
one aggregate, and review status filtered in SQL against the windows of the rules core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from irohub.accounts.access import has_permission
from irohub.accounts.models import IRO, Team
from irohub.accounts.roles import Permission
from irohub.allocation.labels import (
    DEFAULT_CASELOAD_SORT,
    brother_or_sister,
    legal_status_label,
    placement_label,
)
from irohub.allocation.models import Allocation
from irohub.children.access import visible
from irohub.children.models import (
    CarePeriod,
    Child,
    Episode,
    overdue_actions_of,
    protection_model,
    review_model,
)
from irohub.core.calendar import get_calendar
from irohub.core.council import caseload_band
from irohub.core.formatting import DUE_TAG_CLASSES, long_date
from irohub.core.navigation import address_maker
from irohub.statutory import DueStatus, WorkingDayCalendar, due_status, due_windows
from irohub.statutory.allocation import (
    allocation_timescale,
    first_overlapping,
    lightest,
    per_fte,
    shared_by_most,
)
from irohub.statutory.conferences import ConferenceStart, conference_kind
from irohub.workforce.queries import iro_fte_on

# --- shared pieces --------------------------------------------------------------------------


def current_on(day: date, prefix: str = "") -> Q:
    """An allocation (or, with a prefix, a related one) in effect on `day`."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def in_post_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def iro_profile(user: Any) -> IRO | None:
    """The signed-in person's IRO profile, or None when an administrator has not made one."""
    return IRO.objects.select_related("user", "team").filter(user_id=user.pk).first()


def iros_in_post(day: date) -> QuerySet[IRO]:
    return IRO.objects.filter(in_post_on(day)).select_related("user", "team")


def iros_available(day: date) -> QuerySet[IRO]:
    """IROs who may be chosen for an allocation from `day`: in post, or starting later."""
    return IRO.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).select_related(
        "user", "team"
    )


def _status_q(status: DueStatus, today: date, within_5: date, within_20: date) -> Q:
    """The SQL twin of `due_status` for the care period's cached next review date."""
    if status is DueStatus.OVERDUE:
        return Q(next_review_due__lt=today)
    if status is DueStatus.DUE_WITHIN_5:
        return Q(next_review_due__gte=today, next_review_due__lte=within_5)
    if status is DueStatus.DUE_WITHIN_20:
        return Q(next_review_due__gt=within_5, next_review_due__lte=within_20)
    if status is DueStatus.IN_DATE:
        return Q(next_review_due__gt=within_20)
    return Q(next_review_due__isnull=True)


def band_of(per_fte: float) -> str:
    """Where children per FTE sit against the council's reference band (the rule is the
    rules core's: irohub.measures.workforce.CaseloadBand)."""
    return f"{caseload_band().place(per_fte)} band"


# --- My caseload ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    child_id: int
    name: str
    identifier: str
    age: int
    restricted: bool
    legal_status: str
    legal_status_label: str
    placement: str
    placement_label: str
    last_review: date | None
    next_due: date | None
    status: DueStatus
    href: str  # the child's page
    overdue_actions: int = 0  # review actions not done by their due date

    @property
    def tag_class(self) -> str:
        return DUE_TAG_CLASSES[self.status]

    @property
    def next_due_text(self) -> str:
        return long_date(self.next_due) if self.next_due else "None due"

    @property
    def last_review_text(self) -> str:
        return long_date(self.last_review) if self.last_review else "None yet"


@dataclass(frozen=True)
class CaseloadCounts:
    total: int
    overdue: int
    due_5: int
    due_20: int
    in_date: int
    # Restricted records allocated to this IRO on which they are not named.
    hidden: int


@dataclass(frozen=True)
class ConferenceRow:
    """An open child protection case whose conferences the IRO chairs (dual-role IROs)."""

    child_id: int
    name: str
    identifier: str
    restricted: bool
    in_care: bool
    kind: str  # of the next conference: "initial", "review", "transfer-in", ...
    next_due: date | None
    status: DueStatus
    plan_start: date | None

    @property
    def tag_class(self) -> str:
        return DUE_TAG_CLASSES[self.status]


@dataclass(frozen=True)
class Caseload:
    iro: IRO
    rows: list[CaseloadRow]
    counts: CaseloadCounts
    today: date
    # The child protection conferences the IRO chairs, soonest due first (one query).
    conferences: list[ConferenceRow] = field(default_factory=list)


def _caseload_order(key: str, descending: bool) -> list[Any]:
    name = ["child__last_name", "child__first_name", "child__identifier"]
    if key == "name":
        return [f"-{field}" for field in name] if descending else name
    if key == "age":
        # Older children have earlier birthdays: ascending age is descending date of birth.
        field = F("child__date_of_birth")
        return [field.asc() if descending else field.desc(), *name]
    field = F("next_review_due" if key == "next_due" else "last_review")
    # Blanks (no review yet, no review due) go last whichever way the list runs.
    ordered = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
    return [ordered, *name]


def my_caseload(
    user: Any,
    iro: IRO,
    *,
    today: date,
    calendar: WorkingDayCalendar,
    status: DueStatus | None = None,
    text: str = "",
    sort: str = DEFAULT_CASELOAD_SORT,
    descending: bool = False,
) -> Caseload:
    """The children allocated to `iro` today who are in care, with the review clock.

    Two queries whatever the size: the counts (over the whole caseload) and the rows.
    """
    within_5, within_20 = due_windows(today, calendar=calendar)
    allocated = Allocation.objects.filter(current_on(today), iro=iro, child=OuterRef("child"))
    periods = CarePeriod.objects.filter(end__isnull=True).filter(Exists(allocated))
    seen = visible(user, via="child")

    def counted(condition: Q) -> Count:
        return Count("pk", filter=seen & condition)

    figures = periods.aggregate(
        total=Count("pk", filter=seen),
        overdue=counted(_status_q(DueStatus.OVERDUE, today, within_5, within_20)),
        due_5=counted(_status_q(DueStatus.DUE_WITHIN_5, today, within_5, within_20)),
        due_20=counted(_status_q(DueStatus.DUE_WITHIN_20, today, within_5, within_20)),
        in_date=counted(_status_q(DueStatus.IN_DATE, today, within_5, within_20)),
        hidden=Count("pk", filter=~seen),
    )

    rows = periods.filter(seen)
    if status is not None:
        rows = rows.filter(_status_q(status, today, within_5, within_20))
    for word in text.split():
        rows = rows.filter(
            Q(child__first_name__icontains=word)
            | Q(child__last_name__icontains=word)
            | Q(child__identifier__icontains=word)
        )
    # The current episode is the latest one of the care period.
    episode = Episode.objects.filter(care_period=OuterRef("pk")).order_by("-start", "-id")
    # The last review as a subquery, not a join and GROUP BY: joined, every review of the
    # period made a row and the subqueries ran once per review, not once per child.
    last_held = review_model().objects.filter(care_period=OuterRef("pk")).order_by("-held")
    rows = (
        rows.annotate(
            current_legal_status=Subquery(episode.values("legal_status")[:1]),
            current_placement=Subquery(episode.values("placement")[:1]),
            last_review=Subquery(last_held.values("held")[:1]),
            overdue_actions=overdue_actions_of(OuterRef("child"), today),
        )
        .order_by(*_caseload_order(sort, descending))
        # Plain values, not model instances: a long list costs a fraction of the CPU.
        .values_list(*_ROW_FIELDS)
    )
    # The address of a child's page, made once for the list (not reversed row by row).
    child_href = address_maker("child")
    return Caseload(
        iro=iro,
        rows=[_caseload_row(values, today, calendar, child_href) for values in rows],
        counts=CaseloadCounts(**figures),
        today=today,
        conferences=conferences_chaired(user, iro, today=today, calendar=calendar),
    )


def age_on(born: date, day: date) -> int:
    """Whole years of age on `day` (Child.age_on, without making a Child)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


_ROW_FIELDS = (
    "child_id",
    "child__first_name",
    "child__last_name",
    "child__identifier",
    "child__date_of_birth",
    "child__restricted",
    "current_legal_status",
    "current_placement",
    "last_review",
    "next_review_due",
    "overdue_actions",
)


def _chairing(iro_ids: Any) -> QuerySet[Any]:
    """Open child protection cases chaired by these IROs. The cases are irohub.conferences'
    rows, reached through the relation it declared on Child (children.protection_model),
    so the two apps side by side never import each other."""
    return protection_model().objects.filter(ended__isnull=True, chair__in=iro_ids)


def conferences_chaired(
    user: Any, iro: IRO, *, today: date, calendar: WorkingDayCalendar
) -> list[ConferenceRow]:
    """The open child protection cases `iro` chairs, soonest conference first (one query;
    restricted records only for the people named on them)."""
    in_care = CarePeriod.objects.filter(child=OuterRef("child"), end__isnull=True)
    cases = (
        _chairing([iro.pk])
        .filter(visible(user, via="child"))
        .select_related("child")
        .annotate(in_care=Exists(in_care))
        .order_by(
            F("next_conference_due").asc(nulls_last=True), "child__last_name", "child__first_name"
        )
    )
    return [
        ConferenceRow(
            child_id=case.child_id,
            name=case.child.full_name,
            identifier=case.child.identifier,
            restricted=case.child.restricted,
            in_care=case.in_care,
            kind=conference_kind(case.conferences_held + 1, ConferenceStart(case.begins)),
            next_due=case.next_conference_due,
            status=due_status(case.next_conference_due, today, calendar=calendar),
            plan_start=case.plan_start,
        )
        for case in cases
    ]


def _caseload_row(
    values: tuple[Any, ...], today: date, calendar: WorkingDayCalendar, href: Callable[[int], str]
) -> CaseloadRow:
    (
        child_id,
        first,
        last,
        identifier,
        born,
        restricted,
        legal,
        placement,
        last_review,
        due,
        overdue,
    ) = values
    legal, placement = legal or "", placement or ""
    return CaseloadRow(
        child_id=child_id,
        name=f"{first} {last}",  # Child.full_name
        identifier=identifier,
        age=age_on(born, today),
        restricted=restricted,
        legal_status=legal,
        legal_status_label=legal_status_label(legal),
        placement=placement,
        placement_label=placement_label(placement),
        last_review=last_review,
        next_due=due,
        status=due_status(due, today, calendar=calendar),
        href=href(child_id),
        overdue_actions=overdue,
    )


# --- caseload sizes (team page and suggestion) ------------------------------------------


@dataclass(frozen=True)
class IROLoad:
    iro: IRO
    children: int
    overdue: int
    due_5: int
    due_20: int
    # Children on a child protection plan whose conferences the IRO chairs and who are not
    # also in care with them (M-WF-01a's count: each child once per IRO).
    on_plans: int = 0
    # The IRO's FTE today: their dated terms when recorded (irohub.workforce), else the FTE
    # on their record; None: the record's.
    fte_today: Decimal | None = None

    @property
    def fte(self) -> Decimal:
        return self.iro.fte if self.fte_today is None else self.fte_today

    @property
    def per_fte(self) -> float:
        return per_fte(self.children, self.fte)

    @property
    def band(self) -> str:
        return band_of(self.per_fte)

    @property
    def with_plans(self) -> int:
        return self.children + self.on_plans

    @property
    def with_plans_per_fte(self) -> float:
        return per_fte(self.with_plans, self.fte)

    @property
    def with_plans_band(self) -> str:
        return band_of(self.with_plans_per_fte)


def iro_loads(iros: Iterable[IRO], *, today: date, calendar: WorkingDayCalendar) -> list[IROLoad]:
    """Each IRO's children in care and review status today, from one aggregate query."""
    iros = list(iros)
    within_5, within_20 = due_windows(today, calendar=calendar)
    period = "child__care_periods__"
    # One filter() call, so the care-period conditions share one join: the open care
    # period that started by today (at most one per child).
    figures = (
        Allocation.objects.filter(
            current_on(today),
            iro__in=[iro.pk for iro in iros],
            **{f"{period}end__isnull": True, f"{period}start__lte": today},
        )
        .values("iro_id")
        .annotate(
            children=Count("pk"),
            overdue=Count("pk", filter=Q(**{f"{period}next_review_due__lt": today})),
            due_5=Count(
                "pk",
                filter=Q(
                    **{
                        f"{period}next_review_due__gte": today,
                        f"{period}next_review_due__lte": within_5,
                    }
                ),
            ),
            due_20=Count(
                "pk",
                filter=Q(
                    **{
                        f"{period}next_review_due__gt": within_5,
                        f"{period}next_review_due__lte": within_20,
                    }
                ),
            ),
        )
        .order_by()
    )
    by_iro = {row.pop("iro_id"): row for row in figures}
    empty = {"children": 0, "overdue": 0, "due_5": 0, "due_20": 0}
    on_plans = _on_plans(iros, today)
    fte = iro_fte_on(iros, today)
    return [
        IROLoad(
            iro=iro,
            **by_iro.get(iro.pk, empty),
            on_plans=on_plans.get(iro.pk, 0),
            fte_today=fte.get(iro.pk),
        )
        for iro in iros
    ]


def _on_plans(iros: list[IRO], today: date) -> dict[int, int]:
    """Children on a plan today by chairing IRO, leaving out a child already in care with
    the same IRO (one aggregate query)."""
    in_care_with_chair = Allocation.objects.filter(
        current_on(today),
        child=OuterRef("child"),
        iro=OuterRef("chair"),
        child__care_periods__end__isnull=True,
        child__care_periods__start__lte=today,
    )
    rows = (
        _chairing([iro.pk for iro in iros])
        .filter(plan_start__lte=today)
        .exclude(Exists(in_care_with_chair))
        .values("chair_id")
        .annotate(children=Count("child_id", distinct=True))
        .order_by()
    )
    return {row["chair_id"]: row["children"] for row in rows}


# --- team page --------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamTotals:
    fte: Decimal
    children: int
    overdue: int
    due_5: int
    due_20: int
    on_plans: int = 0

    @property
    def per_fte(self) -> float:
        return per_fte(self.children, self.fte)

    @property
    def band(self) -> str:
        return band_of(self.per_fte)

    @property
    def with_plans(self) -> int:
        return self.children + self.on_plans

    @property
    def with_plans_per_fte(self) -> float:
        return per_fte(self.with_plans, self.fte)


@dataclass(frozen=True)
class TeamCaseloads:
    team: Team
    loads: list[IROLoad]

    @property
    def totals(self) -> TeamTotals:
        return TeamTotals(
            fte=sum((load.fte for load in self.loads), Decimal("0")),
            children=sum(load.children for load in self.loads),
            overdue=sum(load.overdue for load in self.loads),
            due_5=sum(load.due_5 for load in self.loads),
            due_20=sum(load.due_20 for load in self.loads),
            on_plans=sum(load.on_plans for load in self.loads),
        )


def teams_for(user: Any) -> QuerySet[Team]:
    """The teams whose caseloads a person may see: every team for the service-wide roles,
    else the teams they manage."""
    if has_permission(user, Permission.VIEW_ALL_TEAMS):
        return Team.objects.order_by("name")
    return Team.objects.filter(managers=user).order_by("name")


def team_caseloads(
    teams: Iterable[Team], *, today: date, calendar: WorkingDayCalendar
) -> list[TeamCaseloads]:
    """The IROs in post in each team with their caseloads: two queries for any number."""
    teams = list(teams)
    iros = list(iros_in_post(today).filter(team__in=teams))
    loads = iro_loads(iros, today=today, calendar=calendar)
    return [
        TeamCaseloads(team=team, loads=[load for load in loads if load.iro.team_id == team.pk])
        for team in teams
    ]


# --- children with no IRO ---------------------------------------------------------------


@dataclass(frozen=True)
class Unallocated:
    child_id: int
    name: str
    identifier: str
    in_care_since: date
    working_days: int  # working days in care without an IRO
    # The IRO planned to take the child on later, if one is (a planned allocation).
    planned_iro: str | None = None
    planned_start: date | None = None


def _unallocated_periods(today: date) -> QuerySet[CarePeriod]:
    allocated = Allocation.objects.filter(current_on(today), child=OuterRef("child"))
    return CarePeriod.objects.filter(end__isnull=True, start__lte=today).exclude(Exists(allocated))


def unallocated_counts(user: Any, *, today: date) -> tuple[int, int]:
    """(children in care with no IRO today, how many of them the person may not see)."""
    figures = _unallocated_periods(today).aggregate(
        total=Count("pk"), hidden=Count("pk", filter=~visible(user, via="child"))
    )
    return figures["total"], figures["hidden"]


def unallocated_children(
    user: Any, *, today: date, calendar: WorkingDayCalendar
) -> list[Unallocated]:
    """Children in care with no IRO today, longest waiting first (restricted records only
    for the people named on them)."""
    planned = Allocation.objects.filter(child=OuterRef("child"), start__gt=today).order_by("start")
    periods = (
        _unallocated_periods(today)
        .filter(visible(user, via="child"))
        .select_related("child")
        .annotate(
            planned_start=Subquery(planned.values("start")[:1]),
            planned_first=Subquery(planned.values("iro__user__first_name")[:1]),
            planned_last=Subquery(planned.values("iro__user__last_name")[:1]),
        )
        .order_by("start", "child__last_name", "child__first_name")
    )
    return [
        Unallocated(
            child_id=period.child_id,
            name=period.child.full_name,
            identifier=period.child.identifier,
            in_care_since=period.start,
            working_days=calendar.working_days_between(period.start, today),
            planned_iro=(
                f"{period.planned_first} {period.planned_last}".strip()  # type: ignore[attr-defined]
                if period.planned_start  # type: ignore[attr-defined]
                else None
            ),
            planned_start=period.planned_start,  # type: ignore[attr-defined]
        )
        for period in periods
    ]


# --- the suggested IRO ------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    iro: IRO | None
    reason: str


def suggest_iro(
    child: Child, as_of: date, *, calendar: WorkingDayCalendar | None = None
) -> Suggestion:
    """The IRO to suggest for `child` from `as_of`.

    Brothers and sisters keep one IRO where they can (Wolverhampton: "the majority of
    brothers and sisters ... are allocated to the same IRO"), so first the IRO in post
    already allocated to a sibling in care; else the IRO in post with the fewest children
    per FTE (ties by name). The child's own IRO on `as_of` is never suggested: a manager
    opening the page for a child who has one is re-allocating.
    """
    current = (
        Allocation.objects.filter(current_on(as_of), child=child)
        .values_list("iro_id", flat=True)
        .first()
    )
    planned = next(iter(planned_allocations(child, as_of)), None)
    if current is None and planned is not None and planned.iro.start_date <= as_of:
        # Allocating from an earlier day brings the planned IRO forward: no change of IRO.
        return Suggestion(
            planned.iro, f"already planned as the child's IRO from {long_date(planned.start)}"
        )
    if child.sibling_group_id is not None:
        in_care = CarePeriod.objects.filter(child=OuterRef("child"), end__isnull=True)
        siblings = list(
            Allocation.objects.filter(
                current_on(as_of),
                in_post_on(as_of, "iro__"),
                child__sibling_group_id=child.sibling_group_id,
            )
            .exclude(child=child)
            .exclude(iro_id=current)
            .filter(Exists(in_care))
            .select_related("child", "iro__user", "iro__team")
            .order_by("child__date_of_birth", "child__pk")
        )
        chosen = shared_by_most(siblings, lambda allocation: allocation.iro_id)
        if chosen is not None:
            sibling = chosen.child
            # A restricted sibling's name is not shown to people who may not be named on it.
            who = "" if sibling.restricted else f" {sibling.full_name}"
            return Suggestion(
                chosen.iro,
                f"already IRO for the child's {brother_or_sister(sibling.sex)}{who}",
            )
    loads = iro_loads(
        iros_in_post(as_of).exclude(pk=current), today=as_of, calendar=calendar or get_calendar()
    )
    lowest = lightest(
        loads,
        lambda load: load.per_fte,
        lambda load: (load.iro.user.last_name, load.iro.user.first_name),
    )
    if lowest is None:
        return Suggestion(None, "no other IRO is in post" if current else "no IRO is in post")
    return Suggestion(lowest.iro, f"lowest children per FTE: {lowest.per_fte:.1f}")


# --- allocation history and timescale ---------------------------------------------------


def allocation_timeliness(
    allocation: Allocation, care_period: CarePeriod, calendar: WorkingDayCalendar
) -> tuple[int, bool]:
    """Working days from the start of the care period to the day the allocation was made
    (0 when made that day or before) and whether that met the local target
    (settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS; Wolverhampton's "within 24 hours")."""
    return allocation_timescale(
        care_period.start,
        allocation.allocated_on,
        settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS,
        calendar,
    )


@dataclass(frozen=True)
class Timeliness:
    """How soon the first IRO of a care period was allocated."""

    care_period: CarePeriod
    allocation: Allocation
    working_days: int
    within_target: bool
    target: int

    @property
    def summary(self) -> str:
        days = "working day" if self.working_days == 1 else "working days"
        return (
            f"Allocated {self.working_days} {days} after the child came into care"
            f" — target {self.target}"
        )


def _first_timeliness(
    period: CarePeriod, allocations: list[Allocation], calendar: WorkingDayCalendar
) -> Timeliness | None:
    first = first_overlapping(allocations, lambda a: (a.start, a.end), period.start, period.end)
    if first is None:
        return None
    days, within = allocation_timeliness(first, period, calendar)
    return Timeliness(
        care_period=period,
        allocation=first,
        working_days=days,
        within_target=within,
        target=settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS,
    )


@dataclass(frozen=True)
class HistoryEntry:
    allocation: Allocation
    # Set on the allocation that was the first of a care period.
    timeliness: Timeliness | None


def allocation_history(child: Child, *, calendar: WorkingDayCalendar) -> list[HistoryEntry]:
    """The child's IROs, latest first, each first allocation of a care period with its
    timescale. Two queries."""
    allocations = list(
        Allocation.objects.filter(child=child).select_related("iro__user").order_by("start")
    )
    firsts: dict[int, Timeliness] = {}
    for period in CarePeriod.objects.filter(child=child).order_by("start"):
        timeliness = _first_timeliness(period, allocations, calendar)
        if timeliness is not None:
            firsts.setdefault(timeliness.allocation.pk, timeliness)
    return [HistoryEntry(a, firsts.get(a.pk)) for a in reversed(allocations)]


def planned_allocations(child: Child, day: date) -> list[Allocation]:
    """The child's allocations made to start after `day` (planned IROs), soonest first."""
    return list(
        Allocation.objects.filter(child=child, start__gt=day)
        .select_related("iro__user", "iro__team")
        .order_by("start")
    )


def current_allocation(child: Child, day: date) -> Allocation | None:
    return (
        Allocation.objects.filter(current_on(day), child=child)
        .select_related("iro__user", "iro__team")
        .first()
    )
