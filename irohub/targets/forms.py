from __future__ import annotations

from django import forms

DIRECTIONS = {"higher": "Higher is better", "lower": "Lower is better"}


def _number(label: str, help_text: str, what: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"{what[0].upper()}{what[1:]} must be a number, like 95 or 2.5",
            "max_digits": f"{what[0].upper()}{what[1:]} must be less than 10,000,000",
            "max_whole_digits": f"{what[0].upper()}{what[1:]} must be less than 10,000,000",
            "max_decimal_places": f"{what[0].upper()}{what[1:]} can have at most 2 decimal places",
        },
    )


class TargetForm(forms.Form):
    value = _number("Target", "For a percentage, the percentage: 95 for 95%", "the target")
    amber_margin = _number(
        "Amber margin",
        "How far worse than the target a figure may be and still be amber, not red: 5 for 5 "
        "percentage points. 0 for no amber.",
        "the amber margin",
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=list(DIRECTIONS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether higher or lower is better",
            "invalid_choice": "Select whether higher or lower is better",
        },
    )
