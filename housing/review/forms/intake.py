"""Registering an application at the CCB (R-12.2, R-16.2): the application, its household and its facts.

The forms only parse and check the shape of the input (R-X.3 identity data, dates, amounts);
whether the application may be registered is decided by housing.review.services.intake.
What the counter asks up front and what is folded with its default is decision 0044.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.groups import ALLOWED_FORMS, HONOUR_CHOICES, TALENT_GROUPS, Form, Group
from housing.models import AllocationRound, Application, Employer, HouseholdMember
from housing.rules.identity import clean_credit_code, clean_id_number
from housing.review.services.intake import EmployerData

MAX_MEMBERS = 10
DEFAULT_ROWS = 1  # the applicant; "add a person" adds a row in place

# the groups whose income and assets are facts of the decision.
INCOME_GROUPS = frozenset({Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE})

# city- or district-level awards (values of dossier.schema.json "honours").
HONOURS = HONOUR_CHOICES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def yes_no_unknown(label, *, unknown=_("Not known"), help_text=""):
    widget = forms.NullBooleanSelect()
    widget.choices = [("unknown", unknown), ("true", _("Yes")), ("false", _("No"))]
    return forms.NullBooleanField(label=label, required=False, widget=widget, help_text=help_text)


class IntakeForm(forms.Form):
    """The application itself: round, group, form of guarantee, contact, employer and facts."""

    round = forms.ModelChoiceField(
        label=_("Allocation round"),
        queryset=AllocationRound.objects.none(),
        empty_label=_("Choose the round…"),
        error_messages={"invalid_choice": _("This round is not open for applications (Art. 16(1)). Choose an open round.")},
    )
    group = forms.ChoiceField(label=_("Applicant group"), choices=[("", _("Choose the group…")), *Group.choices])
    # Required by clean() only where the group may receive more than one form (C2, C4–C6).
    form = forms.ChoiceField(label=_("Form of guarantee"), required=False,
                             choices=[("", _("Choose the form…")), *Form.choices],
                             help_text=_("C1: economic housing; C3: public rental housing (both chosen for you); "
                                         "C2 and talents: public rental housing or a subsidy."))
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=20, required=False,
        validators=[RegexValidator(r"^\+?[0-9][0-9 \-]{4,18}$",
                                   _("Enter a phone number of digits, with spaces or hyphens if you like."))],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    # R-16.d: notices also go by e-mail when the applicant gives an address (docs/decisions/0031).
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254, required=False,
                                     widget=forms.EmailInput(attrs={"autocomplete": "off"}))

    # Talent groups C4–C6: the employer.
    employer_name = forms.CharField(label=_("Employer's name"), max_length=200, required=False)
    employer_credit_code = forms.CharField(label=_("Employer's unified social credit code"), max_length=24,
                                           required=False, help_text=_("18 characters (GB 32100)."))
    employer_kind = forms.ChoiceField(label=_("Kind of employer"), required=False,
                                      choices=[("", _("Choose the kind…")), *Employer.Kind.choices])
    employer_key_enterprise_year = forms.IntegerField(
        label=_("On the key-enterprise list of year"), required=False, min_value=2000, max_value=2100,
        help_text=_("C6 only: the year of the key-enterprise list the enterprise is on."),
    )
    # Talent facts.
    talent_title = forms.ChoiceField(
        label=_("Professional title"), required=False,
        choices=[("", _("None")), *Application._meta.get_field("talent_title").choices])
    talent_title_basis = forms.ChoiceField(
        label=_("Title obtained by"), required=False,
        choices=[("", _("Not applicable")), *Application._meta.get_field("talent_title_basis").choices])
    leading_talent = forms.BooleanField(
        label=_("Leading or outstanding talent (领军人才、杰出人才)"), required=False,
        help_text=_("No housing subsidy under these measures (Art. 3)."))
    talent_degree = forms.ChoiceField(
        label=_("Highest degree"), required=False,
        choices=[("", _("None")), *Application._meta.get_field("talent_degree").choices])
    degree_full_time = yes_no_unknown(_("Degree from full-time study"),
                                      help_text=_("In-service study does not count."))
    foreign_degree_certified = yes_no_unknown(_("Foreign degree certified by the national education authority"),
                                              unknown=_("Not applicable or not known"))
    # honours, any group.
    honours = forms.MultipleChoiceField(label=_("Honours held by the applicant"), required=False, choices=HONOURS,
                                        widget=forms.CheckboxSelectMultiple)
    # C1 and C2.
    income_previous_year = forms.DecimalField(
        label=_("Per-capita household income in the year before the round's year (yuan)"), required=False,
        min_value=0, max_digits=12, decimal_places=2)
    income_year_before = forms.DecimalField(
        label=_("Per-capita household income two years before the round's year (yuan)"), required=False,
        min_value=0, max_digits=12, decimal_places=2)
    total_assets = forms.DecimalField(label=_("Total household assets (yuan)"), required=False, min_value=0,
                                      max_digits=14, decimal_places=2, help_text=_("C1 only."))
    low_income_treatment = yes_no_unknown(_("Receives civil-affairs low-income treatment"),
                                          help_text=_("C2 only."))

    APPLICATION_FIELDS = ("round", "group", "form", "contact_phone", "contact_email")
    EMPLOYER_FIELDS = ("employer_name", "employer_credit_code", "employer_kind", "employer_key_enterprise_year")
    TALENT_FIELDS = ("talent_title", "talent_title_basis", "leading_talent", "talent_degree", "degree_full_time",
                     "foreign_degree_certified")
    # Decision 0044: the talent facts asked up front; the rest are folded with "None" / "Not known".
    TALENT_UP_FRONT = ("talent_title", "talent_degree")
    INCOME_FIELDS = ("income_previous_year", "income_year_before", "total_assets", "low_income_treatment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = (
            AllocationRound.objects.filter(status=AllocationRound.Status.OPEN).select_related("supply_notice")
        )

    def section(self, names):
        return [self[name] for name in names]

    def application_fields(self):
        return self.section(self.APPLICATION_FIELDS)

    def employer_fields(self):
        return self.section(self.EMPLOYER_FIELDS)

    def talent_fields(self):
        return self.section(self.TALENT_UP_FRONT)

    def more_talent_fields(self):
        return self.section([name for name in self.TALENT_FIELDS if name not in self.TALENT_UP_FRONT])

    def income_fields(self):
        return self.section(self.INCOME_FIELDS)

    def clean_employer_credit_code(self):
        value = self.cleaned_data["employer_credit_code"].strip()
        return clean_credit_code(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if group in ALLOWED_FORMS and not cleaned.get("form") and "form" not in self.errors:
            if len(ALLOWED_FORMS[group]) == 1:  # C1 and C3 may receive one form only: no need to ask
                cleaned["form"] = ALLOWED_FORMS[group][0]
            else:
                self.add_error("form", _("Choose the form of guarantee: this group may receive public rental "
                                         "housing or a subsidy."))
        if cleaned.get("group") in TALENT_GROUPS:
            # a talent application names the employer.
            for name in ("employer_name", "employer_credit_code", "employer_kind"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("A talent application names the employer: this field is required."))
        return cleaned

    # --- what the intake service takes ---------------------------------------------
    def employer_data(self) -> EmployerData | None:
        data = self.cleaned_data
        if data["group"] not in TALENT_GROUPS:
            return None
        return EmployerData(name=data["employer_name"].strip(), credit_code=data["employer_credit_code"],
                            kind=data["employer_kind"], key_enterprise_year=data["employer_key_enterprise_year"])

    def facts(self) -> dict:
        data = self.cleaned_data
        facts = {"contact_phone": data["contact_phone"].strip(), "contact_email": data["contact_email"].strip(),
                 "honours": list(data["honours"])}
        if data["group"] in TALENT_GROUPS:
            facts.update({name: data[name] for name in self.TALENT_FIELDS})
        if data["group"] in INCOME_GROUPS:
            year = data["round"].year
            incomes = {str(year - 1): data["income_previous_year"], str(year - 2): data["income_year_before"]}
            facts["income_by_year"] = {y: float(v) for y, v in sorted(incomes.items()) if v is not None}
            facts["total_assets"] = data["total_assets"]
            facts["low_income_treatment"] = data["low_income_treatment"]
        return facts

    def field_for_error(self, key: str) -> str | None:
        """The field of this form that an error of register_application() belongs to, if any."""
        if key == "employer":
            return "employer_name"
        name = key.replace(".", "_")
        return name if name in self.fields else None


class MemberForm(forms.ModelForm):
    """One person of the household (R-HH.1–4), with the facts the conditions of SPEC §6 are decided on.

    Decision 0044: who the person is is asked up front; the rarely needed facts are folded, each defaulting to
    "Not known" or blank, which the eligibility check leaves to the reviewer rather than deciding either way.
    """

    UP_FRONT = ["relation", "name", "id_number", "applying", "marital_status", "hukou"]
    SECTIONS = [
        (_("Hukou"), ["hukou_since", "hukou_by_joining", "hukou_moved_out_for"]),
        (_("Social insurance"), ["social_insurance_months", "first_social_insurance_date"]),
        (_("Housing"), ["owns_housing", "owns_residential_land", "last_housing_transfer_date",
                        "bought_policy_housing_in_city", "bought_policy_housing_elsewhere",
                        "received_price_difference_payment", "rents_affordable_housing",
                        "received_purchase_subsidy"]),
        (_("Family planning"), ["family_planning_violation", "family_planning_handled_date"]),
    ]
    DATE_FIELDS = ["hukou_since", "first_social_insurance_date", "last_housing_transfer_date",
                   "family_planning_handled_date"]

    class Meta:
        model = HouseholdMember
        fields = [
            "relation", "applying", "name", "id_number", "marital_status",
            "hukou", "hukou_since", "hukou_by_joining", "hukou_moved_out_for",
            "social_insurance_months", "first_social_insurance_date",
            "owns_housing", "owns_residential_land", "last_housing_transfer_date",
            "bought_policy_housing_in_city", "bought_policy_housing_elsewhere", "received_price_difference_payment",
            "rents_affordable_housing", "received_purchase_subsidy",
            "family_planning_violation", "family_planning_handled_date",
        ]
        labels = {
            "name": _("Name"),
            "id_number": _("Resident ID number"),
            "applying": _("Applies with the applicant (co-applicant)"),
            "hukou": _("Hukou now in"),
            "social_insurance_months": _("Months of Shenzhen pension or medical insurance"),
        }
        help_texts = {
            "id_number": _("18 characters; the last may be X (GB 11643)."),
            "hukou_by_joining": _("投靠: may only be a co-applicant, never the applicant."),
            "hukou_moved_out_for": _("An adult child away for military service or full-time study."),
            "social_insurance_months": _("Children's insurance does not count."),
            "owns_housing": _("Any form of housing, also without full title."),
        }
        widgets = {
            "hukou_since": DATE_WIDGET,
            "first_social_insurance_date": DATE_WIDGET,
            "last_housing_transfer_date": DATE_WIDGET,
            "family_planning_handled_date": DATE_WIDGET,
            "id_number": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.NullBooleanField):
                field.widget.choices = [("unknown", _("Not known")), ("true", _("Yes")), ("false", _("No"))]
        self.fields["applying"].initial = True

    def has_changed(self):
        # A blank row whose only difference is the co-applicant box counts as blank.
        return any(name != "applying" for name in self.changed_data)

    def up_front(self):
        return [self[name] for name in self.UP_FRONT]

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def folded_errors(self) -> bool:
        """Whether a folded fact has an error (its section then opens)."""
        return any(self[name].errors for _legend, names in self.SECTIONS for name in names)

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data["id_number"])

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in self.DATE_FIELDS:
            value = cleaned.get(name)
            if value and value > today:
                self.add_error(name, _("This date is in the future."))
        return cleaned


class BaseMemberFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Enter at least the applicant."),
        "too_many_forms": _("A household has at most %(num)d members here; contact the CCB for a larger one."),
    }

    def members(self) -> tuple[list[dict], list[int]]:
        """The filled-in rows as the intake service takes them, and the row index of each."""
        members, rows = [], []
        for index, form in enumerate(self.forms):
            if form.cleaned_data:  # a blank extra row has none
                members.append(dict(form.cleaned_data))
                rows.append(index)
        return members, rows


def member_formset(*, data=None, rows: int = DEFAULT_ROWS):
    """The household rows: at least the applicant, at most MAX_MEMBERS people."""
    rows = max(DEFAULT_ROWS, min(rows, MAX_MEMBERS))
    formset_class = forms.formset_factory(
        MemberForm, formset=BaseMemberFormSet, extra=rows - 1, min_num=1, max_num=MAX_MEMBERS,
        absolute_max=MAX_MEMBERS, validate_min=True, validate_max=True,
    )
    return formset_class(data=data, prefix="members", initial=[{"relation": "applicant", "applying": True}])
