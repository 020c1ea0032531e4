"""The Joint Meeting's record form and the list's filters (R-5, R-7.3, R-17.2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.models import Employer, JointMeetingDecision
from housing.web.forms import DateInput, today

Kind = JointMeetingDecision.Kind


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=Kind.choices, widget=forms.RadioSelect)
    minutes_number = forms.CharField(label=_("Minutes number"), max_length=120,
                                     help_text=_("As printed on the minutes, e.g. 龙华联席会议纪要〔2027〕3号."))
    meeting_date = forms.DateField(label=_("Date of the meeting"), widget=DateInput, initial=today)
    employer_code = forms.CharField(
        label=_("Employer's unified social credit code"), max_length=18, required=False,
        help_text=_("For a quota above the cap: the employer the Joint Meeting allowed more homes (Art. 17)."))
    year = forms.IntegerField(label=_("Year of the supply plan"), required=False, min_value=1)
    homes = forms.IntegerField(label=_("Homes allowed to this employer"), required=False, min_value=1)
    application_number = forms.CharField(
        label=_("Application number"), max_length=24, required=False,
        help_text=_("For a case-by-case provision: the application of the high-level talent (Art. 7(3))."))
    subject = forms.CharField(label=_("Matter"), max_length=200, required=False,
                              help_text=_("For another major matter: what it is about, in a line."))
    text = forms.CharField(label=_("Text of the decision"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, correcting: JointMeetingDecision | None = None, **kwargs):
        self.correcting = correcting
        initial = dict(kwargs.pop("initial", None) or {})
        if correcting is not None:
            initial.update({"kind": correcting.kind, "employer_code": correcting.employer.credit_code
                            if correcting.employer_id else "", "year": correcting.year, "homes": correcting.homes,
                            "application_number": correcting.application.number if correcting.application_id else "",
                            "subject": correcting.subject, "text": correcting.text})
        super().__init__(*args, initial=initial, **kwargs)
        if correcting is not None:
            # A correction is of the same kind (the service checks it too).
            self.fields["kind"].disabled = True
            self.fields["correction_reason"] = forms.CharField(
                label=_("Why the earlier decision is corrected"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_employer_code(self):
        code = (self.cleaned_data.get("employer_code") or "").strip().upper()
        if not code:
            return None
        employer = Employer.objects.filter(credit_code=code).first()
        if employer is None:
            raise forms.ValidationError(_("No employer has this unified social credit code."))
        return employer


class DecisionFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind of decision"), required=False)
    in_force = forms.BooleanField(label=_("In force only"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        self.fields["kind"].choices = [("", _("All kinds"))] + list(Kind.choices)
