"""My caseload, the team page and allocating an IRO: parse, query or act, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.allocation import labels, queries
from irohub.allocation.access import allocating_teams
from irohub.allocation.actions import allocate_iro, allocations_seen, cancel_planned_allocation
from irohub.allocation.forms import AllocationForm
from irohub.allocation.models import Allocation
from irohub.children.queries import open_child_record
from irohub.core.calendar import get_calendar
from irohub.core.council import caseload_band
from irohub.core.formatting import long_date
from irohub.core.navigation import back_query, return_path
from irohub.core.register_version import cached_fragment
from irohub.workforce.queries import teams_workforce

# --- My caseload ------------------------------------------------------------------------

CASELOAD_COLUMNS = [
    # (sort key or None, heading): what an IRO acts on first (the child, the review's status
    # and date), then the rest; the identifier sits under the child's name.
    ("name", "Child"),
    (None, "Status"),
    ("next_due", "Next review due"),
    ("last_review", "Last review"),
    ("age", "Age"),
    (None, "Legal status"),
    (None, "Placement"),
]


def _query_string(**params: str | None) -> str:
    kept = {key: value for key, value in params.items() if value}
    return "?" + urlencode(kept) if kept else "?"


def _sortable_headings(
    columns: list[tuple[str | None, str]],
    key: str,
    descending: bool,
    keep: dict[str, str | None],
) -> list[dict[str, Any]]:
    headings = []
    for column, text in columns:
        heading: dict[str, Any] = {"text": text, "href": None, "aria_sort": None}
        if column is not None:
            is_current = column == key
            heading["aria_sort"] = (
                ("descending" if descending else "ascending") if is_current else "none"
            )
            # A second click on the sorted column turns it round.
            toggled = f"-{column}" if is_current and not descending else column
            heading["href"] = _query_string(**keep, sort=toggled)
        headings.append(heading)
    return headings


@require_permission(Permission.VIEW_OWN_CASELOAD)
def caseload(request: HttpRequest) -> HttpResponse:
    iro = queries.iro_profile(request.user)
    if iro is None:
        return render(request, "allocation/no_iro_profile.html")
    # The list is drawn from the register alone: once per register version and day for the
    # same person and filters (irohub.core.register_version.cached_fragment).
    body = cached_fragment(
        "caseload",
        lambda: _caseload_body(request, iro),
        request.user.pk,
        iro.pk,
        request.get_full_path(),
    )
    return render(request, "allocation/caseload.html", {"body": body})


def _caseload_body(request: HttpRequest, iro: Any) -> str:
    status_slug = request.GET.get("status", "")
    status = labels.STATUS_SLUGS.get(status_slug)
    text = request.GET.get("q", "").strip()[:100]
    sort_key, descending = labels.parse_sort(
        request.GET.get("sort"), labels.CASELOAD_SORTS, labels.DEFAULT_CASELOAD_SORT
    )
    today = timezone.localdate()
    result = queries.my_caseload(
        request.user,
        iro,
        today=today,
        calendar=get_calendar(),
        status=status,
        text=text,
        sort=sort_key,
        descending=descending,
    )
    sort_param = ("-" if descending else "") + sort_key
    if sort_param == labels.DEFAULT_CASELOAD_SORT:
        sort_param = ""
    status_slug = status_slug if status else ""
    keep = {"status": status_slug, "q": text}
    counts = result.counts
    count_links = [
        {
            "label": "Children",
            "number": counts.total,
            "href": _query_string(q=text, sort=sort_param),
            "current": not status_slug,
            "modifier": "",
        },
        {
            "label": "Overdue",
            "number": counts.overdue,
            "href": _query_string(status="overdue", q=text, sort=sort_param),
            "current": status_slug == "overdue",
            "modifier": "irohub-count--overdue",
        },
        {
            "label": "Due within 5 working days",
            "number": counts.due_5,
            "href": _query_string(status="due-5", q=text, sort=sort_param),
            "current": status_slug == "due-5",
            "modifier": "irohub-count--soon",
        },
        {
            "label": "Due within 20 working days",
            "number": counts.due_20,
            "href": _query_string(status="due-20", q=text, sort=sort_param),
            "current": status_slug == "due-20",
            "modifier": "",
        },
    ]
    status_choices = [("", "Any status")] + [
        (slug, str(value).capitalize()) for slug, value in labels.STATUS_SLUGS.items()
    ]
    return render_to_string(
        "allocation/caseload_body.html",
        {
            "caseload": result,
            "count_links": count_links,
            "headings": _sortable_headings(CASELOAD_COLUMNS, sort_key, descending, keep),
            "status": status,
            "status_slug": status_slug,
            "status_choices": status_choices,
            "text": text,
            "sort_param": sort_param,
            "filtered": bool(status or text),
        },
        request,
    )


# --- team page --------------------------------------------------------------------------


@require_permission(Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS)
def team(request: HttpRequest) -> HttpResponse:
    teams = list(queries.teams_for(request.user))
    focus = None
    team_param = request.GET.get("team", "")
    # Only a team's number picks a team; anything else ("²", "x") shows every team.
    if team_param.isascii() and team_param.isdigit():
        focus = next((t for t in teams if str(t.pk) == team_param.lstrip("0")), None)
    band = caseload_band()
    # Drawn from the register (and two settings, in the key): once per register version and
    # day for the same person and address (irohub.core.register_version.cached_fragment).
    body = cached_fragment(
        "team",
        lambda: _team_body(request, teams, focus, team_param, band),
        request.user.pk,
        request.get_full_path(),
        band.low,
        band.high,
        settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS,
    )
    return render(request, "allocation/team.html", {"focus": focus, "body": body})


def _team_body(
    request: HttpRequest, teams: list[Any], focus: Any, team_param: str, band: Any
) -> str:
    today = timezone.localdate()
    calendar = get_calendar()
    shown = [focus] if focus else teams
    unallocated_total, unallocated_hidden = queries.unallocated_counts(request.user, today=today)
    show_unallocated = request.GET.get("unallocated") == "1"
    return render_to_string(
        "allocation/team_body.html",
        {
            "today": today,
            "teams": teams,
            "focus": focus,
            "caseloads": queries.team_caseloads(shown, today=today, calendar=calendar),
            "workforce": teams_workforce(shown, today),
            "may_see_workforce": has_permission(request.user, Permission.MANAGE_WORKFORCE)
            or has_permission(request.user, Permission.VIEW_ALL_TEAMS),
            "band_low": f"{band.low:g}",
            "band_high": f"{band.high:g}",
            "allocation_target": settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS,
            "unallocated_total": unallocated_total,
            "unallocated_hidden": unallocated_hidden,
            "show_unallocated": show_unallocated,
            "unallocated": (
                queries.unallocated_children(request.user, today=today, calendar=calendar)
                if show_unallocated
                else []
            ),
            "may_allocate": has_permission(request.user, Permission.ALLOCATE_IRO),
            "unallocated_href": _query_string(team=team_param if focus else "", unallocated="1"),
        },
        request,
    )


# --- allocating an IRO ------------------------------------------------------------------


def _child_href(child_id: int, request: HttpRequest) -> str:
    """The child's page, keeping the list the user came from for its Back link."""
    query = back_query(return_path(request))
    return reverse("child", args=[child_id]) + (f"?{query}" if query else "")


def _allocated_message(allocation: Allocation, child: Any, today: Any) -> str:
    if allocation.start > today:
        text = f"{allocation.iro} is planned as {child.full_name}'s IRO from "
    else:
        text = f"{allocation.iro} is {child.full_name}'s IRO from "
    text += long_date(allocation.start)
    if allocation.end is not None:
        text += f" until {long_date(allocation.end)}, when the planned IRO takes over"
    return text


@require_permission(Permission.ALLOCATE_IRO)
def allocate(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="allocating an IRO")
    today = timezone.localdate()
    calendar = get_calendar()
    available = queries.iros_available(today)
    teams = allocating_teams(request.user)
    if teams is not None:  # a team manager chooses among their teams' IROs
        available = available.filter(team_id__in=teams)
    loads = queries.iro_loads(available, today=today, calendar=calendar)
    suggestion = queries.suggest_iro(child, today, calendar=calendar)
    if request.method == "POST":
        form = AllocationForm(request.POST, iros=loads)
        if form.is_valid():
            try:
                allocation = allocate_iro(
                    actor=request.user,
                    child=child,
                    iro=form.cleaned_data["iro"],
                    start=form.cleaned_data["start"],
                    # Every form the page serves carries what it showed ("none" for no
                    # allocation); a post without it (a script) is not checked.
                    seen=form.cleaned_data["seen"] or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
                # The person's choice is kept; sent again, it is checked against what the
                # page now shows.
                form.data = form.data.copy()
                form.data["seen"] = allocations_seen(child)
            else:
                messages.success(request, _allocated_message(allocation, child, today))
                return redirect(_child_href(child.pk, request))
    else:
        initial = {"start": today, "seen": allocations_seen(child)}
        if suggestion.iro is not None:
            initial["iro"] = suggestion.iro.pk
        form = AllocationForm(initial=initial, iros=loads)
    return render(
        request,
        "allocation/allocate.html",
        {
            "child": child,
            "form": form,
            "today": today,
            "current": queries.current_allocation(child, today),
            "planned": queries.planned_allocations(child, today),
            "suggestion": suggestion,
            "history": queries.allocation_history(child, calendar=calendar),
        },
    )


@require_permission(Permission.ALLOCATE_IRO)
@require_POST
def cancel_planned(request: HttpRequest, child_id: int, allocation_id: int) -> HttpResponse:
    """Cancel a planned IRO (an allocation that has not started yet)."""
    child = open_child_record(request.user, child_id, purpose="cancelling a planned IRO")
    try:
        cancelled = cancel_planned_allocation(
            actor=request.user, child=child, allocation_id=allocation_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"The planned allocation of {cancelled.iro} from {long_date(cancelled.start)} "
            "is cancelled",
        )
    query = back_query(return_path(request))
    return redirect(reverse("allocate", args=[child.pk]) + (f"?{query}" if query else ""))
