"""The forms of the key-enterprise list pages (R-13): upload with its year, confirm."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.key_enterprises.resources import MAX_UPLOAD_BYTES
from housing.key_enterprises.services import FIRST_YEAR


class ListUploadForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year of the list"), coerce=int)
    file = forms.FileField(label=_("List file"), help_text=_(
        "An Excel workbook (.xlsx) or a CSV file (.csv), at most 2 MB, with the columns 企业名称 and "
        "统一社会信用代码, one row per enterprise."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = this_year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload the list as an Excel workbook (.xlsx) or a CSV file (.csv)."))
        return upload


class ListConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
