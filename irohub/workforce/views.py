"""The workforce page (the establishment, staff in post, vacancies, agency and interim
staff and absence, today and by month) and the forms that record posts, terms and
absences. Parse, call one action, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.core.formatting import long_date
from irohub.core.forms import show_on_form
from irohub.records.workforce import ABSENCE_REASONS, BASES, ROLES
from irohub.workforce import actions, forms, queries
from irohub.workforce.models import Absence, Post


@require_permission(Permission.MANAGE_WORKFORCE, Permission.VIEW_ALL_TEAMS)
def workforce(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "workforce/workforce.html",
        {
            "today": today,
            "overview": queries.overview(today),
            "posts": queries.posts(),
            "terms": queries.terms()[:50],
            "absences": queries.absences()[:50],
            "roles": ROLES,
            "bases": BASES,
            "reasons": ABSENCE_REASONS,
            "may_manage": has_permission(request.user, Permission.MANAGE_WORKFORCE),
        },
    )


def _form_view(
    request: HttpRequest,
    form: Any,
    act: Callable[..., Any],
    done: Callable[[Any], str],
    template: str,
    **context: Any,
) -> HttpResponse:
    if form.is_valid():
        try:
            made = act(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, done(made))
            return redirect("workforce")
    return render(request, template, {"form": form, **context})


@require_permission(Permission.MANAGE_WORKFORCE)
def add_post(request: HttpRequest) -> HttpResponse:
    form = forms.PostForm(request.POST if request.method == "POST" else None)
    return _form_view(
        request,
        form,
        actions.add_post,
        lambda post: f"Post added: {post}, from {long_date(post.start_date)}.",
        "workforce/add_post.html",
    )


@require_permission(Permission.MANAGE_WORKFORCE)
def end_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("team"), pk=post_id)
    form = forms.EndForm(request.POST if request.method == "POST" else None)
    return _form_view(
        request,
        form,
        lambda **kw: actions.end_post(post=post, **kw),
        lambda ended: f"{ended} ends on {long_date(ended.end_date)}.",
        "workforce/end.html",
        heading="End a post",
        what=str(post),
    )


@require_permission(Permission.MANAGE_WORKFORCE)
def record_terms(request: HttpRequest) -> HttpResponse:
    form = forms.TermsForm(
        request.POST if request.method == "POST" else None,
        people=queries.people(timezone.localdate()),
    )
    return _form_view(
        request,
        form,
        actions.record_terms,
        lambda terms: f"Terms recorded: {terms}.",
        "workforce/record_terms.html",
    )


@require_permission(Permission.MANAGE_WORKFORCE)
def record_absence(request: HttpRequest) -> HttpResponse:
    form = forms.AbsenceForm(
        request.POST if request.method == "POST" else None,
        people=queries.people(timezone.localdate()),
    )
    return _form_view(
        request,
        form,
        actions.record_absence,
        lambda absence: f"Absence recorded: {absence}.",
        "workforce/record_absence.html",
    )


@require_permission(Permission.MANAGE_WORKFORCE)
def end_absence(request: HttpRequest, absence_id: int) -> HttpResponse:
    absence = get_object_or_404(
        Absence.objects.select_related("iro__user", "reviewing_officer__user"), pk=absence_id
    )
    form = forms.EndForm(request.POST if request.method == "POST" else None)
    return _form_view(
        request,
        form,
        lambda **kw: actions.end_absence(absence=absence, **kw),
        lambda ended: f"{ended.person}'s absence ends on {long_date(ended.end_date)}.",
        "workforce/end.html",
        heading="Record the end of an absence",
        what=str(absence),
    )
