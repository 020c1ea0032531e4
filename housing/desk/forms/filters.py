"""The filters of the work queue and the application list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from departments.permissions import sees_only_subsidies, visible_groups
from housing.groups import Group
from housing.models import AllocationRound, Employer
from housing.cases.selectors import employers_visible_to
from housing.stages import Stage


def _round_field():
    return forms.ModelChoiceField(label=_("Round"), queryset=AllocationRound.objects.all(), required=False,
                                  empty_label=_("All rounds"))


class WorkQueueFilterForm(forms.Form):
    round = _round_field()


class ApplicationFilterForm(forms.Form):
    round = _round_field()
    group = forms.ChoiceField(label=_("Applicant group"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False,
                              choices=[("", _("All stages")), *Stage.choices])
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none(), required=False,
                                      empty_label=_("All employers"))
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Beginning of the name, the ID number or the application number."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        groups = visible_groups(user)
        shown = [(g, label) for g, label in Group.choices if groups is None or sees_only_subsidies(user) or g in groups]
        self.fields["group"].choices = [("", _("All groups")), *shown]
        self.fields["employer"].queryset = employers_visible_to(user)

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        data = getattr(self, "cleaned_data", {})
        employer = data.get("employer")
        round_ = data.get("round")
        return {
            "round_id": round_.pk if round_ else None,
            "group": data.get("group") or None,
            "stage": data.get("stage") or None,
            "employer_id": employer.pk if employer else None,
            "q": (data.get("q") or "").strip(),
        }
