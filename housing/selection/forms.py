"""Forms of selection day (R-16.8a, R-16.8c, SPEC §13)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput, VersionedForm
from housing.models import HousingUnit
from housing.selection.selectors import homes_for


class IssueNoticesForm(forms.Form):
    """R-16.8a: the day and place; the order follows the announced rank."""

    selection_date = forms.DateField(label=_("Selection date"), widget=DateInput)
    place = forms.CharField(label=_("Selection place"), max_length=200)


class HomeChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit: HousingUnit) -> str:
        money = unit.monthly_rent if unit.monthly_rent is not None else unit.price
        return f"{unit} · {unit.get_unit_type_display()} · {unit.area} m² · {money}"


class ChooseHomeForm(VersionedForm):
    """R-16.8c: one of the available homes the household's size allows."""

    unit = HomeChoice(label=_("Home chosen"), queryset=HousingUnit.objects.none(), widget=forms.RadioSelect,
                      empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.application is not None:
            # Every home by pk, so that one taken meanwhile is refused by the service with its own message.
            self.fields["unit"].queryset = (homes_for(self.application) if not self.is_bound
                                            else HousingUnit.objects.all())


class NoShowForm(VersionedForm):
    """SPEC §13 弃选: the called household did not come, or declined to choose."""

    note = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
