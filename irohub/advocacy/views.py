"""A child's advocacy referrals: list, record one, record its outcome."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.advocacy import actions
from irohub.advocacy.forms import OutcomeForm, ReferralForm
from irohub.children.queries import open_child_record
from irohub.core.forms import show_on_form


@require_permission(Permission.VIEW_CHILD)
def referrals(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="advocacy")
    may_record = has_permission(request.user, Permission.RECORD_REVIEW)
    if request.method == "POST" and not may_record:
        raise PermissionDenied("Your role does not allow you to record advocacy referrals.")
    form = ReferralForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.record_referral(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Referral recorded.")
            return redirect("advocacy", child.pk)
    return render(
        request,
        "advocacy/referrals.html",
        {
            "child": child,
            "referrals": list(child.advocacy_referrals.all()),
            "form": form,
            "may_record": may_record,
        },
    )


@require_permission(Permission.RECORD_REVIEW)
def outcome(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="advocacy")
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"referral": request.GET.get("referral", "")},
    )
    open_referrals = child.advocacy_referrals.filter(outcome="open")
    if form.is_valid():
        referral = open_referrals.filter(pk=form.cleaned_data["referral"]).first()
        if referral is None:
            form.add_error(None, "Choose one of this child's open referrals to close")
        else:
            try:
                actions.record_outcome(
                    actor=request.user,
                    referral=referral,
                    outcome=form.cleaned_data["outcome"],
                    closed=form.cleaned_data["closed"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Outcome recorded.")
                return redirect("advocacy", child.pk)
    return render(
        request,
        "advocacy/outcome.html",
        {"child": child, "form": form, "open_referrals": list(open_referrals)},
    )
