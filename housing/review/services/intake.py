"""Intake (R-12.2, R-16.2): every application enters through the CCB, with the materials handed in at the counter."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import can_register_application
from housing.exceptions import GiveUpLimitReached, InvalidInput, NotPermitted
from housing.groups import ALLOWED_FORMS, EMPLOYER_KINDS, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import (AllocationRound, Application, ApplicationHistory, ApplicationNumberSequence, Employer,
                            KeyEnterpriseListing,
                            HouseholdMember, Relation)
from housing.models import GiveUp, Tenancy
from housing.rules.identity import clean_credit_code, clean_id_number
from housing.rules.ranking import HONOURS
from housing.cases.counters import count_entered, count_entered_many
from housing.cases.month_counters import count_first_rows
from housing.cases.history import append_history, first_rows
from housing.selection.services import check_give_up_limit
from housing.sanctions.services import refusal_for_bans
from housing.cases.tasks import send_applicant_notice
from housing.guarantees import checks as one_guarantee
from housing.guarantees.register import link_members
from housing.review.services.materials import (MATERIALS_KEY, Material, attach_materials, forget_stored,
                                               material_refusals)
from publicity.models import RegisterEntry

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
    return next_application_numbers(year=year, group=group, count=1)[0]


def next_application_numbers(*, year: int, group: str, count: int) -> list[str]:
    """``count`` numbers in a row, reserved under one lock of the year's sequence."""
    ApplicationNumberSequence.objects.get_or_create(year=year, group=group)
    seq = ApplicationNumberSequence.objects.select_for_update().get(year=year, group=group)
    first = seq.last + 1
    seq.last += count
    seq.save(update_fields=["last"])
    return [f"LH-{year}-{SHORT_CODE[group]}-{n:06d}" for n in range(first, seq.last + 1)]


def _validate(data: IntakeData) -> dict:
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(str(message))

    if data.round.status != AllocationRound.Status.OPEN:
        add("round", _("This allocation round is closed for applications (Art. 16(1))."))
    elif data.renews is None and timezone.localdate() > data.round.supply_notice.application_deadline:
        # the supply notice's deadline, the Asia/Shanghai day; a renewal follows its lease instead.
        add("round", _("The application deadline of this round was %(day)s (Art. 16(1)).") % {
            "day": data.round.supply_notice.application_deadline.isoformat()})
    if data.group not in Group.values:
        add("group", _("Choose an applicant group."))
    elif data.group not in data.round.supply_notice.groups:
        add("group", _("The supply notice of this round does not invite this group (Art. 16(1))."))
    if data.group in Group.values and data.form not in ALLOWED_FORMS[data.group]:
        add("form", _("This group may not receive this form of guarantee (Art. 4)."))
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
            add(f"members.{index}.hukou_by_joining", _("A person whose hukou was obtained by joining the family cannot be the applicant."))
    if set(data.facts.get("honours") or []) - HONOURS:
        add("honours", _("Only the city- or district-level honours of Art. 24 are recorded."))
    if data.group in TALENT_GROUPS and data.form == Form.SUBSIDY and data.facts.get("leading_talent"):
        # leading and outstanding talents get no housing subsidy under these measures.
        add("form", _("Leading and outstanding talents receive no housing subsidy under these measures (Art. 3); "
                      "they may apply for public rental housing."))
    if data.group in TALENT_GROUPS:
        if data.employer is None:
            add("employer", _("A talent application names the employer."))
        else:
            try:
                data.employer.credit_code = clean_credit_code(data.employer.credit_code)
            except ValidationError as exc:
                add("employer.credit_code", exc.messages[0])
            if data.employer.kind not in EMPLOYER_KINDS[data.group]:
                add("employer.kind", _("This kind of employer does not belong to the chosen talent group (Art. 39(1))."))
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
    if not errors:
        # R-3.2 (Art. 3): no member may already hold an open application or a guarantee (a renewal's own lease aside).
        errors = one_guarantee.intake_refusals(data, today=timezone.localdate())
    return errors


def intake_refusals_many(datas: list[IntakeData]) -> list[dict[str, list[str]]]:
    """``intake_refusals`` of many households at once (an employer's roster): the same rules, the same messages.
    Two queries find who appears in the bad-behaviour register or has given up before; only those households go
    through the bans and give-up rules above, which read the database person by person."""
    results = [_validate(data) for data in datas]  # cleans the ID numbers and credit codes in place
    people = {m.get("id_number") for d in datas for m in d.members if len(m.get("id_number") or "") == 18}
    codes = {d.employer.credit_code for d in datas if d.employer is not None and d.employer.credit_code}
    registered = set(RegisterEntry.objects.filter(id_number__in=people).values_list("id_number", flat=True))
    registered |= set(RegisterEntry.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True))
    gave_up = set(GiveUp.objects.filter(applicant_id_number__in=people).values_list("applicant_id_number", flat=True))
    today = timezone.localdate()
    for data, errors in zip(datas, results):
        ids = {m.get("id_number") for m in data.members}
        code = data.employer.credit_code if data.employer is not None else None
        if data.form == Form.ECONOMIC_HOUSING or ids & registered or code in registered:
            for key, messages in refusal_for_bans(data, on=today).items():
                errors.setdefault(key, []).extend(messages)
        if ids & gave_up:
            for key, messages in _refusal_for_give_ups(data).items():
                errors.setdefault(key, []).extend(messages)
    # R-3.2 (Art. 3): the households still clean are checked against the register of persons, in one go.
    clean = [i for i, errors in enumerate(results) if not errors]
    for i, errors in zip(clean, one_guarantee.intake_refusals_many([datas[i] for i in clean], today=today)):
        results[i] = errors
    return results


def register_application(*, actor, data: IntakeData, materials: Sequence[Material] = ()) -> Application:
    """R-12.2, R-16.2: register the household's application with the materials handed in at the counter, all in
    one transaction: either the application with every file, or nothing (R-X.5)."""
    if not can_register_application(actor):
        raise NotPermitted(_("Only clerks of the City Construction Bureau register applications."))
    errors = intake_refusals(data)
    refused_files = material_refusals(data.group, list(materials))
    if refused_files:
        errors.setdefault(MATERIALS_KEY, []).extend(refused_files)
    if errors:
        raise InvalidInput(_("The application was not registered; correct the marked fields."), field_errors=errors)
    stored: list = []
    try:
        with transaction.atomic():
            application = enter_application(actor=actor, data=data)
            stored = attach_materials(actor=actor, application=application, materials=list(materials))
    except BaseException:
        forget_stored(stored)
        raise
    return application


def enter_application(*, actor, data: IntakeData, reason: str = "", payload: dict | None = None) -> Application:
    """Write an application whose ``data`` passed ``intake_refusals``, inside the caller's transaction, after the
    caller checked the actor's duty. ``reason`` and ``payload`` join the intake row of its history (an employer's
    roster names itself there)."""
    employer = None
    if data.group in TALENT_GROUPS:
        employer, _created = Employer.objects.get_or_create(
            credit_code=data.employer.credit_code,
            defaults={"name": data.employer.name, "kind": data.employer.kind},
        )
        # R-13, R-22.1: a year stated at intake joins that year's list; earlier years' lists keep the employer.
        KeyEnterpriseListing.objects.add_year(employer, data.employer.key_enterprise_year,
                                              source=KeyEnterpriseListing.Source.INTAKE, actor=actor)
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
    link_members(HouseholdMember.objects.bulk_create(members))  # the register of persons
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


def enter_applications(*, actor, datas: list[IntakeData], reason: str = "", payload: dict | None = None,
                       batch_size: int = 1000) -> list[Application]:
    """``enter_application`` for many households of one round, group and employer (an employer's roster) that
    passed ``intake_refusals_many``: the same rows — the application, its members, the stage count, the intake row
    of its history, the applicant's notice on commit — written in batches instead of one by one."""
    if not datas:
        return []
    first = datas[0]
    employer = None
    if first.group in TALENT_GROUPS:
        employer, _created = Employer.objects.get_or_create(
            credit_code=first.employer.credit_code,
            defaults={"name": first.employer.name, "kind": first.employer.kind},
        )
        # R-13, R-22.1: a year stated at intake joins that year's list; earlier years' lists keep the employer.
        KeyEnterpriseListing.objects.add_year(employer, first.employer.key_enterprise_year,
                                              source=KeyEnterpriseListing.Source.INTAKE, actor=actor)
    numbers = iter(next_application_numbers(year=first.round.year, group=first.group, count=len(datas)))
    now = timezone.now()
    applications = []
    for data in datas:
        assert (data.round, data.group) == (first.round, first.group), "one round and group per call"
        applicant = next(m for m in data.members if m.get("relation") == Relation.APPLICANT)
        application = Application(
            number=next(numbers), round=data.round, group=data.group, form=data.form, employer=employer,
            applicant_name=applicant["name"].strip(), applicant_id_number=applicant["id_number"],
            household_size=sum(1 for m in data.members if m.get("applying", True) or m["relation"] == Relation.APPLICANT),
            submitted_at=now, stage_changed_at=now, renews=data.renews,
            **{k: v for k, v in data.facts.items() if k in APPLICATION_FACTS and v is not None},
        )
        # The round and employer were just read, the numbers come from the locked sequence: the database's own
        # constraints guard the rest, so no query per application here.
        application.full_clean(exclude=["stage", "round", "employer", "renews"], validate_unique=False,
                               validate_constraints=False)
        applications.append(application)
    rows = first_rows(
        applications=applications, event="intake", actor=actor, reason=reason, articles=["R-12.2", "R-16.2"],
        payloads=[{"group": a.group, "form": a.form, "household_size": a.household_size, **(payload or {})}
                  for a in applications])
    Application.objects.bulk_create(applications, batch_size=batch_size)
    members = []
    for application, data in zip(applications, datas):
        for member in data.members:
            values = {k: v for k, v in member.items() if k in MEMBER_FIELDS}
            if values["relation"] == Relation.APPLICANT:
                values["applying"] = True
            values["name"] = values["name"].strip()
            members.append(HouseholdMember(application=application, **values))
    link_members(HouseholdMember.objects.bulk_create(members, batch_size=batch_size))
    ApplicationHistory.objects.bulk_create(rows, batch_size=batch_size)
    count_entered_many(applications)
    count_first_rows(applications, rows)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: [send_applicant_notice.delay(pk) for pk in ids])
    return applications
