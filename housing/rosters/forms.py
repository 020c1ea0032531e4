"""The forms of the roster pages: the employer's upload and confirmation, the talent unit's decision and the
employer account it opens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.models import Employer
from housing.rosters.services.submission import MAX_UPLOAD_BYTES


class RosterUploadForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Allocation round"), coerce=int, choices=())
    file = forms.FileField(label=_("Roster file"), help_text=_(
        "The template filled in: an Excel workbook (.xlsx) or a CSV file (.csv), at most 5 MB, one row per person."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(r.pk, r.name) for r in rounds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into several rosters."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload the roster as an Excel workbook (.xlsx) or a CSV file (.csv)."))
        return upload


class RosterConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)


class RosterDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for returning"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Only when returning: the employer reads it and submits a corrected roster."))


class EmployerAccountForm(forms.Form):
    credit_code = forms.CharField(label=_("Employer's unified social credit code"), max_length=24)
    employer_name = forms.CharField(label=_("Employer's name"), max_length=200, required=False,
                                    help_text=_("Only for an employer not yet known to the portal."))
    kind = forms.ChoiceField(label=_("Kind of employer"), choices=())
    username = forms.CharField(label=_("Sign-in name"), max_length=150)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput(render_value=False),
                               help_text=_("Give it to the employer by hand; at least 10 characters."))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in Employer.Kind.choices if k in kinds]
