from __future__ import annotations

from django import forms

from irohub.core.forms import DateField
from irohub.records.advocacy import OUTCOMES, REASONS


class ReferralForm(forms.Form):
    referred = DateField(label="Date referred")
    reason = forms.ChoiceField(
        label="Reason for the referral",
        choices=list(REASONS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the reason for the referral",
            "invalid_choice": "Select a reason from the list",
        },
    )


class OutcomeForm(forms.Form):
    referral = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the referral to close",
            "invalid": "Choose the referral to close",
        },
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(k, v) for k, v in OUTCOMES.items() if k != "open"],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what came of the referral",
            "invalid_choice": "Select an outcome from the list",
        },
    )
    closed = DateField(label="Date closed")
