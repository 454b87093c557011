"""The fostering forms, in the GOV.UK patterns. The actions decide; the forms check what
they can and name the field."""

from __future__ import annotations

from typing import Any

from django import forms

from irohub.core.forms import DateField
from irohub.fostering.models import (
    CHANGE_KINDS,
    DEREGISTRATION_REASONS,
    MEETS_NEEDS,
    RECOMMENDATIONS,
    Placement,
    ReviewingOfficer,
    choices,
)
from irohub.records.fostering import HOUSEHOLD_KINDS


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReviewingOfficer) -> str:
        return str(obj)


def _text(label: str, *, max_length: int, required: bool = True, help_text: str = "") -> Any:
    what = label[0].lower() + label[1:]
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Enter {what}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def _long_text(label: str, *, required: bool = True, help_text: str = "") -> Any:
    field = _text(label, max_length=4000, required=required, help_text=help_text)
    field.widget = forms.Textarea(attrs={"rows": 5})
    return field


def _radios(label: str, options: dict[str, str], what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices(options),
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Select {what}",
            "invalid_choice": f"Select {what} from the list",
        },
    )


class HouseholdForm(forms.Form):
    reference = _text("Reference", max_length=20, help_text="The fostering service's own reference")
    name = _text("Household name", max_length=100, help_text="For example, the Patel household")
    carers = _text("Foster carers", max_length=200, help_text="The carers' full names")
    kind = _radios("Kind of household", HOUSEHOLD_KINDS, "the kind of household")
    approved = DateField(
        label="Date of approval",
        help_text="The agency decision-maker's decision. For example, 29 2 2024",
    )
    terms_of_approval = _text(
        "Terms of approval",
        max_length=200,
        required=False,
        help_text="For example, up to 2 children aged 0 to 10",
    )
    reviewing_officer = OfficerField(
        label="Reviewing officer (FIRO)",
        queryset=ReviewingOfficer.objects.none(),
        required=False,
        empty_label="No reviewing officer yet",
        error_messages={"invalid_choice": "Select a reviewing officer in post from the list"},
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewing_officer"].queryset = officers


class OfficerForm(forms.Form):
    officer = OfficerField(
        label="Reviewing officer (FIRO)",
        queryset=ReviewingOfficer.objects.none(),
        required=False,
        empty_label="No reviewing officer",
        error_messages={"invalid_choice": "Select a reviewing officer in post from the list"},
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class CarerReviewForm(forms.Form):
    held = DateField(
        label="Date the review was held",
        help_text="The day of the review meeting. For example, 17 2 2025",
    )
    chair = OfficerField(
        label="Who chaired the review",
        queryset=ReviewingOfficer.objects.none(),
        empty_label="Select the reviewing officer who chaired",
        error_messages={
            "required": "Select the reviewing officer who chaired the review",
            "invalid_choice": "Select a reviewing officer in post from the list",
        },
    )
    carers_views = _long_text("Foster carers' views")
    childrens_views = _long_text(
        "Views of the children placed",
        required=False,
        help_text="Each child's views, as far as their age and understanding allow",
    )
    recommendation = _radios("Recommendation", RECOMMENDATIONS, "the review's recommendation")
    panel_date = DateField(
        label="Date presented to the fostering panel",
        required=False,
        help_text="Required for the first review of an approval. For example, 3 3 2025",
    )
    decision_date = DateField(
        label="Date of the agency decision",
        required=False,
        help_text="Leave blank until the decision-maker has decided",
    )

    def __init__(self, *args: Any, officers: Any, officer: ReviewingOfficer | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = officers
        if not self.is_bound and officer is not None:
            self.fields["chair"].initial = officer.pk


class ChangeForm(forms.Form):
    recorded = DateField(label="Date the change was recorded", help_text="For example, 2 9 2024")
    kind = _radios("What changed", CHANGE_KINDS, "what changed")
    note = _text("Note", max_length=500, required=False, help_text="What happened, briefly")


class DeregisterForm(forms.Form):
    deregistered = DateField(label="Date of deregistration", help_text="For example, 1 8 2024")
    reason = _radios("Reason", DEREGISTRATION_REASONS, "why the household was deregistered")


class PlaceChildForm(forms.Form):
    identifier = _text(
        "Child's identifier",
        max_length=20,
        help_text="The council's identifier for the child in care, for example DC000123",
    )
    start = DateField(label="Date the placement began", help_text="For example, 6 1 2025")


class PlacementViewForm(forms.Form):
    placement = forms.ModelChoiceField(
        label="Placement",
        queryset=Placement.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the foster placement",
            "invalid_choice": "Select one of the child's foster placements",
        },
    )
    recorded = DateField(label="Date of your view", help_text="For example, 27 3 2025")
    meets_needs = _radios(
        "Does the placement meet the child's needs?", MEETS_NEEDS, "whether it meets the needs"
    )
    view = _long_text(
        "Your view of the placement",
        help_text="What the foster carers' next review should hear from the child's IRO",
    )

    def __init__(self, *args: Any, placements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda p: (
            f"{p.household.name} ({p.household.reference}), from {p.start:%d/%m/%Y}"
        )
