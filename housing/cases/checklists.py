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

# Words in a file's name that suggest its item, so the intake page can pre-assign a file chosen with others
# (static/js/intake-materials.js); the clerk confirms or changes each guess.
HINTS = {
    "application_form": ["申请表", "申请书", "application"],
    "id_cards": ["身份证", "id card", "idcard", "id_card"],
    "hukou_booklet": ["户口", "户籍", "hukou"],
    "marriage_status": ["婚姻", "结婚", "离婚", "单身", "marriage", "marital"],
    "housing_status": ["房产", "住房", "产权", "property", "housing"],
    "income_proof": ["收入", "工资", "income"],
    "asset_proof": ["资产", "财产", "asset"],
    "allowance_certificate": ["低保", "救助", "allowance"],
    "social_insurance": ["社保", "社会保险", "insurance"],
    "family_planning": ["计生", "计划生育", "family"],
    "employment_proof": ["在职", "劳动合同", "工作证明", "employment"],
    "title_certificate": ["职称", "title"],
    "degree_certificate": ["学位", "学历", "毕业", "degree", "diploma"],
    "foreign_degree_certification": ["认证", "留学", "foreign"],
    "honour_certificate": ["荣誉", "表彰", "honour", "honor"],
}


def groups_accepting(code: str) -> list[str]:
    """The groups whose checklist (required or optional items) has ``code``."""
    return [group for group, codes in REQUIRED.items() if code in codes or code in OPTIONAL]


# Uploads: type by extension and by the file's first bytes (R-X.5: a wrong file changes nothing).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
