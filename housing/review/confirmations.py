"""What a refusal in the substantive review will do, stated before it is done (R-16.3, R-16.d, R-39.4).

A refusal ends the application and issues a written notice to the applicant, so it is confirmed first; a review
in which every condition passes goes straight through. The statement says exactly what the service does on a
refusal (housing.review.services.reviews.conclude_substantive_review, housing.cases.workflow.take_step): the
decisions are recorded, the numbered written notice of refusal is issued, and the applicant is sent the notice's
message by text message (and e-mail when one is on file)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from departments.models import official_name
from housing.cases.citations import in_language
from housing.cases.written_notices import issuing_unit
from housing.models import Application
from housing.review.services.reviews import failed_conditions
from housing.rules.catalogue import CONDITIONS
from housing.web.confirmation import Confirmation


def refusal_confirmation(application: Application, *, decisions: dict[str, tuple[bool | None, str]], reason: str,
                         override_reasons: dict[str, str], engine_passed: dict[str, bool | None]) -> Confirmation:
    """R-16.3, R-16.d: the failed conditions, each with its article as people cite it and the evidence recorded for
    it, the reason the applicant is given, and what follows: the written notice, the message, the end of the
    application. ``decisions``, ``reason`` and ``override_reasons`` are the review form's, as the service takes
    them; ``engine_passed`` the eligibility check's verdict on each condition (None: undecided)."""
    group = application.group
    failed = failed_conditions(application, decisions)
    name, number = application.applicant_name, application.number
    notice = _("A written notice of refusal, numbered and dated today, is issued to %(name)s in the name of "
               "%(unit)s. It lists each failed condition with its article and gives your reason, the legal basis and "
               "how to apply for administrative reconsideration or bring a lawsuit.") % {
        "name": name, "unit": official_name(issuing_unit("refuse", group))}
    phone, email = bool(application.contact_phone), bool(application.contact_email)
    if phone and email:
        told = _("%(name)s is told of the refusal, its articles and your reason by text message to the contact phone "
                 "and by e-mail.")
    elif phone:
        told = _("%(name)s is told of the refusal, its articles and your reason by text message to the contact "
                 "phone.")
    elif email:
        told = _("No contact phone is on file: the text message is recorded as not sent. %(name)s is told of the "
                 "refusal, its articles and your reason by e-mail.")
    else:
        told = _("No contact phone or e-mail is on file: the message telling %(name)s of the refusal is recorded "
                 "as not sent.")
    consequences = [notice, told % {"name": name}]
    # as the service records them, an override is a decision that differs from the check's verdict.
    overrides = {cid: override_reasons.get(cid, "").strip() for cid, (passed, _evidence) in decisions.items()
                 if engine_passed.get(cid) is not None and passed is not None and passed != engine_passed[cid]}
    if overrides:
        consequences.append(ngettext(
            "Your reason for overriding the eligibility check on %(count)d condition is recorded and listed for "
            "discipline inspection.",
            "Your reasons for overriding the eligibility check on %(count)d conditions are recorded and listed for "
            "discipline inspection.", len(overrides)) % {"count": len(overrides)})
    return Confirmation(
        title=_("Refuse application %(number)s") % {"number": number},
        lead=ngettext(
            "Application %(number)s of %(name)s does not meet the condition below and is refused. The application "
            "ends at this stage: it goes on to no later step.",
            "Application %(number)s of %(name)s does not meet the %(count)d conditions below and is refused. The "
            "application ends at this stage: it goes on to no later step.", len(failed)) % {
            "number": number, "name": name, "count": len(failed)},
        confirm_label=_("Confirm the refusal"),
        basis={"act": "refuse", "application": application.pk, "version": application.version,
               "stage": application.stage, "reason": reason.strip(),
               "decisions": {cid: [passed, (evidence or "").strip()] for cid, (passed, evidence) in decisions.items()},
               "overrides": overrides,
               "phone": phone, "email": email},
        facts=[(_("Application"), number), (_("Applicant"), name),
               (_("Applicant group"), application.get_group_display()),
               (_("Reason given to the applicant"), reason.strip())],
        consequences=consequences,
        table_caption=_("Conditions not met"),
        table_headers=[_("Article"), _("Condition"), _("Evidence recorded")],
        table_rows=[[in_language([cid], group), str(CONDITIONS[cid]), decisions[cid][1].strip()] for cid in failed],
        fields={"version": application.version})
