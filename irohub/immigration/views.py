"""A child's nationality and immigration applications; the IRO's list of children whose
application is pending or not made."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.audit.actions import record_event
from irohub.audit.events import EventType, Target
from irohub.children.queries import open_child_record
from irohub.core.forms import show_on_form
from irohub.immigration import actions
from irohub.immigration.forms import ApplicationForm, DecisionForm, NationalityForm
from irohub.immigration.queries import children_to_raise
from irohub.records.immigration import ApplicationRecord, attention

PURPOSE = "immigration status"


@require_permission(Permission.VIEW_CHILD)
def child_status(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose=PURPOSE)
    may_record = has_permission(request.user, Permission.RECORD_REVIEW)
    record = getattr(child, "nationality", None)
    initial = {"nationality": record.nationality, "needs": record.needs} if record else {}
    posted = request.method == "POST"
    if posted and not may_record:
        raise PermissionDenied("Your role does not allow you to record immigration status.")
    # Two forms on the page: the button pressed says which was sent (the first otherwise).
    which = request.POST.get("form") if posted else None
    nationality_form = NationalityForm(
        request.POST if posted and which != "application" else None, initial=initial
    )
    application_form = ApplicationForm(request.POST if which == "application" else None)
    if nationality_form.is_bound and nationality_form.is_valid():
        try:
            actions.record_nationality(
                actor=request.user, child=child, **nationality_form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(nationality_form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("immigration", child.pk)
    elif application_form.is_bound and application_form.is_valid():
        try:
            actions.record_application(
                actor=request.user, child=child, **application_form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(application_form, error)
        else:
            messages.success(request, "Application recorded.")
            return redirect("immigration", child.pk)
    applications = list(child.immigration_applications.all())
    reason = attention(
        record.needs if record else "unknown",
        [ApplicationRecord(a.kind, a.made, a.outcome, a.decided) for a in applications],
        uasc=child.uasc,
    )
    return render(
        request,
        "immigration/child.html",
        {
            "child": child,
            "record": record,
            "applications": applications,
            "reason": reason,
            "form": nationality_form,
            "application_form": application_form,
            "may_record": may_record,
        },
    )


@require_permission(Permission.RECORD_REVIEW)
def decision(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose=PURPOSE)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"application": request.GET.get("application", "")},
    )
    pending = child.immigration_applications.filter(outcome="pending")
    if form.is_valid():
        application = pending.filter(pk=form.cleaned_data["application"]).first()
        if application is None:
            form.add_error(None, "Choose one of this child's applications waiting for a decision")
        else:
            try:
                actions.record_decision(
                    actor=request.user,
                    application=application,
                    outcome=form.cleaned_data["outcome"],
                    decided=form.cleaned_data["decided"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Decision recorded.")
                return redirect("immigration", child.pk)
    return render(
        request,
        "immigration/decision.html",
        {"child": child, "form": form, "pending": list(pending)},
    )


@require_permission(Permission.VIEW_OWN_CASELOAD, Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS)
def to_raise(request: HttpRequest) -> HttpResponse:
    """Children in care whose immigration application is pending or not made: the IRO's own
    caseload, or every child for managers and auditors."""
    listed, own = children_to_raise(request.user)
    record_event(
        actor=request.user,
        action=EventType.IMMIGRATION_LISTED,
        target=Target("immigration.to_raise", "caseload" if own else "all"),
        shown=len(listed),
    )
    return render(request, "immigration/to_raise.html", {"listed": listed, "own": own})
