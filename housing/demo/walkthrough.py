"""The demo round, built through the real services exactly as clerks and reviewers would; nothing assigns a stage."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from housing.cases.checklists import MATERIALS, REQUIRED
from housing.groups import ALLOWED_FORMS, RESPONSIBLE_UNIT, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import AllocationRound, Application, HouseholdMember, Relation
from housing.rules.catalogue import CONDITIONS_BY_GROUP, RECHECK_ITEMS
from housing.rules.dates import add_years
from housing.review.services.intake import EmployerData, IntakeData, register_application
from housing.review.services.materials import Material
from housing.review.services.reviews import conclude_formal_review, conclude_recheck, conclude_substantive_review
from housing.plan.rounds import open_round_with_supply_notice
from housing.selection.contracts import file_contract, issue_selection_notice, record_selection, sign_contract
from housing.cases.steps import propose_application, resubmit_application, withdraw_application
from housing.subsidies.start import start_subsidy
from housing.stages import Stage
from publicity.services import announce_notice, decide_objection, publish_public_notice, record_objection
from housing.demo.accounts import DEMO_C2_MONTHLY_SUBSIDY, DEMO_ROUND_NAME, DEMO_YEAR
from housing.demo import plan as demo_plan
from housing.demo import selection as demo_selection
from housing.demo.identities import DEMO_EMPLOYERS, REGIONS_ELSEWHERE, REGIONS_SHENZHEN, SURNAMES, birth_between, credit_code, id_number, person_name

Hukou = HouseholdMember.Hukou
DEMO_PDF = b"%PDF-1.4\n% demo scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

COMMON_TARGETS = [
    Stage.SUBMITTED, Stage.RETURNED, Stage.SUBSTANTIVE_REVIEW, Stage.ELIGIBLE, Stage.PROPOSED, Stage.RECHECKED,
    Stage.PUBLIC_NOTICE, Stage.FROZEN, Stage.ANNOUNCED, Stage.REFUSED, Stage.REMOVED_AT_RECHECK,
    Stage.REMOVED_ON_OBJECTION, Stage.WITHDRAWN,
]
HOUSING_TARGETS = [Stage.SELECTION, Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED]
# Cases reached through notice A (backdated, over: announced) and notice B (running: objections possible).
AFTER_NOTICE_A = {Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED,
                  Stage.SUBSIDY_RUNNING}
IN_NOTICE_B = {Stage.PUBLIC_NOTICE, Stage.FROZEN, Stage.REMOVED_ON_OBJECTION}


@dataclass(eq=False)
class Case:
    target: str
    form: str
    variant: str = ""  # "resubmitted", "objection_dismissed", "withdrawn_late", "not_key_enterprise"
    application: Application | None = None


def plan_cases(group: str) -> list[Case]:
    housing_form = Form.ECONOMIC_HOUSING if group == Group.LOW_INCOME_NO_HOUSING else Form.PUBLIC_RENTAL
    cases = [Case(stage, housing_form) for stage in COMMON_TARGETS + HOUSING_TARGETS]
    cases += [
        Case(Stage.SUBSTANTIVE_REVIEW, housing_form, "resubmitted"),
        Case(Stage.PUBLIC_NOTICE, housing_form, "objection_dismissed"),
        Case(Stage.WITHDRAWN, housing_form, "withdrawn_late"),
        Case(Stage.FILED, housing_form),
    ]
    if Form.SUBSIDY in ALLOWED_FORMS[group]:
        # R-16.a: subsidy applications follow stages 1-8, then the subsidy starts instead of selection.
        cases += [
            Case(Stage.SUBSTANTIVE_REVIEW, Form.SUBSIDY),
            Case(Stage.PUBLIC_NOTICE, Form.SUBSIDY),
            Case(Stage.ANNOUNCED, Form.SUBSIDY),
            Case(Stage.ANNOUNCED, Form.SUBSIDY),
            Case(Stage.SUBSIDY_RUNNING, Form.SUBSIDY),
            Case(Stage.SUBSIDY_RUNNING, Form.SUBSIDY),
        ]
    if group == Group.ENTERPRISE_TALENT:
        cases.append(Case(Stage.REFUSED, housing_form, "not_key_enterprise"))
    return cases


class DemoBuilder:
    def __init__(self, *, users: dict, seed: int = 20260101):
        self.rng = random.Random(seed)
        self.users = users
        self.clerk = users["ccb_clerk"]
        self.finance = users["finance_clerk"]
        self.today = timezone.localdate()
        self.used_ids: set[str] = set()
        self.contracts = 0
        self.units = 0

    # -- people ---------------------------------------------------------------
    def _id(self, *, birth, male, region) -> str:
        while True:
            number = id_number(self.rng, birth=birth, male=male, region=region)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def household(self, group: str, talent: dict) -> list[dict]:
        rng = self.rng
        local = group not in TALENT_GROUPS
        male = rng.random() < 0.55
        if group in TALENT_GROUPS:
            born = talent["born"]
        else:
            born = birth_between(rng, datetime.date(1968, 1, 1), datetime.date(1995, 12, 31))
        married = rng.random() < (0.75 if born.year < 1992 else 0.35)
        surname = rng.choice(SURNAMES)
        region = rng.choice(REGIONS_SHENZHEN if local else REGIONS_SHENZHEN[:2] + REGIONS_ELSEWHERE)
        hukou = Hukou.LONGHUA if local else rng.choice(
            [Hukou.LONGHUA, Hukou.SHENZHEN, Hukou.ELSEWHERE])
        since = birth_between(rng, max(born + datetime.timedelta(days=6570), datetime.date(1995, 1, 1)),
                              datetime.date(2022, 12, 31))
        si_first = birth_between(rng, max(born + datetime.timedelta(days=6570), datetime.date(2000, 1, 1)),
                                 datetime.date(2022, 6, 30))
        clean = {
            "owns_housing": False, "owns_residential_land": False, "bought_policy_housing_in_city": False,
            "bought_policy_housing_elsewhere": False, "received_price_difference_payment": False,
            "rents_affordable_housing": False, "received_purchase_subsidy": False, "family_planning_violation": False,
        }
        members = [{
            "relation": Relation.APPLICANT, "applying": True, "name": person_name(rng, male=male, surname=surname),
            "id_number": self._id(birth=born, male=male, region=region),
            "marital_status": "married" if married else "single", "hukou": hukou, "hukou_since": since,
            "social_insurance_months": (self.today.year - si_first.year) * 12,
            "first_social_insurance_date": si_first, **clean,
        }]
        if married:
            spouse_born = birth_between(rng, born - datetime.timedelta(days=1500), born + datetime.timedelta(days=1500))
            spouse_born = min(spouse_born, datetime.date(2000, 12, 31))
            members.append({
                "relation": Relation.SPOUSE, "applying": True, "name": person_name(rng, male=not male),
                "id_number": self._id(birth=spouse_born, male=not male, region=rng.choice(REGIONS_SHENZHEN + REGIONS_ELSEWHERE)),
                "marital_status": "married", "hukou": hukou, "hukou_since": since, **clean,
            })
            earliest_child = max(born, spouse_born) + datetime.timedelta(days=8000)
            children = rng.choice((0, 1, 1, 2)) if earliest_child < datetime.date(2024, 6, 30) else 0
            for _ in range(children):
                child_male = rng.random() < 0.5
                child_born = birth_between(rng, earliest_child, datetime.date(2024, 6, 30))
                members.append({
                    "relation": Relation.CHILD, "applying": True,
                    "name": person_name(rng, male=child_male, surname=surname),
                    "id_number": self._id(birth=child_born, male=child_male, region="440309"),
                    "marital_status": "single", "hukou": hukou, "hukou_since": max(child_born, since), **clean,
                })
        return members

    def talent_facts(self, group: str) -> dict:
        if group not in TALENT_GROUPS:
            return {}
        rng = self.rng
        jan1 = datetime.date(DEMO_YEAR, 1, 1)
        # R-21.1a: within the age limit on 1 January of the application year.
        kind = rng.choice(["full_senior", "deputy_senior", "doctorate", "master", "master", "bachelor", "bachelor"])
        limit = {"full_senior": 50, "deputy_senior": 45, "doctorate": 38, "master": 33, "bachelor": 28}[kind]
        youngest = {"full_senior": 38, "deputy_senior": 32, "doctorate": 27, "master": 24, "bachelor": 22}[kind]
        born = birth_between(rng, jan1.replace(year=DEMO_YEAR - limit) + datetime.timedelta(days=1),
                             jan1.replace(year=DEMO_YEAR - youngest))
        facts = {"born": born, "degree_full_time": True, "foreign_degree_certified": None}
        if kind in ("full_senior", "deputy_senior"):
            facts.update(talent_title=kind, talent_degree=rng.choice(["doctorate", "master"]),
                         talent_title_basis=rng.choice(["national_exam", "guangdong_certificate"]))
        else:
            facts.update(talent_degree=kind)
        if rng.random() < 0.1:
            facts["foreign_degree_certified"] = True
        return facts

    def family_facts(self, group: str) -> dict:
        rng = self.rng
        if group == Group.LOW_INCOME_NO_HOUSING:
            # R-18.2/18.3: demo figures; the official line and limit are entered by an administrator (SPEC §13).
            return {
                "income_by_year": {str(DEMO_YEAR - 2): f"{rng.randrange(15000, 26000)}.00",
                                   str(DEMO_YEAR - 1): f"{rng.randrange(16000, 28000)}.00"},
                "total_assets": Decimal(rng.randrange(20000, 180000)),
            }
        if group == Group.MINIMUM_ALLOWANCE:
            return {"low_income_treatment": True}
        return {}

    # -- intake ---------------------------------------------------------------
    def register(self, round_: AllocationRound, group: str, case: Case) -> Application:
        talent = self.talent_facts(group)
        members = self.household(group, talent)
        facts = {k: v for k, v in talent.items() if k != "born"}
        facts.update(self.family_facts(group))
        facts["contact_phone"] = f"1{self.rng.choice('3589')}{self.rng.randrange(10**8, 10**9)}"
        if self.rng.random() < 0.08:
            facts["honours"] = [self.rng.choice(["labour_model", "moral_model", "bravery_award"])]
        employer = None
        if group in TALENT_GROUPS:
            choices = DEMO_EMPLOYERS[group]
            if case.variant == "not_key_enterprise":
                name, kind, key_year, serial = choices[-1]
            else:
                name, kind, key_year, serial = self.rng.choice([e for e in choices if e[2] or e[1] != "enterprise"])
            employer = EmployerData(name=name, credit_code=credit_code(kind=kind, serial=serial), kind=kind,
                                    key_enterprise_year=key_year)
        data = IntakeData(round=round_, group=group, form=case.form, members=members, employer=employer, facts=facts)
        # the scanned materials handed in at the counter, one file per item of the checklist.
        materials = [Material(kind=code, name=f"{MATERIALS[code]}.pdf", content=DEMO_PDF) for code in REQUIRED[group]]
        return register_application(actor=self.clerk, data=data, materials=materials)

    # -- steps ----------------------------------------------------------------
    def reviewer(self, group: str):
        return self.users[{
            "ccb": "ccb_reviewer", "org_personnel": "org_reviewer", "econ_services": "econ_reviewer",
            "social_construction": "social_reviewer", "public_affairs": "public_reviewer",
        }[RESPONSIBLE_UNIT[group]]]

    def formal(self, app: Application, *, complete: bool = True) -> Application:
        items = {code: True for code in REQUIRED[app.group]}
        if not complete:
            items[REQUIRED[app.group][-1]] = False
        return conclude_formal_review(actor=self.clerk, application=app, expected_version=app.version, items=items,
                                      note="" if complete else "请补交后重新提交。")

    def substantive(self, app: Application, *, fail: str | None = None) -> Application:
        decisions = {cid: (True, "经核查申报材料及部门数据，符合条件。") for cid in CONDITIONS_BY_GROUP[app.group]}
        reason = ""
        overrides = {}
        if fail:
            decisions[fail] = (False, "核查结果不符合该项条件。")
            reason = "经实质审核，申请人不符合申请条件。"
            # the recorded facts pass the engine, so the reviewer's finding is an override with its reason.
            overrides[fail] = "部门核查数据与申报材料不一致，以核查结果为准。"
        return conclude_substantive_review(actor=self.reviewer(app.group), application=app,
                                           expected_version=app.version, decisions=decisions, reason=reason,
                                           override_reasons=overrides)

    def to_rechecked(self, app: Application, rank: int) -> Application:
        app = self.substantive(self.formal(app))
        app = propose_application(actor=self.reviewer(app.group), application=app, expected_version=app.version,
                                  rank=rank)
        results = {item: (True, "") for item in RECHECK_ITEMS}
        return conclude_recheck(actor=self.clerk, application=app, expected_version=app.version, results=results)

    def objection(self, app: Application, *, decide: bool | None):
        app.refresh_from_db()
        objection = record_objection(
            actor=self.clerk, application=app, expected_version=app.version,
            objector_name=person_name(self.rng, male=self.rng.random() < 0.5),
            objector_contact=f"139{self.rng.randrange(10**7, 10**8)}",
            reasons="据反映，申请人家庭在深圳市内另有住房，请予核查。",
        )
        if decide is None:
            return
        app.refresh_from_db()
        if decide:
            decide_objection(actor=self.reviewer(app.group), objection=objection, expected_version=app.version,
                             upheld=True, reason="经调查核实，申请人配偶名下另有住房，异议成立。",
                             answer="您反映的情况属实，该申请已从名单中移除。",
                             investigation_notes="已调取不动产登记信息。")
        else:
            decide_objection(actor=self.reviewer(app.group), objection=objection, expected_version=app.version,
                             upheld=False, reason="经调查核实，所反映住房已于申请前依法转让且超过回溯期，异议不成立。",
                             answer="经核查，您反映的情况不影响申请资格，该申请保留在名单中。")

    def after_announcement(self, app: Application, case: Case) -> None:
        app.refresh_from_db()
        target = case.target
        if case.form == Form.SUBSIDY:
            if target == Stage.SUBSIDY_RUNNING:
                if app.group not in TALENT_GROUPS:  # a C2 subsidy starts only at the approved standard
                    from housing.demo.subsidies import _policy_with_c2_standard
                    _policy_with_c2_standard(self.today.replace(day=1))
                start_subsidy(actor=self.finance, application=app, expected_version=app.version,
                              start_month=self.today.replace(day=1),
                              monthly_amount=None if app.group in TALENT_GROUPS else DEMO_C2_MONTHLY_SUBSIDY)
            return
        if target == Stage.ANNOUNCED:
            return
        if case.variant == "withdrawn_late":
            withdraw_application(actor=self.clerk, application=app, expected_version=app.version,
                                 reason="申请人已在市场租得住房，书面申请撤回。")
            return
        app = issue_selection_notice(actor=self.clerk, application=app, expected_version=app.version)
        if target == Stage.SELECTION:
            return
        self.units += 1
        app = record_selection(actor=self.clerk, application=app, expected_version=app.version,
                               unit=demo_selection.demo_home(app), selected_on=self.today - datetime.timedelta(days=4))
        if target == Stage.UNIT_SELECTED:
            return
        self.contracts += 1
        start = self.today - datetime.timedelta(days=1)
        rental = app.form == Form.PUBLIC_RENTAL
        app = sign_contract(
            actor=self.clerk, application=app, expected_version=app.version,
            number=f"LHZF-{DEMO_YEAR}-{self.contracts:05d}",
            property_owner="深圳市龙华区住房保障运营有限公司" if rental else "深圳市龙华新区城市建设局",
            signatory=app.employer.name if (app.employer and rental and self.rng.random() < 0.5) else app.applicant_name,
            signed_on=self.today - datetime.timedelta(days=2), term_start=start,
            term_end=add_years(start, 3) - datetime.timedelta(days=1) if rental else None,  # three years
            monthly_rent=Decimal(self.rng.randrange(900, 2400)) if rental else None,
            price=None if rental else Decimal(self.rng.randrange(450000, 900000)),
        )
        if target == Stage.CONTRACTED:
            return
        file_contract(actor=self.clerk, application=app, expected_version=app.version,
                      filing_number=f"LHBA-{DEMO_YEAR}-{self.contracts:05d}", filed_on=self.today)

    def early(self, app: Application, case: Case, rank: int) -> None:
        """Cases that stop before the public notice."""
        target = case.target
        if target == Stage.SUBMITTED:
            return
        if target == Stage.RETURNED:
            self.formal(app, complete=False)
            return
        if case.variant == "resubmitted":
            app = self.formal(app, complete=False)
            app = resubmit_application(actor=self.clerk, application=app, expected_version=app.version,
                                       note="申请人已补交材料。")
        if target == Stage.WITHDRAWN:
            app = self.formal(app)
            withdraw_application(actor=self.clerk, application=app, expected_version=app.version,
                                 reason="申请人书面申请撤回。")
            return
        app = self.formal(app)
        if target == Stage.SUBSTANTIVE_REVIEW:
            return
        if target == Stage.REFUSED:
            fail = {"not_key_enterprise": "R-22.1"}.get(case.variant) or CONDITIONS_BY_GROUP[app.group][3]
            self.substantive(app, fail=fail)
            return
        app = self.substantive(app)
        if target == Stage.ELIGIBLE:
            return
        app = propose_application(actor=self.reviewer(app.group), application=app, expected_version=app.version,
                                  rank=rank)
        if target == Stage.PROPOSED:
            return
        results = {item: (True, "") for item in RECHECK_ITEMS}
        reason = ""
        if target == Stage.REMOVED_AT_RECHECK:
            results["housing"] = (False, "不动产登记查询显示申请人名下有住房一套。")
            reason = "复核发现申请人名下有住房，不符合申请条件。"
        conclude_recheck(actor=self.clerk, application=app, expected_version=app.version, results=results,
                         reason=reason)

    def build_group(self, round_: AllocationRound, group: str) -> int:
        cases = plan_cases(group)
        for case in cases:
            case.application = self.register(round_, group, case)
        rank = 0
        # Notice A: published two weeks ago (the demo moves its days back, docs/decisions/0040), so its
        # 7-day period is over and it can be announced.
        batch_a = [c for c in cases if c.target in AFTER_NOTICE_A or c.variant == "withdrawn_late"]
        # R-16.8a: selection notices go out in rank order, so the households left waiting for theirs rank last.
        ranks = {id(c): rank + n for n, c in enumerate(sorted(batch_a, key=lambda c: c.target == Stage.ANNOUNCED), 1)}
        rank += len(batch_a)
        for case in batch_a:
            case.application = self.to_rechecked(case.application, ranks[id(case)])
        notice_a = publish_public_notice(actor=self.clerk, round=round_, group=group)
        demo_selection.backdate_notice(notice_a, days=14)
        announce_notice(actor=self.clerk, notice=notice_a)
        # R-16.8a: selection notices wait for the announcement period; the demo lets it have run.
        demo_selection.backdate_announcement(notice_a)
        for case in batch_a:
            self.after_announcement(case.application, case)
        # Notice B: running now, so objections can be filed against it.
        batch_b = [c for c in cases if c.target in IN_NOTICE_B]
        for case in batch_b:
            rank += 1
            case.application = self.to_rechecked(case.application, rank)
        publish_public_notice(actor=self.clerk, round=round_, group=group, starts_on=self.today)
        for case in batch_b:
            if case.target == Stage.FROZEN:
                self.objection(case.application, decide=None)
            elif case.target == Stage.REMOVED_ON_OBJECTION:
                self.objection(case.application, decide=True)
            elif case.variant == "objection_dismissed":
                self.objection(case.application, decide=False)
        # Everything that stops before the notice comes last, so that no notice sweeps it up.
        for case in cases:
            if all(case is not other for other in batch_a + batch_b):
                rank += 1
                self.early(case.application, case, rank)
        return len(cases)


def demo_round_exists() -> bool:
    return AllocationRound.objects.filter(year=DEMO_YEAR, name=DEMO_ROUND_NAME).exists()


@transaction.atomic
def build_demo(*, users: dict) -> tuple[AllocationRound, int]:
    """The demo round with applications of every group in every stage it can reach. All or nothing."""
    today = timezone.localdate()
    demo_plan.seed(users=users, year=DEMO_YEAR)  # only an approved supply plan opens a round
    round_ = open_round_with_supply_notice(
        actor=users["ccb_clerk"], year=DEMO_YEAR, name=DEMO_ROUND_NAME,
        title=f"龙华新区{DEMO_ROUND_NAME}保障性住房及货币补贴申请公告",
        body=(
            "根据《龙华新区保障性住房管理办法》（深龙华办〔2014〕48号），现受理以下申请：\n"
            "一、经济适用住房：户籍低收入无房家庭（C1）。\n"
            "二、公共租赁住房或货币补贴：低保及低保边缘家庭（C2）、户籍无房家庭（公共租赁住房，C3）、"
            "机关事业单位人才（C4）、教文卫事业单位人才（C5）、重点企业人才（C6）。\n"
            "房源：澜园公共租赁住房 320 套，锦苑经济适用住房 80 套。\n"
            "申请方式：携申请表及材料至新区城市建设局受理窗口；人才由用人单位统一申报。\n"
            "（演示数据：本公告及其中数字仅供演示。）"
        ),
        groups=list(Group.values),
        application_deadline=today + datetime.timedelta(days=45),
    )
    builder = DemoBuilder(users=users)
    total = sum(builder.build_group(round_, group) for group in Group.values)
    demo_plan.seed_employer_quotas(users=users, year=DEMO_YEAR)
    return round_, total


def describe(round_: AllocationRound) -> list[str]:
    """One line per group: how many applications and in how many stages."""
    lines = []
    for group in Group.values:
        stages = set(Application.objects.filter(round=round_, group=group).values_list("stage", flat=True))
        count = Application.objects.filter(round=round_, group=group).count()
        lines.append(f"  {SHORT_CODE[group]}: {count} applications in {len(stages)} stages")
    return lines
