"""R-30, R-31: registering a renewal and granting it once announced."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput, VersionedForm, today


class RegisterRenewalForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Allocation round"), coerce=int,
                                   help_text=_("An open round whose supply notice invites the tenant's group."))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def __init__(self, *args, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {r.pk: r for r in rounds}
        self.fields["round"].choices = [(r.pk, f"{r.year} {r.name}") for r in rounds]


class GrantRenewalForm(VersionedForm):
    new_ends_on = forms.DateField(label=_("Renewed lease ends on"), widget=DateInput,
                                  help_text=_("A talent's lease is renewed once, by at most 3 years (Art. 30)."))
    contract_number = forms.CharField(label=_("Renewal contract number"), max_length=40)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput, initial=today)
    filing_number = forms.CharField(label=_("Filing number"), max_length=40)
    monthly_rent = forms.DecimalField(label=_("Monthly rent (yuan)"), max_digits=10, decimal_places=2,
                                      required=False, help_text=_("Leave empty to keep the present rent."))
