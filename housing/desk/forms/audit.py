from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import UnitCode
from departments.permissions import SCHEDULED_JOB
from housing.events import HISTORY_EVENTS, STAFF_ACTIONS
from housing.groups import RESPONSIBLE_UNIT, Group


def _choices(events, everything):
    """Every event of the list with its label; the empty value filters nothing (R-6, R-38)."""
    return [("", everything)] + [(event.value, event.label) for event in events]


class AuditFilterForm(forms.Form):
    """R-6, R-38: every event of an application's history can be filtered (housing.events.HISTORY_EVENTS)."""

    unit = forms.ChoiceField(label=_("Unit"), required=False, choices=[("", _("All units"))] + list(UnitCode.choices))
    event = forms.ChoiceField(label=_("Step"), required=False, choices=_choices(HISTORY_EVENTS, _("All steps")))
    actor = forms.CharField(label=_("Login of the staff member"), required=False, max_length=150)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def _record_types():
    from housing import models

    kinds = [models.DemandReport, models.SupplyPlan, models.PlanQuota, models.EmployerQuota, models.HousingUnit,
             models.HousingProject, models.SelectionSession, models.Subsidy, models.SubsidyBatch, models.Tenancy,
             models.BuyBack, models.OwnershipTransfer, models.Reminder]
    return [("", _("All records"))] + [(m._meta.model_name, m._meta.verbose_name) for m in kinds]


class OfficeActionFilterForm(forms.Form):
    """R-6, R-38: staff actions outside an application's history, by record, action and login."""

    record_type = forms.ChoiceField(label=_("Record"), required=False, choices=_record_types)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=_choices(STAFF_ACTIONS, _("All actions")))
    actor = forms.CharField(label=_("Login of the staff member"), required=False, max_length=150)
    scheduled = forms.BooleanField(label=_("Only what the scheduled jobs did"), required=False)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def actor_filter(cleaned_data: dict) -> str:
    """The stored actor name the staff-action filters ask for: a login, or the scheduled jobs' own name."""
    if cleaned_data.get("scheduled"):
        return SCHEDULED_JOB.history_name
    return (cleaned_data.get("actor") or "").strip()


class OverrideFilterForm(forms.Form):
    """R-39.4, R-6: the reviewers' overrides of the eligibility check, by the reviewer's unit, group and day."""

    unit = forms.ChoiceField(label=_("Reviewer's unit"), required=False)
    group = forms.ChoiceField(label=_("Applicant group"), required=False,
                              choices=[("", _("All groups")), *Group.choices])
    decided_from = forms.DateField(label=_("Decided from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    decided_to = forms.DateField(label=_("Decided until"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The units that decide eligibility: the responsible unit of each group (SPEC §3).
        deciding = [code for code in UnitCode.values if code in set(RESPONSIBLE_UNIT.values())]
        self.fields["unit"].choices = [("", _("All units"))] + [(c, UnitCode(c).label) for c in deciding]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("decided_from"), cleaned.get("decided_to")
        if start and end and start > end:
            self.add_error("decided_to", _("The last day comes before the first."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        data = getattr(self, "cleaned_data", {})
        return {"unit": data.get("unit") or "", "group": data.get("group") or "",
                "decided_from": data.get("decided_from"), "decided_to": data.get("decided_to")}
