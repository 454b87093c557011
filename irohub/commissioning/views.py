"""Commissioned services: the IRO's feedback after a review (beside the quality rating),
and the commissioning team's view by provider."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.queries import open_child_record
from irohub.commissioning import actions, queries
from irohub.commissioning.forms import ProviderFeedbackForm
from irohub.commissioning.models import Provider, ServiceKind
from irohub.core.forms import show_on_form
from irohub.quality.labels import rating_labels
from irohub.quality.models import Rating
from irohub.reviews.models import Review


@require_permission(Permission.RATE_REVIEW, Permission.VIEW_CHALLENGES)
def review_services(request: HttpRequest, review_id: int) -> HttpResponse:
    """After a review: the IRO rates the services the child had."""
    review = Review.objects.filter(pk=review_id).select_related("child").first()
    if review is None:
        raise Http404("No review with that number")
    child = open_child_record(request.user, review.child_id, purpose="rating services")
    may_rate = has_permission(request.user, Permission.RATE_REVIEW)
    form = ProviderFeedbackForm() if may_rate else None
    if request.method == "POST" and may_rate:
        form = ProviderFeedbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = actions.rate_provider(
                    actor=request.user,
                    review=review,
                    provider=data["provider"],
                    rating=data["rating"],
                    comment=data["comment"],
                    rated_on=data["rated_on"],
                    open_challenge=data["open_challenge"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                if feedback.challenge_id:
                    messages.success(request, "Rating saved. An informal challenge is open.")
                    return redirect("challenge", feedback.challenge_id)
                messages.success(request, f"{feedback.provider} rated")
                return redirect("review_services", review.pk)
    return render(
        request,
        "commissioning/review_services.html",
        {
            "child": child,
            "review": review,
            "feedback": queries.feedback_of_review(review),
            "labels": rating_labels(),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_permission(Permission.VIEW_COMMISSIONED_SERVICES)
def providers(request: HttpRequest) -> HttpResponse:
    """Every commissioned service with the IROs' ratings, reds first."""
    kind = request.GET.get("service", "")
    problem = ""
    if kind and kind not in ServiceKind.values:
        problem = "There is no such kind of service: showing every service"
        kind = ""
    return render(
        request,
        "commissioning/providers.html",
        {
            "rows": queries.by_provider(kind or None),
            "kinds": ServiceKind.choices,
            "kind": kind,
            "problem": problem,
            "ratings": [(key, rating_labels()[key]) for key in Rating.values],
        },
    )


@require_permission(Permission.VIEW_COMMISSIONED_SERVICES)
def provider(request: HttpRequest, provider_id: int) -> HttpResponse:
    """One provider's feedback from IROs: date, rating, comment, IRO, any challenge."""
    found = Provider.objects.filter(pk=provider_id).first()
    if found is None:
        raise Http404("No such provider")
    rows, left_out = queries.feedback_on(request.user, found)
    record_event(
        actor=request.user,
        action=EventType.PROVIDERS_LISTED,
        target=found,
        rows=len(rows),
        left_out=left_out,
    )
    return render(
        request,
        "commissioning/provider.html",
        {"provider": found, "rows": rows, "left_out": left_out, "labels": rating_labels()},
    )
