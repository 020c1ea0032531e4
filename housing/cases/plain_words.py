"""R-16.d: what each step means for the applicant, in plain words."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

PLAIN_WORDS = {
    "intake": _("Your application %(number)s has been received and awaits the check of your materials."),
    "pass_formal_review": _("Your materials are complete. Your application %(number)s is now being reviewed for eligibility."),
    "return_for_supplement": _(
        "Your application %(number)s was returned: materials are missing or incomplete. "
        "Please supplement them and hand them in again. Reason: %(reason)s"
    ),
    "resubmit": _("Your supplemented materials for %(number)s have been received."),
    "approve_eligibility": _("Your application %(number)s meets the conditions and will be ranked."),
    "refuse": _("Your application %(number)s was refused under %(articles)s. Reason: %(reason)s"),
    "propose": _("Your application %(number)s is on the proposed list and will be rechecked."),
    "pass_recheck": _("The facts of your application %(number)s were confirmed; it will be published in a public notice."),
    "remove_at_recheck": _("Your application %(number)s was removed at recheck under %(articles)s. Reason: %(reason)s"),
    "publish_in_notice": _("Your application %(number)s is in the public notice until %(notice_ends_on)s."),
    "freeze_for_objection": _("An objection was filed concerning your application %(number)s; it is under investigation."),
    "dismiss_objection": _("The objection concerning your application %(number)s was not upheld."),
    "uphold_objection": _("An objection concerning your application %(number)s was upheld and it was removed from the list. Reason: %(reason)s"),
    "announce": _("Your application %(number)s is on the announced final list."),
    "issue_selection_notice": _("You are invited to select your home. Application %(number)s."),
    "record_selection": _("Your choice of home for application %(number)s has been recorded."),
    "sign_contract": _("Your contract for application %(number)s has been signed."),
    "file_contract": _("Your contract for application %(number)s has been filed."),
    "give_up": _("Application %(number)s gave up its turn in this round (selection or signing not done in time). Reason: %(reason)s"),
    "start_subsidy": _("Your housing subsidy for application %(number)s has started."),
    "withdraw": _("Your application %(number)s was withdrawn at your request."),
}


def plain_words(event: str, context: dict) -> tuple[str, str]:
    """The message in Simplified Chinese and in English."""
    template = PLAIN_WORDS.get(event)
    if template is None:
        return "", ""
    out = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            out.append(str(template) % context)
    return out[0], out[1]
