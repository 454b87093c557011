"""The checklist and consultation pages for IROs, and the public consultation form.

The form at /have-your-say/<token>/ is public (no account): the signed, single-use,
expiring token is the only key (irohub.consultation.links), and what it can do is decided
by irohub.consultation.queries.link_state and the submit_answers action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from irohub.accounts.access import has_permission, public, require_permission
from irohub.accounts.roles import Permission
from irohub.children.queries import next_review_due, open_child_record, people_around
from irohub.consultation import actions
from irohub.consultation.forms import AttachViewsForm, ChecklistForm, SendLinkForm
from irohub.consultation.models import ReviewPreparation
from irohub.consultation.queries import (
    checklist,
    link_state,
    links_sent,
    open_preparation,
    preparation_of_review,
    views_shown,
)
from irohub.core.formatting import long_date
from irohub.core.forms import show_on_form
from irohub.records.consultation import FORMS, MANY, SYMBOLS, form_for
from irohub.reviews.models import Review


def _preparation(request: HttpRequest, child: Any) -> ReviewPreparation | None:
    """The checklist of the child's next review, begun on first use."""
    existing = open_preparation(child.pk, next_review_due(child))
    if existing is not None:
        return existing
    try:
        return actions.prepare_review(actor=request.user, child=child)
    except ValidationError:
        return None


@require_permission(Permission.VIEW_CHILD)
def preparation(request: HttpRequest, child_id: int) -> HttpResponse:
    """Before the review: the checklist, links sent and views returned so far."""
    child = open_child_record(request.user, child_id, purpose="preparing a review")
    due = next_review_due(child)
    prep = open_preparation(child.pk, due)
    may_prepare = has_permission(request.user, Permission.RECORD_REVIEW)
    return render(
        request,
        "consultation/preparation.html",
        {
            "child": child,
            "due": due,
            "preparation": prep,
            "items": checklist(prep) if prep else None,
            "links": links_sent(prep) if prep else [],
            "views": views_shown(list(prep.responses.all())) if prep else [],
            "may_prepare": may_prepare and due is not None,
            "people": [
                p for p in people_around(child).current if p.role in actions.PERSON_RESPONDENT
            ],
        },
    )


@require_permission(Permission.RECORD_REVIEW)
def edit_checklist(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="preparing a review")
    prep = _preparation(request, child)
    if prep is None:
        raise Http404(f"{child.first_name} has no review due")
    form = ChecklistForm(
        request.POST if request.method == "POST" else None,
        initial=ChecklistForm.initial_from(prep),
    )
    if form.is_valid():
        try:
            actions.update_checklist(actor=request.user, preparation=prep, **form.values())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Checklist saved.")
            return redirect("review_preparation", child.pk)
    return render(
        request,
        "consultation/checklist_form.html",
        {"child": child, "form": form, "preparation": prep},
    )


def _link_address(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(f"/have-your-say/{token}/")


def _person(child: Any, raw: str | None) -> Any:
    """The parent or carer of this child named by `raw` (an id), if any."""
    if not raw or not raw.isdigit() or len(raw) > 18:
        return None
    return child.people.filter(pk=int(raw), role__in=list(actions.PERSON_RESPONDENT)).first()


def _send(request: HttpRequest, child: Any, prep: ReviewPreparation, back: str) -> HttpResponse:
    after = prep.review_id is not None
    source = request.POST if request.method == "POST" else request.GET
    person = _person(child, source.get("person"))
    initial = {}
    if person is not None:
        respondent = actions.PERSON_RESPONDENT[person.role]
        version = {
            ("parent", False): "parent",
            ("parent", True): "feedback_parent",
            ("carer", False): "carer",
        }.get((respondent, after), "")
        initial = {
            "respondent": respondent,
            "name": person.name,
            "email": person.email,
            "version": version,
        }
    form = SendLinkForm(request.POST if request.method == "POST" else None, initial=initial)
    form.fields["version"].choices = [
        (version.value, f.label) for version, f in FORMS.items() if f.after_review == after
    ]
    if form.is_valid():
        try:
            sent = actions.send_consultation(
                actor=request.user,
                preparation=prep,
                link_base=request.build_absolute_uri("/").rstrip("/"),
                person=person,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return render(
                request,
                "consultation/link_sent.html",
                {
                    "child": child,
                    "sent": sent.request,
                    "address": _link_address(request, sent.token),
                    "back": back,
                },
            )
    return render(
        request,
        "consultation/send_form.html",
        {
            "child": child,
            "form": form,
            "preparation": prep,
            "after": after,
            "back": back,
            "person": person,
        },
    )


@require_permission(Permission.RECORD_REVIEW)
def send_link(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="sending a consultation link")
    prep = _preparation(request, child)
    if prep is None:
        raise Http404(f"{child.first_name} has no review due")
    return _send(request, child, prep, f"/children/{child.pk}/review-preparation/")


def _review_preparation(request: HttpRequest, child: Any, review_id: int) -> tuple[Review, Any]:
    review = Review.objects.filter(pk=review_id, child=child).first()
    if review is None:
        raise Http404("No such review of this child")
    return review, preparation_of_review(review.pk, child.pk)


@require_permission(Permission.RECORD_REVIEW)
def send_feedback_link(request: HttpRequest, child_id: int, review_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="sending a feedback link")
    review, prep = _review_preparation(request, child, review_id)
    if prep is None:
        prep = actions.preparation_for_review(actor=request.user, review=review)
    return _send(request, child, prep, f"/children/{child.pk}/reviews/{review.pk}/views/")


@require_permission(Permission.RECORD_REVIEW)
def attach(request: HttpRequest, child_id: int) -> HttpResponse:
    """Attach views gathered on paper, through an app such as MOMO, or in conversation."""
    child = open_child_record(request.user, child_id, purpose="attaching views")
    prep = _preparation(request, child)
    if prep is None:
        raise Http404(f"{child.first_name} has no review due")
    form = AttachViewsForm(request.POST if request.method == "POST" else None)
    form.fields["version"].choices = [
        (version.value, f.label) for version, f in FORMS.items() if not f.after_review
    ]
    if form.is_valid():
        try:
            actions.attach_views(actor=request.user, preparation=prep, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Views attached to the review.")
            return redirect("review_preparation", child.pk)
    return render(request, "consultation/attach_form.html", {"child": child, "form": form})


@require_permission(Permission.VIEW_CHILD)
def review_views(request: HttpRequest, child_id: int, review_id: int) -> HttpResponse:
    """A review held: how it was prepared and the views gathered before and after it."""
    child = open_child_record(request.user, child_id, purpose="viewed")
    review, prep = _review_preparation(request, child, review_id)
    responses = list(prep.responses.all()) if prep else []
    before = [r for r in responses if not form_for(r.version).after_review]
    after = [r for r in responses if form_for(r.version).after_review]
    return render(
        request,
        "consultation/review_views.html",
        {
            "child": child,
            "review": review,
            "preparation": prep,
            "items": checklist(prep, review.held) if prep else None,
            "before": views_shown(before),
            "after": views_shown(after),
            "may_send": has_permission(request.user, Permission.RECORD_REVIEW),
            "parents": [
                p
                for p in people_around(child).current
                if actions.PERSON_RESPONDENT.get(p.role) == "parent"
            ],
        },
    )


# --- the public form ----------------------------------------------------------------------


def _posted(form: Any, post: Any) -> dict[str, Any]:
    return {
        q.key: (post.getlist(q.key) if q.kind == MANY else post.get(q.key, ""))
        for q in form.questions
    }


def _form_page(
    request: HttpRequest,
    state: Any,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> HttpResponse:
    link = state.request
    form = form_for(link.version)
    questions = [
        {
            "q": q,
            "value": values.get(q.key, [] if q.kind == MANY else ""),
            "error": errors.get(q.key, ""),
            "symbols": form.symbols,
        }
        for q in form.questions
    ]
    return render(
        request,
        "consultation/have_your_say.html",
        {
            "form_def": form,
            "questions": questions,
            "errors": errors,
            "general_error": errors.get("__all__", ""),
            "expired": state.state == "expired",
            "link": link,
            "draft_key": f"irohub-draft-{link.pk}-{link.nonce[:8]}",
            "symbols": SYMBOLS,
            "review_due": long_date(link.preparation.due),
        },
        status=status,
    )


def _refused(
    request: HttpRequest, reason: str, state: Any = None, typed: Any = None
) -> HttpResponse:
    status = {"invalid": 404, "used": 410, "closed": 410}[reason]
    return render(
        request,
        "consultation/link_refused.html",
        {
            "reason": reason,
            "typed": typed or [],
            "draft_key": (
                f"irohub-draft-{state.request.pk}-{state.request.nonce[:8]}"
                if state is not None and state.request is not None
                else ""
            ),
        },
        status=status,
    )


@public
def have_your_say(request: HttpRequest, token: str) -> HttpResponse:
    """The consultation or feedback form behind a link: no account, one answer per link."""
    state = link_state(token)
    if state.state in ("invalid", "used"):
        return _refused(request, state.state, state)
    form = form_for(state.request.version)
    if request.method != "POST":
        if state.state == "closed":
            return _refused(request, "closed", state)
        return _form_page(request, state, {}, {})
    values = _posted(form, request.POST)
    try:
        submitted = actions.submit_answers(token=token, data=values)
    except actions.LinkRefused as refused:
        typed = [
            (q.text, ", ".join(values[q.key]) if q.kind == MANY else values[q.key])
            for q in form.questions
            if values.get(q.key)
        ]
        return _refused(request, refused.reason, state, typed)
    except ValidationError as error:
        problems = {k: " ".join(v) for k, v in error.message_dict.items()}
        return _form_page(request, state, values, problems, status=400)
    return render(
        request,
        "consultation/thanks.html",
        {
            "late": submitted.after_expiry,
            "after_review": form.after_review,
            "draft_key": f"irohub-draft-{state.request.pk}-{state.request.nonce[:8]}",
            "today": timezone.localdate(),
        },
    )
