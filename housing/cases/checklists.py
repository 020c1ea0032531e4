"""R-16.2, R-39.3: the materials each group hands in, checked at formal review."""

from django.utils.translation import gettext_lazy as _

from housing.groups import Group

MATERIALS = {
    "application_form": _("Signed application form"),
    "id_cards": _("Resident ID cards of all applicants"),
    "hukou_booklet": _("Hukou booklets of all applicants"),
    "marriage_status": _("Proof of marital status"),
    "housing_status": _("Proof of housing status (property search result)"),
    "income_proof": _("Proof of household income for the two previous years"),
    "asset_proof": _("Proof of household assets"),
    "allowance_certificate": _("Minimum-allowance or near-minimum-allowance certificate"),
    "social_insurance": _("Shenzhen social-insurance record"),
    "family_planning": _("Family-planning certificate"),
    "employment_proof": _("Proof of employment issued by the employer"),
    "title_certificate": _("Professional title certificate"),
    "degree_certificate": _("Degree and graduation certificates"),
    "foreign_degree_certification": _("Certification of a foreign degree (if any)"),
    "honour_certificate": _("Honour certificate (if any)"),
}

_COMMON = ["application_form", "id_cards", "hukou_booklet", "marriage_status", "housing_status", "family_planning"]
_TALENT = ["employment_proof", "title_certificate", "degree_certificate", "social_insurance"]

# Items every application of the group must have; optional ones are accepted but not required.
REQUIRED = {
    Group.LOW_INCOME_NO_HOUSING: _COMMON + ["income_proof", "asset_proof"],
    Group.MINIMUM_ALLOWANCE: _COMMON + ["allowance_certificate"],
    Group.NO_HOUSING: _COMMON + ["social_insurance"],
    Group.INSTITUTION_TALENT: _COMMON + _TALENT,
    Group.ECW_TALENT: _COMMON + _TALENT,
    Group.ENTERPRISE_TALENT: _COMMON + _TALENT,
}
OPTIONAL = ["foreign_degree_certification", "honour_certificate"]


def checklist_for(group: str) -> list[tuple[str, str]]:
    return [(code, MATERIALS[code]) for code in REQUIRED[group]]


def accepted_kinds(group: str) -> list[tuple[str, str]]:
    return checklist_for(group) + [(code, MATERIALS[code]) for code in OPTIONAL]

# Uploads: type by extension and by the file's first bytes (R-X.5: a wrong file changes nothing).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
