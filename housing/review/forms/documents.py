"""Handing in one material of the group's checklist (R-16.2, R-39.3)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from housing.cases.checklists import accepted_kinds


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, group: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose the material…")), *accepted_kinds(group)]
        self.fields["file"].help_text = _("PDF, JPG or PNG, at most %(limit)s MB.") % {
            "limit": f"{settings.DOCUMENT_MAX_BYTES / (1024 * 1024):g}"
        }
