"""The forms of the stock pages (R-16.8b): upload, confirm, filters, repair."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.groups import Form
from housing.models import Building, HousingProject, HousingUnit, UnitType
from housing.stock.resources import MAX_UPLOAD_BYTES


class StockUploadForm(forms.Form):
    file = forms.FileField(label=_("Stock file"), help_text=_(
        "The template filled in: an Excel workbook (.xlsx) or a CSV file (.csv), at most 5 MB, one row per home."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into several files."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload the stock as an Excel workbook (.xlsx) or a CSV file (.csv)."))
        return upload


class StockConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)


class StockFilterForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=HousingProject.objects.all(), required=False,
                                     empty_label=_("All projects"))
    building = forms.ModelChoiceField(label=_("Building"), queryset=Building.objects.none(), required=False,
                                      empty_label=_("All buildings"))
    unit_type = forms.ChoiceField(label=_("Unit type"), required=False,
                                  choices=[("", _("All unit types")), *UnitType.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *HousingUnit.Status.choices])
    form = forms.ChoiceField(label=_("Form of guarantee"), required=False,
                             choices=[("", _("Both forms")), (Form.PUBLIC_RENTAL, Form.PUBLIC_RENTAL.label),
                                      (Form.ECONOMIC_HOUSING, Form.ECONOMIC_HOUSING.label)])

    def __init__(self, *args, projects, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["building"].queryset = buildings

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or ("" if name in ("unit_type", "status", "form") else None)
                for name in ("project", "building", "unit_type", "status", "form")}


class RepairForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("What is repaired, or what was done; kept in the home's history."))
