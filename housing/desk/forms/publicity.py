"""The staff queue of objections and inquiries, and the answer to an inquiry (R-16.5, R-16.6)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicityQueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Show"), required=False, initial="objections",
                             choices=[("objections", _("Objections")), ("inquiries", _("Inquiries"))])
    status = forms.ChoiceField(label=_("Status"), required=False, initial="open",
                               choices=[("open", _("Open")), ("decided", _("Decided or answered"))])

    def choice(self, name: str) -> str:
        """The valid value, or the field's initial one (a bad value in the address falls back, never fails)."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get(name):
            return self.cleaned_data[name]
        return self.fields[name].initial


class AnswerInquiryForm(forms.Form):
    answer = forms.CharField(label=_("Answer to the asker"), widget=forms.Textarea, max_length=5000,
                             help_text=_("The asker reads it with the receipt number; it is recorded with your name."))
