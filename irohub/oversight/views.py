"""Between reviews: a child's IRO contacts and independent visitor offers (for the IRO),
the audit of the IRO's file (for managers), and the list of audits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.allocation.queries import iro_profile
from irohub.audit.actions import record_event
from irohub.audit.events import EventType, Target
from irohub.children.queries import current_iro, open_child_record
from irohub.core.forms import show_on_form
from irohub.oversight import actions
from irohub.oversight.forms import (
    ContactForm,
    FileAuditForm,
    VisitorOfferForm,
    VisitorOutcomeForm,
)
from irohub.oversight.queries import audits_for
from irohub.records.oversight import AUDIT_ANSWERS, AUDIT_QUESTIONS

PURPOSE = "oversight between reviews"


def _may_audit(user: object) -> bool:
    # Team and service managers audit their IROs' files; an auditor reads the audits only.
    return has_permission(user, Permission.VIEW_TEAM)


@require_permission(Permission.VIEW_CHILD)
def between_reviews(request: HttpRequest, child_id: int) -> HttpResponse:
    """The IRO's visits, midway checks and entries, and independent visitor offers; the IRO
    records a contact here."""
    child = open_child_record(request.user, child_id, purpose=PURPOSE)
    may_record = has_permission(request.user, Permission.RECORD_REVIEW)
    posted = request.method == "POST"
    # Two forms on the page: the button pressed says which was sent.
    which = request.POST.get("form") if posted else None
    form = ContactForm(request.POST if posted and which != "offer" else None)
    offer_form = VisitorOfferForm(request.POST if which == "offer" else None)
    if posted and not may_record:
        raise PermissionDenied("Your role does not allow you to record contacts between reviews.")
    if form.is_bound and form.is_valid():
        iro = iro_profile(request.user) or current_iro(child)
        try:
            actions.record_contact(actor=request.user, child=child, iro=iro, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Recorded.")
            return redirect("between_reviews", child.pk)
    elif offer_form.is_bound and offer_form.is_valid():
        try:
            actions.record_visitor_offer(actor=request.user, child=child, **offer_form.cleaned_data)
        except ValidationError as error:
            show_on_form(offer_form, error)
        else:
            messages.success(request, "Independent visitor offer recorded.")
            return redirect("between_reviews", child.pk)
    return render(
        request,
        "oversight/between_reviews.html",
        {
            "child": child,
            "contacts": list(child.iro_contacts.select_related("iro__user")),
            "offers": list(child.visitor_offers.all()),
            "visitors": list(child.people.filter(role="independent_visitor")),
            "audits": list(child.case_file_audits.select_related("iro__user"))
            if _may_audit(request.user) or has_permission(request.user, Permission.VIEW_CHALLENGES)
            else [],
            "form": form,
            "offer_form": offer_form,
            "may_record": may_record,
            "may_audit": _may_audit(request.user),
        },
    )


@require_permission(Permission.RECORD_REVIEW)
def visitor_outcome(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose=PURPOSE)
    form = VisitorOutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"offer": request.GET.get("offer", "")},
    )
    waiting = child.visitor_offers.filter(outcome="waiting")
    if form.is_valid():
        offer = waiting.filter(pk=form.cleaned_data["offer"]).first()
        if offer is None:
            form.add_error(None, "Choose one of this child's offers still waiting")
        else:
            try:
                actions.record_visitor_outcome(
                    actor=request.user,
                    offer=offer,
                    outcome=form.cleaned_data["outcome"],
                    closed=form.cleaned_data["closed"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Outcome recorded.")
                return redirect("between_reviews", child.pk)
    return render(
        request,
        "oversight/visitor_outcome.html",
        {"child": child, "form": form, "waiting": list(waiting)},
    )


@require_permission(Permission.VIEW_TEAM)
def audit_file(request: HttpRequest, child_id: int) -> HttpResponse:
    """A manager audits the IRO's file for the child: questions, grade, findings."""
    child = open_child_record(request.user, child_id, purpose="auditing the IRO's case file")
    iro = current_iro(child)
    form = FileAuditForm(
        request.POST if request.method == "POST" else None,
        initial={"audited": timezone.localdate()},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_file_audit(
                actor=request.user,
                child=child,
                iro=iro,
                audited=data["audited"],
                answers={key: data[key] for key in AUDIT_QUESTIONS},
                grade=data["grade"],
                findings=data["findings"],
                actions=data["actions"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Audit recorded.")
            return redirect("between_reviews", child.pk)
    return render(request, "oversight/audit_file.html", {"child": child, "form": form, "iro": iro})


@require_permission(Permission.VIEW_TEAM, Permission.VIEW_ALL_TEAMS)
def audits(request: HttpRequest) -> HttpResponse:
    """Every audit of an IRO's case file, newest first, with its findings."""
    found = list(audits_for(request.user)[:500])
    # The list names children: who read it is in the trail, as for a figure's drill-down.
    record_event(
        actor=request.user,
        action=EventType.FILE_AUDITS_LISTED,
        target=Target("oversight.file_audits", "all"),
        shown=len(found),
    )
    return render(
        request,
        "oversight/audits.html",
        {
            "audits": found,
            "questions": AUDIT_QUESTIONS,
            "answers": AUDIT_ANSWERS,
        },
    )
