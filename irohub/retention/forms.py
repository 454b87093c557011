from __future__ import annotations

from django import forms


class ConfirmDeletionForm(forms.Form):
    """The administrator ticks the records to delete and confirms."""

    child = forms.TypedMultipleChoiceField(
        label="Records to delete",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the records to delete",
            "invalid_choice": "A record on the list has already gone: look at the list again",
        },
    )
    confirm = forms.BooleanField(
        label="I have checked that these records are past their retention date and may be "
        "deleted permanently",
        error_messages={"required": "Confirm that the selected records may be deleted"},
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["child"].choices = choices
