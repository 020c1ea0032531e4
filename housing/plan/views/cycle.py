"""The annual cycle (SPEC §4): demand reports and their deadline (R-15.1, R-15.2), the supply plan and its quotas
(R-15.3, R-15.4), the split of a talent unit's quota among employers (R-7.2, R-17). One view per operation; the
services check every permission again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.models import Unit
from departments.permissions import CCB, DISCIPLINE, GROUP_UNITS, may_do
from housing.plan import selectors as sel
from housing.plan.forms.cycle import (
    DemandReportForm,
    EmployerQuotaForm,
    PlanDecisionForm,
    PlanQuotaForm,
    SupplyPlanForm,
)
from housing.exceptions import InvalidInput
from housing.groups import Group, groups_of_unit
from housing.models import SupplyPlan, UnitType
from housing.joint_meeting.selectors import quota_decisions_to_cite
from housing.office.step import may_step
from housing.plan import services as services
from housing.plan.confirmations import plan_decision_confirmation
from housing.web import access, confirmation
from housing.web.errors import run_service

BANNER_DAYS = 30  # R-X.6: within 30 days of the deadline the page says so plainly


def _today():
    """The office's date (Asia/Shanghai); the page tests set it to the days around the deadline."""
    return timezone.localdate()


def _unit_code(user) -> str | None:
    return user.unit.code if getattr(user, "unit_id", None) else None


def _may_read_misses(user) -> bool:
    """R-15.2: the list goes to discipline inspection; the CCB, which takes the reports in, reads it too."""
    return _unit_code(user) in (DISCIPLINE, CCB)


# --- demand reports ---------------------------------------------------------------------------------------

@require_GET
def demand_overview(request):
    access.require_area(request.user, "plan")
    today = _today()
    coming = services.reporting_year(today)
    deadline = services.demand_deadline(coming)
    days_left = sel.days_until(deadline, today)
    passed_year, passed_deadline = services.last_passed_deadline(today)
    years = sorted({coming, passed_year, *sel.report_years()},
                   reverse=True)
    # The CCB collects next year's demand until 31 October and drafts that year's plan from it afterwards.
    default = today.year + 1
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    if year not in years:
        year = default
    own = None
    unit = _unit_code(request.user)
    if groups_of_unit(unit):
        own_coming = sel.demand_by_unit(coming, unit_codes=[unit])[0]
        own_passed = sel.demand_by_unit(passed_year, unit_codes=[unit])[0]
        own = {"coming": own_coming, "passed": own_passed,
               "banner": 0 <= days_left <= BANNER_DAYS and bool(own_coming.missing),
               "overdue": bool(own_passed.missing),
               "can_report": may_do(request.user, "report_demand")}
    rows = sel.demand_by_unit(year) if sel.sees_every_unit(request.user) else []
    return render(request, "housing/plan/demand_overview.html", {
        "today": today, "coming": coming, "deadline": deadline, "days_left": days_left,
        "passed_year": passed_year, "passed_deadline": passed_deadline, "own": own,
        "year": year, "years": years, "rows": rows, "totals": sel.demand_totals(year) if rows else None,
        "can_read_misses": _may_read_misses(request.user)
    })


@require_http_methods(["GET", "POST"])
def demand_report(request):
    access.require_duty(request.user, "report_demand")
    groups = sorted(groups_of_unit(_unit_code(request.user)))
    today = _today()
    years = services.reportable_years(today)
    status = 200
    if request.method == "POST":
        form = DemandReportForm(request.POST, groups=groups, years=years)
        if form.is_valid():
            report, status = run_service(form, lambda: services.submit_demand_report(actor=request.user,
                                                                                     **form.cleaned_data))
            if report is not None:
                if report.late:
                    messages.warning(request, _("The demand report was saved after the deadline of %(deadline)s "
                                                "and is marked late (Art. 15).")
                                     % {"deadline": services.demand_deadline(report.year).isoformat()})
                else:
                    messages.success(request, _("The demand report was saved."))
                return redirect("housing:demand_overview")
        else:
            status = 400
    else:
        initial = {"year": years[-1] if years else None}
        if request.GET.get("group") in groups:
            initial["group"] = request.GET["group"]
        try:
            if int(request.GET.get("year", "")) in years:
                initial["year"] = int(request.GET["year"])
        except ValueError:
            pass
        form = DemandReportForm(initial=initial, groups=groups, years=years)
    deadlines = [(y, services.demand_deadline(y)) for y in years]
    return render(request, "housing/plan/demand_report.html", {"form": form, "deadlines": deadlines, "today": today},
                  status=status)


@require_GET
def demand_misses(request):
    if not _may_read_misses(request.user):
        raise PermissionDenied
    misses = list(sel.deadline_misses())
    labels = dict(Group.choices)
    for miss in misses:
        miss.group_labels = [labels.get(g, g) for g in miss.missing_groups]
    return render(request, "housing/plan/demand_misses.html", {"misses": misses})


# --- the supply plan --------------------------------------------------------------------------------------

@require_GET
def plan_list(request):
    access.require_area(request.user, "plan")
    return render(request, "housing/plan/plan_list.html", {
        "plans": sel.plans(), "can_draft": may_do(request.user, "draft_supply_plan"),
    })


@require_http_methods(["GET", "POST"])
def plan_create(request):
    access.require_duty(request.user, "draft_supply_plan")
    status = 200
    form = SupplyPlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST":
        if form.is_valid():
            plan, status = run_service(form, lambda: services.draft_supply_plan(actor=request.user,
                                                                                **form.cleaned_data))
            if plan is not None:
                messages.success(request, _("The supply plan %(year)s was drafted; enter each unit's quota.")
                                 % {"year": plan.year})
                return redirect("housing:plan_detail", year=plan.year)
        else:
            status = 400
    return render(request, "housing/plan/plan_form.html", {"form": form}, status=status)


@require_GET
def plan_detail(request, year):
    access.require_area(request.user, "plan")
    plan = sel.get_plan_or_404(year)
    quotas = {q.unit.code: q for q in plan.quotas.all()}
    demand = sel.demand_by_unit(year)
    rows = []
    for unit_demand in demand:
        quota = quotas.get(unit_demand.unit.code)
        rows.append({"unit": unit_demand.unit, "quota": quota, "reports": unit_demand.reports,
                     "demand_rental": sum(r.rental_households for r in unit_demand.reports),
                     "demand_sale": sum(r.sale_households for r in unit_demand.reports),
                     "type_labels": [UnitType(t).label for t in (quota.unit_types if quota else [])
                                     if t in UnitType.values]})
    draft = plan.status == SupplyPlan.Status.DRAFT
    unit = _unit_code(request.user)
    own_quota = quotas.get(unit)
    return render(request, "housing/plan/plan_detail.html", {
        "plan": plan, "rows": rows, "stock": sel.stock_table(), "unit_types": UnitType.choices,
        "planned_rental": sum(q.rental_units for q in quotas.values()),
        "planned_sale": sum(q.sale_units for q in quotas.values()),
        "can_edit": draft and may_do(request.user, "draft_supply_plan"),
        "can_confirm": may_step(request.user, plan, "confirm"),
        "can_approve": may_step(request.user, plan, "approve"),
        "can_split": (plan.status == SupplyPlan.Status.APPROVED and own_quota is not None
                      and may_do(request.user, "split_employer_quota")),
    })


@require_http_methods(["GET", "POST"])
def quota_edit(request, year, unit_code):
    access.require_duty(request.user, "draft_supply_plan")
    plan = sel.get_plan_or_404(year)
    unit = Unit.objects.filter(code=unit_code, code__in=GROUP_UNITS).first()
    if unit is None:
        raise Http404
    quota = next((q for q in plan.quotas.all() if q.unit_id == unit.pk), None)
    status = 200
    if request.method == "POST":
        form = PlanQuotaForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved, status = run_service(form, lambda: services.set_plan_quota(
                actor=request.user, plan=plan, unit_code=unit_code, rental_units=data["rental_units"],
                sale_units=data["sale_units"], unit_types=data["unit_types"], expected_version=data["version"]))
            if saved is not None:
                messages.success(request, _("The quota of %(unit)s was saved.") % {"unit": unit})
                return redirect("housing:plan_detail", year=plan.year)
        else:
            status = 400
    else:
        initial = {"version": plan.version}
        if quota is not None:
            initial.update(rental_units=quota.rental_units, sale_units=quota.sale_units, unit_types=quota.unit_types)
        form = PlanQuotaForm(initial=initial)
    return render(request, "housing/plan/quota_form.html", {
        "form": form, "plan": plan, "unit": unit, "stock": sel.stock_table(), "unit_types": UnitType.choices,
        "allowed_forms": sel.forms_of_unit(unit_code), "editable": plan.status == SupplyPlan.Status.DRAFT,
    }, status=status)


def _decide(request, year, *, duty, service, template_title, reference_label, date_label, success, date_kwarg,
            decision):
    access.require_duty(request.user, duty)
    plan = sel.get_plan_or_404(year)
    status = 200
    if request.method == "POST":
        form = PlanDecisionForm(request.POST, reference_label=reference_label, date_label=date_label)
        if form.is_valid():
            data = form.cleaned_data

            def act(version):
                return service(actor=request.user, plan=plan, reference=data["reference"], expected_version=version,
                               **{date_kwarg: data["decided_on"]})

            # Binds every unit's quotas: stated with them, recorded once confirmed (decision 0047).
            statement = plan_decision_confirmation(plan, data, decision=decision)
            done, status, page = confirmation.run_confirmed(
                request, form, statement=statement, act=lambda: act(data["version"]),
                act_as_stated=lambda: act(statement.fields["version"]),
                cancel_url=reverse("housing:plan_detail", args=[plan.year]))
            if page is not None:
                return page
            if done is not None:
                messages.success(request, success % {"year": plan.year})
                return redirect("housing:plan_detail", year=plan.year)
        else:
            status = 400
    else:
        form = PlanDecisionForm(initial={"version": plan.version}, reference_label=reference_label,
                                date_label=date_label)
    return render(request, "housing/plan/decision_form.html", {"form": form, "plan": plan, "title": template_title},
                  status=status)


@require_http_methods(["GET", "POST"])
def plan_confirm(request, year):
    return _decide(request, year, duty="confirm_supply_plan", service=services.confirm_supply_plan,
                   template_title=_("Record the Joint Meeting's confirmation"),
                   reference_label=_("Joint Meeting minutes"), date_label=_("Confirmed on"),
                   success=_("The supply plan %(year)s is confirmed by the Joint Meeting."), date_kwarg="confirmed_on",
                   decision="confirm")


@require_http_methods(["GET", "POST"])
def plan_approve(request, year):
    return _decide(request, year, duty="record_plan_approval", service=services.record_plan_approval,
                   template_title=_("Record the Management Committee's approval"),
                   reference_label=_("Management Committee approval"), date_label=_("Approved on"),
                   success=_("The supply plan %(year)s is approved; it can now open allocation rounds."),
                   date_kwarg="approved_on", decision="approve")


@require_http_methods(["GET", "POST"])
def employer_quotas(request, year):
    """R-7.2, R-9.2, R-11.2: the user's own unit splits its quota of the plan among employers."""
    access.require_duty(request.user, "split_employer_quota")
    plan = sel.get_plan_or_404(year)
    quota = sel.get_quota_or_404(plan, _unit_code(request.user))
    employers = sel.employers_for_quota(quota)
    today = _today()
    try:
        cap = services.employer_quota_cap(today)
    except InvalidInput:
        cap = 50
    status = 200
    decisions = quota_decisions_to_cite(year=plan.year, employer_kinds=sel.employer_kinds_of_unit(quota.unit.code))
    form = EmployerQuotaForm(request.POST or None, employers=employers, decisions=decisions, cap=cap)
    if request.method == "POST":
        # R-15.4 (the plan must be approved) and R-17 are the service's to check; it answers 409 or field errors.
        if form.is_valid():
            data = form.cleaned_data
            share, status = run_service(form, lambda: services.split_employer_quota(
                actor=request.user, plan_quota=quota, employer=data["employer"], rental_units=data["rental_units"],
                sale_units=data["sale_units"], decision=data["decision"]))
            if share is not None:
                messages.success(request, _("The quota of %(employer)s was saved.") % {"employer": share.employer})
                return redirect("housing:employer_quotas", year=plan.year)
        else:
            status = 400
    shares = list(quota.employer_quotas.all())
    return render(request, "housing/plan/employer_quotas.html", {
        "form": form, "plan": plan, "quota": quota, "shares": shares, "cap": cap, "decisions": decisions,
        "given_rental": sum(s.rental_units for s in shares), "given_sale": sum(s.sale_units for s in shares),
        "open": plan.status == SupplyPlan.Status.APPROVED,
    }, status=status)
