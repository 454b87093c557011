from django import forms

from irohub.letters.photos import MAX_BYTES


class ContactForm(forms.Form):
    """An IRO's contact details and photo for children's letters. The photo is checked by
    the action (letters.photos), which says what is wrong."""

    phone = forms.CharField(label="Phone", required=False, max_length=200)
    mobile = forms.CharField(label="Mobile, for calls and texts", required=False, max_length=200)
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address like name@example.gov.uk"},
    )
    photo = forms.FileField(
        label="Photo",
        help_text="A JPEG or PNG photo of you, 5 MB or smaller. It goes on the letter to "
        "children aged up to 12, so they know who you are.",
        required=False,
        max_length=255,
        error_messages={"empty": "The photo is empty: choose another file"},
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)

    def clean_photo(self):  # type: ignore[no-untyped-def]
        photo = self.cleaned_data.get("photo")
        if photo is not None and photo.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The photo is {photo.size / 1024 / 1024:.1f} MB: it must be 5 MB or smaller"
            )
        return photo
