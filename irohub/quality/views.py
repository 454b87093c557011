"""Rating a review's quality: its own page after the review is recorded (linked from the
review on the child's record), and a recognition of good practice from a rating."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.children.queries import open_child_record
from irohub.core.forms import show_on_form
from irohub.quality import actions
from irohub.quality.forms import RatingForm, RecognitionForm
from irohub.quality.labels import rating_labels
from irohub.quality.models import PLAN_CHECKS, QualityRating
from irohub.reviews.models import Review


@require_permission(
    Permission.RATE_REVIEW, Permission.VIEW_CHALLENGES, Permission.RESPOND_TO_CHALLENGE
)
def rate_review(request: HttpRequest, review_id: int) -> HttpResponse:
    """The IRO's quality rating of a review: the form until it is rated, then the rating
    (the feedback the social worker's team manager reads) and a recognition form."""
    try:
        review = Review.objects.select_related("child").get(pk=review_id)
    except Review.DoesNotExist:
        raise Http404("No review with that number") from None
    child = open_child_record(request.user, review.child_id, purpose="a review's quality rating")
    rating = (
        QualityRating.objects.filter(review=review)
        .prefetch_related("themes", "recognitions", "review__challenges")
        .first()
    )
    may_rate = has_permission(request.user, Permission.RATE_REVIEW)
    form = recognition = None
    if rating is None and may_rate:
        form = RatingForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rating, challenge = actions.rate_review(
                    actor=request.user,
                    review=review,
                    rated_on=data["rated_on"],
                    care_planning=data["care_planning"],
                    preparation=data["preparation"],
                    social_work_report=data["social_work_report"],
                    care_plan_up_to_date=data["care_plan_up_to_date"],
                    plans={key: data[key] for key in PLAN_CHECKS},
                    themes=data["themes"],
                    feedback=data["feedback"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                if challenge is not None:
                    messages.success(request, "Rating saved. An informal challenge is open.")
                    return redirect("challenge", challenge.pk)
                messages.success(request, "Rating saved.")
                return redirect("rate_review", review.pk)
    elif rating is not None and may_rate:
        recognition = RecognitionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and recognition.is_valid():
            data = recognition.cleaned_data
            try:
                actions.send_recognition(
                    actor=request.user,
                    rating=rating,
                    sent_on=data["sent_on"],
                    recognised=data["recognised"],
                    note=data["note"],
                )
            except ValidationError as error:
                show_on_form(recognition, error)
            else:
                messages.success(request, "Recognition sent.")
                return redirect("rate_review", review.pk)
    labels = rating_labels()
    shown = None
    if rating is not None:
        shown = {
            "ratings": [
                ("Care planning", labels[rating.care_planning], rating.care_planning),
                ("Preparation for the review", labels[rating.preparation], rating.preparation),
                (
                    "The social worker's report",
                    labels[rating.social_work_report],
                    rating.social_work_report,
                ),
            ],
            "plans": [
                (label, getattr(rating, f"get_{key}_display")())
                for key, label in PLAN_CHECKS.items()
            ],
        }
    return render(
        request,
        "quality/rate.html",
        {
            "child": child,
            "review": review,
            "rating": rating,
            "shown": shown,
            "form": form,
            "recognition": recognition,
            "may_rate": may_rate,
        },
    )
