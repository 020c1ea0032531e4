"""The questions of the public eligibility screener, by group (SPEC §6), in plain words.

Every question may be left unanswered: the condition that needs it is then undecided and says
which fact is missing. Nothing here is stored; identity numbers are never asked.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.groups import ALLOWED_FORMS, Form, Group, TALENT_GROUPS

YES_NO = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]
EARLIEST = datetime.date(1900, 1, 1)


def _yes_no(label, help_text=""):
    return forms.ChoiceField(label=label, choices=YES_NO, required=False, help_text=help_text)


def _count(label, help_text=""):
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=20, help_text=help_text,
        error_messages={"min_value": _("Enter a number of people, 0 or more.")},
    )


def _money(label, help_text=""):
    return forms.DecimalField(
        label=label, required=False, min_value=Decimal("0"), max_digits=14, decimal_places=2, help_text=help_text,
        error_messages={"min_value": _("An amount cannot be negative; enter 0 or more yuan.")},
    )


def _past_date(label, help_text=""):
    return forms.DateField(
        label=label, required=False, help_text=help_text or _("As YYYY-MM-DD, for example 1990-05-31."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


# (legend, field names) in the order the page asks them; a group shows the fields it has.
FIELDSETS = [
    (_("What you are asking for"), ["form"]),
    (_("About you"), ["birth_date", "marital_status", "hukou_by_joining"]),
    (_("Who applies with you"), [
        "spouse_applying", "minor_children_applying", "adult_children_applying", "minor_children_not_applying",
        "parents_applying", "hukou",
    ]),
    (_("Income and assets"), ["income_two_years_ago", "income_last_year", "total_assets", "low_income_treatment"]),
    (_("Work"), ["social_insurance_months", "employer_kind", "key_enterprise_this_year"]),
    (_("Title and degree"), ["title", "title_basis", "degree", "full_time", "foreign_degree"]),
    (_("Housing"), [
        "owns_housing", "owns_residential_land", "last_housing_transfer_date", "bought_policy_housing_in_city",
        "bought_policy_housing_elsewhere", "received_price_difference_payment", "rents_affordable_housing",
        "received_purchase_subsidy",
    ]),
    (_("Family planning"), ["family_planning_violation", "family_planning_handled_date"]),
]

C1_ONLY = {
    "income_two_years_ago", "income_last_year", "total_assets", "last_housing_transfer_date",
    "bought_policy_housing_elsewhere", "received_price_difference_payment",
}
NOT_C1 = {"rents_affordable_housing", "received_purchase_subsidy"}
TALENT_ONLY = {"birth_date", "employer_kind", "title", "title_basis", "degree", "full_time", "foreign_degree"}


def fields_of(group: str) -> set[str]:
    """The questions that matter to a group's conditions (catalogue.CONDITIONS_BY_GROUP)."""
    names = {name for _legend, names in FIELDSETS for name in names}
    if group != Group.LOW_INCOME_NO_HOUSING:
        names -= C1_ONLY
    else:
        names -= NOT_C1
    if group not in TALENT_GROUPS:
        names -= TALENT_ONLY
    if group != Group.MINIMUM_ALLOWANCE:
        names.discard("low_income_treatment")
    if group != Group.NO_HOUSING:
        names.discard("social_insurance_months")
    if group != Group.ENTERPRISE_TALENT:
        names.discard("key_enterprise_this_year")
    return names


class ScreenerForm(forms.Form):
    form = forms.ChoiceField(label=_("Form of guarantee"), choices=Form.choices)
    birth_date = _past_date(_("Your date of birth"), _("As YYYY-MM-DD. The age limits are taken on 1 January of this year."))
    marital_status = forms.ChoiceField(
        label=_("Your marital status"), required=False,
        choices=[("", _("Not answered")), ("single", _("Single")), ("married", _("Married")),
                 ("divorced", _("Divorced")), ("widowed", _("Widowed"))],
    )
    hukou_by_joining = _yes_no(_("Did you obtain your hukou by joining a family member (投靠)?"))
    spouse_applying = _yes_no(_("If you are married: does your spouse apply with you?"))
    minor_children_applying = _count(_("Children under 18 who apply with you"))
    adult_children_applying = _count(_("Children aged 18 or over who apply with you"))
    minor_children_not_applying = _count(_("Children under 18 who do not apply with you"))
    parents_applying = _count(_("Parents who apply with you"))
    hukou = _yes_no(_("Does everyone applying hold Longhua hukou?"))
    income_two_years_ago = _money("")  # labelled with the year in __init__
    income_last_year = _money("")
    total_assets = _money(_("Total assets of the household, in yuan"),
                          _("Savings, vehicles, shares and other property of everyone applying."))
    low_income_treatment = _yes_no(_("Does your household currently receive minimum-allowance or near-minimum-allowance "
                                     "treatment from civil affairs?"))
    social_insurance_months = forms.IntegerField(
        label=_("Months you have paid Shenzhen social insurance, in total"), required=False, min_value=0, max_value=1200,
        help_text=_("Pension or medical insurance; children's insurance does not count."),
        error_messages={"min_value": _("Enter a number of months, 0 or more.")},
    )
    employer_kind = forms.ChoiceField(
        label=_("Who do you work for?"), required=False,
        choices=[("", _("Not answered")), ("agency", _("A government agency in the district")),
                 ("public_institution", _("A public institution in the district (not education, culture or health)")),
                 ("ecw_institution", _("An education, culture or health institution in the district")),
                 ("enterprise", _("An enterprise"))],
    )
    key_enterprise_this_year = _yes_no(_("Is your employer on this year's key-enterprise list of the district?"))
    title = forms.ChoiceField(
        label=_("Your professional title"), required=False,
        choices=[("", _("Not answered")), ("full_senior", _("Full-senior title")),
                 ("deputy_senior", _("Deputy-senior title")), ("none", _("No senior title"))],
    )
    title_basis = forms.ChoiceField(
        label=_("If you have a senior title: how did you obtain it?"), required=False,
        choices=[("", _("Not answered")), ("national_exam", _("By national examination")),
                 ("guangdong_certificate", _("Guangdong senior qualification certificate")),
                 ("senior_technician", _("Senior-technician qualification from the city's skills authority"))],
    )
    degree = forms.ChoiceField(
        label=_("Your highest degree"), required=False,
        choices=[("", _("Not answered")), ("doctorate", _("Doctorate")), ("master", _("Master")),
                 ("bachelor", _("Bachelor")), ("none", _("No bachelor's degree"))],
    )
    full_time = _yes_no(_("Did you obtain the degree by full-time study?"), _("In-service study does not count."))
    foreign_degree = forms.ChoiceField(
        label=_("Is it a degree from a university outside China?"), required=False,
        choices=[("", _("Not answered")), ("domestic", _("No, from a Chinese university")),
                 ("certified", _("Yes, certified by the national education authority")),
                 ("not_certified", _("Yes, not certified"))],
    )
    owns_housing = _yes_no(_("Does anyone applying own housing of any kind?"),
                           _("Including policy, fund-raised, resettlement, self-built and commercial housing, "
                             "and homes without full title."))
    owns_residential_land = _yes_no(_("Does anyone applying own residential land?"))
    last_housing_transfer_date = _past_date(
        _("If anyone applying sold or transferred housing: the date of the most recent transfer"),
        _("As YYYY-MM-DD. Leave empty if nobody ever did."),
    )
    bought_policy_housing_in_city = _yes_no(_("Has anyone applying ever bought policy housing in Shenzhen?"))
    bought_policy_housing_elsewhere = _yes_no(_("Has anyone applying ever bought policy housing in another city in China?"))
    received_price_difference_payment = _yes_no(_("Has anyone applying received a purchase price-difference payment?"))
    rents_affordable_housing = _yes_no(_("Does anyone applying rent affordable housing of any kind?"))
    received_purchase_subsidy = _yes_no(_("Has anyone applying received a housing purchase subsidy?"))
    family_planning_violation = _yes_no(_("Has anyone applying ever violated the family-planning policy?"))
    family_planning_handled_date = _past_date(
        _("If so: the date the violation was dealt with"), _("As YYYY-MM-DD; the latest one if there were several."),
    )

    def __init__(self, *args, group: str, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.today = today
        keep = fields_of(group)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["form"].choices = [(f.value, f.label) for f in ALLOWED_FORMS[group]]
        if len(ALLOWED_FORMS[group]) == 1:
            self.fields["form"].initial = ALLOWED_FORMS[group][0].value
        if group in TALENT_GROUPS:
            self.fields["hukou"].label = _("Does everyone applying hold Shenzhen hukou?")
            self.fields["hukou"].help_text = _("Needed only for children aged 18 or over who apply with you.")
            self.fields["hukou_by_joining"].label = _(
                "Did you obtain your Shenzhen hukou or residence permit by joining a family member (投靠)?")
        for name, year in (("income_two_years_ago", today.year - 2), ("income_last_year", today.year - 1)):
            if name in self.fields:
                self.fields[name].label = _("Household income per person in %(year)d, in yuan") % {"year": year}
        for field in self.fields.values():
            if isinstance(field, (forms.IntegerField, forms.DecimalField)):
                field.widget.attrs.setdefault("inputmode", "numeric" if isinstance(field, forms.IntegerField) else "decimal")

    def _clean_past(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        if value > self.today:
            raise forms.ValidationError(_("This date is in the future; enter a date on or before today."), code="future")
        if value < EARLIEST:
            raise forms.ValidationError(_("Enter a date after 1 January 1900."), code="too_early")
        return value

    def clean_birth_date(self):
        return self._clean_past("birth_date")

    def clean_last_housing_transfer_date(self):
        return self._clean_past("last_housing_transfer_date")

    def clean_family_planning_handled_date(self):
        return self._clean_past("family_planning_handled_date")

    def fieldsets(self):
        """(legend, bound fields) of the fieldsets this group shows."""
        for legend, names in FIELDSETS:
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                yield legend, bound

    def full_clean(self):
        super().full_clean()
        # Tie each error to its input for screen readers (the template gives the error this id).
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
