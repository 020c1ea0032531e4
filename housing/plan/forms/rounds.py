"""Opening a round with its supply notice (R-16.1) and publishing a public notice (R-16.4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput, today
from housing.groups import Group


def this_year():
    return today().year


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2014, max_value=2100, initial=this_year)
    name = forms.CharField(label=_("Name of the round"), max_length=120, required=False,
                           help_text=_("Optional; the title of the notice is used when empty."))
    title = forms.CharField(label=_("Title of the supply notice"), max_length=200)
    body = forms.CharField(label=_("Text of the supply notice"), widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("What homes are offered, to whom, and how to apply (Art. 16(1))."))
    groups = forms.MultipleChoiceField(label=_("Applicant groups invited"), choices=Group.choices,
                                       widget=forms.CheckboxSelectMultiple)
    application_deadline = forms.DateField(label=_("Application deadline"), widget=DateInput)


class PublishNoticeForm(forms.Form):
    group = forms.ChoiceField(label=_("Applicant group"))
    starts_on = forms.DateField(
        label=_("Objections can be made from"), initial=today, widget=DateInput,
        help_text=_("The first day of the notice: today or a later day, never an earlier one. The notice runs for "
                    "the number of days the policy in force sets (Art. 16(4)–(6))."),
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, Group(g).label) for g in groups]
