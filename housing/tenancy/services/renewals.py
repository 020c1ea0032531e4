"""R-30, R-31: renewing a lease, the reminder 3 months before it ends, and taking the home back when it ends
without a renewal (R-34: 30 days to move out).

A renewal is a new Application (``renews`` = the tenancy), registered through intake in an open round of its
group, and reviewed, rechecked and published like any other (SPEC §5). Once announced, ``grant_renewal`` takes
it through the remaining stages in one transaction with the same home, and extends the tenancy.
docs/decisions/0019-deadlines-and-renewals.md
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import SCHEDULED_JOB, can_register_application, may_do
from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.groups import TALENT_GROUPS, Form
from housing.models import (
    AllocationRound, Application, ApplicationHistory, Contract, HouseholdMember, Reminder, Selection, Tenancy,
    Termination,
)
from housing.rules.dates import add_months, add_years
from housing.tenancy.services.exits import MOVE_OUT_DAYS  # 30 days to move out
from housing.review.services.intake import (
    APPLICATION_FACTS,
    MEMBER_FIELDS,
    EmployerData,
    IntakeData,
    register_application,
)
from housing.office.log import record_action, require_office_duty
from housing.office.reminders import ccb_unit, create_reminder, notice_for_row, once, tell_tenant
from housing.office.step import office_step
from housing.cases.workflow import take_step
from housing.stages import Stage

RENEWAL_NOTICE_MONTHS = 3
TALENT_RENEWALS = 1  # once
TALENT_RENEWAL_YEARS = 3  # by at most 3 years

# a renewal "passed" once announced after its public notice; from then on the lease is not taken back.
PASSED = (Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED)
# A renewal application that ended any other way leaves the tenant free to apply again within the window.
FAILED = (Stage.REFUSED, Stage.REMOVED_AT_RECHECK, Stage.REMOVED_ON_OBJECTION, Stage.WITHDRAWN, Stage.GAVE_UP)


# --- rules: plain functions over dates ------------------------------------------------------------------

def renewal_opens_on(ends_on: datetime.date) -> datetime.date:
    """R-31: the tenant re-applies from 3 calendar months before the lease ends (``ends_on`` is its last day)."""
    return add_months(ends_on, -RENEWAL_NOTICE_MONTHS)


def may_renew_again(tenancy: Tenancy) -> bool:
    """R-30: a talent's lease is renewed once; other tenants' leases as often as they still qualify."""
    return tenancy.application.group not in TALENT_GROUPS or tenancy.renewals < TALENT_RENEWALS


def longest_renewal_end(tenancy: Tenancy) -> datetime.date | None:
    """R-30: a talent's renewal runs at most 3 years from the end of the present lease; None: no cap."""
    if tenancy.application.group in TALENT_GROUPS:
        return add_years(tenancy.ends_on, TALENT_RENEWAL_YEARS)
    return None


def renewal_refusal(tenancy: Tenancy, today: datetime.date) -> str | None:
    """Why this tenancy cannot be renewed today, in plain words with the article; None if it can."""
    if tenancy.status != Tenancy.Status.ACTIVE:
        return _("Only a running lease can be renewed; this tenancy is ending or ended (Art. 31).")
    if not may_renew_again(tenancy):
        return _("A talent's lease can be renewed only once, and this one was renewed already (Art. 30).")
    opens = renewal_opens_on(tenancy.ends_on)
    if today < opens:
        return _("A renewal can be applied for from %(opens)s, 3 months before the lease ends on %(ends)s "
                 "(Art. 31).") % {"opens": opens.isoformat(), "ends": tenancy.ends_on.isoformat()}
    if today > tenancy.ends_on:
        return _("The lease ended on %(ends)s; a renewal must be applied for before the lease ends (Art. 31).") % {
            "ends": tenancy.ends_on.isoformat()}
    return None


# --- reads used by the pages --------------------------------------------------------------------------

def open_rounds_for(group: str) -> list[AllocationRound]:
    rounds = AllocationRound.objects.filter(status=AllocationRound.Status.OPEN).select_related("supply_notice")
    return [r for r in rounds.order_by("-year", "-id") if group in (r.supply_notice.groups or [])]


def pending_renewal(tenancy: Tenancy) -> Application | None:
    """The renewal application under way or passed (not refused, removed, withdrawn or given up)."""
    return tenancy.renewal_applications.exclude(stage__in=FAILED).order_by("-id").first()


def leases_in_renewal_window(today: datetime.date) -> list[tuple[Tenancy, Application | None]]:
    """Running leases whose renewal window is open or whose end has passed (not yet taken back), with the renewal
    under way; two queries."""
    tenancies = list(Tenancy.objects.filter(status=Tenancy.Status.ACTIVE,
                                            ends_on__lte=add_months(today, RENEWAL_NOTICE_MONTHS) + datetime.timedelta(days=3))
                     .select_related("application", "unit__building__project").order_by("ends_on", "id"))
    tenancies = [t for t in tenancies if renewal_opens_on(t.ends_on) <= today]
    renewals: dict[int, Application] = {}
    for app in (Application.objects.filter(renews__in=tenancies).exclude(stage__in=FAILED).order_by("id")):
        renewals[app.renews_id] = app
    return [(t, renewals.get(t.pk)) for t in tenancies]


# --- registering a renewal ----------------------------------------------------------------------------

def _intake_data(tenancy: Tenancy, round_: AllocationRound, contact_phone: str) -> IntakeData:
    """The household and facts of the tenancy's application, as the re-application starts from them; they are
    checked again at formal and substantive review like any application's (R-30 "if still eligible")."""
    source = tenancy.application
    members = [{name: getattr(m, name) for name in MEMBER_FIELDS}
               for m in HouseholdMember.objects.filter(application=source).order_by("id")]
    employer = None
    if source.employer_id:
        e = source.employer
        # the renewal is checked against the list of its own year, read at review (docs/decisions/0041)
        employer = EmployerData(name=e.name, credit_code=e.credit_code, kind=e.kind)
    facts = {name: getattr(source, name) for name in APPLICATION_FACTS}
    if contact_phone:
        facts["contact_phone"] = contact_phone
    return IntakeData(round=round_, group=source.group, form=Form.PUBLIC_RENTAL, members=members, employer=employer,
                      facts=facts, renews=tenancy)


def register_renewal(*, actor, tenancy: Tenancy, round: AllocationRound, contact_phone: str = "",
                     today: datetime.date | None = None) -> Application:
    """R-31: the tenant re-applies within the 3 months before the lease ends; the CCB registers it (R-12.2)."""
    if not (can_register_application(actor) and may_do(actor, "manage_tenancy")):
        raise NotPermitted(_("Only clerks of the City Construction Bureau register renewals (Art. 12(2), Art. 31)."))
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Tenancy.objects.select_for_update().select_related("application").get(pk=tenancy.pk)
        refusal = renewal_refusal(locked, today)
        if refusal:
            raise InvalidInput(refusal)
        existing = pending_renewal(locked)
        if existing is not None:
            raise InvalidInput(_("Renewal application %(number)s for this lease is already registered (Art. 31).")
                               % {"number": existing.number})
        return register_application(actor=actor, data=_intake_data(locked, round, contact_phone.strip()))


# --- granting a renewal that passed -------------------------------------------------------------------

def _latest_row(application_id: int, event: str) -> ApplicationHistory:
    return ApplicationHistory.objects.filter(application_id=application_id, event=event).order_by("-seq").first()


def grant_renewal(*, actor, application: Application, expected_version: int, new_ends_on: datetime.date,
                  contract_number: str, filing_number: str, signed_on: datetime.date,
                  monthly_rent: Decimal | None = None) -> Tenancy:
    """R-31: a renewal announced after its public notice gets a new contract for the same home, filed; the
    tenancy runs on to ``new_ends_on`` (R-30: a talent's by at most 3 years, once).

    The application takes its remaining stages (selection notice, unit recorded, contract signed, contract filed)
    through ``take_step`` in one transaction, so its history shows every stage (R-16.c) and nothing half-applies.
    The renewal's Selection names the same home without holding it: the home is let, and stays let, to this
    household under the tenancy, so the "one holding selection per unit" rule is not engaged.
    """
    require_office_duty(actor, "manage_tenancy",
                        _("Only clerks of the City Construction Bureau grant renewals (Art. 12(9), Art. 31)."))
    errors: dict[str, list[str]] = {}
    if not (contract_number or "").strip():
        errors["contract_number"] = [_("This field is required.")]
    if not (filing_number or "").strip():
        errors["filing_number"] = [_("This field is required.")]
    if monthly_rent is not None and monthly_rent <= 0:
        errors["monthly_rent"] = [_("Enter a rent above zero.")]
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if app.renews_id is None:
            raise InvalidInput(_("This application does not renew a lease."))
        if app.stage != Stage.ANNOUNCED:
            raise StageNotAllowed(_("A renewal is granted once its application is announced after the public "
                                    "notice (Art. 31, Art. 16(7))."))
        tenancy = Tenancy.objects.select_for_update().select_related("application", "contract", "unit").get(
            pk=app.renews_id)
        if tenancy.status != Tenancy.Status.ACTIVE:
            raise InvalidInput(_("This tenancy is ending or ended; it can no longer be renewed (Art. 31)."))
        if not may_renew_again(tenancy):
            raise InvalidInput(_("A talent's lease can be renewed only once, and this one was renewed already "
                                 "(Art. 30)."))
        if new_ends_on is None or new_ends_on <= tenancy.ends_on:
            errors.setdefault("new_ends_on", []).append(
                _("The renewed lease must end after the present end, %(ends)s.") % {"ends": tenancy.ends_on.isoformat()})
        else:
            cap = longest_renewal_end(tenancy)
            if cap is not None and new_ends_on > cap:
                errors.setdefault("new_ends_on", []).append(
                    _("A talent's lease is renewed by at most 3 years, to %(cap)s at the latest (Art. 30).")
                    % {"cap": cap.isoformat()})
        if contract_number and Contract.objects.filter(number=contract_number.strip()).exists():
            errors.setdefault("contract_number", []).append(_("A contract with this number already exists."))
        if errors:
            raise InvalidInput(_("The renewal was not granted; correct the marked fields."), field_errors=errors)

        rent = monthly_rent if monthly_rent is not None else tenancy.monthly_rent
        old_ends_on = tenancy.ends_on
        unit_label = str(tenancy.unit)
        today = timezone.localdate()
        words = {"unit": unit_label, "ends_on": new_ends_on.isoformat()}

        def select_same_home(locked):
            Selection.objects.create(application=locked, unit_designation=unit_label, selected_on=today,
                                     recorded_by=actor, unit=tenancy.unit, holds=False)
            return {"unit": unit_label, "renewal": True}

        def sign(locked):
            Contract.objects.create(application=locked, number=contract_number.strip(), unit=tenancy.unit,
                                    property_owner=tenancy.contract.property_owner, signatory=locked.applicant_name,
                                    signed_on=signed_on, term_start=old_ends_on + datetime.timedelta(days=1),
                                    term_end=new_ends_on, monthly_rent=rent, recorded_by=actor)
            return {"contract": contract_number.strip(), "renewal": True}

        def file(locked):
            Contract.objects.filter(application=locked).update(filing_number=filing_number.strip(), filed_on=today)
            return {"filing_number": filing_number.strip(), "renewal": True}

        reason = _("Renewal of the lease of %(unit)s (Art. 31).") % {"unit": unit_label}
        app = take_step(actor=actor, application=app, step="issue_selection_notice",
                        expected_version=expected_version, reason=reason)
        notice_for_row(row=_latest_row(app.pk, "issue_selection_notice"), words="renewal_announced",
                       context={"number": app.number, **words})
        app = take_step(actor=actor, application=app, step="record_selection", expected_version=app.version,
                        reason=reason, record=select_same_home)
        notice_for_row(row=_latest_row(app.pk, "record_selection"), words="renewal_unit_recorded",
                       context={"number": app.number, **words})
        app = take_step(actor=actor, application=app, step="sign_contract", expected_version=app.version,
                        reason=reason, record=sign)
        app = take_step(actor=actor, application=app, step="file_contract", expected_version=app.version,
                        reason=reason, record=file)
        notice_for_row(row=_latest_row(app.pk, "file_contract"), words="renewal_granted",
                       context={"number": app.number, **words})

        tenancy.ends_on = new_ends_on
        tenancy.renewals += 1
        tenancy.monthly_rent = rent
        tenancy.version += 1
        tenancy.save(update_fields=["ends_on", "renewals", "monthly_rent", "version"])
        closed = list(Reminder.objects.filter(tenancy=tenancy, kind=Reminder.Kind.RENEWAL, done_at__isnull=True)
                      .values_list("key", flat=True))
        Reminder.objects.filter(key__in=closed).update(done_at=timezone.now())
        record_action(actor=actor, action="grant_renewal", obj=tenancy, article="R-30, R-31",
                      summary=_("Lease of %(unit)s renewed to %(ends)s by application %(number)s.") % {
                          "unit": unit_label, "ends": new_ends_on.isoformat(), "number": app.number},
                      data={"application": app.number, "from": old_ends_on, "to": new_ends_on,
                            "renewals": tenancy.renewals, "contract": contract_number.strip(),
                            "monthly_rent": f"{rent:.2f}", "reminders_closed": closed})
    return tenancy


# --- scheduled: the reminder 3 months before, and the end of an unrenewed lease ------------------------

def renewal_reminder_key(tenancy: Tenancy) -> str:
    return _renewal_key(tenancy.pk, tenancy.ends_on)


def _renewal_key(tenancy_id: int, ends_on: datetime.date) -> str:
    # The end date is part of the key, so a renewed lease gets its own reminder.
    return f"renewal:{tenancy_id}:{ends_on.isoformat()}"


def _remind_one(tenancy_id: int, today: datetime.date, ccb=None) -> bool:
    tenancy = Tenancy.objects.select_for_update().select_related("application", "unit").get(pk=tenancy_id)
    if tenancy.status != Tenancy.Status.ACTIVE or not (renewal_opens_on(tenancy.ends_on) <= today <= tenancy.ends_on):
        return False
    final = not may_renew_again(tenancy)
    context = {"unit": str(tenancy.unit), "number": tenancy.application.number,
               "ends_on": tenancy.ends_on.isoformat(), "renew_from": renewal_opens_on(tenancy.ends_on).isoformat()}
    if final:
        text = _("Lease of %(unit)s (%(number)s) ends on %(ends_on)s; a talent's lease was renewed once already, so "
                 "the home is taken back at the end (Art. 30, Art. 31).") % context
    else:
        text = _("Lease of %(unit)s (%(number)s) ends on %(ends_on)s: the tenant may apply to renew from "
                 "%(renew_from)s (Art. 31).") % context
    reminder = create_reminder(key=renewal_reminder_key(tenancy), kind=Reminder.Kind.RENEWAL, unit=ccb or ccb_unit(),
                               due_on=tenancy.ends_on, text=text, tenancy=tenancy, application=tenancy.application)
    if reminder is None:
        return False
    tell_tenant(application=tenancy.application, event="renewal_reminder",
                words="renewal_due_final" if final else "renewal_due",
                context={k: v for k, v in context.items() if k != "number"},
                articles=["R-30", "R-31"] if final else ["R-31"],
                payload={"tenancy": tenancy.pk, "ends_on": context["ends_on"], "renew_from": context["renew_from"]})
    return True


def send_renewal_reminders(*, today: datetime.date | None = None) -> int:
    """R-31, R-X.6: one reminder to the CCB and one notice to the tenant per lease, from 3 months before its end."""
    today = today or timezone.localdate()
    # ends_on − 3 months ≤ today ⟺ ends_on ≤ the last day whose opening date is today (month ends differ; the
    # exact test is renewal_opens_on, the bound only narrows the query).
    candidates = Tenancy.objects.filter(status=Tenancy.Status.ACTIVE, ends_on__gte=today,
                                        ends_on__lte=add_months(today, RENEWAL_NOTICE_MONTHS) + datetime.timedelta(days=3))
    due = {_renewal_key(pk, ends_on): pk for pk, ends_on in candidates.values_list("pk", "ends_on")
           if renewal_opens_on(ends_on) <= today}
    # The reminders already raised, in one query: a re-run touches no lease (bench/bench_jobs.py). Each lease still
    # reminded is checked again under its lock (create_reminder, the unique key).
    raised = set(Reminder.objects.filter(key__in=list(due)).values_list("key", flat=True))
    todo = [pk for key, pk in due.items() if key not in raised]
    ccb = ccb_unit() if todo else None
    sent = 0
    for tenancy_id in todo:
        sent += once(lambda pk=tenancy_id: _remind_one(pk, today, ccb))
    return sent


def _end_one(tenancy_id: int, today: datetime.date) -> bool:
    tenancy = Tenancy.objects.select_for_update().select_related("application", "unit").get(pk=tenancy_id)
    if tenancy.status != Tenancy.Status.ACTIVE or tenancy.ends_on >= today:
        return False
    if tenancy.renewal_applications.filter(stage__in=PASSED).exists():
        return False
    move_out_by = today + datetime.timedelta(days=MOVE_OUT_DAYS)
    pending = pending_renewal(tenancy)
    context = {"unit": str(tenancy.unit), "number": tenancy.application.number,
               "ends_on": tenancy.ends_on.isoformat(), "move_out_by": move_out_by.isoformat()}
    text = _("Lease of %(unit)s (%(number)s) ended on %(ends_on)s without a renewal: notice of termination served, "
             "move out by %(move_out_by)s (Art. 31, Art. 34).") % context
    if pending is not None:
        text += " " + _("Renewal application %(renewal)s had not passed by then; decide or withdraw it.") % {
            "renewal": pending.number}

    def record(locked):
        Termination.objects.create(tenancy=locked, reason=Termination.Reason.LEASE_END, notified_on=today,
                                   move_out_by=move_out_by)

    # the deadline itself takes the lease back; the job holds this one transition (docs/decisions/0020).
    tenancy = office_step(actor=SCHEDULED_JOB, obj=tenancy, transition="notify_termination", duty="manage_tenancy",
                          expected_version=None, record=record, action="end_unrenewed_lease", article="R-31, R-34",
                          summary=text, data={"ends_on": tenancy.ends_on, "notified_on": today,
                                              "move_out_by": move_out_by,
                                              "pending_renewal": pending.number if pending else ""})
    create_reminder(key=f"lease-end:{tenancy.pk}:{tenancy.ends_on.isoformat()}", kind=Reminder.Kind.LEASE_END,
                    unit=ccb_unit(), due_on=move_out_by, text=text, tenancy=tenancy, application=tenancy.application)
    tell_tenant(application=tenancy.application, event="lease_ended", words="lease_ended",
                context={k: v for k, v in context.items() if k != "number"}, articles=["R-31", "R-34"],
                payload={"tenancy": tenancy.pk, "ends_on": context["ends_on"], "move_out_by": context["move_out_by"]})
    return True


def end_unrenewed_leases(*, today: datetime.date | None = None) -> int:
    """R-31: a lease past its last day with no renewal passed is ended: termination notified today, 30 days to
    move out (R-34). The tenancy leaves ACTIVE, so a second run finds nothing."""
    today = today or timezone.localdate()
    ids = (Tenancy.objects.filter(status=Tenancy.Status.ACTIVE, ends_on__lt=today)
           .exclude(renewal_applications__stage__in=PASSED).values_list("pk", flat=True).distinct())
    return sum(once(lambda pk=pk: _end_one(pk, today)) for pk in list(ids))

