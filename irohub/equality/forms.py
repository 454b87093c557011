from __future__ import annotations

from django import forms

from irohub.records.codes import ETHNICITY
from irohub.records.equality import GENDERS


class DeclarationForm(forms.Form):
    ethnicity = forms.ChoiceField(
        label="Your ethnic group (optional)",
        required=False,
        choices=[("", "I would rather not answer"), *ETHNICITY.items()],
        error_messages={"invalid_choice": "Select an ethnic group from the list"},
    )
    gender = forms.ChoiceField(
        label="How you describe your gender (optional)",
        required=False,
        choices=[("", "I would rather not answer"), *GENDERS.items()],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select an answer from the list"},
    )
