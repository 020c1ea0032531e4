"""The three reviews, item by item: formal review (R-39.3), substantive review (R-39.4), recheck (R-39.5).

Each form is built from the list of items it decides (the group's checklist, its conditions,
the recheck facts) and carries the application's version (R-16.e). The substantive review
takes ``suggestions`` per condition: the eligibility engine's pre-decision (housing.review.selectors).
"""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import UnitCode
from housing.cases.written_notices import supplement_default
from housing.review.services.reviews import override_key

PASSED, FAILED = "passed", "failed"
TRUE, UNTRUE = "true", "untrue"


def _key(code: str) -> str:
    """A form-field-safe key for an item code such as "R-18.1"."""
    return re.sub(r"[^0-9A-Za-z]", "_", code)


def _hidden_version():
    """R-16.e: the version the page was rendered with; the service refuses a stale one."""
    damaged = _("This page is out of date or incomplete; reload it and try again.")
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                              error_messages={"required": damaged, "invalid": damaged, "min_value": damaged})


class FormalReviewForm(forms.Form):
    """R-39.3: each required material, present and valid or not; a note."""

    version = _hidden_version()
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Added to the reason the applicant is given."))
    # .d: the day the written notice of a return gives for handing in the supplement.
    supplement_by = forms.DateField(
        label=_("Supplement deadline"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Used only if the application is returned: the written notice asks for the missing materials "
                    "by this day."),
        error_messages={"invalid": _("Enter the supplement deadline as a date, for example 2026-12-31.")},
    )

    def __init__(self, *args, checklist: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        self.fields["supplement_by"].initial = supplement_default(timezone.localdate())
        for code, label in checklist:
            self.fields[f"item_{_key(code)}"] = forms.BooleanField(
                label=_("Present and valid"), required=False)

    def rows(self):
        return [{"code": code, "label": label, "field": self[f"item_{_key(code)}"]} for code, label in self.checklist]

    @staticmethod
    def ticked(codes: list[str]) -> dict[str, bool]:
        """Initial values ticking ``codes`` (the items that have a file)."""
        return {f"item_{_key(code)}": True for code in codes}

    def items(self, *, all_present: bool = False) -> dict[str, bool]:
        """Each item's finding; ``all_present``: the clerk found every item present and valid."""
        return {code: all_present or bool(self.cleaned_data.get(f"item_{_key(code)}"))
                for code, _label in self.checklist}

    def field_for_error(self, key: str) -> str | None:
        name = f"item_{_key(key)}"
        return name if name in self.fields else (key if key in ("note", "supplement_by") else None)


class SubstantiveReviewForm(forms.Form):
    """R-39.4: every condition of SPEC §6 for the group decided, with its evidence; the reason of a refusal.

    ``suggestions`` maps a condition to the eligibility engine's pre-decision (passed or None, and its message
    in the reader's language). A decided condition starts selected with the engine's message as its evidence,
    so confirming is one click; it also offers an override reason, required (by the service) when the
    reviewer's decision differs. An undecided condition starts empty: the reviewer decides and writes the
    evidence, which is the reason.
    """

    version = _hidden_version()
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when any condition failed: it is shown to the applicant in plain words."),
    )

    def __init__(self, *args, conditions: list[tuple[str, str]],
                 suggestions: dict[str, tuple[bool | None, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = conditions
        self.suggestions = suggestions or {}
        for cid, _text in conditions:
            decision = f"decision_{_key(cid)}"
            evidence = f"evidence_{_key(cid)}"
            self.fields[decision] = forms.ChoiceField(
                label=_("Decision on %(condition)s") % {"condition": cid},
                choices=[(PASSED, _("Passed")), (FAILED, _("Failed"))], widget=forms.RadioSelect,
                error_messages={"required": _("Decide this condition before concluding the review.")},
            )
            self.fields[evidence] = forms.CharField(
                label=_("Evidence for %(condition)s") % {"condition": cid}, widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Record the evidence this decision rests on.")},
            )
            passed, text = self.suggestions.get(cid, (None, ""))
            if passed is None:
                continue
            self.initial.setdefault(decision, PASSED if passed else FAILED)
            if text:
                self.initial.setdefault(evidence, text)
            self.fields[f"override_{_key(cid)}"] = forms.CharField(
                label=_("Reason for overriding the eligibility check on %(condition)s") % {"condition": cid},
                required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Required if your decision differs from the check's. Overrides are listed "
                            "for discipline inspection."),
            )

    def rows(self):
        out = []
        for cid, text in self.conditions:
            passed, message = self.suggestions.get(cid, (None, ""))
            override = f"override_{_key(cid)}"
            out.append({
                "cid": cid, "text": text, "decision": self[f"decision_{_key(cid)}"],
                "evidence": self[f"evidence_{_key(cid)}"], "suggested": cid in self.suggestions,
                "engine_passed": passed, "engine_message": message,
                "override": self[override] if override in self.fields else None,
            })
        return out

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(f"decision_{_key(cid)}") == FAILED for cid, _t in self.conditions):
            if not (cleaned.get("reason") or "").strip():
                self.add_error("reason", _("A refusal gives its reason in plain words."))
        return cleaned

    def decisions(self) -> dict[str, tuple[bool | None, str]]:
        out = {}
        for cid, _text in self.conditions:
            value = self.cleaned_data.get(f"decision_{_key(cid)}")
            passed = {PASSED: True, FAILED: False}.get(value)
            out[cid] = (passed, (self.cleaned_data.get(f"evidence_{_key(cid)}") or "").strip())
        return out

    def override_reasons(self) -> dict[str, str]:
        return {cid: (self.cleaned_data.get(f"override_{_key(cid)}") or "").strip()
                for cid, _text in self.conditions if f"override_{_key(cid)}" in self.fields}

    def field_for_error(self, key: str) -> str | None:
        if key == "reason":
            return "reason"
        for cid, _text in self.conditions:
            if key == override_key(cid):
                name = f"override_{_key(cid)}"
                return name if name in self.fields else None
        if f"decision_{_key(key)}" not in self.fields:
            return None
        # The service says either "decide" (no decision) or "record the evidence".
        decided = self.cleaned_data.get(f"decision_{_key(key)}") if hasattr(self, "cleaned_data") else None
        return f"evidence_{_key(key)}" if decided else f"decision_{_key(key)}"


class RecheckForm(forms.Form):
    """R-16.4, R-39.5: each fact verified with the agency that answers for it (R-14)."""

    version = _hidden_version()
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when any fact is not true as declared: it is shown to the applicant."),
    )

    def __init__(self, *args, items: dict[str, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.items_to_check = items
        for item, (label, _agency) in items.items():
            self.fields[f"verified_{_key(item)}"] = forms.ChoiceField(
                label=_("Result for %(fact)s") % {"fact": label},
                choices=[(TRUE, _("True as declared")), (UNTRUE, _("Not true"))], widget=forms.RadioSelect,
                error_messages={"required": _("Record the verification result of this fact.")},
            )
            self.fields[f"note_{_key(item)}"] = forms.CharField(
                label=_("Note on %(fact)s") % {"fact": label}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            {"item": item, "label": label, "agency": UnitCode(agency).label if agency in UnitCode.values else agency,
             "verified": self[f"verified_{_key(item)}"], "note": self[f"note_{_key(item)}"]}
            for item, (label, agency) in self.items_to_check.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(f"verified_{_key(item)}") == UNTRUE for item in self.items_to_check):
            if not (cleaned.get("reason") or "").strip():
                self.add_error("reason", _("A removal gives its reason in plain words."))
        return cleaned

    def results(self) -> dict[str, tuple[bool | None, str]]:
        out = {}
        for item in self.items_to_check:
            value = self.cleaned_data.get(f"verified_{_key(item)}")
            out[item] = ({TRUE: True, UNTRUE: False}.get(value), (self.cleaned_data.get(f"note_{_key(item)}") or "").strip())
        return out

    def field_for_error(self, key: str) -> str | None:
        if key == "reason":
            return "reason"
        name = f"verified_{_key(key)}"
        return name if name in self.fields else None
