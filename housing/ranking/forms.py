"""Ranking a round's eligible applications of one group (R-16.3, R-23.3, R-40)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.groups import Group


class RankingForm(forms.Form):
    group = forms.ChoiceField(label=_("Applicant group"))
    seed = forms.CharField(
        label=_("Lottery seed"), max_length=200, strip=False,
        help_text=_("The seed fixed at the public draw, copied exactly: every character counts (Art. 23(3))."),
    )
    rule_text = forms.CharField(
        label=_("Your unit's published ranking rule"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The text of the ranking rule your unit published; it is recorded with the ranking (Art. 40)."),
    )

    unit_quota = forms.IntegerField(
        label=_("Your unit's quota"), min_value=1, required=False,
        help_text=_("Leave it empty to take what the approved supply plan still leaves your unit; a smaller number "
                    "stops the proposed list earlier."),
    )
    employer_quota = forms.IntegerField(
        label=_("Quota of each employer (talent groups)"), min_value=1, required=False,
        help_text=_("Each employer's queue is cut at this rank; at most the policy cap per allocation (Art. 17)."),
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, Group(g).label) for g in groups]
