from __future__ import annotations

from django import forms

from irohub.core.forms import DateField
from irohub.records.oversight import (
    AUDIT_ANSWERS,
    AUDIT_GRADES,
    AUDIT_QUESTIONS,
    CONTACT_KINDS,
    VISITOR_OUTCOMES,
)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="What did the IRO do?",
        choices=list(CONTACT_KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the IRO did",
            "invalid_choice": "Select what the IRO did from the list",
        },
    )
    day = DateField(label="Date")
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 4,000 characters or fewer"},
    )


class VisitorOfferForm(forms.Form):
    offered = DateField(label="Date offered")


class VisitorOutcomeForm(forms.Form):
    offer = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the offer", "invalid": "Choose the offer"},
    )
    outcome = forms.ChoiceField(
        label="What came of the offer?",
        choices=[(k, v) for k, v in VISITOR_OUTCOMES.items() if k != "waiting"],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what came of the offer",
            "invalid_choice": "Select an outcome from the list",
        },
    )
    closed = DateField(label="Date decided")


class FileAuditForm(forms.Form):
    audited = DateField(label="Date audited")
    grade = forms.ChoiceField(
        label="Overall grade",
        choices=list(AUDIT_GRADES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the overall grade",
            "invalid_choice": "Select a grade from the list",
        },
    )
    findings = forms.CharField(
        label="Findings",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the findings of the audit",
            "max_length": "The findings must be 10,000 characters or fewer",
        },
    )
    actions = forms.CharField(
        label="Actions for the IRO (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The actions must be 10,000 characters or fewer"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # One yes / partly / no question per line of the audit, before the grade.
        questions = {
            key: forms.ChoiceField(
                label=text,
                choices=list(AUDIT_ANSWERS.items()),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Answer yes, partly or no",
                    "invalid_choice": "Answer yes, partly or no",
                },
            )
            for key, text in AUDIT_QUESTIONS.items()
        }
        self.fields = {
            "audited": self.fields["audited"],
            **questions,
            **{k: v for k, v in self.fields.items() if k != "audited"},
        }

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in AUDIT_QUESTIONS]
