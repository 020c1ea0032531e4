"""The forms of the agencies' pages (R-14): answering the facts of a request, correcting an answer, and the
answers file (upload, confirmation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.verification.exchange import MAX_UPLOAD_BYTES
from housing.verification.services import Answer

TRUE, UNTRUE = "true", "untrue"
RESULT_CHOICES = [(TRUE, _("True as declared")), (UNTRUE, _("Not true"))]
STANDS_BY_HELP = _("Art. 14: the agency provides the verification result and is responsible for it. Tick to state "
                   "this for your agency; it is recorded with your name and the time.")


def _result(value) -> bool | None:
    return {TRUE: True, UNTRUE: False}.get(value)


class AnswerForm(forms.Form):
    """One row per fact still to answer; a fact left blank is left for later."""

    stands_by = forms.BooleanField(label=_("My agency stands by these answers"), required=False,
                                   help_text=STANDS_BY_HELP)

    def __init__(self, *args, facts, **kwargs):
        super().__init__(*args, **kwargs)
        self.facts = facts
        for fact in facts:
            self.fields[f"confirmed_{fact.item}"] = forms.ChoiceField(
                label=_("Result for %(fact)s") % {"fact": fact.label}, choices=RESULT_CHOICES,
                widget=forms.RadioSelect, required=False)
            self.fields[f"reference_{fact.item}"] = forms.CharField(
                label=_("Reference number for %(fact)s") % {"fact": fact.label}, required=False, max_length=60)
            self.fields[f"remarks_{fact.item}"] = forms.CharField(
                label=_("Remarks on %(fact)s") % {"fact": fact.label}, required=False, max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        return [{"fact": fact, "confirmed": self[f"confirmed_{fact.item}"],
                 "reference": self[f"reference_{fact.item}"], "remarks": self[f"remarks_{fact.item}"]}
                for fact in self.facts]

    def answers(self) -> dict[str, Answer]:
        data = self.cleaned_data
        return {fact.item: Answer(confirmed=_result(data.get(f"confirmed_{fact.item}")),
                                  reference=data.get(f"reference_{fact.item}") or "",
                                  remarks=data.get(f"remarks_{fact.item}") or "")
                for fact in self.facts}


class CorrectionForm(forms.Form):
    confirmed = forms.ChoiceField(label=_("Result"), choices=RESULT_CHOICES, widget=forms.RadioSelect,
                                  required=False)
    reference = forms.CharField(label=_("Reference number"), required=False, max_length=60)
    remarks = forms.CharField(label=_("Remarks"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason for the correction"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Kept with the new answer; the earlier answer stays on record as given."))
    stands_by = forms.BooleanField(label=_("My agency stands by this answer"), required=False,
                                   help_text=STANDS_BY_HELP)

    def answer(self) -> Answer:
        data = self.cleaned_data
        return Answer(confirmed=_result(data.get("confirmed")), reference=data.get("reference") or "",
                      remarks=data.get("remarks") or "")


class AnswersUploadForm(forms.Form):
    file = forms.FileField(label=_("Answers file"), help_text=_(
        "The exported file with the result, reference number and remarks filled in: an Excel workbook (.xlsx) or a "
        "CSV file (.csv), at most 5 MB. Rows left blank are left for later."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into several files."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload the answers as an Excel workbook (.xlsx) or a CSV file (.csv)."))
        return upload


class AnswersConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    stands_by = forms.BooleanField(label=_("My agency stands by every answer in this file"), required=False,
                                   help_text=STANDS_BY_HELP)
