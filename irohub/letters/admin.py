from django import forms
from django.contrib import admin

from irohub.audit.admin import AuditedAdmin
from irohub.letters.models import LetterTemplate
from irohub.letters.placeholders import PLACEHOLDERS, problems


class LetterTemplateForm(forms.ModelForm):
    """The text may use only the fixed placeholders (letters.placeholders): anything else
    in braces is refused with the list of those allowed."""

    class Meta:
        model = LetterTemplate
        fields = ["kind", "title", "text"]
        help_texts = {
            "text": "Plain text; a blank line starts a new paragraph. Placeholders: "
            + "; ".join(f"{{{name}}} is {meaning}" for name, meaning in PLACEHOLDERS.items())
        }

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        found = [p for p in problems(title) if not p.startswith("Write")]
        if found:
            raise forms.ValidationError(found)
        return title

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        found = problems(text)
        if found:
            raise forms.ValidationError(found)
        return text


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "title", "updated_at"]
