"""Forms of the children's register pages, in the GOV.UK patterns."""

from __future__ import annotations

from django import forms

MIN_SEARCH_LENGTH = 2


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name or identifier",
        help_text="A first name, last name or full name, or the child's identifier",
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        # One letter would match most of the register: ask for enough to find a child.
        if 0 < len(text) < MIN_SEARCH_LENGTH:
            raise forms.ValidationError(
                f"Enter at least {MIN_SEARCH_LENGTH} characters of a name or identifier"
            )
        return text
