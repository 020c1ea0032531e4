"""Forms of the annual cycle (SPEC §4): demand report, supply plan, quotas, decisions, employer quotas."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput, today
from housing.groups import Group
from housing.models import Employer, UnitType


class DemandReportForm(forms.Form):
    group = forms.ChoiceField(label=_("Applicant group"))
    year = forms.TypedChoiceField(label=_("Year reported for"), coerce=int)
    rental_households = forms.IntegerField(label=_("Households asking for public rental housing"), min_value=0,
                                           initial=0)
    sale_households = forms.IntegerField(label=_("Households asking for economic housing"), min_value=0, initial=0)
    subsidy_households = forms.IntegerField(label=_("Households asking for a housing subsidy"), min_value=0,
                                            initial=0)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("How the figures were collected, or anything the City Construction Bureau "
                                       "should know."))

    def __init__(self, *args, groups=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, Group(g).label) for g in groups]
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["subsidy_households"].help_text = _("Only for the groups that may receive a subsidy; "
                                                        "0 otherwise.")


class SupplyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Plan year"), min_value=2014, max_value=2100)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VersionedPlanForm(forms.Form):
    """R-16.e: the plan's version when the page was rendered."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanQuotaForm(VersionedPlanForm):
    rental_units = forms.IntegerField(label=_("Public rental homes"), min_value=0, initial=0)
    sale_units = forms.IntegerField(label=_("Economic housing homes"), min_value=0, initial=0)
    unit_types = forms.MultipleChoiceField(label=_("Unit types it may allocate"), choices=UnitType.choices,
                                           required=False, widget=forms.CheckboxSelectMultiple)


class PlanDecisionForm(VersionedPlanForm):
    reference = forms.CharField(label=_("Reference"), max_length=120)
    decided_on = forms.DateField(label=_("Date"), widget=DateInput, initial=today)

    def __init__(self, *args, reference_label=None, date_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reference_label:
            self.fields["reference"].label = reference_label
        if date_label:
            self.fields["decided_on"].label = date_label


class EmployerQuotaForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none())
    rental_units = forms.IntegerField(label=_("Public rental homes"), min_value=0, initial=0)
    sale_units = forms.IntegerField(label=_("Economic housing homes"), min_value=0, initial=0)
    # the unit cites a decision the Joint Meeting recorded; it cannot enter one (housing.joint_meeting)
    decision = forms.ModelChoiceField(label=_("Joint Meeting decision"), queryset=Employer.objects.none(),
                                      required=False)

    def __init__(self, *args, employers=None, decisions=None, cap: int = 50, **kwargs):
        super().__init__(*args, **kwargs)
        if employers is not None:
            self.fields["employer"].queryset = employers
        if decisions is not None:
            self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = lambda d: _(
            "%(minutes)s of %(date)s: %(employer)s, up to %(homes)s homes") % {
            "minutes": d.minutes_number, "date": d.meeting_date.isoformat(), "employer": d.employer,
            "homes": d.homes}
        self.fields["decision"].help_text = _(
            "Required when one employer gets more than %(cap)d homes: choose the decision the Joint Meeting "
            "recorded for it (Art. 17).") % {"cap": cap}
