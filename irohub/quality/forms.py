"""The quality assurance form after a review, and a recognition of good practice."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from irohub.core.forms import DateField
from irohub.quality.labels import rating_choices
from irohub.quality.models import PLAN_CHECKS, InDate
from irohub.resolutions.forms import ThemeField


def _rating(label: str, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        error_messages={"required": f"Select a rating for {what}"},
    )


class RatingForm(forms.Form):
    rated_on = DateField(label="Date of the rating", help_text="For example, 27 3 2026")
    care_planning = _rating("Care planning (amber or red opens a challenge)", "the care planning")
    preparation = _rating("Preparation for the review", "the preparation for the review")
    social_work_report = _rating("The social worker's report", "the social worker's report")
    care_plan_up_to_date = forms.TypedChoiceField(
        label="Is the care plan up to date?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the care plan is up to date"},
    )
    themes = ThemeField()
    feedback = forms.CharField(
        label="Feedback for the social worker and their team manager",
        help_text="Required for amber or red: it becomes the challenge's issue",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("care_planning", "preparation", "social_work_report"):
            self.fields[name].choices = rating_choices()
        for key, label in PLAN_CHECKS.items():
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=InDate.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether the {label.lower()} is in date"},
            )
        self.fields["rated_on"].initial = timezone.localdate()
        # The plans after the care plan question, themes and feedback last.
        order = [
            "rated_on",
            "care_planning",
            "preparation",
            "social_work_report",
            "care_plan_up_to_date",
            *PLAN_CHECKS,
            "themes",
            "feedback",
        ]
        self.order_fields(order)


class RecognitionForm(forms.Form):
    sent_on = DateField(label="Date sent", help_text="For example, 27 3 2026")
    recognised = forms.CharField(
        label="Who is recognised",
        max_length=150,
        error_messages={"required": "Enter who is recognised"},
    )
    note = forms.CharField(
        label="The good practice seen",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the good practice seen"},
    )
