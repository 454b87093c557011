from __future__ import annotations

from django import forms

from irohub.core.forms import DateField
from irohub.records.immigration import APPLICATION_KINDS, NEEDS, OUTCOMES


class NationalityForm(forms.Form):
    nationality = forms.CharField(
        label="Nationality (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "The nationality must be 100 characters or fewer"},
    )
    needs = forms.ChoiceField(
        label="Immigration status",
        choices=list(NEEDS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the child needs immigration status",
            "invalid_choice": "Select an answer from the list",
        },
    )


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Application",
        choices=list(APPLICATION_KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of application",
            "invalid_choice": "Select the kind of application from the list",
        },
    )
    made = DateField(label="Date made")


class DecisionForm(forms.Form):
    application = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the application", "invalid": "Choose the application"},
    )
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[(k, v) for k, v in OUTCOMES.items() if k != "pending"],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the decision",
            "invalid_choice": "Select the decision from the list",
        },
    )
    decided = DateField(label="Date decided")
