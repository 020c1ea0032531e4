"""The bad-behaviour register (R-35, R-36, R-37) and the bans intake applies (R-36, R-37, R-29).

Entering a sanction saves a publicity.models.RegisterEntry; its post_save signal (publicity.signals) makes the
cached public register stale after the commit, so the entry is on the next public page served.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.cases.citations import cited
from housing.exceptions import InvalidInput
from housing.groups import Form
from housing.models import Application, ApplicationHistory, HouseholdMember, OwnershipTransfer, Relation
from housing.rules.economic_sale import buyers_on_sale
from housing.rules.identity import clean_credit_code, clean_id_number
from housing.rules.sanctions import R37, SANCTIONS, Ban, ban_in_force, barred_until
from housing.office.log import record_action, require_office_duty
from housing.stages import Stage
from publicity.models import RegisterEntry

# "the application is refused": refused at review, removed at recheck or on an upheld objection.
REFUSAL_STAGES = (Stage.REFUSED, Stage.REMOVED_AT_RECHECK, Stage.REMOVED_ON_OBJECTION)


def refusal_date(application: Application) -> datetime.date | None:
    """The day (Asia/Shanghai) the application entered its refusal stage, from its history."""
    if application.stage not in REFUSAL_STAGES:
        return None
    row = (ApplicationHistory.objects.filter(application=application, to_stage=application.stage)
           .order_by("-seq").first())
    return timezone.localdate(row.at) if row else None


def _fail(message, field_errors):
    raise InvalidInput(message, field_errors=field_errors)


@transaction.atomic
def record_sanction(*, actor, ground: str, facts: str, decided_on: datetime.date | None = None,
                    name: str = "", id_number: str = "", credit_code: str = "",
                    application: Application | None = None) -> RegisterEntry:
    """R-35–R-37: enter a person (R-36.1, R-36.2) or an employer (R-37) in the register with the fine and the ban.

    A person's ban counts from the refusal of the linked application when there is one (its date is taken from
    the history), otherwise from ``decided_on``; an employer's from ``decided_on`` (the CCB's decision).
    """
    require_office_duty(actor, "record_sanction",
                        _("Only a head of the City Construction Bureau enters the register (%(article)s)."))
    errors: dict[str, list[str]] = {}
    sanction = SANCTIONS.get(ground)
    if sanction is None:
        _fail(_("Choose the ground of the entry (Art. 36 or Art. 37)."), {"ground": [_("Choose a ground.")]})
    facts = (facts or "").strip()
    if not facts:
        errors["facts"] = [_("Describe the facts as they will be published (Art. 35).")]
    start = decided_on
    if sanction.subject == RegisterEntry.Subject.PERSON:
        if application is not None:
            refused = refusal_date(application)
            if refused is None:
                errors["application"] = [_("Application %(number)s has not been refused; under Art. 36 the entry "
                                           "follows the refusal (%(article)s).")
                                         % {"number": application.number, "article": cited(sanction.article)}]
            elif decided_on is not None and decided_on != refused:
                errors["decided_on"] = [_("Application %(number)s was refused on %(date)s; the ban counts from "
                                          "that day (%(article)s).")
                                        % {"number": application.number, "date": refused.isoformat(),
                                           "article": cited(sanction.article)}]
            start = refused
            name = name or application.applicant_name
            id_number = id_number or application.applicant_id_number
        try:
            id_number = clean_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
        credit_code = ""
    else:
        if application is not None and application.employer_id:
            name = name or application.employer.name
            credit_code = credit_code or application.employer.credit_code
        try:
            credit_code = clean_credit_code(credit_code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
        id_number = ""
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Enter the name.")]
    if start is None and "application" not in errors:
        errors["decided_on"] = [_("Enter the date of the refusal or decision; the ban counts from it (%(article)s).")
                                % {"article": cited(sanction.article)}]
    elif start is not None and start > timezone.localdate():
        errors["decided_on"] = [_("The date cannot be in the future.")]
    if errors:
        _fail(_("The entry was not recorded; correct the marked fields."), errors)
    if RegisterEntry.objects.filter(ground=ground, barred_from=start, id_number=id_number,
                                    credit_code=credit_code).exists():
        _fail(_("This entry is already in the register."), {})
    entry = RegisterEntry(
        subject=sanction.subject, name=name, id_number=id_number, credit_code=credit_code, ground=ground,
        facts=facts, fine=sanction.fine, barred_from=start, barred_until=barred_until(ground, start),
        application=application, entered_by=actor, entered_at=timezone.now(), published=True,
    )
    entry.full_clean()
    entry.save()
    record_action(
        actor=actor, action="record_sanction", obj=entry, article=sanction.article,
        summary=_("%(name)s entered in the register (%(article)s), barred until %(until)s.")
        % {"name": name, "article": cited(sanction.article), "until": entry.barred_until.isoformat()},
        data={"ground": ground, "fine": f"{sanction.fine:.2f}" if sanction.fine is not None else None,
              "barred_from": start.isoformat(), "barred_until": entry.barred_until.isoformat(),
              "application": application.number if application else None},
    )
    return entry


# --- intake -----------------------------------------------------------------------------------------------

def _bans(**lookup) -> list[Ban]:
    return [Ban(ground, start, until) for ground, start, until in
            RegisterEntry.objects.filter(**lookup).values_list("ground", "barred_from", "barred_until")]


def _ban_message(who: str, ban: Ban) -> str:
    return _("%(who)s is barred from applying until %(until)s (%(article)s).") % {
        "who": who, "until": ban.barred_until.isoformat(), "article": cited(SANCTIONS[ban.ground].article)}


def refusal_for_bans(data, *, on: datetime.date) -> dict[str, list[str]]:
    """Intake (SPEC §12): the field errors refusing an application while the applicant, a co-applicant or the
    employer is barred (R-36, R-37), and an economic-housing application from a household one of whose members
    sold economic housing at market price (R-29). ``data`` is intake's IntakeData with cleaned ID numbers."""
    errors: dict[str, list[str]] = {}
    sold = market_sale_buyers([m.get("id_number") or "" for m in data.members]) \
        if data.form == Form.ECONOMIC_HOUSING else set()
    for index, member in enumerate(data.members):
        if not (member.get("applying", True) or member.get("relation") == Relation.APPLICANT):
            continue
        number = member.get("id_number") or ""
        if len(number) != 18:
            continue  # intake already refuses a malformed ID number
        who = (member.get("name") or "").strip() or number
        ban = ban_in_force(_bans(subject=RegisterEntry.Subject.PERSON, id_number=number), on)
        if ban is not None:
            errors.setdefault(f"members.{index}.id_number", []).append(_ban_message(who, ban))
        if number in sold:
            errors.setdefault(f"members.{index}.id_number", []).append(
                _("%(who)s sold economic housing at market price and may never apply for economic housing again "
                  "(Art. 29).") % {"who": who})
    employer = getattr(data, "employer", None)
    if employer is not None and employer.credit_code:
        ban = ban_in_force(_bans(subject=RegisterEntry.Subject.EMPLOYER, credit_code=employer.credit_code), on)
        if ban is not None:
            errors.setdefault("employer.credit_code", []).append(
                _ban_message((employer.name or "").strip() or employer.credit_code, ban))
    return errors


def market_sale_buyers(id_numbers) -> set[str]:
    """R-29: of ``id_numbers``, those who were a buyer (applicant, co-applicant or spouse) of an economic home since
    sold at market price, or who signed such a sale (docs/decisions/0041)."""
    numbers = {n for n in id_numbers if n}
    if not numbers:
        return set()
    members = HouseholdMember.objects.filter(application__contract__transfer__isnull=False, id_number__in=numbers)
    sold = buyers_on_sale(members.values_list("relation", "applying", "id_number"))
    sold |= set(OwnershipTransfer.objects.filter(seller_id_number__in=numbers)
                .values_list("seller_id_number", flat=True))
    return sold


def register_entries(*, ground: str | None = None):
    """The register as the CCB sees it (unmasked), newest first."""
    qs = RegisterEntry.objects.select_related("application", "entered_by").order_by("-entered_at", "-pk")
    return qs.filter(ground=ground) if ground else qs


__all__ = ["R37", "record_sanction", "refusal_for_bans", "refusal_date", "register_entries"]
