"""Forms of the staff case pages. Every form that moves an application carries the version it was rendered with."""

from django import forms
from django.utils import timezone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    """R-16.e: the application's version when the page was rendered, handed to the service as ``expected_version``."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, application=None, **kwargs):
        self.application = application
        initial = dict(kwargs.pop("initial", None) or {})
        if application is not None:
            initial.setdefault("version", application.version)
        super().__init__(*args, initial=initial, **kwargs)


def today():
    return timezone.localdate()


__all__ = ["DateInput", "VersionedForm", "today"]
