"""The children's register in the workspace: search and the child's record.

Every page that shows a child loads them through children.queries.open_child_record, which
checks the restriction and writes the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.children import actions
from irohub.children.forms import AddPersonForm, EndPersonForm, PersonForm, SearchForm
from irohub.children.models import Child, PersonAroundChild
from irohub.children.queries import (
    SEARCH_LIMIT,
    access_history,
    child_record,
    held_children,
    open_child_record,
    people_around,
    restricted_to,
    search_children,
)
from irohub.core.formatting import DUE_TAG_CLASSES
from irohub.core.forms import show_on_form
from irohub.core.register_version import cached_fragment


@require_permission(Permission.SEARCH_CHILDREN)
def search(request: HttpRequest) -> HttpResponse:
    """Find a child by name or identifier among the records the user may see."""
    # Drawn from the register: once per register version and day for the same person and
    # question (irohub.core.register_version.cached_fragment).
    body = cached_fragment(
        "search",
        lambda: _search_body(request),
        request.user.pk,
        request.get_full_path(),
        shared=False,
    )
    return render(request, "children/search.html", {"body": body})


def _search_body(request: HttpRequest) -> str:
    form = SearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        results = search_children(request.user, form.cleaned_data["q"])
    return render_to_string(
        "children/search_body.html",
        {"form": form, "results": results, "limit": SEARCH_LIMIT},
        request,
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
    managing = has_permission(request.user, Permission.VIEW_ACCESS_HISTORY)
    # Opening the record (permission, audit) happens on every request, above; what it shows
    # is drawn from the register once per register version and day for the same person
    # (irohub.core.register_version.cached_fragment). The access history is the audit
    # trail, not the register: drawn each time.
    record = cached_fragment(
        "child-record",
        lambda: _record_body(request, child, managing=managing),
        child.pk,
        request.user.pk,
        shared=False,
    )
    return render(
        request,
        "children/child.html",
        {
            "record": record,
            "child": child,
            "access_history": access_history(child) if managing else None,
        },
    )


def _record_body(request: HttpRequest, child: Child, *, managing: bool) -> str:
    record = child_record(request.user, child)
    return render_to_string(
        "children/child_record.html",
        {
            "record": record,
            "child": child,
            "due_status": record.due_status,
            "due_tag": DUE_TAG_CLASSES[record.due_status],
            "may_record_review": record.in_care
            and has_permission(request.user, Permission.RECORD_REVIEW),
            "may_allocate": has_permission(request.user, Permission.ALLOCATE_IRO),
            "may_follow_up": has_permission(request.user, Permission.RECORD_REVIEW),
            "may_change_people": may_change_people(request.user),
            "people": people_around(child),
            "restricted_to": restricted_to(child) if managing else None,
        },
        request,
    )


# --- the people around the child ---------------------------------------------------------------

PEOPLE_PERMISSIONS = (Permission.RECORD_REVIEW, Permission.ALLOCATE_IRO)


def may_change_people(user: object) -> bool:
    return any(has_permission(user, permission) for permission in PEOPLE_PERMISSIONS)


def _person_of(child: Child, person_id: int) -> PersonAroundChild:
    person = PersonAroundChild.objects.filter(child=child, pk=person_id).first()
    if person is None:
        raise Http404("No such person on this child's record")
    return person


@require_permission(*PEOPLE_PERMISSIONS)
def add_person(request: HttpRequest, child_id: int) -> HttpResponse:
    """Add a parent, carer, advocate, independent visitor or other person."""
    child = open_child_record(request.user, child_id, purpose="adding a person")
    form = AddPersonForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            person = actions.add_person(
                actor=request.user,
                child=child,
                start=form.cleaned_data["start"],
                **form.details(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, f"{person.name} added as {person.get_role_display()}.")
            return redirect("child", child.pk)
    return render(
        request, "children/person_form.html", {"child": child, "form": form, "person": None}
    )


@require_permission(*PEOPLE_PERMISSIONS)
def change_person(request: HttpRequest, child_id: int, person_id: int) -> HttpResponse:
    """Change a person's details (the dates they held the role stay as they were)."""
    child = open_child_record(request.user, child_id, purpose="changing a person's details")
    person = _person_of(child, person_id)
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        initial=PersonForm.initial_from(person),
    )
    if form.is_valid():
        try:
            actions.change_person(actor=request.user, person=person, **form.details())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, f"{person.name}'s details saved.")
            return redirect("child", child.pk)
    return render(
        request, "children/person_form.html", {"child": child, "form": form, "person": person}
    )


@require_permission(*PEOPLE_PERMISSIONS)
def end_person(request: HttpRequest, child_id: int, person_id: int) -> HttpResponse:
    """End a person's role in the child's life: kept on the record, with the date."""
    child = open_child_record(request.user, child_id, purpose="ending a person's role")
    person = _person_of(child, person_id)
    form = EndPersonForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.end_person(
                actor=request.user,
                person=person,
                end=form.cleaned_data["end"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, f"{person.name}'s role as {person.get_role_display()} ended.")
            return redirect("child", child.pk)
    return render(
        request, "children/person_end.html", {"child": child, "form": form, "person": person}
    )
