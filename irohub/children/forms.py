"""Forms of the children's register pages, in the GOV.UK patterns."""

from __future__ import annotations

from django import forms

from irohub.children.models import PersonAroundChild, PersonRole, PreferredContact
from irohub.core.forms import DateField

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


YES_NO = [("yes", "Yes"), ("no", "No")]


class PersonForm(forms.Form):
    """A parent, carer, advocate, independent visitor or other person around the child."""

    role = forms.ChoiceField(
        label="Who they are to the child",
        choices=PersonRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are to the child"},
    )
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the person's name"},
    )
    relationship = forms.CharField(
        label="Relation to the child (optional)",
        help_text="In the family's words, for example birth mother, maternal grandmother",
        max_length=100,
        required=False,
    )
    parental_responsibility = forms.ChoiceField(
        label="Do they have parental responsibility?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they have parental responsibility"},
    )
    address = forms.CharField(label="Address (optional)", max_length=500, required=False)
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="E-mail address (optional)",
        max_length=254,
        required=False,
        error_messages={"invalid": "Enter an e-mail address like name@example.com"},
    )
    preferred_contact = forms.ChoiceField(
        label="How they prefer to be contacted (optional)",
        choices=[("", "No preference recorded"), *PreferredContact.choices],
        required=False,
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(c.isdigit() or c in " +()-" for c in phone):
            raise forms.ValidationError(
                "Enter a phone number using numbers, spaces and + ( ) - only"
            )
        if phone and sum(c.isdigit() for c in phone) < 6:
            raise forms.ValidationError("Enter a phone number with at least 6 digits")
        return phone

    def details(self) -> dict[str, object]:
        """The cleaned form as the details the people actions take."""
        data = dict(self.cleaned_data)
        data.pop("start", None)
        data["parental_responsibility"] = data["parental_responsibility"] == "yes"
        return data

    @staticmethod
    def initial_from(person: PersonAroundChild) -> dict[str, object]:
        return {
            "role": person.role,
            "name": person.name,
            "relationship": person.relationship,
            "parental_responsibility": "yes" if person.parental_responsibility else "no",
            "address": person.address,
            "phone": person.phone,
            "email": person.email,
            "preferred_contact": person.preferred_contact,
        }


class AddPersonForm(PersonForm):
    start = DateField(
        label="Since when",
        help_text="The date they took on this role, or the date the service learnt of them. "
        "For example, 27 3 2025",
    )


class EndPersonForm(forms.Form):
    end = DateField(
        label="Date their role ended",
        help_text="For example, 27 3 2025",
    )
    reason = forms.CharField(
        label="Why it ended (optional)",
        help_text="For example, placement ended, advocate no longer needed",
        max_length=200,
        required=False,
    )
