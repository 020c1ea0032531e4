"""Intake (R-12.2, R-16.2): every application enters through the CCB."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import can_register_application
from housing.exceptions import GiveUpLimitReached, InvalidInput, NotPermitted
from housing.groups import ALLOWED_FORMS, EMPLOYER_KINDS, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import AllocationRound, Application, ApplicationNumberSequence, Employer, HouseholdMember, Relation
from housing.models import Tenancy
from housing.rules.identity import clean_credit_code, clean_id_number
from housing.rules.ranking import HONOURS
from housing.cases.counters import count_entered
from housing.cases.history import append_history
from housing.selection.services import check_give_up_limit
from housing.sanctions.services import refusal_for_bans
from housing.cases.tasks import send_applicant_notice

MEMBER_FIELDS = {f.name for f in HouseholdMember._meta.get_fields() if f.concrete} - {"id", "application"}
APPLICATION_FACTS = {
    "talent_title", "talent_title_basis", "leading_talent", "talent_degree", "degree_full_time", "foreign_degree_certified",
    "honours", "income_by_year", "total_assets", "low_income_treatment", "contact_phone",
    "contact_email",
}


@dataclass
class EmployerData:
    name: str
    credit_code: str
    kind: str
    key_enterprise_year: int | None = None


@dataclass
class IntakeData:
    round: AllocationRound
    group: str
    form: str
    members: list[dict]
    employer: EmployerData | None = None
    facts: dict = field(default_factory=dict)
    # a renewal names the tenancy it renews (housing.tenancy.services.renewals checks the renewal's own rules).
    renews: Tenancy | None = None


def next_application_number(*, year: int, group: str) -> str:
    """`LH-<year>-<C#>-<nnnnnn>`: unique, readable, gap-free per year and group."""
    ApplicationNumberSequence.objects.get_or_create(year=year, group=group)
    seq = ApplicationNumberSequence.objects.select_for_update().get(year=year, group=group)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"LH-{year}-{SHORT_CODE[group]}-{seq.last:06d}"


def _validate(data: IntakeData) -> dict:
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(str(message))

    if data.round.status != AllocationRound.Status.OPEN:
        add("round", _("This allocation round is closed for applications (R-16.1)."))
    if data.group not in Group.values:
        add("group", _("Choose an applicant group."))
    elif data.group not in data.round.supply_notice.groups:
        add("group", _("The supply notice of this round does not invite this group (R-16.1)."))
    if data.group in Group.values and data.form not in ALLOWED_FORMS[data.group]:
        add("form", _("This group may not receive this form of guarantee (R-4, SPEC §3)."))
    applicants = [m for m in data.members if m.get("relation") == Relation.APPLICANT]
    if len(applicants) != 1:
        add("members", _("The household must have exactly one applicant."))
    seen = set()
    for index, member in enumerate(data.members):
        if not (member.get("name") or "").strip():
            add(f"members.{index}.name", _("Enter the name."))
        try:
            member["id_number"] = clean_id_number(member.get("id_number", ""))
        except ValidationError as exc:
            add(f"members.{index}.id_number", exc.messages[0])
            continue
        if member["id_number"] in seen:
            add(f"members.{index}.id_number", _("This ID number appears twice in the household."))
        seen.add(member["id_number"])
        if member.get("relation") == Relation.APPLICANT and member.get("hukou_by_joining"):
            # R-HH.4: a person who joined the applicant's hukou may only be a co-applicant.
            add(f"members.{index}.hukou_by_joining", _("A person whose hukou was obtained by joining cannot be the applicant (R-HH.4)."))
    if set(data.facts.get("honours") or []) - HONOURS:
        add("honours", _("Only the city- or district-level honours of Art. 24 are recorded (R-24)."))
    if data.group in TALENT_GROUPS and data.form == Form.SUBSIDY and data.facts.get("leading_talent"):
        # leading and outstanding talents get no housing subsidy under these measures.
        add("form", _("Leading and outstanding talents receive no housing subsidy under these measures (R-3.1); "
                      "they may apply for public rental housing."))
    if data.group in TALENT_GROUPS:
        if data.employer is None:
            add("employer", _("A talent application names the employer (R-21.1)."))
        else:
            try:
                data.employer.credit_code = clean_credit_code(data.employer.credit_code)
            except ValidationError as exc:
                add("employer.credit_code", exc.messages[0])
            if data.employer.kind not in EMPLOYER_KINDS[data.group]:
                add("employer.kind", _("This kind of employer does not belong to the chosen talent group (R-21.1, Art. 39(1))."))
            if not data.employer.name.strip():
                add("employer.name", _("Enter the employer's name."))
    return errors


def _refusal_for_give_ups(data: IntakeData) -> dict[str, list[str]]:
    """SPEC §13: an applicant whose give-ups (弃选 / 弃签, every round) reached the policy's limit is refused."""
    applicant = next((m for m in data.members if m.get("relation") == Relation.APPLICANT), None)
    if applicant is None or not applicant.get("id_number"):
        return {}
    try:
        check_give_up_limit(applicant["id_number"], timezone.localdate())
    except GiveUpLimitReached as exc:
        return {"members": [str(exc.message)]}
    return {}


def intake_refusals(data: IntakeData) -> dict[str, list[str]]:
    """Every rule intake applies, as field errors (empty: the application may be registered). Also used by the
    employers' rosters (housing.rosters), which register through ``enter_application`` below."""
    errors = _validate(data)
    # SPEC §12, R-36, R-37, R-29: no application while a member or the employer is barred.
    for key, messages in refusal_for_bans(data, on=timezone.localdate()).items():
        errors.setdefault(key, []).extend(messages)
    for key, messages in _refusal_for_give_ups(data).items():
        errors.setdefault(key, []).extend(messages)
    return errors


@transaction.atomic
def register_application(*, actor, data: IntakeData) -> Application:
    if not can_register_application(actor):
        raise NotPermitted(_("Only clerks of the City Construction Bureau register applications (R-12.2)."))
    errors = intake_refusals(data)
    if errors:
        raise InvalidInput(_("The application was not registered; correct the marked fields."), field_errors=errors)
    return enter_application(actor=actor, data=data)


def enter_application(*, actor, data: IntakeData, reason: str = "", payload: dict | None = None) -> Application:
    """Write an application whose ``data`` passed ``intake_refusals``, inside the caller's transaction, after the
    caller checked the actor's duty. ``reason`` and ``payload`` join the intake row of its history (an employer's
    roster names itself there)."""
    employer = None
    if data.group in TALENT_GROUPS:
        employer, _created = Employer.objects.get_or_create(
            credit_code=data.employer.credit_code,
            defaults={"name": data.employer.name, "kind": data.employer.kind,
                      "key_enterprise_year": data.employer.key_enterprise_year},
        )
    applicant = next(m for m in data.members if m.get("relation") == Relation.APPLICANT)
    now = timezone.now()
    application = Application(
        number=next_application_number(year=data.round.year, group=data.group),
        round=data.round,
        group=data.group,
        form=data.form,
        employer=employer,
        applicant_name=applicant["name"].strip(),
        applicant_id_number=applicant["id_number"],
        household_size=sum(1 for m in data.members if m.get("applying", True) or m["relation"] == Relation.APPLICANT),
        submitted_at=now,
        stage_changed_at=now,
        renews=data.renews,
        **{k: v for k, v in data.facts.items() if k in APPLICATION_FACTS and v is not None},
    )
    application.full_clean(exclude=["stage"])
    application.save()
    members = []
    for member in data.members:
        values = {k: v for k, v in member.items() if k in MEMBER_FIELDS}
        if values["relation"] == Relation.APPLICANT:
            values["applying"] = True
        values["name"] = values["name"].strip()
        members.append(HouseholdMember(application=application, **values))
    HouseholdMember.objects.bulk_create(members)
    count_entered(application)
    row = append_history(
        application=application,
        event="intake",
        actor=actor,
        to_stage=application.stage,
        reason=reason,
        articles=["R-12.2", "R-16.2"],
        payload={"group": data.group, "form": data.form, "household_size": application.household_size,
                 **({"renews_tenancy": data.renews.pk} if data.renews is not None else {}), **(payload or {})},
    )
    transaction.on_commit(lambda: send_applicant_notice.delay(row.pk))
    return application
