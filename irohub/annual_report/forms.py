from django import forms

from irohub.annual_report.narrative import NARRATIVE

MAX_CHARACTERS = 20_000


class NarrativeForm(forms.Form):
    """The manager's text for each section; every section may be left empty."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for field in NARRATIVE:
            self.fields[field.name] = forms.CharField(
                label=field.label,
                help_text=field.hint,
                required=False,
                strip=False,
                max_length=MAX_CHARACTERS,
                widget=forms.Textarea(attrs={"rows": 8}),
                error_messages={
                    "max_length": f"{field.label} must be {MAX_CHARACTERS:,} characters or "
                    "fewer: split it, or move detail into an appendix"
                },
            )

    def narrative_fields(self):  # type: ignore[no-untyped-def]
        return [self[field.name] for field in NARRATIVE]

    def narrative(self) -> dict[str, str]:
        return {field.name: self.cleaned_data[field.name].strip() for field in NARRATIVE}


class SectionTitleForm(forms.Form):
    """A section of the manager's own: its title (the action checks it's new)."""

    title = forms.CharField(
        label="Title of the new section",
        help_text="For example: Resource issues, The Ofsted action plan, Conclusion",
        max_length=500,
        error_messages={"required": "Enter the section's title"},
    )


class AddedSectionForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=500,
        error_messages={"required": "Enter the section's title"},
    )
    text = forms.CharField(
        label="Text",
        help_text='A blank line starts a new paragraph; a line starting with "- " is a bullet '
        "point. Never name a child.",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class MoveForm(forms.Form):
    key = forms.CharField(max_length=40)
    step = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)


class PlannedActionForm(forms.Form):
    """One action of the plan for next year. Lengths are checked by the action, which
    names the field."""

    action = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner = forms.CharField(
        label="Owner",
        help_text="Who is responsible: a role or a team, e.g. IRO service manager",
        error_messages={"required": "Enter who owns the action"},
    )
    timescale = forms.CharField(
        label="Timescale",
        help_text="When it will be done, e.g. By September 2026, or Quarterly",
        error_messages={"required": "Enter the timescale"},
    )
    impact = forms.CharField(
        label="How impact will be measured",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how its impact will be measured"},
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="What happened",
        help_text="What was done, and what the measure of impact showed.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
