"""The annual cycle (SPEC §4): demand reports (R-15.1, R-15.2), the supply plan (R-15.3, R-15.4) and the split of
a talent unit's quota among employers (R-7.2, R-9.2, R-11.2, R-17.1, R-17.2). docs/decisions/0014-annual-cycle.md.

Every write checks the duty (departments.permissions.OFFICE_DUTIES) and the record's unit, runs in one
transaction and records an OfficeAction (R-6, R-X.1).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import Unit
from departments.permissions import GROUP_UNITS, TALENT_UNITS
from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed, StalePlan
from housing.groups import ALLOWED_FORMS, Form, Group, groups_of_unit
from housing.models import (
    DemandDeadlineMiss, DemandReport, Employer, EmployerQuota, JointMeetingDecision, PlanQuota, Reminder, SupplyPlan,
    UnitType,
)
from housing.joint_meeting.selectors import quota_decision_in_force
from housing.plan.selectors import available_stock_totals, employer_kinds_of_unit, forms_of_unit
from housing.policy import NoPolicyInForce, policy_in_force
from housing.office.log import record_action, require_office_duty
from housing.office.step import office_step

DEADLINE_MONTH, DEADLINE_DAY = 10, 31  # by 31 October each year
REMINDER_MONTH = 10  # the job reminds units in October (R-X.6)

FORM_FIELDS = {  # form of guarantee -> field of a demand report
    Form.PUBLIC_RENTAL: "rental_households",
    Form.ECONOMIC_HOUSING: "sale_households",
    Form.SUBSIDY: "subsidy_households",
}
HOME_FIELDS = {Form.PUBLIC_RENTAL: "rental_units", Form.ECONOMIC_HOUSING: "sale_units"}  # of a quota


# --- deadlines (plain date arithmetic) -------------------------------------------------------------------

def demand_deadline(year: int) -> datetime.date:
    """R-15.1: the demand for ``year`` is due by 31 October of the year before."""
    return datetime.date(year - 1, DEADLINE_MONTH, DEADLINE_DAY)


def reporting_year(today: datetime.date) -> int:
    """The year whose demand is being reported now, i.e. whose deadline is the next one (or today)."""
    return today.year + 1 if today <= datetime.date(today.year, DEADLINE_MONTH, DEADLINE_DAY) else today.year + 2


def last_passed_deadline(today: datetime.date) -> tuple[int, datetime.date]:
    """(year reported for, deadline) of the last deadline that has passed by ``today`` (R-15.2).

    After 31 October of year Y the reports for Y+1 are overdue; up to and including 31 October, the last
    deadline that passed is 31 October of Y-1, for year Y.
    """
    this_years = datetime.date(today.year, DEADLINE_MONTH, DEADLINE_DAY)
    year = today.year + 1 if today > this_years else today.year
    return year, demand_deadline(year)


def reportable_years(today: datetime.date) -> list[int]:
    """A unit reports for the coming year, or, late, for the year whose deadline passed last."""
    return sorted({reporting_year(today), last_passed_deadline(today)[0]}, reverse=True)


# --- demand reports (R-15.1, R-15.2) ---------------------------------------------------------------------

@transaction.atomic
def submit_demand_report(*, actor, group: str, year: int, rental_households: int = 0, sale_households: int = 0,
                         subsidy_households: int = 0, note: str = "",
                         at: datetime.datetime | None = None) -> DemandReport:
    """R-15.1: a unit reports its group's demand for ``year``, by form. After the deadline the report is still
    accepted, marked late (R-15.2). Until the deadline the unit may correct it; after it, the report stands.

    ``at`` is the moment of submission (now; tests and the demo pass an earlier one)."""
    require_office_duty(actor, "report_demand", _("Only the units that handle applicant groups report demand (Art. 15)."))
    if group not in groups_of_unit(actor.unit.code):
        raise NotPermitted(_("Your unit reports demand only for the applicant groups it handles (Art. 15)."))
    at = at or timezone.now()
    today = timezone.localdate(at)
    counts = {"rental_households": rental_households, "sale_households": sale_households,
              "subsidy_households": subsidy_households}
    errors = {}
    if year not in reportable_years(today):
        errors["year"] = [_("Demand is reported for %(years)s only (Art. 15).")
                          % {"years": ", ".join(str(y) for y in reportable_years(today))}]
    allowed = {FORM_FIELDS[f] for f in ALLOWED_FORMS[group]}
    for field, value in counts.items():
        if value is None or value < 0:
            errors[field] = [_("Enter a number of households, 0 or more.")]
        elif value and field not in allowed:
            errors[field] = [_("%(group)s cannot receive this form of guarantee; enter 0.")
                             % {"group": Group(group).label}]
    if errors:
        raise InvalidInput(_("The demand report was not saved; correct the marked fields."), field_errors=errors)
    deadline = demand_deadline(year)
    late = today > deadline
    existing = DemandReport.objects.select_for_update().filter(unit=actor.unit, year=year, group=group).first()
    if existing is not None and late:
        raise InvalidInput(
            _("The demand of %(group)s for %(year)s was reported on %(date)s; after the deadline of %(deadline)s "
              "it can no longer be corrected (Art. 15).")
            % {"group": Group(group).label, "year": year,
               "date": timezone.localdate(existing.submitted_at).isoformat(), "deadline": deadline.isoformat()})
    before = None
    if existing is None:
        report = DemandReport(unit=actor.unit, year=year, group=group, late=late)
    else:
        report = existing
        before = {field: getattr(existing, field) for field in counts}
    for field, value in counts.items():
        setattr(report, field, value)
    report.note = (note or "").strip()
    report.submitted_at = at
    report.submitted_by = actor
    report.full_clean()
    report.save()
    record_action(
        actor=actor, action="correct_demand_report" if before else "report_demand", obj=report,
        article="R-15.1, R-15.2" if late else "R-15.1",
        summary=(_("Demand of %(group)s for %(year)s reported by %(unit)s%(late)s.")
                 % {"group": Group(group).label, "year": year, "unit": actor.unit,
                    "late": _(" after the deadline") if late else ""}),
        data={"group": group, "year": year, "late": late, **counts, **({"before": before} if before else {})},
    )
    if not missing_groups(actor.unit, year):
        Reminder.objects.filter(key=reminder_key(actor.unit.code, year), done_at__isnull=True).update(done_at=at)
    return report


def missing_groups(unit: Unit, year: int, *, on_time_only: bool = False) -> list[str]:
    """The unit's groups with no report for ``year`` (or none on time)."""
    reports = DemandReport.objects.filter(unit=unit, year=year)
    if on_time_only:
        reports = reports.filter(late=False)
    reported = set(reports.values_list("group", flat=True))
    return sorted(g for g in groups_of_unit(unit.code) if g not in reported)


def reminder_key(unit_code: str, year: int) -> str:
    return f"demand:{unit_code}:{year}"


@transaction.atomic
def flag_late_demand_reports(*, today: datetime.date | None = None) -> dict:
    """R-15.2, R-X.6 (the daily job): flag to discipline inspection, once, each unit that had not reported every
    one of its groups by the last deadline that has passed; in October, remind the units that have not reported
    yet. Idempotent: a unit is flagged once per year (DemandDeadlineMiss is unique) and reminded once."""
    today = today or timezone.localdate()
    year, deadline = last_passed_deadline(today)
    flagged = reminded = 0
    units = Unit.objects.filter(code__in=GROUP_UNITS).order_by("code")
    for unit in units:
        missing = missing_groups(unit, year, on_time_only=True)
        if missing and not DemandDeadlineMiss.objects.filter(unit=unit, year=year).exists():
            miss = DemandDeadlineMiss.objects.create(unit=unit, year=year, deadline=deadline, missing_groups=missing)
            record_action(actor=None, action="flag_demand_deadline_miss", obj=miss, article="R-15.2",
                          summary=_("%(unit)s had not reported the demand for %(year)s by %(deadline)s.")
                          % {"unit": unit, "year": year, "deadline": deadline.isoformat()},
                          data={"year": year, "deadline": deadline, "missing_groups": missing})
            flagged += 1
    if today.month == REMINDER_MONTH:
        coming = reporting_year(today)
        due = demand_deadline(coming)
        for unit in units:
            missing = missing_groups(unit, coming)
            if not missing:
                continue
            labels = "; ".join(str(Group(g).label) for g in missing)
            _reminder, created = Reminder.objects.get_or_create(
                key=reminder_key(unit.code, coming),
                defaults={"kind": Reminder.Kind.DEMAND_REPORT, "unit": unit, "due_on": due,
                          "text": _("Report the demand for %(year)s by %(due)s: %(groups)s (Art. 15).")
                          % {"year": coming, "due": due.isoformat(), "groups": labels}},
            )
            reminded += created
    return {"year": year, "flagged": flagged, "reminded": reminded}


# --- the supply plan (R-15.3, R-15.4) --------------------------------------------------------------------

def _locked_plan(plan: SupplyPlan, expected_version: int) -> SupplyPlan:
    locked = SupplyPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.version != expected_version:
        raise StalePlan()
    return locked


@transaction.atomic
def draft_supply_plan(*, actor, year: int, note: str = "") -> SupplyPlan:
    """R-12.1, R-15.3: the CCB drafts the plan of a year."""
    require_office_duty(actor, "draft_supply_plan", _("Only the City Construction Bureau drafts the supply plan (Art. 12(1))."))
    if SupplyPlan.objects.filter(year=year).exists():
        raise InvalidInput(_("The supply plan for %(year)s exists already; edit it.") % {"year": year},
                           field_errors={"year": [_("A plan for this year exists already.")]})
    plan = SupplyPlan(year=year, note=(note or "").strip(), drafted_by=actor)
    plan.full_clean(exclude=["status"])  # the FSM field is protected; the transitions set it
    plan.save()
    record_action(actor=actor, action="draft_supply_plan", obj=plan, article="R-15.3",
                  summary=_("Supply plan %(year)s drafted.") % {"year": year}, data={"year": year})
    return plan


@transaction.atomic
def set_plan_quota(*, actor, plan: SupplyPlan, unit_code: str, rental_units: int, sale_units: int,
                   unit_types: list[str], expected_version: int) -> PlanQuota:
    """R-15.3: what one unit may allocate: how many homes rented and sold, of which types. The plan's totals of
    each form may not exceed the homes of that form available in the stock."""
    require_office_duty(actor, "draft_supply_plan", _("Only the City Construction Bureau drafts the supply plan (Art. 12(1))."))
    locked = _locked_plan(plan, expected_version)
    if locked.status != SupplyPlan.Status.DRAFT:
        raise StageNotAllowed(_("Quotas can be changed only while the plan is a draft (Art. 15)."), article="R-15.4")
    if unit_code not in GROUP_UNITS:
        raise InvalidInput(_("Quotas go to the units that handle applicant groups (Art. 15)."),
                           field_errors={"unit": [_("Choose a unit that handles applicant groups.")]})
    unit = Unit.objects.get(code=unit_code)
    values = {"rental_units": rental_units, "sale_units": sale_units}
    errors = {}
    forms = forms_of_unit(unit_code)
    for form, field in HOME_FIELDS.items():
        value = values[field]
        if value is None or value < 0:
            errors[field] = [_("Enter a number of homes, 0 or more.")]
        elif value and form not in forms:
            errors[field] = [_("None of this unit's applicant groups can receive %(form)s; enter 0.")
                             % {"form": Form(form).label}]
    bad_types = set(unit_types or []) - set(UnitType.values)
    if bad_types:
        errors["unit_types"] = [_("Choose unit types from the list.")]
    if errors:
        raise InvalidInput(_("The quota was not saved; correct the marked fields."), field_errors=errors)
    others = PlanQuota.objects.filter(plan=locked).exclude(unit=unit)
    stock = available_stock_totals()
    for form, field in HOME_FIELDS.items():
        planned = sum(getattr(q, field) for q in others) + values[field]
        if planned > stock.get(form, 0):
            errors[field] = [_("The plan would give out %(planned)d homes of %(form)s, but only %(available)d are "
                               "available in the stock (Art. 15).")
                             % {"planned": planned, "form": Form(form).label, "available": stock.get(form, 0)}]
    if errors:
        raise InvalidInput(_("The quota was not saved: the plan exceeds the available stock (Art. 15)."),
                           field_errors=errors)
    quota = PlanQuota.objects.filter(plan=locked, unit=unit).first()
    before = {"rental_units": quota.rental_units, "sale_units": quota.sale_units,
              "unit_types": quota.unit_types} if quota else None
    quota = quota or PlanQuota(plan=locked, unit=unit)
    quota.rental_units, quota.sale_units = rental_units, sale_units
    quota.unit_types = [t for t in UnitType.values if t in set(unit_types or [])]
    quota.full_clean()
    quota.save()
    locked.version += 1
    locked.save(update_fields=["version"])
    record_action(actor=actor, action="set_plan_quota", obj=locked, article="R-15.3",
                  summary=_("Quota of %(unit)s in the supply plan %(year)s: %(rental)d public rental, %(sale)d "
                            "economic housing homes.")
                  % {"unit": unit, "year": locked.year, "rental": rental_units, "sale": sale_units},
                  data={"unit": unit_code, **values, "unit_types": quota.unit_types, "before": before})
    return quota


def _decision(reference: str, on: datetime.date | None, *, ref_field: str, date_field: str, what: str) -> dict:
    errors = {}
    if not (reference or "").strip():
        errors[ref_field] = [_("Enter the reference of the %(what)s.") % {"what": what}]
    if on is None:
        errors[date_field] = [_("Enter the date of the %(what)s.") % {"what": what}]
    elif on > timezone.localdate():
        errors[date_field] = [_("The date cannot be in the future.")]
    return errors


@transaction.atomic
def confirm_supply_plan(*, actor, plan: SupplyPlan, reference: str, confirmed_on: datetime.date,
                        expected_version: int) -> SupplyPlan:
    """R-5, R-15.4: the Joint Meeting confirms the draft (minutes reference and date)."""

    def record(locked):
        errors = _decision(reference, confirmed_on, ref_field="reference", date_field="decided_on",
                           what=_("Joint Meeting minutes"))
        if errors:
            raise InvalidInput(_("The plan was not confirmed; correct the marked fields."), field_errors=errors)
        locked.joint_meeting_reference = reference.strip()
        locked.confirmed_on = confirmed_on
        locked.confirmed_by = actor
        return {"reference": locked.joint_meeting_reference, "on": confirmed_on}

    return office_step(
        actor=actor, obj=plan, transition="confirm", duty="confirm_supply_plan", expected_version=expected_version,
        duty_message=_("Only the Joint Meeting (or a head of the City Construction Bureau for its secretariat) confirms the supply plan (Art. 15)."),
        refused=StageNotAllowed(_("Only a draft plan can be confirmed by the Joint Meeting (Art. 15)."),
                                article="R-15.4"),
        record=record, action="confirm_supply_plan", article="R-5, R-15.4",
        summary=lambda locked: _("Supply plan %(year)s confirmed by the Joint Meeting (%(reference)s, %(date)s).")
        % {"year": locked.year, "reference": locked.joint_meeting_reference, "date": confirmed_on.isoformat()},
    )


@transaction.atomic
def record_plan_approval(*, actor, plan: SupplyPlan, reference: str, approved_on: datetime.date,
                         expected_version: int) -> SupplyPlan:
    """R-15.4: the Management Committee's approval of the confirmed plan; from now on it can open rounds."""

    def record(locked):
        errors = _decision(reference, approved_on, ref_field="reference", date_field="decided_on",
                           what=_("Management Committee approval"))
        if not errors and approved_on < locked.confirmed_on:
            errors["decided_on"] = [_("The approval cannot come before the Joint Meeting's confirmation (%(date)s).")
                                    % {"date": locked.confirmed_on.isoformat()}]
        if errors:
            raise InvalidInput(_("The approval was not recorded; correct the marked fields."), field_errors=errors)
        locked.committee_reference = reference.strip()
        locked.approved_on = approved_on
        locked.approved_by = actor
        return {"reference": locked.committee_reference, "on": approved_on}

    return office_step(
        actor=actor, obj=plan, transition="approve", duty="record_plan_approval", expected_version=expected_version,
        duty_message=_("Only the Joint Meeting's secretariat records the Management Committee's approval (Art. 15)."),
        refused=StageNotAllowed(_("Only a plan confirmed by the Joint Meeting can be approved (Art. 15)."),
                                article="R-15.4"),
        record=record, action="record_plan_approval", article="R-15.4",
        summary=lambda locked: _("Supply plan %(year)s approved by the Management Committee (%(reference)s, "
                                 "%(date)s).")
        % {"year": locked.year, "reference": locked.committee_reference, "date": approved_on.isoformat()},
    )


# --- employer quotas (R-7.2, R-9.2, R-11.2, R-17.1, R-17.2) ---------------------------------------------

def employer_quota_cap(today: datetime.date) -> int:
    try:
        return policy_in_force(today).employer_quota_cap
    except NoPolicyInForce:
        raise InvalidInput(_("No policy version is in force; an administrator must enter one."))


@transaction.atomic
def split_employer_quota(*, actor, plan_quota: PlanQuota, employer: Employer, rental_units: int, sale_units: int,
                         decision: JointMeetingDecision | None = None) -> EmployerQuota:
    """R-7.2, R-9.2, R-11.2: a talent unit splits its own quota among employers. The employers' shares of each
    form may not exceed the unit's quota of that form; R-17.1, R-17.2: one allocation to one employer above the
    cap (50 homes) cites a decision the Joint Meeting recorded (housing.joint_meeting), in force for that employer
    and the plan's year, and stays within the homes it allows. The unit cites the decision; it cannot enter one."""
    require_office_duty(actor, "split_employer_quota",
             _("Only the units of talent groups split their quota among employers (Art. 7(2), Art. 9(2), Art. 11(2))."))
    quota = PlanQuota.objects.select_for_update().select_related("plan", "unit").get(pk=plan_quota.pk)
    if quota.unit_id != actor.unit_id or quota.unit.code not in TALENT_UNITS:
        raise NotPermitted(_("A unit splits only its own quota (Art. 7(2), Art. 9(2), Art. 11(2))."))
    if quota.plan.status != SupplyPlan.Status.APPROVED:
        raise StageNotAllowed(_("A quota is split among employers once the Management Committee has approved "
                                "the plan (Art. 15)."), article="R-15.4")
    errors = {}
    if employer.kind not in employer_kinds_of_unit(quota.unit.code):
        errors["employer"] = [_("This employer is not of the kind your unit's talent group covers (Art. 21(1)).")]
    values = {"rental_units": rental_units, "sale_units": sale_units}
    for field, value in values.items():
        if value is None or value < 0:
            errors[field] = [_("Enter a number of homes, 0 or more.")]
    if errors:
        raise InvalidInput(_("The employer's quota was not saved; correct the marked fields."), field_errors=errors)
    others = EmployerQuota.objects.filter(plan_quota=quota).exclude(employer=employer)
    for form, field in HOME_FIELDS.items():
        total = sum(getattr(e, field) for e in others) + values[field]
        if total > getattr(quota, field):
            errors[field] = [_("The employers would share %(total)d homes of %(form)s, more than your unit's quota "
                               "of %(quota)d (Art. 7(2)).")
                             % {"total": total, "form": Form(form).label, "quota": getattr(quota, field)}]
    today = timezone.localdate()
    cap = employer_quota_cap(today)
    total = rental_units + sale_units
    above_cap = total > cap
    year = quota.plan.year
    if decision is not None:
        in_force = quota_decision_in_force(employer_id=employer.pk, year=year)
        if in_force is None or in_force.pk != decision.pk:
            errors["decision"] = [_("This Joint Meeting decision is not the one in force on %(employer)s's homes "
                                    "in the plan of %(year)s (Art. 17).") % {"employer": employer, "year": year}]
        elif total > decision.homes:
            errors["decision"] = [_("The Joint Meeting's decision %(minutes)s allows %(employer)s %(homes)d homes; "
                                    "%(total)d are more (Art. 17).") % {"minutes": decision.minutes_number,
                                                                       "employer": employer, "homes": decision.homes,
                                                                       "total": total}]
    elif above_cap:
        errors["decision"] = [_("One allocation to one employer is at most %(cap)d homes; %(total)d need a "
                                "case-by-case decision the Joint Meeting has recorded for this employer and year. "
                                "Choose it (Art. 17).") % {"cap": cap, "total": total}]
    if errors:
        raise InvalidInput(_("The employer's quota was not saved; correct the marked fields."), field_errors=errors)
    share = EmployerQuota.objects.filter(plan_quota=quota, employer=employer).first()
    before = {**{f: getattr(share, f) for f in values}, "decision": share.joint_meeting_decision} if share else None
    share = share or EmployerQuota(plan_quota=quota, employer=employer)
    share.rental_units, share.sale_units = rental_units, sale_units
    # the decision cited is recorded with the allocation (kept also when it was not needed).
    share.decision = decision
    share.joint_meeting_decision = decision.minutes_number if decision else ""
    share.joint_meeting_decided_on = decision.meeting_date if decision else None
    share.recorded_by = actor
    share.full_clean()
    share.save()
    record_action(actor=actor, action="split_employer_quota", obj=share,
                  article="R-7.2, R-17.1, R-17.2" if above_cap else "R-7.2, R-17.1",
                  summary=_("%(unit)s gives %(employer)s %(rental)d public rental and %(sale)d economic housing "
                            "homes of its %(year)s quota.")
                  % {"unit": quota.unit, "employer": employer, "rental": rental_units, "sale": sale_units,
                     "year": quota.plan.year},
                  data={"employer": employer.pk, **values, "above_cap": above_cap, "cap": cap,
                        "decision": share.joint_meeting_decision, "decision_id": decision.pk if decision else None,
                        "decided_on": share.joint_meeting_decided_on, "before": before})
    return share
