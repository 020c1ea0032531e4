"""The eligibility conditions of SPEC §6 that apply to each group, in the order they are decided.

The substantive review asks the reviewer to decide each of them with evidence
(R-39.4); the eligibility engine (housing/rules/eligibility) pre-decides them from the facts.
"""

from django.utils.translation import gettext_lazy as _

from housing.groups import Group

CONDITIONS = {
    "R-4": _("The form of guarantee asked for is one the group may receive"),
    "R-18.1": _("All applicants hold Longhua hukou"),
    "R-18.2": _("Per-capita income below the low-income line in each of the two previous years"),
    "R-18.3": _("Household assets not above the asset limit"),
    "R-18.4": _("No applicant bought policy housing anywhere or received a price-difference payment"),
    "R-18.5": _("No applicant owns residential land or housing, nor transferred any within the look-back period"),
    "R-18.6": _("No family-planning violation, or dealt with at least 15 years ago"),
    "R-19.1": _("All applicants hold Longhua hukou"),
    "R-19.2": _("Income below the social-assistance standard and civil-affairs low-income treatment received"),
    "R-19.3": _("No applicant bought policy housing in Shenzhen, rents affordable housing or received a purchase subsidy"),
    "R-19.4": _("No applicant owns residential land or any housing"),
    "R-19.5": _("Applicant and spouse: no family-planning violation, or dealt with at least 5 years ago"),
    "R-20.1": _("All applicants hold Longhua hukou"),
    "R-20.2": _("The applicant paid Shenzhen social insurance for at least 3 years in total"),
    "R-20.3": _("No applicant bought policy housing in Shenzhen, rents affordable housing or received a purchase subsidy"),
    "R-20.4": _("No applicant owns residential land or any housing"),
    "R-20.5": _("Applicant and spouse: no family-planning violation, or dealt with at least 5 years ago"),
    "R-22.1": _("The employer is on this year's key-enterprise list"),
    "R-21.1": _("Works for an eligible employer and is a senior or mid/junior talent within the age limit"),
    "R-21.2": _("No applicant bought policy housing in Shenzhen, rents affordable housing or received a purchase subsidy"),
    "R-21.3": _("No applicant owns residential land or any housing"),
    "R-21.4": _("Applicant and spouse: no family-planning violation, or dealt with at least 5 years ago"),
    "R-HH.1": _("Co-applicants are in a legal support relationship with the applicant"),
    "R-HH.2": _("A married applicant's spouse and minor children are co-applicants"),
    "R-HH.3": _("An adult child away for military service or full-time study is correctly included"),
    "R-HH.4": _("Nobody who obtained the hukou by joining the applicant is the applicant"),
}

_HOUSEHOLD = ["R-HH.1", "R-HH.2", "R-HH.3", "R-HH.4"]
_TALENT = ["R-21.1", "R-21.2", "R-21.3", "R-21.4"]

CONDITIONS_BY_GROUP = {
    Group.LOW_INCOME_NO_HOUSING: ["R-4", "R-18.1", "R-18.2", "R-18.3", "R-18.4", "R-18.5", "R-18.6", *_HOUSEHOLD],
    Group.MINIMUM_ALLOWANCE: ["R-4", "R-19.1", "R-19.2", "R-19.3", "R-19.4", "R-19.5", *_HOUSEHOLD],
    Group.NO_HOUSING: ["R-4", "R-20.1", "R-20.2", "R-20.3", "R-20.4", "R-20.5", *_HOUSEHOLD],
    Group.INSTITUTION_TALENT: ["R-4", *_TALENT, *_HOUSEHOLD],
    Group.ECW_TALENT: ["R-4", *_TALENT, *_HOUSEHOLD],
    Group.ENTERPRISE_TALENT: ["R-4", "R-22.1", *_TALENT, *_HOUSEHOLD],
}


def conditions_for(group: str) -> list[tuple[str, str]]:
    return [(cid, CONDITIONS[cid]) for cid in CONDITIONS_BY_GROUP[group]]


# the facts verified at recheck and the agency that answers for each.
RECHECK_ITEMS = {
    "housing": (_("Housing and land ownership"), "verify_planning_land"),
    "family_planning": (_("Family planning"), "verify_family_planning"),
    "education": (_("Education and qualifications"), "verify_social_security"),
    "hukou": (_("Hukou"), "verify_public_security"),
    "marriage": (_("Marital status"), "verify_civil_affairs"),
    "social_insurance": (_("Social insurance"), "verify_social_security"),
}
