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
