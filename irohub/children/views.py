"""The children's register in the workspace: search and the child's record.

Every page that shows a child loads them through children.queries.open_child_record, which
checks the restriction and writes the audit trail.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.children.forms import SearchForm
from irohub.children.queries import (
    SEARCH_LIMIT,
    access_history,
    child_record,
    held_children,
    open_child_record,
    restricted_to,
    search_children,
)
from irohub.core.formatting import DUE_TAG_CLASSES


@require_permission(Permission.SEARCH_CHILDREN)
def search(request: HttpRequest) -> HttpResponse:
    """Find a child by name or identifier among the records the user may see."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        results = search_children(request.user, form.cleaned_data["q"])
    return render(
        request, "children/search.html", {"form": form, "results": results, "limit": SEARCH_LIMIT}
    )


@require_permission(Permission.VIEW_ALLOCATED_CHILDREN)
def my_children(request: HttpRequest) -> HttpResponse:
    """A social worker's children (or, for a social-work manager, their team's): the records
    they may open, who holds each and when the next review is due."""
    rows = [(row, DUE_TAG_CLASSES[row.status]) for row in held_children(request.user)]
    return render(
        request,
        "children/my_children.html",
        {"rows": rows, "managing": _manages_a_team(request.user)},
    )


def _manages_a_team(user: object) -> bool:
    return user.managed_social_work_teams.exists()  # type: ignore[attr-defined]


# Social workers open the children their team holds; the scope is applied by
# open_child_record (children.access.openable).
@require_permission(Permission.VIEW_CHILD, Permission.VIEW_ALLOCATED_CHILDREN)
def child(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's record: who they are, their care and reviews, their IROs and siblings."""
    child = open_child_record(request.user, child_id)
    record = child_record(request.user, child)
    managing = has_permission(request.user, Permission.VIEW_ACCESS_HISTORY)
    return render(
        request,
        "children/child.html",
        {
            "record": record,
            "child": child,
            "due_status": record.due_status,
            "due_tag": DUE_TAG_CLASSES[record.due_status],
            "may_record_review": record.in_care
            and has_permission(request.user, Permission.RECORD_REVIEW),
            "may_allocate": has_permission(request.user, Permission.ALLOCATE_IRO),
            "restricted_to": restricted_to(child) if managing else None,
            "access_history": access_history(child) if managing else None,
        },
    )
