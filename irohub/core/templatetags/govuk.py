from django import forms, template

from irohub.core.forms import error_list

register = template.Library()


@register.filter
def govuk_errors(form: forms.Form) -> list[tuple[str, str]]:
    return error_list(form)
