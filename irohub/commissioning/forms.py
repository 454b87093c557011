from django import forms
from django.utils import timezone

from irohub.commissioning.models import Provider
from irohub.core.forms import DateField
from irohub.quality.labels import rating_choices


class ProviderFeedbackForm(forms.Form):
    provider = forms.ModelChoiceField(
        label="Service",
        queryset=Provider.objects.filter(active=True),
        empty_label="Choose the service",
        error_messages={
            "required": "Choose the service you are rating",
            "invalid_choice": "Choose one of the services listed",
        },
    )
    rating = forms.ChoiceField(
        label="Rating",
        widget=forms.RadioSelect,
        choices=(),
        error_messages={
            "required": "Choose a rating",
            "invalid_choice": "Choose one of the ratings listed",
        },
    )
    comment = forms.CharField(
        label="Comment",
        help_text="What works and what does not, for the commissioning team. Never a child's "
        "name: the commissioning team sees the comment by provider.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    open_challenge = forms.BooleanField(
        label="Open a challenge about this (red ratings only)", required=False
    )
    rated_on = DateField(label="Date of the rating")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = rating_choices()
        if not self.is_bound:
            self.initial.setdefault("rated_on", timezone.localdate())
