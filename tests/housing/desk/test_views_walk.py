"""SPEC §5 through the staff pages only: one application per group walks from intake to its end.

Every step is taken the way a user takes it: logged in as the unit that holds the duty
(SPEC §2, §3), following the link the application page offers, filling in the form the
page renders (tests/housing/conftest.py: ``portal.submit``) and posting it. After each
step the application page, read in English, shows the new stage; at the end its timeline
lists every step with who took it.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from departments.models import UnitCode
from departments.permissions import acting_unit
from housing.cases.checklists import REQUIRED
from housing.desk.forms.steps import STEP_LABELS
from housing.groups import ALLOWED_FORMS, RESPONSIBLE_UNIT, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import (Application, ApplicationHistory, ConditionDecision, Contract, Document, HousingUnit,
                            PolicyVersion, Subsidy, Tenancy)
from housing.cases.citations import in_language
from housing.rules.catalogue import CONDITIONS, CONDITIONS_BY_GROUP, RECHECK_ITEMS
from housing.stages import Stage
from publicity.models import Objection
from tests.factories import ApplicationFactory, advance, make_credit_code, make_id_number, reload
from tests.factories.workflow import days_pass_since_notice, home_for, latest_notice, wait_out_announcement
from tests.housing.conftest import PNG_BYTES, en, page_text, section, stage_label, table_rows
from tests.support.confirmations import confirm, confirmation_text, post_and_confirm
from tests.support.materials import hand_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

HOUSING_STEPS = [
    "intake", "document_uploaded", "pass_formal_review", "approve_eligibility", "propose", "pass_recheck",
    "publish_in_notice", "announce", "issue_selection_notice", "record_selection", "sign_contract", "file_contract",
]
SUBSIDY_STEPS = HOUSING_STEPS[: HOUSING_STEPS.index("announce") + 1] + ["start_subsidy"]

EMPLOYER_KIND = {
    Group.INSTITUTION_TALENT: "public_institution",
    Group.ECW_TALENT: "ecw_institution",
    Group.ENTERPRISE_TALENT: "enterprise",
}

TARGET = {t.name: t.target for t in Application._meta.get_field("stage").get_all_transitions(Application)}
WALKS = [(group, ALLOWED_FORMS[group][0]) for group in Group.values] + [
    (group, Form.SUBSIDY) for group in Group.values if Form.SUBSIDY in ALLOWED_FORMS[group]
]


def walk_id(case):
    group, form = case
    return f"{SHORT_CODE[group]}-{form}"


def url(name, *args, **query):
    base = reverse(f"housing:{name}", args=args)
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def intake_changes(round_, group: str, form: str, *, serial: int) -> dict:
    """What the clerk types into the intake page for a plausible, eligible household."""
    changes = {
        "round": round_.pk,
        "group": group,
        "form": form,
        "contact_phone": "138 0013 8000",
        "members-0-relation": "applicant",
        "members-0-name": "陈建国",
        "members-0-id_number": make_id_number(birth=datetime.date(1995, 3, 14), order=100 + serial),
        "members-0-marital_status": "married",
        "members-0-hukou": "longhua",
        "members-0-hukou_since": "2010-09-01",
        "members-0-social_insurance_months": "84",
        "members-0-first_social_insurance_date": "2017-07-01",
        "members-0-owns_housing": "false",
        "members-0-owns_residential_land": "false",
        "members-0-bought_policy_housing_in_city": "false",
        "members-0-rents_affordable_housing": "false",
        "members-0-family_planning_violation": "false",
        # The spouse applies with the applicant (R-HH.2).
        "members-1-relation": "spouse",
        "members-1-applying": "on",
        "members-1-name": "林晓梅",
        "members-1-id_number": make_id_number(birth=datetime.date(1996, 8, 2), order=200 + serial),
        "members-1-marital_status": "married",
        "members-1-hukou": "longhua",
        "members-1-owns_housing": "false",
    }
    if group in TALENT_GROUPS:
        changes.update({
            "employer_name": f"深圳市龙华区第{serial}人民医院" if group == Group.ECW_TALENT else f"龙华单位{serial}",
            "employer_credit_code": make_credit_code(5000 + serial),
            "employer_kind": EMPLOYER_KIND[group],
            "talent_degree": "master",
            "degree_full_time": "true",
        })
        if group == Group.ENTERPRISE_TALENT:
            changes["employer_key_enterprise_year"] = round_.year
    if group in (Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE):
        changes.update({"income_previous_year": "18000.00", "income_year_before": "17500.50",
                        "low_income_treatment": "true"})
        if group == Group.LOW_INCOME_NO_HOUSING:
            changes["total_assets"] = "50000.00"
    return changes


def assert_moved(portal, response, number: str, stage: str, *, to: str | None = None):
    """The POST redirected (to the application page unless ``to``) and the page now shows the new stage."""
    assert response.status_code == 302, (response.status_code, page_text(response)[:2000])
    assert response["Location"] == (to or url("application_detail", number))
    assert portal.stage_of(number) == stage_label(stage)
    assert reload(Application.objects.get(number=number)).stage == stage


def offered(portal, number: str, href: str):
    """The application page offers this user the link to the next step."""
    links = portal.action_urls(number)
    assert href in links, f"{href} is not among the actions offered: {links}"


def at_intake(group: str) -> list[str]:
    """The materials handed in with the application at the counter: every item but the ID cards (handed in later
    from the application's page)."""
    return [code for code in REQUIRED[group] if code != "id_cards"]


def register_through_intake(portal, clerk, round_, group, form, *, serial) -> str:
    portal.login(clerk)
    changes = intake_changes(round_, group, form, serial=serial)
    # several files at once, one input per checklist item on the page without script.
    changes.update({f"files_{code}": SimpleUploadedFile(f"{code}.png", PNG_BYTES, content_type="image/png")
                    for code in at_intake(group)})
    response = portal.submit(url("intake"), changes, query={"rows": 2})
    assert response.status_code == 302, page_text(response)[:3000]
    match = re.fullmatch(r"/applications/([^/]+)/receipt/\?registered=1", response["Location"])
    assert match, response["Location"]
    number = match.group(1)
    assert number.startswith(f"LH-{round_.year}-{SHORT_CODE[group]}-")
    assert portal.stage_of(number) == stage_label(Stage.SUBMITTED)
    return number


def upload_png(portal, number: str, kind: str = "id_cards"):
    upload = SimpleUploadedFile("身份证.png", PNG_BYTES, content_type="image/png")
    return portal.submit(url("upload_document", number), {"kind": kind, "file": upload})


def formal_review(portal, number: str, *, missing=()):
    page = portal.get(url("formal_review", number))
    form = portal.page_form(page)
    items = sorted(n for n in form.names() if n.startswith("item_"))
    changes = {name: (None if any(name == f"item_{m}" for m in missing) else "on") for name in items}
    return portal.post(url("formal_review", number), portal.fill(form, changes)), items


def substantive_review(portal, number: str, *, failed=(), reason=""):
    page = portal.get(url("substantive_review", number))
    form = portal.page_form(page)
    decisions = sorted(n for n in form.names() if n.startswith("decision_"))
    changes = {"reason": reason}
    for name in decisions:
        cid_key = name.removeprefix("decision_")
        is_failed = any(cid_key == re.sub(r"[^0-9A-Za-z]", "_", cid) for cid in failed)
        changes[name] = "failed" if is_failed else "passed"
        changes[f"evidence_{cid_key}"] = f"核查材料：{cid_key}，已核对原件"
    # where a decision departs from the eligibility check, the reviewer gives the reason.
    changes.update({name: "经核对原件改判" for name in form.names() if name.startswith("override_")})
    # a refusal is confirmed on its statement first (docs/decisions/0047); a pass goes straight through.
    review = url("substantive_review", number)
    response = portal.post(review, portal.fill(form, changes))
    return (confirm(portal, response, review) if failed else response), decisions


def recheck(portal, number: str):
    page = portal.get(url("recheck", number))
    form = portal.page_form(page)
    facts = sorted(n for n in form.names() if n.startswith("verified_"))
    changes = {name: "true" for name in facts}
    changes.update({f"note_{name.removeprefix('verified_')}": "经核查属实" for name in facts})
    return portal.post(url("recheck", number), portal.fill(form, changes)), facts


def announce_form_action(portal, round_pk: int) -> str:
    page = portal.get(url("round_detail", round_pk))
    assert page.status_code == 200
    actions = re.findall(r'<form method="post" action="(/notices/\d+/announce/)"', page.content.decode())
    assert len(actions) == 1, actions
    return actions[0]


@pytest.mark.parametrize("group,form", WALKS, ids=[walk_id(c) for c in WALKS])
def test_an_application_walks_from_intake_to_its_end_through_the_pages(portal, unit_user, allocation_round, group,
                                                                        form, today, days_ago):
    ccb = unit_user("ccb", "clerk")
    reviewer = unit_user(RESPONSIBLE_UNIT[group], "reviewer")
    finance = unit_user("finance", "clerk")
    round_ = allocation_round
    serial = WALKS.index((group, form))

    # Intake: a CCB clerk registers the household.
    number = register_through_intake(portal, ccb, round_, group, form, serial=serial)
    application = Application.objects.get(number=number)
    assert (application.group, application.form, application.household_size) == (group, form, 2)
    assert sorted(application.members.values_list("relation", flat=True)) == ["applicant", "spouse"]
    if group in TALENT_GROUPS:
        assert application.employer.kind == EMPLOYER_KIND[group]
        assert application.talent_degree == "master" and application.degree_full_time is True

    # A material handed in: a real PNG.
    offered(portal, number, url("upload_document", number))
    response = upload_png(portal, number)
    assert response.status_code == 302 and response["Location"] == url("application_detail", number)
    document = Document.objects.get(application__number=number, kind="id_cards")
    assert (document.kind, document.extension, document.size) == ("id_cards", "png", len(PNG_BYTES))
    assert "身份证.png" in section(page_text(portal.detail(number)), "documents-h")

    # Formal review: every item of the group's checklist present and valid.
    offered(portal, number, url("formal_review", number))
    response, items = formal_review(portal, number)
    assert len(items) == len(REQUIRED[group])
    assert_moved(portal, response, number, Stage.SUBSTANTIVE_REVIEW)
    assert url("formal_review", number) not in portal.action_urls(number)

    # Substantive review by the responsible unit: every condition passed, with evidence.
    portal.login(reviewer)
    offered(portal, number, url("substantive_review", number))
    response, decisions = substantive_review(portal, number)
    assert len(decisions) == len(CONDITIONS_BY_GROUP[group])
    assert_moved(portal, response, number, Stage.ELIGIBLE)
    assert ConditionDecision.objects.filter(application__number=number, passed=True).count() == len(decisions)

    # The proposed list.
    offered(portal, number, url("take_step", number, "propose"))
    response = portal.submit(url("take_step", number, "propose"), {"rank": 3, "note": "按排序规则第3名"})
    assert_moved(portal, response, number, Stage.PROPOSED)
    assert "<dt>Rank on the proposed list</dt><dd>3</dd>" in page_text(portal.detail(number))

    # Recheck by the CCB.
    portal.login(ccb)
    offered(portal, number, url("recheck", number))
    response, facts = recheck(portal, number)
    assert len(facts) == len(RECHECK_ITEMS)
    assert_moved(portal, response, number, Stage.RECHECKED)

    # Public notice, starting today; then 10 days pass, so its 7 days are over (docs/decisions/0040).
    offered(portal, number, url("round_detail", round_.pk))
    publish_url = url("publish_notice", round_.pk)
    assert f'href="{publish_url}?group={group}"' in portal.get(url("round_detail", round_.pk)).content.decode()
    response = portal.submit(publish_url, {"group": group, "starts_on": today.isoformat()},
                             query={"group": group})
    # Publishing is confirmed first, with the entries and the dates (docs/decisions/0047).
    assert f"from {today.isoformat()} to {(today + datetime.timedelta(days=6)).isoformat()}" in page_text(response)
    response = confirm(portal, response, publish_url)
    assert_moved(portal, response, number, Stage.PUBLIC_NOTICE, to=url("round_detail", round_.pk))
    assert reload(application).notice_ends_on == today + datetime.timedelta(days=6)
    days_pass_since_notice(latest_notice(reload(application)), 10)
    assert reload(application).notice_ends_on == days_ago(4)

    # Announcement, from the round's page.
    response = post_and_confirm(portal, announce_form_action(portal, round_.pk), {})
    assert_moved(portal, response, number, Stage.ANNOUNCED, to=url("round_detail", round_.pk))

    if form == Form.SUBSIDY:
        # R-16.a, R-8.2: Finance starts the subsidy; a talent's amount follows from Art. 27.
        portal.login(finance)
        offered(portal, number, url("take_step", number, "start_subsidy"))
        changes = {"start_month": today.strftime("%Y-%m")}
        if group not in TALENT_GROUPS:
            # a C2 subsidy starts only at the approved standard in force (docs/decisions/0041)
            PolicyVersion.objects.update(c2_subsidy_standard=Decimal("650.00"))
            changes["monthly_amount"] = "650.00"
        response = portal.submit(url("take_step", number, "start_subsidy"), changes)
        # Commits the money of every month: stated with the amount first (docs/decisions/0047).
        assert "a month from" in confirmation_text(response)
        response = confirm(portal, response, url("take_step", number, "start_subsidy"))
        assert_moved(portal, response, number, Stage.SUBSIDY_RUNNING)
        subsidy = Subsidy.objects.get(application__number=number)
        expected = Decimal("1000.00") if group in TALENT_GROUPS else Decimal("650.00")  # master's degree
        assert subsidy.monthly_amount == expected
        assert subsidy.start_month == today.replace(day=1)
        steps = SUBSIDY_STEPS
    else:
        # Selection, contract and filing by the CCB. Selection notices follow the announcement period
        # (R-16.8a, SPEC §13): set-up lets it pass, as if the list had been announced that many days ago.
        wait_out_announcement(reload(application))
        offered(portal, number, url("take_step", number, "issue_selection_notice"))
        response = portal.submit(url("take_step", number, "issue_selection_notice"))
        # The notice fixes the household's turn: stated with its order number first (docs/decisions/0047).
        assert "1 household of this list receives its selection notice now" in confirmation_text(response)
        response = confirm(portal, response, url("take_step", number, "issue_selection_notice"))
        assert_moved(portal, response, number, Stage.SELECTION)

        # R-16.8c: the home is chosen from the stock, among those the household's size is entitled to.
        home = home_for(reload(application))
        offered(portal, number, url("take_step", number, "record_selection"))
        page = portal.get(url("take_step", number, "record_selection"))
        assert str(home.pk) in portal.page_form(page).choices("unit")
        response = portal.submit(url("take_step", number, "record_selection"),
                                 {"unit": home.pk, "selected_on": today.isoformat()})
        assert f"chooses the home {home} on {today.isoformat()}" in confirmation_text(response)
        response = confirm(portal, response, url("take_step", number, "record_selection"))
        assert_moved(portal, response, number, Stage.UNIT_SELECTED)
        assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.RESERVED

        offered(portal, number, url("take_step", number, "sign_contract"))
        # R-16.8d: the contract form starts from the chosen home's owner and rent or price.
        rendered = portal.page_form(portal.get(url("take_step", number, "sign_contract"))).data()
        assert rendered["property_owner"] == [home.building.project.property_owner]
        assert (rendered.get("price") if form == Form.ECONOMIC_HOUSING else rendered.get("monthly_rent")) == [
            str(home.price if form == Form.ECONOMIC_HOUSING else home.monthly_rent)]
        contract = {"number": f"HT-{number}", "property_owner": "深圳市龙华区住房保障中心", "signatory": "陈建国",
                    "signed_on": today.isoformat(), "term_start": today.isoformat()}
        if form == Form.ECONOMIC_HOUSING:
            contract["price"] = "650000.00"
        else:
            contract.update({"monthly_rent": "1200.00", "term_end": (today + datetime.timedelta(days=730)).isoformat()})
        response = portal.submit(url("take_step", number, "sign_contract"), contract)
        # R-16.8d: the rent or the price in capital figures, before the contract is recorded.
        assert ("人民币陆拾伍万元整" if form == Form.ECONOMIC_HOUSING else "人民币壹仟贰佰元整") in confirmation_text(response)
        response = confirm(portal, response, url("take_step", number, "sign_contract"))
        assert_moved(portal, response, number, Stage.CONTRACTED)

        offered(portal, number, url("take_step", number, "file_contract"))
        response = portal.submit(url("take_step", number, "file_contract"),
                                 {"filing_number": f"BA-{number}", "filed_on": today.isoformat()})
        assert ("is sold to the household" if form == Form.ECONOMIC_HOUSING
                else "is let to the household") in confirmation_text(response)
        response = confirm(portal, response, url("take_step", number, "file_contract"))
        assert_moved(portal, response, number, Stage.FILED)
        stored = Contract.objects.get(application__number=number)
        assert (stored.filing_number, stored.filed_on, stored.unit_id) == (f"BA-{number}", today, home.pk)
        # R-16.8d: filing lets a rental home (with a tenancy) or sells an economic-housing home.
        status = HousingUnit.objects.get(pk=home.pk).status
        if form == Form.ECONOMIC_HOUSING:
            assert status == HousingUnit.Status.SOLD
        else:
            assert status == HousingUnit.Status.LET
            assert Tenancy.objects.filter(contract=stored, unit=home, application__number=number).exists()
        steps = HOUSING_STEPS

    # The timeline lists every step, in order, with the unit that took it; the files of the counter follow intake.
    steps = ["intake", *["document_uploaded"] * len(at_intake(group)), *steps[1:]]
    portal.login(ccb)
    timeline = table_rows(section(page_text(portal.detail(number)), "timeline-h"))
    assert [row[1] for row in timeline] == [en(STEP_LABELS[s]) for s in steps]
    units = {
        "intake": "ccb", "document_uploaded": "ccb",
        **{s: acting_unit(s, group) for s in steps if s not in ("intake", "document_uploaded")},
    }
    assert [row[3] for row in timeline] == [en(UnitCode(units[s]).label) for s in steps]
    moves, stage = [], None
    for step in steps:
        before = stage
        stage = Stage.SUBMITTED if step == "intake" else TARGET.get(step, stage)
        moves.append(f"{stage_label(before) if before else '—'} → {stage_label(stage)}")
    assert [row[4] for row in timeline] == moves
    assert ApplicationHistory.objects.filter(application__number=number).count() == len(steps)
    # Nothing is left to do on a closed case but read it (a subsidy stays open for Finance's later steps).
    if form != Form.SUBSIDY:
        assert "No step awaits you on this application." in page_text(portal.detail(number))


def test_a_return_for_supplement_and_the_resubmission_go_through_the_pages(portal, unit_user, allocation_round):
    ccb = unit_user("ccb", "clerk")
    application = ApplicationFactory(round=allocation_round, c5=True)
    number = application.number
    portal.login(ccb)

    # One material missing: returned, and the reason names it (R-16.2, R-16.d).
    hand_in(application, [code for code in REQUIRED[application.group] if code != "hukou_booklet"], actor=ccb)
    response, _items = formal_review(portal, number, missing=("hukou_booklet",))
    assert_moved(portal, response, number, Stage.RETURNED)
    content = page_text(portal.detail(number))
    returned = [row for row in table_rows(section(content, "timeline-h"))
                if row[1] == en(STEP_LABELS["return_for_supplement"])]
    assert len(returned) == 1
    assert "Hukou booklets of all applicants" in returned[0][5]
    assert url("formal_review", number) not in portal.action_urls(number)

    # The supplement is handed in and the resubmission recorded.
    response = upload_png(portal, number, kind="hukou_booklet")
    assert response.status_code == 302
    offered(portal, number, url("take_step", number, "resubmit"))
    response = portal.submit(url("take_step", number, "resubmit"), {"note": "申请人已补交户口簿"})
    assert_moved(portal, response, number, Stage.SUBMITTED)

    # Complete now: on to the responsible unit.
    offered(portal, number, url("formal_review", number))
    response, _items = formal_review(portal, number)
    assert_moved(portal, response, number, Stage.SUBSTANTIVE_REVIEW)
    steps = [row[1] for row in table_rows(section(page_text(portal.detail(number)), "timeline-h"))]
    assert steps == [en(STEP_LABELS[s]) for s in ("intake", "return_for_supplement", "document_uploaded", "resubmit",
                                                  "pass_formal_review")]


@pytest.mark.parametrize("group,failed", [
    (Group.INSTITUTION_TALENT, ("R-21.1",)),
    (Group.LOW_INCOME_NO_HOUSING, ("R-18.2", "R-HH.2")),
])
def test_a_refusal_in_the_substantive_review_shows_the_failed_conditions(portal, unit_user, allocation_round, group,
                                                                          failed):
    application = advance(ApplicationFactory(round=allocation_round, group=group), Stage.SUBSTANTIVE_REVIEW)
    number = application.number
    portal.login(unit_user(RESPONSIBLE_UNIT[group], "reviewer"))

    response, _decisions = substantive_review(portal, number, failed=failed, reason="学历非全日制，不符合条件")
    assert_moved(portal, response, number, Stage.REFUSED)

    content = page_text(portal.detail(number))
    # each condition as people cite it, then its words (Art. 20(2) …), never its R-id (decision 0048)
    rows = table_rows(section(content, "conditions-h"))
    assert len(rows) == len(CONDITIONS_BY_GROUP[group]) and not any("R-" in row[0] for row in rows)
    assert sorted(row[0] for row in rows if row[1] == "No") == sorted(
        f"{in_language(cid, group, 'en')} {en(CONDITIONS[cid])}" for cid in failed)
    refusal = [row for row in table_rows(section(content, "timeline-h")) if row[1] == en(STEP_LABELS["refuse"])]
    assert len(refusal) == 1
    assert refusal[0][6] == in_language(failed, group, "en")  # the articles the refusal rests on (R-16.d)
    for cid in failed:
        assert en(CONDITIONS[cid]) in refusal[0][5]
    assert "学历非全日制，不符合条件" in refusal[0][5] and "R-" not in refusal[0][5]


@pytest.mark.parametrize("upheld", [True, False], ids=["upheld", "not-upheld"])
def test_an_objection_recorded_and_decided_through_the_pages(portal, unit_user, allocation_round, upheld):
    group = Group.ENTERPRISE_TALENT
    application = advance(ApplicationFactory(round=allocation_round, group=group), Stage.PUBLIC_NOTICE)
    number = application.number

    # the CCB records the objection during the notice; the entry is frozen.
    portal.login(unit_user("ccb", "clerk"))
    offered(portal, number, url("record_objection", number))
    response = portal.submit(url("record_objection", number),
                             {"objector_name": "李四", "objector_contact": "13900139000",
                              "reasons": "申请人配偶名下有房产"})
    assert_moved(portal, response, number, Stage.FROZEN)
    objection = Objection.objects.get(application__number=number)
    assert objection.status == Objection.Status.OPEN
    assert objection.receipt_number in page_text(portal.detail(number))

    # The responsible unit (Economic Services for C6) decides it.
    portal.login(unit_user(RESPONSIBLE_UNIT[group], "reviewer"))
    decide = url("decide_objection", objection.receipt_number)
    offered(portal, number, decide)
    response = portal.submit(decide, {"upheld": "yes" if upheld else "no", "reason": "经调查属实" if upheld else "查无实据",
                                      "answer": "调查结果已书面答复", "investigation_notes": "调取不动产登记信息"})
    # the decision is final, so it is stated first (decision 0047) and nothing moves until confirmed.
    assert "调查结果已书面答复" in confirmation_text(response)
    assert Objection.objects.get(pk=objection.pk).status == Objection.Status.OPEN
    response = confirm(portal, response, decide)
    end = Stage.REMOVED_ON_OBJECTION if upheld else Stage.PUBLIC_NOTICE
    assert_moved(portal, response, number, end)
    objection.refresh_from_db()
    assert objection.status == (Objection.Status.UPHELD if upheld else Objection.Status.NOT_UPHELD)
    content = page_text(portal.detail(number))
    objections = table_rows(section(content, "objections-h"))
    assert objections[0][0] == objection.receipt_number
    assert objections[0][4] == en(objection.get_status_display())
    assert decide not in portal.action_urls(number)
    timeline = [row[1] for row in table_rows(section(content, "timeline-h"))]
    assert timeline[-2:] == [en(STEP_LABELS["freeze_for_objection"]),
                             en(STEP_LABELS["uphold_objection" if upheld else "dismiss_objection"])]
