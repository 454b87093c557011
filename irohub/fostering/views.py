"""The fostering pages: households, one household with its reviews, recording a review or a
change of circumstances, approval and deregistration, the reviewing officers' caseloads,
and the IRO's view of a child's foster placement. Parse, call one action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.children.access import visible_children
from irohub.children.queries import current_iro, open_child_record
from irohub.core.formatting import DUE_TAG_CLASSES, long_date
from irohub.core.forms import show_on_form
from irohub.fostering import actions, forms, queries
from irohub.fostering.models import Household
from irohub.records.fostering import HOUSEHOLD_KINDS


def _household(household_id: int) -> Household:
    return get_object_or_404(
        Household.objects.select_related("reviewing_officer__user"), pk=household_id
    )


@require_permission(Permission.VIEW_FOSTERING)
def households(request: HttpRequest) -> HttpResponse:
    """A reviewing officer's own households first (all of them on request); everyone
    else sees every approved household."""
    today = timezone.localdate()
    officer = queries.reviewing_officer_of(request.user)
    show_all = request.GET.get("all") == "1" or officer is None
    lines = queries.households(officer=None if show_all else officer, today=today)
    return render(
        request,
        "fostering/households.html",
        {
            "lines": [
                {
                    "line": line,
                    "kind": HOUSEHOLD_KINDS.get(line.household.kind, line.household.kind),
                    "tag": DUE_TAG_CLASSES[line.status],
                }
                for line in lines
            ],
            "officer": officer,
            "show_all": show_all,
            "overdue": sum(1 for line in lines if line.status == "overdue"),
            "may_manage": has_permission(request.user, Permission.MANAGE_FOSTERING),
        },
    )


@require_permission(Permission.VIEW_FOSTERING)
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    today = timezone.localdate()
    found = _household(household_id)
    page = queries.household_page(request.user, found, today)
    return render(
        request,
        "fostering/household.html",
        {
            "page": page,
            "household": found,
            "kind": HOUSEHOLD_KINDS.get(found.kind, found.kind),
            "tag": DUE_TAG_CLASSES[page.status],
            "may_review": has_permission(request.user, Permission.REVIEW_FOSTER_CARERS)
            and found.is_approved,
            "may_manage": has_permission(request.user, Permission.MANAGE_FOSTERING)
            and found.is_approved,
            "may_open_children": has_permission(request.user, Permission.VIEW_CHILD),
        },
    )


@require_permission(Permission.REVIEW_FOSTER_CARERS)
def record_review(request: HttpRequest, household_id: int) -> HttpResponse:
    found = _household(household_id)
    today = timezone.localdate()
    officer = queries.reviewing_officer_of(request.user)
    form = forms.CarerReviewForm(
        request.POST if request.method == "POST" else None,
        officers=queries.officers_in_post(today),
        officer=officer or found.reviewing_officer,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            review = actions.record_carer_review(
                actor=request.user,
                household=found,
                held=data["held"],
                chair=data["chair"],
                carers_views=data["carers_views"],
                childrens_views=data["childrens_views"],
                recommendation=data["recommendation"],
                panel_date=data["panel_date"],
                decision_date=data["decision_date"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            found.refresh_from_db()
            then = (
                f"Next review due by {long_date(found.next_review_due)}."
                if found.next_review_due
                else "No further review is due."
            )
            messages.success(request, f"Review on {long_date(review.held)} recorded. {then}")
            return redirect("household", found.pk)
    return render(
        request,
        "fostering/record_review.html",
        {
            "household": found,
            "form": form,
            "first": not found.reviews.exists(),
            "views": queries.views_for_next_review(request.user, found),
        },
    )


@require_permission(Permission.REVIEW_FOSTER_CARERS)
def record_change(request: HttpRequest, household_id: int) -> HttpResponse:
    found = _household(household_id)
    form = forms.ChangeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.record_change_of_circumstances(
                actor=request.user, household=found, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            found.refresh_from_db()
            messages.success(
                request,
                "Change of circumstances recorded. Next review due by "
                f"{long_date(found.next_review_due)}."
                if found.next_review_due
                else "Change of circumstances recorded.",
            )
            return redirect("household", found.pk)
    return render(request, "fostering/record_change.html", {"household": found, "form": form})


@require_permission(Permission.MANAGE_FOSTERING)
def approve(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = forms.HouseholdForm(
        request.POST if request.method == "POST" else None,
        officers=queries.officers_in_post(today),
    )
    if form.is_valid():
        try:
            found = actions.approve_household(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                f"{found.name} approved. First review due by {long_date(found.next_review_due)}."
                if found.next_review_due
                else f"{found.name} approved.",
            )
            return redirect("household", found.pk)
    return render(request, "fostering/approve.html", {"form": form})


@require_permission(Permission.MANAGE_FOSTERING)
def deregister(request: HttpRequest, household_id: int) -> HttpResponse:
    found = _household(household_id)
    form = forms.DeregisterForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.deregister_household(actor=request.user, household=found, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, f"{found.name} deregistered. No further review is due.")
            return redirect("household", found.pk)
    return render(request, "fostering/deregister.html", {"household": found, "form": form})


@require_permission(Permission.MANAGE_FOSTERING)
def allocate_officer(request: HttpRequest, household_id: int) -> HttpResponse:
    found = _household(household_id)
    today = timezone.localdate()
    form = forms.OfficerForm(
        request.POST if request.method == "POST" else None,
        officers=queries.officers_in_post(today),
        initial={"officer": found.reviewing_officer_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.allocate_reviewing_officer(
                actor=request.user, household=found, officer=form.cleaned_data["officer"]
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            officer = form.cleaned_data["officer"]
            messages.success(
                request,
                f"{officer} reviews {found.name}."
                if officer
                else f"{found.name} has no reviewing officer.",
            )
            return redirect("household", found.pk)
    return render(request, "fostering/allocate_officer.html", {"household": found, "form": form})


@require_permission(Permission.MANAGE_FOSTERING)
def place_child(request: HttpRequest, household_id: int) -> HttpResponse:
    found = _household(household_id)
    form = forms.PlaceChildForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        identifier = form.cleaned_data["identifier"].strip()
        # Only a child the person may see can be placed by them (children/access.py).
        child = visible_children(request.user).filter(identifier__iexact=identifier).first()
        if child is None:
            form.add_error(
                "identifier", f"No child in the register has the identifier {identifier}"
            )
        else:
            try:
                actions.place_child(
                    actor=request.user,
                    household=found,
                    child=child,
                    start=form.cleaned_data["start"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(
                    request,
                    f"{child.full_name} placed with {found.name} from "
                    f"{long_date(form.cleaned_data['start'])}.",
                )
                return redirect("household", found.pk)
    return render(request, "fostering/place_child.html", {"household": found, "form": form})


@require_permission(Permission.VIEW_FOSTERING)
def caseloads(request: HttpRequest) -> HttpResponse:
    """Each reviewing officer's households against the target per FTE, and how many
    officers the approved households need."""
    today = timezone.localdate()
    found = queries.caseloads(today)
    return render(
        request,
        "fostering/caseloads.html",
        {"caseloads": found, "today": today, "fte_needed": f"{found.fte_needed:.1f}"},
    )


@require_permission(Permission.RECORD_REVIEW)
def placement_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's IRO records their view of the child's foster placement, for the carers'
    next review."""
    child = open_child_record(request.user, child_id, purpose="recording a view of a placement")
    placements = queries.placements_of_child(child.pk).filter(end__isnull=True)
    form = forms.PlacementViewForm(
        request.POST if request.method == "POST" else None,
        placements=placements,
        initial={"recorded": timezone.localdate()},
    )
    if form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        iro = current_iro(child)
        mine = getattr(request.user, "iro", None)
        try:
            actions.record_placement_view(
                actor=request.user,
                placement=data["placement"],
                recorded=data["recorded"],
                iro=mine or iro,
                meets_needs=data["meets_needs"],
                view=data["view"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                f"Your view of {child.first_name}'s placement with "
                f"{data['placement'].household.name} is recorded for the carers' next review.",
            )
            return redirect("child", child.pk)
    return render(
        request,
        "fostering/placement_view.html",
        {"child": child, "form": form, "has_placements": placements.exists()},
    )
