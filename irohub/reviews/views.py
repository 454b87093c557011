"""Recording a review and what follows it: the forms check what they can, the actions
decide. Every page opens the child's record through children.queries.open_child_record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.children.queries import next_review_due, open_child_record
from irohub.core.forms import show_on_form
from irohub.reviews import actions, queries
from irohub.reviews.forms import (
    AfterMeetingForm,
    CompleteActionForm,
    EarlyReviewForm,
    RecordReviewForm,
    ReviewActionForm,
)
from irohub.reviews.models import Review, ReviewAction


@require_permission(Permission.RECORD_REVIEW)
def record_review(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="recording a review")
    form = RecordReviewForm(
        request.POST if request.method == "POST" else None, child=child, user=request.user
    )
    if form.is_valid():
        try:
            review = actions.record_review(
                actor=request.user, child=child, **form.action_arguments()
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            due = next_review_due(child)
            then = (
                f"Next review due by {actions.long_date(due)}."
                if due
                else "No further review is due in this care period."
            )
            messages.success(
                request, f"Review on {actions.long_date(review.held)} recorded. {then}"
            )
            return redirect("review", review.pk)
    return render(
        request,
        "reviews/record_review.html",
        {"child": child, "form": form, "next_review_due": next_review_due(child)},
    )


def _open_review(request: HttpRequest, review_id: int, purpose: str) -> Review:
    """The review, once its child's record is opened (permission, restriction, audit)."""
    child_id = Review.objects.filter(pk=review_id).values_list("child_id", flat=True).first()
    if child_id is None:
        raise Http404("No review with that number")
    child = open_child_record(request.user, child_id, purpose=purpose)
    review = Review.objects.select_related("chair__user").get(pk=review_id)
    review.child = child
    return review


def _review_page(
    request: HttpRequest,
    review: Review,
    *,
    after: AfterMeetingForm | None = None,
    new_action: ReviewActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = queries.review_page(review, timezone.localdate())
    initial = {
        "decisions_circulated": review.decisions_circulated,
        "record_distributed": review.record_distributed,
        "letter_to_child": review.letter_to_child,
        "letter_sent": review.letter_sent,
    }
    return render(
        request,
        "reviews/review.html",
        {
            "child": review.child,
            "review": review,
            "page": page,
            "after": after or AfterMeetingForm(initial=initial),
            "new_action": new_action or ReviewActionForm(owners=queries.action_owners(review)),
        },
        status=status,
    )


@require_permission(Permission.RECORD_REVIEW)
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    """After the meeting: the record's deadlines and dates, the letter to the child, and
    the decisions and actions."""
    review = _open_review(request, review_id, "recording after a review")
    if request.method != "POST":
        return _review_page(request, review)
    form = AfterMeetingForm(request.POST)
    if form.is_valid():
        try:
            actions.record_after_meeting(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "The review's record is saved.")
            return redirect("review", review.pk)
    return _review_page(request, review, after=form)


@require_permission(Permission.RECORD_REVIEW)
@require_POST
def add_action(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _open_review(request, review_id, "adding a review action")
    form = ReviewActionForm(request.POST, owners=queries.action_owners(review))
    if form.is_valid():
        try:
            actions.add_review_action(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Decision and action added.")
            return redirect("review", review.pk)
    return _review_page(request, review, new_action=form)


@require_permission(Permission.RECORD_REVIEW)
def complete_action(request: HttpRequest, review_id: int, action_id: int) -> HttpResponse:
    review = _open_review(request, review_id, "marking a review action done")
    action = ReviewAction.objects.filter(review=review, pk=action_id).first()
    if action is None:
        raise Http404("No such action on this review")
    form = CompleteActionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.complete_review_action(
                actor=request.user, action=action, completed=form.cleaned_data["completed"]
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Action marked done.")
            return redirect("review", review.pk)
    return render(
        request,
        "reviews/complete_action.html",
        {"child": review.child, "review": review, "action": action, "form": form},
    )


@require_permission(Permission.RECORD_REVIEW)
def early_review(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record an early-review trigger (ER-1 to ER-6): the next review moves forward."""
    child = open_child_record(request.user, child_id, purpose="asking for an early review")
    form = EarlyReviewForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            request_ = actions.ask_for_early_review(
                actor=request.user, child=child, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                f"Early review ({request_.trigger}) due by {actions.long_date(request_.due)}. "
                f"Next review due by {actions.long_date(next_review_due(child))}.",
            )
            return redirect("child", child.pk)
    return render(
        request,
        "reviews/early_review.html",
        {"child": child, "form": form, "next_review_due": next_review_due(child)},
    )
