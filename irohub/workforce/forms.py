"""The workforce forms, in the GOV.UK patterns. The actions decide; the forms check what
they can and name the field."""

from __future__ import annotations

from typing import Any

from django import forms

from irohub.accounts.models import Team
from irohub.core.forms import DateField
from irohub.records.workforce import ABSENCE_REASONS, BASES, ROLES

NO_TEAM = "none"


def fte_field(
    label: str = "FTE", help_text: str = "For example 1.00, or 0.60 for three days a week"
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=3,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the FTE",
            "invalid": "The FTE must be a number, like 0.60",
            "max_digits": "The FTE must be more than 0 and no more than 1.00",
            "max_whole_digits": "The FTE must be more than 0 and no more than 1.00",
            "max_decimal_places": "The FTE can have at most 2 decimal places, like 0.75",
        },
    )


def _radios(label: str, options: dict[str, str], what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=list(options.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Select {what}",
            "invalid_choice": f"Select {what} from the list",
        },
    )


class PostForm(forms.Form):
    role = _radios("Role", ROLES, "the role")
    team = forms.ChoiceField(
        label="Team",
        help_text="An IRO post belongs to a team; a foster carer reviewing officer post to none",
        error_messages={
            "required": "Select the team",
            "invalid_choice": "Select the team from the list",
        },
    )
    fte = fte_field("FTE of the post", "For example 1.00, or 0.50 for a half-time post")
    start_date = DateField(label="Start date", help_text="The first day the post is funded")
    end_date = DateField(
        label="End date", required=False, help_text="Leave blank for a post with no end date"
    )
    title = forms.CharField(
        label="Name of the post (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "The name must be 100 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = (
            [("", "Select a team")]
            + [(str(team.pk), team.name) for team in Team.objects.order_by("name")]
            + [(NO_TEAM, "No team (foster carer reviewing officer)")]
        )

    def clean_team(self) -> Team | None:
        value = self.cleaned_data["team"]
        if value == NO_TEAM:
            return None
        team = Team.objects.filter(pk=int(value)).first()
        if team is None:
            raise forms.ValidationError("Select the team from the list")
        return team


class EndForm(forms.Form):
    end_date = DateField(label="End date", help_text="The last day, for example 31 3 2026")


class PersonForm(forms.Form):
    """A form that names one person: an IRO or a foster carer reviewing officer."""

    person = forms.ChoiceField(
        label="Person",
        error_messages={
            "required": "Select the person",
            "invalid_choice": "Select the person from the list",
        },
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Select a person")] + [
            (p.key, p.label) for p in people
        ]


class TermsForm(PersonForm):
    basis = _radios("Basis", BASES, "employed, agency or interim")
    fte = fte_field()
    start_date = DateField(label="Start date")
    end_date = DateField(
        label="End date", required=False, help_text="Leave blank while these terms last"
    )


class AbsenceForm(PersonForm):
    reason = _radios("Reason", ABSENCE_REASONS, "the reason for the absence")
    start_date = DateField(label="First day of absence")
    end_date = DateField(
        label="Last day of absence",
        required=False,
        help_text="Leave blank while the absence lasts",
    )
