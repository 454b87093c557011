"""The checklist, sending a link, attaching views, and the consultation forms themselves
(built from the catalogue in irohub.records.consultation)."""

from __future__ import annotations

from typing import Any

from django import forms

from irohub.consultation.models import SOURCES, SPOKE_HOW, VERSION_CHOICES
from irohub.core.forms import DateField
from irohub.records.consultation import Respondent

YES_NO_UNANSWERED = [("", "Not answered yet"), ("yes", "Yes"), ("no", "No")]
RESPONDENTS = [
    (Respondent.CHILD.value, "The child or young person"),
    (Respondent.PARENT.value, "A parent or person with parental responsibility"),
    (Respondent.CARER.value, "The carer"),
]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


class ChecklistForm(forms.Form):
    invitations_sent = DateField(label="Date the invitations were sent", required=False)
    report_received = DateField(
        label="Date the social worker's report was received", required=False
    )
    spoke_to_child = DateField(label="Date the IRO spoke to the child", required=False)
    spoke_how = forms.ChoiceField(
        label="How the IRO spoke to the child",
        choices=[("", "Not yet"), *SPOKE_HOW.items()],
        required=False,
        error_messages={"invalid_choice": "Select how the IRO spoke to the child from the list"},
    )
    not_spoken_reason = forms.CharField(
        label="If the IRO did not speak to the child, why not",
        max_length=500,
        required=False,
        error_messages={"max_length": "Keep the reason under 500 characters"},
    )
    advocacy_offered = DateField(label="Date advocacy was offered to the child", required=False)
    advocate_wanted = forms.ChoiceField(
        label="Does the child want an advocate?",
        choices=YES_NO_UNANSWERED,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select yes, no or not answered yet"},
    )
    interpreter_needed = forms.ChoiceField(
        label="Is an interpreter needed?",
        choices=YES_NO_UNANSWERED,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select yes, no or not answered yet"},
    )
    interpreter_language = forms.CharField(
        label="Language",
        max_length=100,
        required=False,
        error_messages={"max_length": "Keep the language under 100 characters"},
    )

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["advocate_wanted"] = _yes_no(data["advocate_wanted"])
        data["interpreter_needed"] = _yes_no(data["interpreter_needed"])
        return data

    @staticmethod
    def initial_from(preparation: Any) -> dict[str, Any]:
        def word(value: bool | None) -> str:
            return {True: "yes", False: "no"}.get(value, "")  # type: ignore[arg-type]

        return {
            "invitations_sent": preparation.invitations_sent,
            "report_received": preparation.report_received,
            "spoke_to_child": preparation.spoke_to_child,
            "spoke_how": preparation.spoke_how,
            "not_spoken_reason": preparation.not_spoken_reason,
            "advocacy_offered": preparation.advocacy_offered,
            "advocate_wanted": word(preparation.advocate_wanted),
            "interpreter_needed": word(preparation.interpreter_needed),
            "interpreter_language": preparation.interpreter_language,
        }


class SendLinkForm(forms.Form):
    respondent = forms.ChoiceField(
        label="Who is it for?",
        choices=RESPONDENTS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who the link is for",
            "invalid_choice": "Select the child, a parent or the carer",
        },
    )
    name = forms.CharField(
        label="Their name",
        help_text="As you would greet them, for example Sam or Ms Smith",
        max_length=200,
        error_messages={
            "required": "Enter who the link is for",
            "max_length": "Keep the name under 200 characters",
        },
    )
    version = forms.ChoiceField(
        label="Which form",
        choices=VERSION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which form to send",
            "invalid_choice": "Select a form from the list",
        },
    )
    email = forms.EmailField(
        label="E-mail address (optional)",
        help_text="We e-mail the link to this address. Leave it empty to copy the link "
        "and send it yourself, by text message for example.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address like name@example.com"},
    )


class AttachViewsForm(forms.Form):
    respondent = SendLinkForm.base_fields["respondent"]
    name = forms.CharField(
        label="Whose views",
        max_length=200,
        error_messages={
            "required": "Enter whose views these are",
            "max_length": "Keep the name under 200 characters",
        },
    )
    version = forms.ChoiceField(
        label="Which booklet or form",
        choices=VERSION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which booklet or form the views answer",
            "invalid_choice": "Select a form from the list",
        },
    )
    source = forms.ChoiceField(
        label="Where the views came from",
        choices=[(k, v) for k, v in SOURCES.items() if k != "online"],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the views came from",
            "invalid_choice": "Select paper, an app or a conversation",
        },
    )
    returned = DateField(label="Date the views were received")
    summary = forms.CharField(
        label="The views",
        help_text="What the child, parent or carer said, in their words where you can",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={
            "required": "Write down the views, or what the booklet or app said",
            "max_length": "Keep the views under 20,000 characters",
        },
    )
