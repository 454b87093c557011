"""Form pieces in the GOV.UK Design System's patterns, shared by every app."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes: the GOV.UK date input pattern."""

    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
                "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
                "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
            },
            attrs=attrs,
        )

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # Django numbers the boxes (id_held_0, …); name them (id_held_day, …) so that labels
        # and the error summary's links say what they point at.
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].get("id")
        if base:
            boxes = context["widget"]["subwidgets"]
            for box, suffix in zip(boxes, self.widgets_names, strict=True):
                box["attrs"]["id"] = f"{base}{suffix}"
        return context

    def decompress(self, value: date | None) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK messages for each mistake.

    What the user typed is kept on a failed submission (the widget re-renders raw values).
    """

    widget = DateInputWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.label_text = label
        # The parts are optional one by one so that compress() can say which is missing,
        # in the GOV.UK words, instead of Django's "Enter a complete value".
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("error_messages", {"required": f"Enter the {label.lower()}"})
        super().__init__(fields=fields, require_all_fields=False, label=label, **kwargs)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [
            name
            for name, part in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not part
        ]
        if missing:
            raise ValidationError(f"{self.label_text} must include a {' and '.join(missing)}")
        digits = day + month + year
        if not (digits.isascii() and digits.isdigit()):
            raise ValidationError(f"{self.label_text} must be a real date, written in numbers")
        if len(year) != 4:
            raise ValidationError(f"{self.label_text}: the year must have 4 numbers")
        if len(day) > 2 or len(month) > 2:
            # A day or month of 20 digits is not a date (and too big for one).
            raise ValidationError(
                f"{self.label_text}: the {'day' if len(day) > 2 else 'month'} "
                "must have 1 or 2 numbers"
            )
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(f"{self.label_text} must be a real date") from None

    def clean(self, value: Any) -> date | None:
        result = super().clean(value)
        if result is None and self.required:
            raise ValidationError(f"Enter the {self.label_text.lower()}")
        return result


def error_anchor(form: forms.Form, name: str) -> str:
    """The id the error summary links to: the first input of the field."""
    if name not in form.fields:
        return ""
    bound = form[name]
    if isinstance(bound.field, DateField):
        return f"{bound.auto_id}_day"
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        # A group of options has no single id: GOV.UK links to the first option.
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary, in the order of the form's fields."""
    errors = []
    for name in [*form.fields, "__all__"]:
        for message in form.errors.get(name, []):
            errors.append((error_anchor(form, name), message))
    # A problem with the form as a whole (e.g. a wrong password) links to its first field.
    first = error_anchor(form, next(iter(form.fields))) if form.fields else ""
    return [(anchor or first, message) for anchor, message in errors]


def show_on_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Put an action's refusal beside the fields it is about (on the form as a whole when it
    names no field, or a field the form does not have), so the page shows it like any other
    error and keeps what was typed."""
    by_field = (
        error.message_dict
        if hasattr(error, "error_dict")
        else {forms.forms.NON_FIELD_ERRORS: error.messages}
    )
    for name, problems in by_field.items():
        form.add_error(name if name in form.fields else None, problems)
