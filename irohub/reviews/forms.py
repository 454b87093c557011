"""The form for recording a review, in the GOV.UK patterns."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.children.queries import current_iro
from irohub.core.formatting import long_date
from irohub.core.forms import DateField
from irohub.records import codes
from irohub.reviews.actions import participation_error
from irohub.reviews.models import ATTENDEES


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: IRO) -> str:
        return f"{obj} ({obj.team})"


def iros_in_post(today: date) -> Any:
    return (
        IRO.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name")
    )


class RecordReviewForm(forms.Form):
    held = DateField(
        label="Date the review was held",
        help_text="If the review was held over several meetings, the date of the last one. "
        "For example, 27 3 2025",
        error_messages={"required": "Enter the date the review was held"},
    )
    participation = forms.ChoiceField(
        label="How the child took part (participation)",
        choices=codes.choices(codes.PARTICIPATION),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the child took part in the review"},
    )
    chair = ChairField(
        label="Who chaired the review",
        queryset=IRO.objects.none(),
        empty_label="Select the IRO who chaired",
        error_messages={
            "required": "Select the IRO who chaired the review",
            "invalid_choice": "Select an IRO in post from the list",
        },
    )
    attendance = forms.MultipleChoiceField(
        label="Who attended",
        help_text="Select everyone who took part, in person or remotely. The IRO who chaired "
        "is not listed.",
        choices=list(ATTENDEES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select who attended from the list"},
    )

    def __init__(self, *args: Any, child: Child, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        today = timezone.localdate()
        chairs = iros_in_post(today)
        self.fields["chair"].queryset = chairs
        if not self.is_bound:
            # The signed-in IRO usually chaired the review; failing that, the child's own IRO.
            mine = chairs.filter(user=user).first() if user.is_authenticated else None
            self.fields["chair"].initial = mine or current_iro(child)
        self.fields["participation"].help_text = (
            f"{child.first_name} was born on {long_date(child.date_of_birth)}. Use PN0 only for "
            "a child under 4 on the day of the review, and PN1 to PN7 for a child aged 4 or over."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        held, participation = cleaned.get("held"), cleaned.get("participation")
        if held and participation:
            message = participation_error(self.child, held, participation)
            if message:
                self.add_error("participation", message)
        return cleaned
