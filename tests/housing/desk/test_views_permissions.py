"""R-16.c, R-X.2 through the pages: every step × every unit, posting the step's real form.

For each step of ``departments.permissions.DUTIES`` one application is built at the
stage the step starts from (for the steps of the responsible unit, in two groups with
different responsible units). The form is the one the page renders for a user who may
take the step; the same submission is then posted by a user of every unit of
departments/migrations/0002_units.py (each holding every case role, so only the unit can
be what refuses it), by a user of the acting unit without the right role, by a
superuser (a system administrator decides no case), and anonymously. Each refused
request answers 403 — or 404 when the case is outside the user's scope, exactly like a
missing one (docs/decisions/0001) — and leaves the application as it was. The unit that
holds the duty posts last and moves the application.

The expectations below are written from SPEC §2/§3 and docs/decisions/0001, not read
from the code under test.
"""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from departments.models import Role, StaffUser, Unit
from departments.permissions import DUTIES
from housing.groups import SHORT_CODE, Form, Group
from housing.models import (
    Application, ApplicationHistory, ConditionDecision, Contract, FormalReview, GiveUp, HousingUnit, RecheckResult,
    Selection, StageCount, Subsidy,
)
from housing.stages import Stage
from publicity.models import Objection, PublicNotice
from tests.factories import ApplicationFactory, StaffUserFactory, advance, reload, staff
from tests.factories.workflow import ensure_c2_standard, home_for, latest_notice, open_objection, wait_out_announcement
from tests.housing.conftest import ALL_CASE_ROLES, page_text, strip_tags
from tests.support.confirmations import confirm, is_confirmation, through
from tests.support.materials import hand_in
from housing.cases.checklists import REQUIRED

pytestmark = pytest.mark.django_db

C1, C2, C3, C4, C5, C6 = (Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING,
                          Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT)
HOUSING, SUBSIDY = None, Form.SUBSIDY  # None: the group's first form (economic housing for C1, else public rental)

# SPEC §2: the units of the portal (departments/migrations/0002_units.py).
UNITS = [
    "ccb", "org_personnel", "econ_services", "social_construction", "public_affairs", "finance", "discipline",
    "joint_meeting", "verify_planning_land", "verify_family_planning", "verify_social_security",
    "verify_public_security", "verify_civil_affairs", "verify_subdistrict",
]
# SPEC §3: the unit responsible for each group.
RESPONSIBLE = {C1: "ccb", C2: "social_construction", C3: "ccb", C4: "org_personnel", C5: "public_affairs",
               C6: "econ_services"}
# docs/decisions/0001: who takes each step (SPEC §5), and with which roles.
CLERKS, REVIEWERS = ("clerk", "head"), ("reviewer", "head")
WHO_ACTS = {
    "pass_formal_review": ("ccb", CLERKS), "return_for_supplement": ("ccb", CLERKS), "resubmit": ("ccb", CLERKS),
    "approve_eligibility": ("responsible", REVIEWERS), "refuse": ("responsible", REVIEWERS),
    "propose": ("responsible", REVIEWERS),
    "pass_recheck": ("ccb", CLERKS), "remove_at_recheck": ("ccb", CLERKS), "publish_in_notice": ("ccb", CLERKS),
    "freeze_for_objection": ("ccb", CLERKS),
    "dismiss_objection": ("responsible", REVIEWERS), "uphold_objection": ("responsible", REVIEWERS),
    "announce": ("ccb", CLERKS), "issue_selection_notice": ("ccb", CLERKS), "record_selection": ("ccb", CLERKS),
    "give_up": ("ccb", CLERKS),  # SPEC §13
    "sign_contract": ("ccb", CLERKS), "file_contract": ("ccb", CLERKS),
    "start_subsidy": ("finance", CLERKS), "withdraw": ("ccb", CLERKS),
}
# Where each step starts from and ends (SPEC §5).
SOURCE_TARGET = {
    "pass_formal_review": (Stage.SUBMITTED, Stage.SUBSTANTIVE_REVIEW),
    "return_for_supplement": (Stage.SUBMITTED, Stage.RETURNED),
    "resubmit": (Stage.RETURNED, Stage.SUBMITTED),
    "approve_eligibility": (Stage.SUBSTANTIVE_REVIEW, Stage.ELIGIBLE),
    "refuse": (Stage.SUBSTANTIVE_REVIEW, Stage.REFUSED),
    "propose": (Stage.ELIGIBLE, Stage.PROPOSED),
    "pass_recheck": (Stage.PROPOSED, Stage.RECHECKED),
    "remove_at_recheck": (Stage.PROPOSED, Stage.REMOVED_AT_RECHECK),
    "publish_in_notice": (Stage.RECHECKED, Stage.PUBLIC_NOTICE),
    "freeze_for_objection": (Stage.PUBLIC_NOTICE, Stage.FROZEN),
    "dismiss_objection": (Stage.FROZEN, Stage.PUBLIC_NOTICE),
    "uphold_objection": (Stage.FROZEN, Stage.REMOVED_ON_OBJECTION),
    "announce": (Stage.PUBLIC_NOTICE, Stage.ANNOUNCED),
    "issue_selection_notice": (Stage.ANNOUNCED, Stage.SELECTION),
    "record_selection": (Stage.SELECTION, Stage.UNIT_SELECTED),
    "give_up": (Stage.SELECTION, Stage.GAVE_UP),
    "sign_contract": (Stage.UNIT_SELECTED, Stage.CONTRACTED),
    "file_contract": (Stage.CONTRACTED, Stage.FILED),
    "start_subsidy": (Stage.ANNOUNCED, Stage.SUBSIDY_RUNNING),
    "withdraw": (Stage.SUBSTANTIVE_REVIEW, Stage.WITHDRAWN),
}
# (step, group, form): one case per step; two groups of different responsible units for the responsible steps.
# The groups and forms vary so that departments and Finance meet cases inside and outside their scope.
CASES = [
    ("pass_formal_review", C3, HOUSING),
    ("return_for_supplement", C5, SUBSIDY),
    ("resubmit", C6, HOUSING),
    ("approve_eligibility", C1, HOUSING),
    ("approve_eligibility", C4, SUBSIDY),
    ("refuse", C2, HOUSING),
    ("refuse", C5, HOUSING),
    ("propose", C6, SUBSIDY),
    ("propose", C3, HOUSING),
    ("pass_recheck", C4, HOUSING),
    ("remove_at_recheck", C2, SUBSIDY),
    ("publish_in_notice", C5, HOUSING),
    ("freeze_for_objection", C4, SUBSIDY),
    ("dismiss_objection", C2, SUBSIDY),
    ("dismiss_objection", C3, HOUSING),
    ("uphold_objection", C6, HOUSING),
    ("uphold_objection", C1, HOUSING),
    ("announce", C6, SUBSIDY),
    ("issue_selection_notice", C3, HOUSING),
    ("record_selection", C1, HOUSING),
    ("give_up", C5, HOUSING),
    ("sign_contract", C6, HOUSING),
    ("file_contract", C2, HOUSING),
    ("start_subsidy", C5, SUBSIDY),
    ("start_subsidy", C2, SUBSIDY),
    ("withdraw", C4, HOUSING),
]
ROUND_STEPS = {"publish_in_notice", "announce"}  # acted on from the round's page: a round is not a case


def case_id(case):
    step, group, form = case
    return f"{step}-{SHORT_CODE[group]}{'-subsidy' if form else ''}"


def test_the_cases_cover_every_step_and_every_unit():
    assert set(WHO_ACTS) == set(DUTIES) == set(SOURCE_TARGET)
    assert {step for step, _g, _f in CASES} == set(DUTIES)
    for step, (who, _roles) in WHO_ACTS.items():
        if who == "responsible":
            assert len({RESPONSIBLE[g] for s, g, _f in CASES if s == step}) >= 2, step
    assert sorted(Unit.objects.values_list("code", flat=True)) == sorted(UNITS)


def acting_unit_of(step: str, group: str) -> str:
    who = WHO_ACTS[step][0]
    return RESPONSIBLE[group] if who == "responsible" else who


def sees(unit: str | None, application: Application) -> bool:
    """docs/decisions/0001: the CCB and discipline see every case, Finance the subsidy cases,
    a department its own groups; the other units and an administrator see none."""
    if unit in ("ccb", "discipline"):
        return True
    if unit == "finance":
        return application.form == Form.SUBSIDY
    return unit is not None and RESPONSIBLE[application.group] == unit


def build(step: str, group: str, form) -> Application:
    kwargs = {"group": group}
    if form:
        kwargs["form"] = form
    application = ApplicationFactory(**kwargs)
    source = SOURCE_TARGET[step][0]
    application = advance(application, source, notice_over=True if step == "announce" else None)
    assert application.stage == source
    if step == "issue_selection_notice":
        wait_out_announcement(application)  # selection notices follow the announcement period (R-16.8a)
    if step == "record_selection":
        home_for(application)  # an available home of the stock the household is entitled to (R-16.8c)
    if step in ("pass_formal_review", "return_for_supplement"):
        hand_in(application, REQUIRED[application.group], actor=staff("ccb", "clerk"))  # a file per item
    return application


def pages(step: str, application: Application) -> tuple[str | None, str]:
    """(the page a user opens, the URL the form posts to) for this step (None: no page, a button elsewhere)."""
    number = application.number
    if step in ("pass_formal_review", "return_for_supplement"):
        page = reverse("housing:formal_review", args=[number])
    elif step in ("approve_eligibility", "refuse"):
        page = reverse("housing:substantive_review", args=[number])
    elif step in ("pass_recheck", "remove_at_recheck"):
        page = reverse("housing:recheck", args=[number])
    elif step == "freeze_for_objection":
        page = reverse("housing:record_objection", args=[number])
    elif step in ("dismiss_objection", "uphold_objection"):
        page = reverse("housing:decide_objection", args=[open_objection(application).receipt_number])
    elif step == "publish_in_notice":
        page = reverse("housing:publish_notice", args=[application.round_id]) + f"?group={application.group}"
        return page, page.split("?")[0]
    elif step == "announce":
        return None, reverse("housing:announce_notice", args=[latest_notice(application).pk])
    else:
        page = reverse("housing:take_step", args=[number, step])
    return page, page


def changes_for(step: str, application: Application, form) -> dict:
    """What the user enters on the step's page; everything else is submitted as the page rendered it."""
    names = form.names()
    if step in ("pass_formal_review", "return_for_supplement"):
        items = sorted(n for n in names if n.startswith("item_"))
        ticked = items[1:] if step == "return_for_supplement" else items
        return {n: ("on" if n in ticked else None) for n in items}
    if step in ("approve_eligibility", "refuse"):
        out = {"reason": "不符合条件" if step == "refuse" else ""}
        for i, n in enumerate(sorted(n for n in names if n.startswith("decision_"))):
            out[n] = "failed" if step == "refuse" and i == 0 else "passed"
            out["evidence_" + n.removeprefix("decision_")] = "已核对原件"
        # a decision that departs from the eligibility check carries its reason.
        out.update({n: "经核对原件改判" for n in names if n.startswith("override_")})
        return out
    if step in ("pass_recheck", "remove_at_recheck"):
        out = {"reason": "核查不实" if step == "remove_at_recheck" else ""}
        for i, n in enumerate(sorted(n for n in names if n.startswith("verified_"))):
            out[n] = "untrue" if step == "remove_at_recheck" and i == 0 else "true"
        return out
    if step == "publish_in_notice":
        return {"group": application.group}
    if step == "freeze_for_objection":
        return {"objector_name": "李四", "objector_contact": "13900139000", "reasons": "申请人名下有房产"}
    if step in ("dismiss_objection", "uphold_objection"):
        return {"upheld": "yes" if step == "uphold_objection" else "no", "reason": "经调查核实", "answer": "已答复"}
    if step == "record_selection":
        homes = [value for value in form.choices("unit") if value]
        assert len(homes) == 1, homes  # the one home build() put in the stock
        return {"unit": homes[0]}
    if step == "give_up":
        return {"kind": GiveUp.Kind.NO_SHOW, "note": "未按时到场选房"}
    if step == "sign_contract":
        today = timezone.localdate()
        out = {"number": f"HT-{application.number}", "property_owner": "深圳市龙华区住房保障中心",
               "signatory": application.applicant_name, "term_start": today.isoformat()}
        if "price" in names:
            out["price"] = "650000.00"
        if "monthly_rent" in names:
            out.update({"monthly_rent": "1200.00", "term_end": (today + datetime.timedelta(days=730)).isoformat()})
        return out
    if step == "file_contract":
        return {"filing_number": f"BA-{application.number}"}
    if step == "start_subsidy":
        return {"monthly_amount": "650.00"} if "monthly_amount" in names else {}
    if step == "withdraw":
        return {"reason": "申请人书面申请撤回"}
    if step == "propose":
        return {"rank": "1"}
    if step == "resubmit":
        return {"note": "补正材料已收到"}
    return {}


def snapshot(application: Application) -> dict:
    app = reload(application)
    return {
        "stage": app.stage,
        "version": app.version,
        "history": ApplicationHistory.objects.filter(application=app).count(),
        "counts": sorted(StageCount.objects.filter(round_id=app.round_id, count__gt=0)
                         .values_list("group", "stage", "count")),
        "objections": sorted(Objection.objects.filter(application=app).values_list("receipt_number", "status")),
        "notices": sorted(PublicNotice.objects.filter(round_id=app.round_id).values_list("pk", "announced_at")),
        "records": [model.objects.filter(application=app).count() for model in
                    (FormalReview, ConditionDecision, RecheckResult, Selection, Contract, Subsidy, GiveUp)],
        "homes": sorted(HousingUnit.objects.values_list("pk", "status")),
    }


def refused_users(step: str, group: str) -> list[tuple[str, StaffUser | None]]:
    unit = acting_unit_of(step, group)
    roles = WHO_ACTS[step][1]
    users = [(f"unit:{code}", staff(code, *ALL_CASE_ROLES)) for code in UNITS if code != unit]
    wrong_roles = [r for r in ALL_CASE_ROLES if r not in roles]
    users.append((f"{unit} {'+'.join(wrong_roles)}", staff(unit, *wrong_roles)))
    users.append(("superuser", StaffUserFactory(username="root", superuser=True)))
    users.append(("sysadmin", StaffUserFactory(username="sysadmin", sysadmin=True)))
    users.append(("anonymous", None))
    return users


def expected_refusal(step: str, user, application: Application) -> int:
    if user is None:
        return 302  # to the sign-in page
    if step in ROUND_STEPS:
        return 403  # rounds and notices are no one's case: every staff member may read them
    return 404 if not sees(user.unit_code, application) else 403


@pytest.mark.parametrize("step,group,form", CASES, ids=[case_id(c) for c in CASES])
def test_only_the_unit_holding_the_duty_takes_the_step_through_its_page(portal, step, group, form):
    application = build(step, group, form)
    if step == "start_subsidy" and group == Group.MINIMUM_ALLOWANCE:
        ensure_c2_standard(Decimal("650.00"))  # Art. 26: a C2 subsidy starts at the approved standard only
    page, target = pages(step, application)
    unit = acting_unit_of(step, group)
    allowed = staff(unit, *ALL_CASE_ROLES)

    # The submission: the page's form as a user who may take the step sees it, filled in.
    portal.login(allowed)
    if page is not None:
        response = portal.get(page)
        assert response.status_code == 200, strip_tags(page_text(response))[:500]
        html_form = portal.page_form(response)
        data = portal.fill(html_form, changes_for(step, application, html_form))
    else:
        data = {}
    before = snapshot(application)

    problems = []
    for who, user in refused_users(step, group):
        portal.login(user)
        expected = expected_refusal(step, user, application)
        if page is not None:
            got = portal.get(page).status_code
            if got != expected:
                problems.append(f"GET by {who}: {got}, expected {expected}")
        response = portal.post(target, data)
        if response.status_code != expected:
            problems.append(f"POST by {who}: {response.status_code}, expected {expected}")
        if expected == 302 and not response.get("Location", "").startswith(reverse(settings.LOGIN_URL)):
            problems.append(f"POST by {who}: not sent to sign in but to {response.get('Location')}")
        if snapshot(application) != before:
            problems.append(f"POST by {who} changed the application: {before} -> {snapshot(application)}")
            before = snapshot(application)
    assert not problems, "\n".join(problems)

    # The unit that holds the duty takes the step.
    portal.login(allowed)
    response = portal.post(target, data)
    if is_confirmation(response):  # an act that publishes is confirmed first (docs/decisions/0047)
        assert snapshot(application) == before
        response = confirm(portal, response, target)
    assert response.status_code == 302, strip_tags(page_text(response))[:1500]
    after = reload(application)
    assert after.stage == SOURCE_TARGET[step][1]
    assert after.version > before["version"]
    row = ApplicationHistory.objects.filter(application=after).order_by("-seq").first()
    assert (row.event, row.actor_id, row.actor_unit) == (step, allowed.pk, unit)


@pytest.mark.parametrize("role", [Role.CLERK, Role.HEAD])
def test_a_ccb_clerk_and_the_head_may_take_a_procedural_step_but_not_a_reviewer(portal, role):
    """docs/decisions/0001: the roles inside the acting unit; the head can do what a clerk does."""
    application = build("issue_selection_notice", C3, HOUSING)
    page = reverse("housing:take_step", args=[application.number, "issue_selection_notice"])
    portal.login(staff("ccb", Role.REVIEWER))
    assert portal.get(page).status_code == 403
    assert portal.post(page, {"version": application.version}).status_code == 403
    assert reload(application).stage == Stage.ANNOUNCED
    portal.login(staff("ccb", role))
    response = through(portal, portal.post(page, {"version": application.version}), page)
    assert response.status_code == 302
    assert reload(application).stage == Stage.SELECTION


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.HEAD])
def test_a_reviewer_and_the_head_decide_eligibility_but_not_a_clerk(portal, role):
    application = build("propose", C4, HOUSING)
    page = reverse("housing:take_step", args=[application.number, "propose"])
    portal.login(staff("org_personnel", Role.CLERK))
    assert portal.post(page, {"version": application.version, "rank": 1}).status_code == 403
    assert reload(application).stage == Stage.ELIGIBLE
    portal.login(staff("org_personnel", role))
    assert portal.post(page, {"version": application.version, "rank": 1}).status_code == 302
    assert reload(application).stage == Stage.PROPOSED


def test_an_inactive_account_of_the_acting_unit_is_sent_to_sign_in(portal):
    application = build("pass_recheck", C4, HOUSING)
    user = staff("ccb", *ALL_CASE_ROLES)
    portal.login(user)
    page = reverse("housing:take_step", args=[application.number, "withdraw"])
    StaffUser.objects.filter(pk=user.pk).update(is_active=False)
    response = portal.post(page, {"version": application.version, "reason": "撤回"})
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert reload(application).stage == Stage.PROPOSED
