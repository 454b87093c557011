"""Child protection pages: the child's cases and conferences, starting a case, recording a
conference, ending a plan. Each view parses, calls one action, renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.children.queries import open_child_record
from irohub.conferences import actions, queries
from irohub.conferences.forms import EndPlanForm, RecordConferenceForm, StartProtectionForm
from irohub.core.formatting import long_date
from irohub.core.forms import show_on_form
from irohub.statutory.conferences import ConferenceStart, conference_kind


@require_permission(Permission.VIEW_CHILD)
def child_protection(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="viewing child protection")
    cases = queries.child_protection(child, today=timezone.localdate())
    may_record = has_permission(request.user, Permission.RECORD_CONFERENCE)
    return render(
        request,
        "conferences/child_protection.html",
        {
            "child": child,
            "cases": cases,
            "open": cases[0] if cases and cases[0].case.ended is None else None,
            "may_record": may_record,
        },
    )


@require_permission(Permission.RECORD_CONFERENCE)
def start_protection(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="starting child protection")
    existing = queries.open_case(child)
    form = StartProtectionForm(
        request.POST if request.method == "POST" else None, child=child, user=request.user
    )
    if existing is None and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.start_protection(
                actor=request.user,
                child=child,
                begins=data["begins"],
                start=data["start"],
                s47_start=data["s47_start"],
                expected_delivery=data["expected_delivery"],
                chair=data["chair"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            kind = conference_kind(1, ConferenceStart(case.begins))
            due = case.next_conference_due
            then = f" The {kind} conference is due by {long_date(due)}." if due else ""
            messages.success(request, f"Child protection started.{then}")
            return redirect("child_protection", child.pk)
    return render(
        request,
        "conferences/start.html",
        {"child": child, "form": form, "existing": existing},
    )


@require_permission(Permission.RECORD_CONFERENCE)
def record_conference(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="recording a conference")
    case = queries.open_case(child)
    if case is None:
        return render(request, "conferences/no_open_case.html", {"child": child})
    form = RecordConferenceForm(
        request.POST if request.method == "POST" else None, case=case, user=request.user
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            conference = actions.record_conference(
                actor=request.user,
                case=case,
                held=data["held"],
                chair=data["chair"],
                participation=data["participation"],
                decision=data["decision"],
                category=data["category"],
                attendance=data["attendance"],
                quorate=data["quorate"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            due = queries.next_conference_due(child)
            then = (
                f"Next review conference due by {long_date(due)}."
                if due
                else "No further conference is due: the case has ended."
            )
            messages.success(
                request, f"Conference on {long_date(conference.held)} recorded. {then}"
            )
            return redirect("child_protection", child.pk)
    return render(
        request,
        "conferences/record_conference.html",
        {"child": child, "case": case, "form": form},
    )


@require_permission(Permission.RECORD_CONFERENCE)
def end_plan(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="ending a child protection plan")
    case = queries.open_case(child)
    if case is None:
        return render(request, "conferences/no_open_case.html", {"child": child})
    form = EndPlanForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.end_plan(
                actor=request.user,
                case=case,
                ended=form.cleaned_data["ended"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "The child protection plan has ended.")
            return redirect("child_protection", child.pk)
    return render(
        request, "conferences/end_plan.html", {"child": child, "case": case, "form": form}
    )
