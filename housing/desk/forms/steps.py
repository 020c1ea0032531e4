"""The forms of the steps taken on the generic step page (SPEC §5 stages 2, 4, 9–11 and withdrawal)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.events import HISTORY_EVENTS
from housing.web.forms import DateInput, VersionedForm, today
from housing.groups import TALENT_GROUPS, Form
from housing.models import GiveUp, HousingUnit, Selection
from housing.selection.selectors import homes_for

# What each step and event of the history is called on buttons, page titles and in the timeline (housing.events).
STEP_LABELS = {event.value: event.label for event in HISTORY_EVENTS}


class ResubmitForm(VersionedForm):
    note = forms.CharField(label=_("Note on the supplement received"), required=False, widget=forms.Textarea)


class ProposeForm(VersionedForm):
    rank = forms.IntegerField(label=_("Rank on the proposed list"), required=False, min_value=1,
                              help_text=_("Optional; the rank under Art. 23 and Art. 24."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)


class WithdrawForm(VersionedForm):
    reason = forms.CharField(label=_("Reason given by the applicant"), widget=forms.Textarea,
                             help_text=_("In plain words, as in the applicant's written withdrawal."))


class IssueSelectionNoticeForm(VersionedForm):
    """R-16.8a: the day and place of the selection; the order follows from the announced rank."""

    selection_date = forms.DateField(label=_("Selection date"), widget=DateInput, required=False,
                                     help_text=_("Empty: one week from today."))
    place = forms.CharField(label=_("Selection place"), max_length=200, required=False,
                            help_text=_("Empty: the City Construction Bureau service hall."))


class RecordSelectionForm(VersionedForm):
    """R-16.8c: the home is chosen from the available stock the household's size allows."""

    unit = forms.ModelChoiceField(label=_("Home chosen"), queryset=HousingUnit.objects.none(),
                                  help_text=_("Available homes of the household's form and entitled types."))
    selected_on = forms.DateField(label=_("Selected on"), initial=today, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.application is not None:
            self.fields["unit"].queryset = homes_for(self.application)


class GiveUpForm(VersionedForm):
    """SPEC §13: the household gave up its turn (弃选) or its signature (弃签)."""

    kind = forms.ChoiceField(label=_("Kind of give-up"), choices=GiveUp.Kind.choices)
    note = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea)


class SignContractForm(VersionedForm):
    number = forms.CharField(label=_("Contract number"), max_length=40)
    property_owner = forms.CharField(label=_("Property owner"), max_length=200)
    signatory = forms.CharField(label=_("Signed by"), max_length=200,
                                help_text=_("The applicant, or for a talent the employer."))
    signed_by_employer = forms.BooleanField(label=_("Signed by the employer for the household"), required=False,
                                            help_text=_("Talents only (Art. 16(8))."))
    signed_on = forms.DateField(label=_("Signed on"), initial=today, widget=DateInput)
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("Term ends"), required=False, widget=DateInput)
    monthly_rent = forms.DecimalField(label=_("Monthly rent (yuan)"), required=False, max_digits=10,
                                      decimal_places=2, min_value=0)
    price = forms.DecimalField(label=_("Price (yuan)"), required=False, max_digits=12, decimal_places=2,
                               min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A sale contract states a price, a rental contract a monthly rent (R-16.8d).
        if self.application is not None:
            if self.application.form == Form.ECONOMIC_HOUSING:
                del self.fields["monthly_rent"]
                self.fields["price"].required = True
            elif self.application.form == Form.PUBLIC_RENTAL:
                del self.fields["price"]
                self.fields["monthly_rent"].required = True
                self.fields["term_end"].required = True
            if self.application.group not in TALENT_GROUPS:
                del self.fields["signed_by_employer"]
            # R-16.8d: the owner, the rent or the price as the chosen home states them.
            selection = Selection.objects.filter(application=self.application, holds=True).select_related(
                "unit__building__project").first()
            if selection is not None and selection.unit is not None and not self.is_bound:
                unit = selection.unit
                self.initial.setdefault("property_owner", unit.building.project.property_owner)
                self.initial.setdefault("signatory", self.application.applicant_name)
                if "monthly_rent" in self.fields and unit.monthly_rent is not None:
                    self.initial.setdefault("monthly_rent", unit.monthly_rent)
                if "price" in self.fields and unit.price is not None:
                    self.initial.setdefault("price", unit.price)


class FileContractForm(VersionedForm):
    filing_number = forms.CharField(label=_("Filing number"), max_length=40)
    filed_on = forms.DateField(label=_("Filed on"), initial=today, widget=DateInput)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class StartSubsidyForm(VersionedForm):
    start_month = forms.DateField(label=_("First month"), input_formats=["%Y-%m", "%Y-%m-%d"], widget=MonthInput,
                                  initial=today)
    monthly_amount = forms.DecimalField(label=_("Monthly amount (yuan)"), max_digits=10, decimal_places=2,
                                        min_value=0, required=True,
                                        help_text=_("The standard approved for this household (Art. 26)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # a talent's amount follows from the title or degree; nobody enters it.
        if self.application is not None and self.application.group in TALENT_GROUPS:
            del self.fields["monthly_amount"]
