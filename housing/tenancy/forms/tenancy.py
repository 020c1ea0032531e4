"""Forms of the tenancy pages (R-33, R-34) and of the economic-housing exits (R-28, R-29)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput, today
from housing.models import BuyBack, Tenancy, Termination, Violation
from housing.tenancy.services.ledger import RENT_FILE_TYPES


class TenancyVersionedForm(forms.Form):
    """R-16.e pattern: the tenancy's version when the page was rendered."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, tenancy: Tenancy, **kwargs):
        self.tenancy = tenancy
        initial = dict(kwargs.pop("initial", None) or {})
        initial.setdefault("version", tenancy.version)
        super().__init__(*args, initial=initial, **kwargs)


class TenancyFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Tenancy.Status.choices])
    ends_before = forms.DateField(label=_("Lease ends before"), required=False, widget=DateInput)
    in_arrears = forms.BooleanField(label=_("In arrears only"), required=False)

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"status": data.get("status") or "", "ends_before": data.get("ends_before"),
                "in_arrears": bool(data.get("in_arrears"))}


class RentFileForm(forms.Form):
    file = forms.FileField(
        label=_("Rent file of the month"),
        help_text=_("CSV (UTF-8 or GBK) or Excel .xlsx, first row the headers: 合同编号 (contract number), 月份 (month, "
                    "YYYY-MM), 金额 (amount), 缴费日期 (paid on, YYYY-MM-DD), 银行流水号 (bank reference). Nothing is saved "
                    "until you confirm the preview."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{t}" for t in RENT_FILE_TYPES)}))


class RentConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class OccupancyCheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput, initial=today)
    occupied = forms.TypedChoiceField(
        label=_("Finding"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", _("The household lives there")), ("no", _("Not lived in"))])
    note = forms.CharField(label=_("What was found"), required=False, widget=forms.Textarea,
                           help_text=_("Required when the home is not lived in: who was met, the state of the home, "
                                       "meters, neighbours' statements."))


class ViolationForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground (Art. 33)"), choices=Violation.Ground.choices)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea)
    evidence = forms.FileField(label=_("Evidence"), required=False,
                               help_text=_("PDF, JPG or PNG, at most 10 MB."),
                               widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    penalty = forms.DecimalField(label=_("Contract penalty (yuan)"), required=False, max_digits=12,
                                 decimal_places=2, min_value=0,
                                 help_text=_("As the lease provides (Art. 33); empty if none."))
    checks = forms.CharField(widget=forms.HiddenInput, required=False)


class TerminationForm(TenancyVersionedForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=Termination.Reason.choices, widget=forms.RadioSelect)
    violation = forms.ModelChoiceField(label=_("Violation the termination rests on"), required=False,
                                       queryset=Violation.objects.none(), empty_label=_("None"))
    notified_on = forms.DateField(label=_("Notice served on"), widget=DateInput, initial=today,
                                  help_text=_("For a voluntary end: the day the tenant's written notice was received "
                                              "(Art. 32). The household moves out within 30 days (Art. 34)."))

    def __init__(self, *args, tenancy: Tenancy, reasons=None, **kwargs):
        super().__init__(*args, tenancy=tenancy, **kwargs)
        self.fields["violation"].queryset = Violation.objects.filter(tenancy=tenancy)
        self.fields["violation"].label_from_instance = (
            lambda v: f"{v.ground} · {timezone.localdate(v.recorded_at).isoformat()} · {v.facts[:60]}")
        if reasons is not None:
            self.fields["reason"].choices = [c for c in Termination.Reason.choices if c[0] in reasons]


class ExtensionForm(TenancyVersionedForm):
    days = forms.IntegerField(label=_("Extra days"), help_text=_("At most 60, once (Art. 34)."))
    reason = forms.CharField(label=_("Good reason given by the household"), widget=forms.Textarea)


class CourtRequestForm(TenancyVersionedForm):
    requested_on = forms.DateField(label=_("Court enforcement requested on"), widget=DateInput, initial=today)


class KeysReturnedForm(TenancyVersionedForm):
    returned_on = forms.DateField(label=_("Keys returned on"), widget=DateInput, initial=today)


class BuyBackForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=BuyBack.Ground.choices)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput, initial=today)
    price_level_factor = forms.DecimalField(label=_("Price-level factor"), max_digits=7, decimal_places=4,
                                            help_text=_("Prices now ÷ prices at the purchase, e.g. 1.0500."))
    price_level_source = forms.CharField(label=_("Source of the price-level factor"), max_length=300,
                                         help_text=_("The published index and its period."))
    buyer = forms.CharField(label=_("Bought back by"), max_length=200,
                            help_text=_("The City Construction Bureau or the original property owner (Art. 28)."))


class TransferForm(forms.Form):
    sale_price = forms.DecimalField(label=_("Sale price (yuan)"), max_digits=12, decimal_places=2)
    ordinary_price = forms.DecimalField(label=_("Ordinary housing price (yuan)"), max_digits=12, decimal_places=2,
                                        help_text=_("Of ordinary commercial housing of the same area and type, at the "
                                                    "time of the transfer (Art. 29)."))
    land_revenue_share = forms.DecimalField(label=_("Land-revenue share"), max_digits=5, decimal_places=4,
                                            help_text=_("As a fraction, e.g. 0.5000 for half."))
    first_right_declined_on = forms.DateField(label=_("Government declined to buy on"), widget=DateInput)
    paid_on = forms.DateField(label=_("Land-revenue payment received on"), widget=DateInput, required=False)
