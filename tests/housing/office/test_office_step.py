"""R-16.e, R-6, R-38, docs/decisions/0020: office_step, the one door for supply plans, subsidy batches, tenancies and
homes. Every FSM model reloads (refresh_from_db); a stale version, a missing duty, a move the FSM does not allow
from here and a refusal of the record change nothing; a move writes exactly one staff action and adds one to the
version; each transition's permission= answers per unit and role, and the scheduled job holds only what a deadline
takes by itself."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from departments.models import Role, StaffUser, Unit, UnitCode
from departments.permissions import PUBLIC_ONLINE, SCHEDULED_JOB
from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed, StaleBatch, StalePlan, StaleTenancy
from housing.models import Application, HousingUnit, OfficeAction, SubsidyBatch, SupplyPlan, Tenancy, Termination
from housing.office.step import office_step
from housing.stages import Stage
from housing.stock.services import StaleUnit, send_unit_to_repair
from housing.subsidies.services import prepare_batch, review_batch
from housing.tenancy.services.exits import serve_termination_notice
from tests.factories import ApplicationFactory, staff, take
from tests.factories.plan import confirm, draft_plan
from tests.factories.stock import HousingUnitFactory
from tests.factories.tenancy import TenancyFactory

pytestmark = pytest.mark.django_db

THIS_MONTH = timezone.localdate().replace(day=1)
PLAN_YEAR = timezone.localdate().year + 1


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def actions_on(obj) -> list[OfficeAction]:
    return list(OfficeAction.objects.filter(object_type=type(obj)._meta.model_name, object_id=str(obj.pk))
                .order_by("id"))


def snapshot(obj) -> tuple:
    stored = fresh(obj)
    return stored.status, stored.version, len(actions_on(obj))


# --- refresh_from_db on every FSM model --------------------------------------------------------------------------

def moved_application():
    app = ApplicationFactory()
    seen = Application.objects.get(pk=app.pk)
    take("pass_formal_review", app)
    return seen, "stage", Stage.SUBSTANTIVE_REVIEW


def moved_plan():
    plan = draft_plan(PLAN_YEAR)
    seen = fresh(plan)
    confirm(plan)
    return seen, "status", SupplyPlan.Status.CONFIRMED


def moved_batch():
    batch = prepare_batch(actor=staff("finance", "clerk"), month=THIS_MONTH).batch
    seen = fresh(batch)
    review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    return seen, "status", SubsidyBatch.Status.REVIEWED


def moved_tenancy():
    tenancy = TenancyFactory()
    seen = fresh(tenancy)
    serve_termination_notice(actor=staff("ccb", "clerk"), tenancy=tenancy, expected_version=tenancy.version,
                             reason=Termination.Reason.VOLUNTARY, notified_on=timezone.localdate())
    return seen, "status", Tenancy.Status.ENDING


def moved_home():
    home = HousingUnitFactory()
    seen = fresh(home)
    send_unit_to_repair(actor=staff("ccb", "clerk"), unit_id=home.pk, expected_version=home.version, reason="漏水")
    return seen, "status", HousingUnit.Status.UNDER_REPAIR


@pytest.mark.parametrize("move", [moved_application, moved_plan, moved_batch, moved_tenancy, moved_home],
                         ids=["application", "supply-plan", "subsidy-batch", "tenancy", "home"])
def test_refresh_from_db_reloads_the_protected_state(move):
    seen, field, moved_to = move()
    version = seen.version
    seen.refresh_from_db()
    assert getattr(seen, field) == moved_to
    assert seen.version == version + 1


# --- office_step on each kind of record ------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    build: Callable
    transition: str  # possible from the built state
    duty: str
    action: str
    may: tuple[str, str]  # (unit, role) holding the duty
    may_not: tuple[str, str]
    not_from_here: tuple[str, str, tuple[str, str]]  # a transition the built state does not allow, its duty, actor
    stale: type


KINDS = {
    "supply-plan": Kind(lambda: draft_plan(PLAN_YEAR), "confirm", "confirm_supply_plan", "confirm_supply_plan",
                        ("joint_meeting", "head"), ("ccb", "clerk"),
                        ("approve", "record_plan_approval", ("joint_meeting", "head")), StalePlan),
    "subsidy-batch": Kind(lambda: prepare_batch(actor=staff("finance", "clerk"), month=THIS_MONTH).batch, "review",
                          "review_subsidy_batch", "review_subsidy_batch", ("finance", "reviewer"), ("finance", "clerk"),
                          ("approve", "approve_subsidy_batch", ("finance", "head")), StaleBatch),
    "tenancy": Kind(TenancyFactory, "notify_termination", "manage_tenancy", "termination_notified", ("ccb", "clerk"),
                    ("finance", "head"), ("end", "manage_tenancy", ("ccb", "clerk")), StaleTenancy),
    "home": Kind(HousingUnitFactory, "send_to_repair", "manage_stock", "unit_sent_to_repair", ("ccb", "clerk"),
                 ("discipline", "reviewer"), ("let", "run_selection", ("ccb", "clerk")), StaleUnit),
}


def step(kind: Kind, obj, *, actor, transition=None, duty=None, expected_version=None, **options):
    """office_step with the kind's own move and staff action; a home passes its chapter's stale error."""
    if kind.stale is StaleUnit:
        options.setdefault("stale", StaleUnit())
    return office_step(actor=actor, obj=obj, transition=transition or kind.transition, duty=duty or kind.duty,
                       expected_version=expected_version, action=kind.action, article="R-16.e", **options)


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


def test_a_move_writes_one_staff_action_and_adds_one_to_the_version(kind):
    obj = kind.build()
    status, version, count = snapshot(obj)
    recorded = []
    moved = step(kind, obj, actor=staff(*kind.may), expected_version=version, summary="一次", data={"given": 1},
                 record=lambda locked: recorded.append(locked.status) or {"recorded": 2})
    assert recorded == [status]  # the record callback ran before the transition
    stored = fresh(obj)
    assert (stored.status, stored.version) == (moved.status, version + 1) and stored.status != status
    actions = actions_on(obj)
    assert len(actions) == count + 1
    assert (actions[-1].action, actions[-1].actor, actions[-1].summary, actions[-1].data) == (
        kind.action, staff(*kind.may), "一次", {"given": 1, "recorded": 2})


def test_a_stale_version_is_refused_and_changes_nothing(kind):
    obj = kind.build()
    before = snapshot(obj)
    recorded = []
    with pytest.raises(kind.stale):
        step(kind, obj, actor=staff(*kind.may), expected_version=obj.version + 1, record=recorded.append)
    assert snapshot(obj) == before and recorded == []


def test_an_actor_without_the_duty_is_refused_and_changes_nothing(kind):
    obj = kind.build()
    before = snapshot(obj)
    recorded = []
    with pytest.raises(NotPermitted):
        step(kind, obj, actor=staff(*kind.may_not), expected_version=obj.version, record=recorded.append)
    assert snapshot(obj) == before and recorded == []


def test_a_move_the_fsm_does_not_allow_from_here_is_refused_and_changes_nothing(kind):
    transition, duty, actor = kind.not_from_here
    obj = kind.build()
    before = snapshot(obj)
    recorded = []
    with pytest.raises(StageNotAllowed):
        step(kind, obj, actor=staff(*actor), transition=transition, duty=duty, expected_version=obj.version,
             record=recorded.append)
    assert snapshot(obj) == before and recorded == []


def test_the_services_refusal_is_the_one_raised(kind):
    transition, duty, actor = kind.not_from_here
    obj = kind.build()
    refusal = InvalidInput("不行")
    with pytest.raises(InvalidInput) as raised:
        step(kind, obj, actor=staff(*actor), transition=transition, duty=duty, refused=lambda locked: refusal)
    assert raised.value is refusal


def test_a_refusal_of_the_record_or_of_its_check_changes_nothing(kind):
    obj = kind.build()
    before = snapshot(obj)

    def refuse(locked):
        raise InvalidInput("缺少材料")

    def write_then_refuse(locked):
        locked.version += 5
        locked.save()
        raise InvalidInput("缺少材料")

    with pytest.raises(InvalidInput):
        step(kind, obj, actor=staff(*kind.may), check=refuse)
    with pytest.raises(InvalidInput):
        step(kind, obj, actor=staff(*kind.may), record=write_then_refuse)
    assert snapshot(obj) == before


def test_the_duty_the_service_names_is_checked_not_only_the_transitions_permission():
    tenancy = TenancyFactory()  # a clerk may notify a termination (procedure), not decide one for a violation
    before = snapshot(tenancy)
    with pytest.raises(NotPermitted):
        office_step(actor=staff("ccb", "clerk"), obj=tenancy, transition="notify_termination",
                    duty="decide_termination", expected_version=None, action="termination_notified", article="R-33")
    assert snapshot(tenancy) == before


def test_the_transitions_permission_is_checked_not_only_the_duty_the_service_names():
    plan = draft_plan(PLAN_YEAR)  # the CCB clerk drafts the plan but does not confirm it
    before = snapshot(plan)
    with pytest.raises(NotPermitted):
        office_step(actor=staff("ccb", "clerk"), obj=plan, transition="confirm", duty="draft_supply_plan",
                    expected_version=None, action="confirm_supply_plan", article="R-15.4")
    assert snapshot(plan) == before


def test_a_version_compared_without_the_records_stale_error_is_a_programming_error():
    home = HousingUnitFactory()
    with pytest.raises(TypeError):
        office_step(actor=staff("ccb", "clerk"), obj=home, transition="send_to_repair", duty="manage_stock",
                    expected_version=home.version, action="unit_sent_to_repair", article="R-16.8b")
    assert fresh(home).status == HousingUnit.Status.AVAILABLE


def test_a_move_that_is_part_of_another_step_writes_no_action_of_its_own():
    home = HousingUnitFactory(status=HousingUnit.Status.LET)
    moved = office_step(actor=staff("ccb", "clerk"), obj=home, transition="take_back", duty="manage_tenancy",
                        expected_version=None, action=None, article="R-34")
    assert (moved.status, fresh(home).version) == (HousingUnit.Status.AVAILABLE, home.version + 1)
    assert actions_on(home) == []


# --- the scheduled job ---------------------------------------------------------------------------------------------

def test_the_job_takes_what_a_deadline_takes_by_itself():
    tenancy = TenancyFactory()
    office_step(actor=SCHEDULED_JOB, obj=tenancy, transition="notify_termination", duty="manage_tenancy",
                expected_version=None, action="end_unrenewed_lease", article="R-31, R-34", summary="租期届满")
    assert fresh(tenancy).status == Tenancy.Status.ENDING
    [action] = actions_on(tenancy)
    assert (action.actor, action.actor_name) == (None, "scheduled-job")


def test_the_job_takes_nothing_else():
    home = HousingUnitFactory()
    before = snapshot(home)
    with pytest.raises(NotPermitted):
        office_step(actor=SCHEDULED_JOB, obj=home, transition="send_to_repair", duty="manage_stock",
                    expected_version=None, action="unit_sent_to_repair", article="R-16.8b")
    assert snapshot(home) == before


# --- permission= of every transition, per unit and role ------------------------------------------------------------

CLERK_OR_HEAD = {("ccb", Role.CLERK), ("ccb", Role.HEAD)}
EVERY_CCB_ROLE = {("ccb", Role.CLERK), ("ccb", Role.REVIEWER), ("ccb", Role.HEAD)}
# (model, transition, source state) -> the (unit, role) pairs that may take it, read from the measures (SPEC §2).
MAY = {
    (SupplyPlan, "confirm", "draft"): {("joint_meeting", Role.HEAD), ("ccb", Role.HEAD)},
    (SupplyPlan, "approve", "confirmed"): {("joint_meeting", Role.HEAD), ("ccb", Role.HEAD)},
    (SubsidyBatch, "review", "prepared"): {("finance", Role.REVIEWER), ("finance", Role.HEAD)},
    (SubsidyBatch, "approve", "reviewed"): {("finance", Role.HEAD)},
    (SubsidyBatch, "export", "approved"): {("finance", Role.CLERK), ("finance", Role.REVIEWER),
                                           ("finance", Role.HEAD)},
    (Tenancy, "notify_termination", "active"): CLERK_OR_HEAD,  # procedure (clerk, head) or decision (head)
    (Tenancy, "end", "ending"): CLERK_OR_HEAD,
    (HousingUnit, "reserve", "available"): CLERK_OR_HEAD,  # R-16.8c
    (HousingUnit, "release", "reserved"): CLERK_OR_HEAD,  # SPEC §13
    (HousingUnit, "let", "reserved"): CLERK_OR_HEAD,  # R-16.8d
    (HousingUnit, "sell", "reserved"): CLERK_OR_HEAD,  # R-16.8d
    (HousingUnit, "take_back", "let"): CLERK_OR_HEAD,  # R-34 keys (clerk, head); R-28 buy-back (head)
    (HousingUnit, "send_to_repair", "available"): CLERK_OR_HEAD,  # R-16.8b
    (HousingUnit, "return_from_repair", "under_repair"): CLERK_OR_HEAD,  # R-16.8b
}
JOB_MAY = {(Tenancy, "notify_termination"), (HousingUnit, "release")}  # R-31; SPEC §13


def account(unit: str | None, *roles: str, **extra) -> StaffUser:
    """An account as the pages see it (unsaved: the permission reads only its unit, roles and state)."""
    user = StaffUser(username=f"{unit}-{'-'.join(roles)}", roles=list(roles), **{"is_active": True, **extra})
    if unit is not None:
        user.unit = Unit(pk=UnitCode.values.index(unit) + 1, code=unit)
    return user


ACTORS = {f"{unit}-{role}": (unit, role) for unit in UnitCode.values for role in (Role.CLERK, Role.REVIEWER, Role.HEAD)}
OTHERS = {
    "scheduled-job": lambda: SCHEDULED_JOB,
    "public-online": lambda: PUBLIC_ONLINE,
    "anonymous": AnonymousUser,
    "sysadmin": lambda: account(None, Role.SYSADMIN, is_staff=True),
    "superuser": lambda: account(None, Role.SYSADMIN, is_staff=True, is_superuser=True),
    "inactive-ccb-head": lambda: account("ccb", Role.HEAD, is_active=False),
}


def test_the_table_names_every_transition_of_the_four_models_and_each_has_a_permission():
    named = {(model, name) for model, name, _source in MAY}
    for model in (SupplyPlan, SubsidyBatch, Tenancy, HousingUnit):
        for t in model._meta.get_field("status").get_all_transitions(model):
            assert (model, t.name) in named, f"{model.__name__}.{t.name} is not in the table"
            assert t.permission is not None, f"{model.__name__}.{t.name} has no permission="


@pytest.mark.parametrize("who", list(ACTORS) + list(OTHERS))
@pytest.mark.parametrize("model, transition, source", list(MAY), ids=[f"{m.__name__}.{t}" for m, t, _s in MAY])
def test_the_permission_answers_per_unit_and_role(model, transition, source, who):
    record = model(status=source)
    user = account(*ACTORS[who]) if who in ACTORS else OTHERS[who]()
    expected = (ACTORS.get(who) in MAY[(model, transition, source)] if who in ACTORS
                else who == "scheduled-job" and (model, transition) in JOB_MAY)
    assert has_transition_perm(getattr(record, transition), user) is expected


# --- the pages offer what the FSM allows --------------------------------------------------------------------------

def links(portal, url) -> str:
    response = portal.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_tenancy_page_offers_the_notice_and_the_keys_from_the_fsm(portal):
    tenancy = TenancyFactory()
    url = reverse("housing:tenancy_detail", args=[tenancy.pk])
    notice, keys = (reverse("housing:termination_create", args=[tenancy.pk]),
                    reverse("housing:keys_returned", args=[tenancy.pk]))
    portal.login(staff("ccb", "reviewer"))
    page = links(portal, url)
    assert f'href="{notice}"' not in page and keys not in page  # a reviewer holds no tenancy duty
    portal.login(staff("ccb", "head"))
    page = links(portal, url)
    assert f'href="{notice}"' in page and keys not in page  # active: the head may serve the notice
    serve_termination_notice(actor=staff("ccb", "clerk"), tenancy=tenancy, expected_version=tenancy.version,
                             reason=Termination.Reason.LEASE_END,
                             notified_on=timezone.localdate() - datetime.timedelta(days=1))
    portal.login(staff("ccb", "reviewer"))
    page = links(portal, url)
    assert f'href="{notice}"' not in page and keys not in page  # ending: the keys are the clerk's procedure
    portal.login(staff("ccb", "clerk"))
    page = links(portal, url)
    assert f'href="{notice}"' not in page and keys in page


def test_the_plan_page_offers_the_confirmation_only_to_whom_the_fsm_allows(portal):
    plan = draft_plan(PLAN_YEAR)
    url, target = (reverse("housing:plan_detail", args=[plan.year]),
                   reverse("housing:plan_confirm", args=[plan.year]))
    portal.login(staff("ccb", "clerk"))
    assert target not in links(portal, url)
    portal.login(staff("joint_meeting", "head"))
    assert target in links(portal, url)
    confirm(plan)
    assert target not in links(portal, url)
