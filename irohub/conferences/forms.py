"""The forms of child protection, in the GOV.UK patterns: each checks what it can, and the
action (irohub.conferences.actions) decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.children.participation import participation_error
from irohub.conferences.models import CONFERENCE_ATTENDEES, ProtectionCase
from irohub.conferences.queries import chair_for, chairs_in_post
from irohub.core.formatting import long_date
from irohub.core.forms import DateField
from irohub.records import codes


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: IRO) -> str:
        return f"{obj} ({obj.team})"


def _chair_field(label: str) -> ChairField:
    return ChairField(
        label=label,
        queryset=IRO.objects.none(),
        empty_label="Select an IRO",
        error_messages={
            "required": "Select the IRO who chairs",
            "invalid_choice": "Select an IRO in post from the list",
        },
    )


def _with_chairs(form: forms.Form, user: Any, initial: IRO | None) -> None:
    chairs = chairs_in_post(timezone.localdate())
    form.fields["chair"].queryset = chairs
    if not form.is_bound:
        mine = chair_for(user)
        form.fields["chair"].initial = mine if mine and chairs.filter(pk=mine.pk) else initial


class StartProtectionForm(forms.Form):
    begins = forms.ChoiceField(
        label="What started it",
        choices=list(codes.PROTECTION_START.items()),
        initial="strategy discussion",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what started the child protection enquiry",
            "invalid_choice": "Select what started the child protection enquiry from the list",
        },
    )
    start = DateField(
        label="Date of the strategy discussion or notice",
        help_text="The strategy discussion that started the section 47 enquiry, or the day the "
        "council was told a child on another council's plan had moved here. For example, "
        "19 12 2024",
    )
    s47_start = DateField(
        label="Date the section 47 enquiry started",
        required=False,
        help_text="Leave blank if it started on the day of the strategy discussion",
    )
    expected_delivery = DateField(
        label="Expected date of delivery",
        required=False,
        help_text="Only for an unborn child: the pre-birth conference is timed from it",
    )
    chair = _chair_field("IRO who will chair the conferences")

    def __init__(self, *args: Any, child: Child, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        _with_chairs(self, user, None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        begins, start = cleaned.get("begins"), cleaned.get("start")
        if begins == "strategy discussion" and start and not cleaned.get("s47_start"):
            cleaned["s47_start"] = start  # the usual case: started at the discussion
        return cleaned


QUORATE_CHOICES = [("yes", "Yes"), ("no", "No")]


class RecordConferenceForm(forms.Form):
    held = DateField(
        label="Date the conference was held",
        help_text="For example, 13 1 2025",
        error_messages={"required": "Enter the date the conference was held"},
    )
    decision = forms.ChoiceField(
        label="What the conference decided",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the conference decided",
            "invalid_choice": "Select what the conference decided from the list",
        },
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=[("", "Select a category"), *codes.choices(codes.CATEGORY_OF_ABUSE)],
        required=False,
        error_messages={"invalid_choice": "Select a category of abuse from the list"},
    )
    participation = forms.ChoiceField(
        label="How the child took part (participation)",
        choices=codes.choices(codes.PARTICIPATION),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the child took part in the conference",
            "invalid_choice": "Select how the child took part from the list",
        },
    )
    chair = _chair_field("Who chaired the conference")
    attendance = forms.MultipleChoiceField(
        label="Who attended",
        help_text="Select everyone who took part, in person or remotely. The IRO who chaired "
        "is not listed.",
        choices=list(CONFERENCE_ATTENDEES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select who attended from the list"},
    )
    quorate = forms.ChoiceField(
        label="Was the conference quorate?",
        choices=QUORATE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the conference was quorate",
            "invalid_choice": "Select yes or no for whether the conference was quorate",
        },
    )

    def __init__(self, *args: Any, case: ProtectionCase, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        child = case.child
        first = not case.conferences.exists()
        allowed = codes.FIRST_CONFERENCE_DECISIONS if first else codes.REVIEW_CONFERENCE_DECISIONS
        self.fields["decision"].choices = [
            (key, label) for key, label in codes.CONFERENCE_DECISION.items() if key in allowed
        ]
        self.fields["category"].help_text = (
            "Needed when the conference makes a plan"
            if first
            else "Only if the plan continues under a different category (now "
            f"{case.get_latest_category_display() or 'not recorded'})"
        )
        self.fields["participation"].help_text = (
            f"{child.first_name} was born on {long_date(child.date_of_birth)}. Use PN0 only for "
            "a child under 4 on the day of the conference (or unborn), and PN1 to PN7 for a "
            "child aged 4 or over."
        )
        _with_chairs(self, user, case.chair)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        held, participation = cleaned.get("held"), cleaned.get("participation")
        if held and participation:
            message = participation_error(self.case.child, held, participation)
            if message:
                self.add_error("participation", message)
        if "quorate" in cleaned:
            cleaned["quorate"] = cleaned["quorate"] == "yes"
        return cleaned


class EndPlanForm(forms.Form):
    ended = DateField(label="Date the plan ended", help_text="For example, 20 2 2025")
    reason = forms.ChoiceField(
        label="Why the plan ended",
        choices=[
            (key, label)
            for key, label in codes.PROTECTION_END_REASON.items()
            if key in codes.PLAN_ENDS_WITHOUT_CONFERENCE
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select why the plan ended",
            "invalid_choice": "Select why the plan ended from the list",
        },
    )
