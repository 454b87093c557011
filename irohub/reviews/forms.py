"""The form for recording a review, in the GOV.UK patterns."""

from __future__ import annotations

from datetime import date, timedelta
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
from irohub.records.lifecycle import (
    CHAIRING,
    LATE_REASONS,
    MEETING_FORMATS,
    NON_PARTICIPATION_REASONS,
    PARENT_STATUS,
)
from irohub.reviews.actions import parents_on, participation_error
from irohub.reviews.models import ATTENDEES
from irohub.statutory import EarlyTrigger

YES_NO = [("yes", "Yes"), ("no", "No")]


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

    non_participation_reason = forms.ChoiceField(
        label="If the child did not take part (PN7): why not",
        choices=[("", "Not needed: the child took part"), *NON_PARTICIPATION_REASONS.items()],
        required=False,
    )
    chairing = forms.ChoiceField(
        label="Who chaired the meeting",
        choices=list(CHAIRING.items()),
        widget=forms.RadioSelect,
        initial="iro",
        error_messages={"required": "Select who chaired the meeting"},
    )
    meeting_format = forms.ChoiceField(
        label="How the meeting was held",
        choices=list(MEETING_FORMATS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the meeting was held"},
    )
    interpreter_used = forms.ChoiceField(
        label="Was an interpreter used?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
        error_messages={"required": "Select whether an interpreter was used"},
    )
    adjourned = forms.ChoiceField(
        label="Was the review adjourned?",
        help_text="The IRO may adjourn a review once, for up to 20 working days, when "
        "information is missing",
        choices=[("no", "No"), ("once", "Yes, once"), ("twice", "Yes, more than once")],
        widget=forms.RadioSelect,
        initial="no",
        error_messages={"required": "Select whether the review was adjourned"},
    )
    first_session = DateField(
        label="Date of the first session",
        help_text="Only for an adjourned review. For example, 27 3 2025",
        required=False,
    )
    adjournment_reason = forms.CharField(
        label="Why it was adjourned (optional)", max_length=500, required=False
    )
    late_reason = forms.ChoiceField(
        label="If the review was held after it was due: why",
        help_text="IRO Hub checks the date against the deadline and asks for this only when "
        "the review was late",
        choices=[("", "Not late"), *LATE_REASONS.items()],
        required=False,
    )

    def __init__(self, *args: Any, child: Child, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        today = timezone.localdate()
        # Each parent or person with parental responsibility in the last year gets a status
        # (M-PAR-04); the action checks that everyone who held the role on the day has one.
        self.parents = [
            person
            for person in child.people.exclude(end__lt=today - timedelta(days=366)).order_by(
                "start", "id"
            )
            if person.is_parent or person.parental_responsibility
        ]
        for person in self.parents:
            self.fields[f"parent_{person.pk}"] = forms.ChoiceField(
                label=f"{person.name} ({person.get_role_display().lower()})",
                choices=list(PARENT_STATUS.items()),
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"parent_{person.pk}_reason"] = forms.CharField(
                label=f"If {person.name} was not invited: why",
                max_length=500,
                required=False,
            )
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

    def parent_fields(self) -> list[tuple[Any, Any]]:
        """(status, reason) bound fields of each parent, for the template."""
        return [(self[f"parent_{p.pk}"], self[f"parent_{p.pk}_reason"]) for p in self.parents]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        held, participation = cleaned.get("held"), cleaned.get("participation")
        if held and participation:
            message = participation_error(self.child, held, participation)
            if message:
                self.add_error("participation", message)
        adjourned = cleaned.get("adjourned")
        no_first_session = not cleaned.get("first_session") and "first_session" not in self.errors
        if adjourned in ("once", "twice") and no_first_session:
            self.add_error(
                "first_session", "Enter the date of the first session of the adjourned review"
            )
        if held:
            on_the_day = {p.pk for p in parents_on(self.child, held)}
            for person in self.parents:
                if person.pk in on_the_day and not cleaned.get(f"parent_{person.pk}"):
                    self.add_error(
                        f"parent_{person.pk}",
                        f"Select how {person.name} ({person.get_role_display().lower()}) took "
                        "part in the review",
                    )
        return cleaned

    def action_arguments(self) -> dict[str, Any]:
        """The cleaned form as record_review's arguments."""
        data = self.cleaned_data
        adjournments = {"no": 0, "once": 1, "twice": 2}[data["adjourned"]]
        return {
            "held": data["held"],
            "participation": data["participation"],
            "chair": data["chair"],
            "attendance": data["attendance"],
            "parents": {
                person.pk: (data[f"parent_{person.pk}"], data[f"parent_{person.pk}_reason"])
                for person in self.parents
                if data.get(f"parent_{person.pk}")
            },
            "non_participation_reason": data["non_participation_reason"],
            "chairing": data["chairing"],
            "meeting_format": data["meeting_format"],
            "interpreter_used": data["interpreter_used"] == "yes",
            "first_session": data["first_session"] if adjournments else None,
            "adjournments": adjournments,
            "adjournment_reason": data["adjournment_reason"],
            "late_reason": data["late_reason"],
        }


class AfterMeetingForm(forms.Form):
    decisions_circulated = DateField(
        label="Date the decisions were circulated",
        help_text="Due within 5 working days of the review. For example, 27 3 2025",
        required=False,
    )
    record_distributed = DateField(
        label="Date the full record was distributed",
        help_text="Due within 20 working days of the review",
        required=False,
    )
    letter_to_child = forms.CharField(
        label="The record written to the child",
        help_text="In words the child can read: what was talked about, what was decided and "
        "who will do what",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )
    letter_sent = DateField(label="Date the letter was sent to the child", required=False)


class ReviewActionForm(forms.Form):
    decision = forms.CharField(
        label="Decision or action agreed",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the decision or action agreed"},
    )
    owner = forms.CharField(
        label="Who is responsible",
        help_text="A name or a role, for example the social worker or the foster carer",
        max_length=200,
        required=False,
    )
    owner_user = forms.ModelChoiceField(
        label="Or the owner's IRO Hub account (optional)",
        queryset=None,
        required=False,
        empty_label="No account",
        error_messages={"invalid_choice": "Select an account from the list"},
    )
    due = DateField(label="Due by", error_messages={"required": "Enter the date it is due by"})

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = owners
        self.fields["owner_user"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        no_owner = not cleaned.get("owner", "").strip() and not cleaned.get("owner_user")
        if no_owner and "owner" not in self.errors and "owner_user" not in self.errors:
            self.add_error("owner", "Enter who is responsible for the action")
        return cleaned


class CompleteActionForm(forms.Form):
    completed = DateField(label="Date it was done")


class EarlyReviewForm(forms.Form):
    trigger = forms.ChoiceField(
        label="What brings the review forward",
        choices=[(t.value, f"{t.value}: {t.description}") for t in EarlyTrigger],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what brings the review forward"},
    )
    raised = DateField(
        label="Date raised",
        help_text="The day of the request, the visit or the proposal. For example, 27 3 2025",
    )
    event_date = DateField(
        label="Date the change takes effect (ER-3 to ER-6)",
        help_text="The day the accommodation ends, the child is released or the change is "
        "made: the review must be held before it",
        required=False,
    )
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)
