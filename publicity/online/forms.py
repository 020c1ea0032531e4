"""The public forms: an objection or a question about a notice, following one, the applicant's status lookup.

The forms only read what was typed; what it must be (a contact that reaches someone, an entry still on the
list, an acceptable file) is checked by the services, which put their errors back on these fields.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from housing.cases.documents import size_limit_text

CONTACT_HELP = _("A mobile or landline number, or an email address: the answer is sent there, and you need it "
                 "with the receipt number to follow your filing.")


class NoEchoInput(forms.TextInput):
    """A text box that never renders the value it was submitted with (R-X.2: an ID number or a code is not sent back)."""

    def format_value(self, value):
        return None


def entry_choices(entries, *, objectable_only: bool) -> list[tuple[str, str]]:
    """One choice per entry of the notice: its rank and masked name (R-16.4b), never the full name."""
    choices = []
    for entry in entries:
        if objectable_only and not entry.objectable:
            continue
        label = _("Rank %(rank)s · %(name)s") % {"rank": entry.rank if entry.rank is not None else "-",
                                                   "name": entry.masked_name}
        if entry.employer:
            label = f"{label} · {entry.employer}"
        choices.append((str(entry.position), label))
    return choices


class _EntryForm(forms.Form):
    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {e.position: e for e in entries}

    def application_id(self) -> int | None:
        entry = self.entries.get(self.cleaned_data.get("entry"))
        return entry.application_id if entry else None


OBJECTION_CONTACT_HELP = _("A mobile number or an email address: we send a code there to confirm it, the answer is "
                           "sent there, and you need it with the receipt number to follow your objection.")


class OnlineObjectionForm(_EntryForm):
    objector_name = forms.CharField(label=_("Your real name"), max_length=100)
    objector_contact = forms.CharField(label=_("Your mobile number or email"), max_length=100,
                                       help_text=OBJECTION_CONTACT_HELP)
    # the contact is proved by the code sent to it (publicity.online.contact_codes).
    verification_code = forms.CharField(
        label=_("Verification code"), max_length=12,
        help_text=_("The six digits we sent to your mobile number or email; valid for 10 minutes."),
        widget=NoEchoInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}))
    entry = forms.TypedChoiceField(label=_("The entry you object to"), coerce=int)
    reasons = forms.CharField(label=_("Your reasons"), widget=forms.Textarea, max_length=5000,
                              help_text=_("What you know that this entry does not meet, as precisely as you can."))
    evidence = forms.FileField(
        label=_("Evidence (optional)"), required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, entries=entries, **kwargs)
        self.fields["entry"].choices = [("", _("Choose the entry…")),
                                        *entry_choices(entries, objectable_only=True)]
        self.fields["evidence"].help_text = _("One PDF, JPG or PNG file, at most %(limit)s.") % {
            "limit": size_limit_text(settings.OBJECTION_EVIDENCE_MAX_BYTES)}


class ContactCodeForm(forms.Form):
    """The first step of an objection online: where to send the code that proves the contact (R-16.6)."""

    objector_contact = forms.CharField(label=_("Your mobile number or email"), max_length=100,
                                       help_text=_("We send a six-digit code there; enter it in the form below."))


class OnlineInquiryForm(_EntryForm):
    asker_name = forms.CharField(label=_("Your name"), max_length=100)
    asker_contact = forms.CharField(label=_("Your telephone or email"), max_length=100, help_text=CONTACT_HELP)
    entry = forms.TypedChoiceField(label=_("The entry your question is about (optional)"), coerce=int,
                                   required=False, empty_value=None)
    question = forms.CharField(label=_("Your question"), widget=forms.Textarea, max_length=5000)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, entries=entries, **kwargs)
        self.fields["entry"].choices = [("", _("A general question about the notice")),
                                        *entry_choices(entries, objectable_only=False)]


class FilingLookupForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt number"), max_length=24,
                              help_text=_("As printed on your receipt, e.g. YY-20260105-1A2B3C4D."))
    contact = forms.CharField(label=_("The telephone or email you gave"), max_length=100)


class StatusLookupForm(forms.Form):
    application_number = forms.CharField(label=_("Application number"), max_length=24,
                             help_text=_("As on your receipt of application, e.g. LH-2026-C3-000123."))
    id_number = forms.CharField(label=_("The applicant's resident ID number"), min_length=15, max_length=18,
                                widget=NoEchoInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    lookup_code = forms.CharField(
        label=_("Lookup code"), max_length=12,
        help_text=_("The eight letters and digits you were given with your receipt of application, e.g. K7QM-3XPA. "
                    "If you have lost it, ask at the counter where you applied."),
        widget=NoEchoInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}))
