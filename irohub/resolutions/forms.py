"""Forms for the moves of a challenge, in the GOV.UK patterns. The rules core decides
whether a move is allowed; the forms check only what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from irohub.core.forms import DateField
from irohub.resolutions.models import OUTCOME_CHOICES, PracticeTheme
from irohub.resolutions.rules import resolution_rules
from irohub.statutory.resolution import Stage


def _day(label: str) -> DateField:
    return DateField(label=label, help_text="For example, 27 3 2026")


def _text(label: str, message: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": message},
    )


class ThemeField(forms.ModelMultipleChoiceField):
    """The council's active themes; a number that is no theme is refused by name before it
    reaches the database (a huge one would overflow its integer column)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Practice themes")
        super().__init__(
            queryset=PracticeTheme.objects.filter(active=True),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": "%(value)s is not one of the practice themes"},
            **kwargs,
        )

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not (str(pk).isascii() and str(pk).isdigit()) or int(pk) >= 2**31:
                raise forms.ValidationError(
                    f"{str(pk)[:20]} is not one of the practice themes", code="invalid_choice"
                )
        return super()._check_values(value)


class OpenChallengeForm(forms.Form):
    day = _day("Date the challenge was raised")
    stage = forms.TypedChoiceField(
        label="Stage",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage the challenge starts at"},
    )
    issue = _text("What is the challenge about", "Enter what the challenge is about")
    themes = ThemeField()
    skip_reason = forms.CharField(
        label="Why the child's welfare needs a later stage (if you skip stages)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = resolution_rules()
        self.fields["stage"].choices = [(int(s), rules.name(s)) for s in Stage]
        self.fields["day"].initial = timezone.localdate()


class RespondForm(forms.Form):
    day = _day("Date of the response")
    response = _text("The response", "Enter the response", "What the service will do, and by when")


class EscalateForm(forms.Form):
    day = _day("Date escalated")
    to = forms.TypedChoiceField(
        label="Escalate to",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage to escalate to"},
    )
    reason = _text("Why you are escalating", "Enter why you are escalating the challenge")
    skip_reason = forms.CharField(
        label="Why the child's welfare needs this stage (if you skip a stage)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, current: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = resolution_rules()
        self.fields["to"].choices = [(int(s), rules.name(s)) for s in Stage if s > current]


class CloseForm(forms.Form):
    day = _day("Date closed")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    agreed_action = _text("The agreed action", "Enter the agreed action (or why none was agreed)")


class CafcassForm(forms.Form):
    day = _day("Date referred to Cafcass")
    reason = _text("Why you are referring to Cafcass", "Enter why you are referring to Cafcass")


MOVE_FORMS: dict[str, type[forms.Form]] = {
    "respond": RespondForm,
    "escalate": EscalateForm,
    "close": CloseForm,
    "cafcass": CafcassForm,
}
