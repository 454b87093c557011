"""Recording a review: the form checks what it can, the record_review action decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.children.queries import next_review_due, open_child_record
from irohub.reviews import actions
from irohub.reviews.forms import RecordReviewForm


def _show_on_form(form: RecordReviewForm, error: ValidationError) -> None:
    """Put the action's errors beside the fields they are about."""
    by_field = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    for name, problems in by_field.items():
        form.add_error(name if name in form.fields else None, problems)


@require_permission(Permission.RECORD_REVIEW)
def record_review(request: HttpRequest, child_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="recording a review")
    form = RecordReviewForm(
        request.POST if request.method == "POST" else None, child=child, user=request.user
    )
    if form.is_valid():
        try:
            review = actions.record_review(
                actor=request.user,
                child=child,
                held=form.cleaned_data["held"],
                participation=form.cleaned_data["participation"],
                chair=form.cleaned_data["chair"],
                attendance=form.cleaned_data["attendance"],
            )
        except ValidationError as error:
            _show_on_form(form, error)
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
            return redirect("child", child.pk)
    return render(
        request,
        "reviews/record_review.html",
        {"child": child, "form": form, "next_review_due": next_review_due(child)},
    )
