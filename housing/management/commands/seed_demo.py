"""Demo data: the demo logins and one allocation round with cases in every stage (docs/decisions/0005).

    manage.py seed_demo                      demo logins + the round "2026年第一批", through the real services
    manage.py seed_demo --households 200000  ... plus generated applications for benchmarks (bulk insert)

Idempotent: a login or the demo round that already exists is left as it is, and
``--households N`` only tops the generated applications up to N.
"""

import datetime
import random
import time
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from housing import demo
from housing.demo import guarantees as demo_guarantees
from housing.demo import joint_meeting as demo_joint_meeting
from housing.demo import rosters as demo_rosters
from housing.demo import selection as demo_selection
from housing.demo import stock as demo_stock
from housing.demo import subsidies as demo_subsidies
from housing.demo import tenancy as demo_tenancy
from housing.demo import verification as demo_verification
from housing.guarantees.register import link_members
from housing.groups import ALLOWED_FORMS, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import (
    AllocationRound, Application, ApplicationNumberSequence, Contract, Employer, HouseholdMember, KeyEnterpriseListing,
    Relation, Selection,
    Subsidy, SupplyNotice,
)
from housing.rules.dates import add_years
from housing.rules.subsidy import talent_monthly_subsidy
from housing.cases.counters import recount_all
from housing.stages import Stage


# --- generated applications for benchmarks ------------------------------------------------------
#
# This is data generation, not case work: rows are inserted in bulk, without the services, so that
# 200,000 applications take minutes instead of hours. The rows are still consistent: valid numbers from
# ApplicationNumberSequence, 1-4 household members with valid ID numbers, an employer of the right kind
# for every talent, a selection, contract or subsidy row wherever the stage implies one, and stage counts
# rebuilt at the end. They carry no history, reviews or public notices.

BULK_ROUND_MARK = "批量生成"
# (year, status, share of the applications): earlier rounds are closed and mostly finished.
BULK_ROUNDS = ((2023, "closed", 0.12), (2024, "closed", 0.18), (2025, "closed", 0.25), (2026, "open", 0.45))
GROUP_SHARE = {
    Group.LOW_INCOME_NO_HOUSING: 0.08, Group.MINIMUM_ALLOWANCE: 0.10, Group.NO_HOUSING: 0.30,
    Group.INSTITUTION_TALENT: 0.14, Group.ECW_TALENT: 0.16, Group.ENTERPRISE_TALENT: 0.22,
}
SUBSIDY_SHARE = 0.35  # of the groups that may choose a subsidy (SPEC §3)

_EARLY = {
    Stage.SUBMITTED: 14, Stage.RETURNED: 4, Stage.SUBSTANTIVE_REVIEW: 18, Stage.ELIGIBLE: 8, Stage.PROPOSED: 6,
    Stage.RECHECKED: 3, Stage.PUBLIC_NOTICE: 5, Stage.FROZEN: 0.5, Stage.ANNOUNCED: 6, Stage.REFUSED: 12,
    Stage.REMOVED_AT_RECHECK: 1.5, Stage.REMOVED_ON_OBJECTION: 0.5, Stage.WITHDRAWN: 6.5,
}
STAGE_WEIGHTS = {
    ("open", "housing"): {**_EARLY, Stage.SELECTION: 3, Stage.UNIT_SELECTED: 2, Stage.CONTRACTED: 2, Stage.FILED: 8},
    ("open", "subsidy"): {**_EARLY, Stage.SUBSIDY_RUNNING: 15},
    ("closed", "housing"): {
        Stage.FILED: 55, Stage.CONTRACTED: 1, Stage.UNIT_SELECTED: 1, Stage.SELECTION: 1, Stage.ANNOUNCED: 1,
        Stage.REFUSED: 22, Stage.REMOVED_AT_RECHECK: 3, Stage.REMOVED_ON_OBJECTION: 1, Stage.WITHDRAWN: 15,
    },
    ("closed", "subsidy"): {
        Stage.SUBSIDY_RUNNING: 60, Stage.ANNOUNCED: 1, Stage.REFUSED: 22, Stage.REMOVED_AT_RECHECK: 3,
        Stage.REMOVED_ON_OBJECTION: 1, Stage.WITHDRAWN: 13,
    },
}
# How many transitions lead to each stage (the version a real case there would have).
STEPS_TO = {
    Stage.SUBMITTED: 0, Stage.RETURNED: 1, Stage.SUBSTANTIVE_REVIEW: 1, Stage.ELIGIBLE: 2, Stage.REFUSED: 2,
    Stage.PROPOSED: 3, Stage.RECHECKED: 4, Stage.REMOVED_AT_RECHECK: 4, Stage.PUBLIC_NOTICE: 5, Stage.FROZEN: 6,
    Stage.REMOVED_ON_OBJECTION: 7, Stage.ANNOUNCED: 6, Stage.SELECTION: 7, Stage.SUBSIDY_RUNNING: 7,
    Stage.UNIT_SELECTED: 8, Stage.CONTRACTED: 9, Stage.FILED: 10, Stage.WITHDRAWN: 2,
}
RANKED = {Stage.PROPOSED, Stage.RECHECKED, Stage.REMOVED_AT_RECHECK, Stage.PUBLIC_NOTICE, Stage.FROZEN,
          Stage.REMOVED_ON_OBJECTION, Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED, Stage.CONTRACTED,
          Stage.FILED, Stage.SUBSIDY_RUNNING}
NOTICED = RANKED - {Stage.PROPOSED, Stage.RECHECKED, Stage.REMOVED_AT_RECHECK}
SELECTED = {Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED}
CONTRACTED = {Stage.CONTRACTED, Stage.FILED}

EMPLOYER_POOL = {  # group -> (count, kinds)
    Group.INSTITUTION_TALENT: (120, ("agency", "public_institution")),
    Group.ECW_TALENT: (90, ("ecw_institution",)),
    Group.ENTERPRISE_TALENT: (240, ("enterprise",)),
}
_PLACES = "龙华 民治 大浪 观澜 福城 观湖 清湖 油松 上塘 景龙 梅林 樟坑".split()
_TRADES = "智能 精密 电子 光电 生物 医药 新材料 软件 通信 半导体 装备 数据 新能源 汽车电子 物联网".split()
_INSTITUTIONS = {
    "agency": ("区{}局", "区{}办公室", "{}街道办事处"),
    "public_institution": ("区{}服务中心", "区{}研究所", "区{}事务中心"),
    "ecw_institution": ("{}中学", "{}小学", "{}人民医院", "{}社区健康服务中心", "{}文化馆"),
}
_AGENCY_WORDS = "发展改革 教育 科技创新 工业和信息化 民政 司法 财政 人力资源 规划土地 生态环境 住房建设 交通运输 水务 卫生健康 应急管理 统计".split()


def _employer_name(kind: str, index: int, rng: random.Random) -> str:
    place = _PLACES[index % len(_PLACES)]
    if kind == "enterprise":
        return f"深圳市{place}{rng.choice(_TRADES)}科技有限公司（{index:03d}）"
    pattern = rng.choice(_INSTITUTIONS[kind])
    word = rng.choice(_AGENCY_WORDS) if kind != "ecw_institution" else place
    return f"深圳市龙华{pattern.format(word)}（{index:03d}）"


def ensure_bulk_rounds(users) -> dict[int, AllocationRound]:
    rounds = {}
    for year, status, _share in BULK_ROUNDS:
        name = f"{year}年（{BULK_ROUND_MARK}，基准测试）"
        round_ = AllocationRound.objects.filter(year=year, name=name).first()
        if round_ is None:
            # Generated data: past rounds cannot be opened through the service (their deadline is over).
            notice = SupplyNotice.objects.create(
                title=f"{year}年保障性住房申请公告（{BULK_ROUND_MARK}）", body="基准测试用的生成数据，不是真实公告。",
                groups=list(Group.values), application_deadline=datetime.date(year, 12, 31),
                published_at=timezone.now(), created_by=users["ccb_clerk"],
            )
            round_ = AllocationRound.objects.create(year=year, name=name, supply_notice=notice, status=status)
        rounds[year] = round_
    return rounds


def ensure_bulk_employers(rng: random.Random) -> dict[str, tuple[list[int], list[float]]]:
    pool = {}
    serial = 80_000_000
    for group, (count, kinds) in EMPLOYER_POOL.items():
        wanted = []
        for index in range(count):
            serial += 1
            kind = kinds[index % len(kinds)]
            wanted.append(Employer(
                name=_employer_name(kind, index, rng), credit_code=demo.credit_code(kind=kind, serial=serial),
                kind=kind,
            ))
        Employer.objects.bulk_create(wanted, ignore_conflicts=True)
        ids = list(Employer.objects.filter(credit_code__in=[e.credit_code for e in wanted]).order_by("id")
                   .values_list("id", flat=True))
        # the enterprises are on the 2026 key-enterprise list (docs/decisions/0041)
        KeyEnterpriseListing.objects.bulk_create(
            [KeyEnterpriseListing(employer_id=pk, year=2026) for pk in Employer.objects.filter(
                pk__in=ids, kind="enterprise").values_list("pk", flat=True)], ignore_conflicts=True)
        # A few large employers hold most talents (R-23.2 ranks within each employer).
        pool[group] = (ids, [1 / (k + 1) ** 0.8 for k in range(len(ids))])
    return pool


class _Generator:
    def __init__(self, *, rng: random.Random, rounds: dict, employers: dict, users: dict):
        self.rng = rng
        self.rounds = rounds
        self.employers = employers
        self.clerk = users["ccb_clerk"]
        self.finance = users["finance_clerk"]
        self.now = timezone.now()
        self.round_years = [y for y, _s, _w in BULK_ROUNDS]
        self.round_weights = [w for _y, _s, w in BULK_ROUNDS]
        self.groups = list(GROUP_SHARE)
        self.group_weights = list(GROUP_SHARE.values())

    def draw(self) -> tuple[int, str, str, str]:
        rng = self.rng
        year = rng.choices(self.round_years, self.round_weights)[0]
        group = rng.choices(self.groups, self.group_weights)[0]
        forms = ALLOWED_FORMS[group]
        form = Form.SUBSIDY if Form.SUBSIDY in forms and rng.random() < SUBSIDY_SHARE else forms[0]
        weights = STAGE_WEIGHTS[(self.rounds[year].status, "subsidy" if form == Form.SUBSIDY else "housing")]
        stage = rng.choices(list(weights), list(weights.values()))[0]
        return year, group, form, stage

    def when(self, year: int) -> datetime.datetime:
        start = datetime.datetime(year, 1, 5, 9, tzinfo=datetime.timezone.utc)
        end = min(datetime.datetime(year, 12, 20, 9, tzinfo=datetime.timezone.utc), self.now)
        return start + datetime.timedelta(seconds=self.rng.randrange(max(1, int((end - start).total_seconds()))))

    def members(self, *, group: str, year: int, born: datetime.date | None) -> list[HouseholdMember]:
        rng = self.rng
        size = rng.choices((1, 2, 3, 4), (30, 25, 30, 15))[0]
        male = rng.random() < 0.55
        born = born or demo.birth_between(rng, datetime.date(1965, 1, 1), datetime.date(1996, 12, 31))
        surname = rng.choice(demo.SURNAMES)
        local = group not in TALENT_GROUPS
        hukou = "longhua" if local else rng.choice(("longhua", "shenzhen", "elsewhere"))
        region = rng.choice(demo.REGIONS_SHENZHEN if local else demo.REGIONS_SHENZHEN + demo.REGIONS_ELSEWHERE)
        people = [(Relation.APPLICANT, male, born, surname, region)]
        if size >= 2:
            spouse_born = born + datetime.timedelta(days=rng.randrange(-1500, 1500))
            people.append((Relation.SPOUSE, not male, min(spouse_born, datetime.date(2000, 1, 1)), None,
                           rng.choice(demo.REGIONS_SHENZHEN + demo.REGIONS_ELSEWHERE)))
        for _ in range(size - len(people)):
            child_born = demo.birth_between(rng, min(born + datetime.timedelta(days=8000), datetime.date(2024, 1, 1)),
                                            datetime.date(2024, 6, 30))
            people.append((Relation.CHILD, rng.random() < 0.5, child_born, surname, "440309"))
        out, seen = [], set()
        for relation, is_male, birth, family, place in people:
            number = demo.id_number(rng, birth=birth, male=is_male, region=place)
            while number in seen:
                number = demo.id_number(rng, birth=birth, male=is_male, region=place)
            seen.add(number)
            out.append(HouseholdMember(
                relation=relation, applying=True, name=demo.person_name(rng, male=is_male, surname=family),
                id_number=number, hukou=hukou,
                marital_status="married" if size >= 2 and relation != Relation.CHILD else "single",
                owns_housing=False, owns_residential_land=False, rents_affordable_housing=False,
            ))
        return out

    def talent(self, group: str, year: int) -> tuple[dict, datetime.date | None]:
        if group not in TALENT_GROUPS:
            facts = {}
            if group == Group.LOW_INCOME_NO_HOUSING:
                facts = {"income_by_year": {str(year - 2): f"{self.rng.randrange(15000, 26000)}.00",
                                            str(year - 1): f"{self.rng.randrange(16000, 28000)}.00"},
                         "total_assets": Decimal(self.rng.randrange(20000, 180000))}
            elif group == Group.MINIMUM_ALLOWANCE:
                facts = {"low_income_treatment": True}
            return facts, None
        rng = self.rng
        kind = rng.choices(("full_senior", "deputy_senior", "doctorate", "master", "bachelor"), (5, 10, 10, 35, 40))[0]
        limit, youngest = {"full_senior": (50, 38), "deputy_senior": (45, 32), "doctorate": (38, 27),
                           "master": (33, 24), "bachelor": (28, 22)}[kind]
        jan1 = datetime.date(year, 1, 1)
        born = demo.birth_between(rng, jan1.replace(year=year - limit) + datetime.timedelta(days=1),
                                  jan1.replace(year=year - youngest))
        facts = {"degree_full_time": True}
        if kind in ("full_senior", "deputy_senior"):
            facts.update(talent_title=kind, talent_degree=rng.choice(("doctorate", "master")),
                         talent_title_basis="national_exam")
        else:
            facts["talent_degree"] = kind
        return facts, born

    def batch(self, size: int) -> int:
        rng = self.rng
        plan = [self.draw() for _ in range(size)]
        numbers = self.reserve_numbers(Counter((year, group) for year, group, _f, _s in plan))
        applications, households = [], []
        for year, group, form, stage in plan:
            facts, born = self.talent(group, year)
            members = self.members(group=group, year=year, born=born)
            submitted = self.when(year)
            changed = min(submitted + datetime.timedelta(days=rng.randrange(0, 240), seconds=rng.randrange(86400)),
                          self.now)
            employer_id = None
            if group in TALENT_GROUPS:
                ids, weights = self.employers[group]
                employer_id = rng.choices(ids, weights)[0]
            applications.append(Application(
                number=numbers[(year, group)].pop(), round=self.rounds[year], group=group, form=form, stage=stage,
                version=1 + STEPS_TO[stage], submitted_at=submitted, stage_changed_at=changed,
                employer_id=employer_id, applicant_name=members[0].name, applicant_id_number=members[0].id_number,
                household_size=len(members), contact_phone=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                proposed_rank=rng.randrange(1, 5000) if stage in RANKED else None,
                notice_ends_on=(timezone.localdate(changed) - datetime.timedelta(days=rng.randrange(0, 30))) if stage in NOTICED else None,
                honours=["labour_model"] if rng.random() < 0.01 else [],
                **facts,
            ))
            households.append(members)
        Application.objects.bulk_create(applications)
        members, selections, contracts, subsidies = [], [], [], []
        for application, household in zip(applications, households):
            for member in household:
                member.application = application
                members.append(member)
            day = timezone.localdate(application.stage_changed_at)
            if application.stage in SELECTED:
                selections.append(Selection(application=application, unit_designation=f"生成房源 {application.number}",
                                            selected_on=day, recorded_by=self.clerk))
            if application.stage in CONTRACTED:
                rental = application.form == Form.PUBLIC_RENTAL
                contracts.append(Contract(
                    application=application, number=f"HT-{application.number}",
                    property_owner="深圳市龙华区住房保障运营有限公司" if rental else "深圳市龙华新区城市建设局",
                    signatory=application.applicant_name, signed_on=day, term_start=day,
                    term_end=_three_years_from(day) if rental else None,
                    monthly_rent=Decimal(rng.randrange(900, 2400)) if rental else None,
                    price=None if rental else Decimal(rng.randrange(450000, 900000)),
                    filing_number=f"BA-{application.number}" if application.stage == Stage.FILED else "",
                    filed_on=day if application.stage == Stage.FILED else None, recorded_by=self.clerk,
                ))
            if application.stage == Stage.SUBSIDY_RUNNING:
                amount = (talent_monthly_subsidy(title=application.talent_title, degree=application.talent_degree,
                                                 title_basis=application.talent_title_basis)
                          if application.group in TALENT_GROUPS else demo.DEMO_C2_MONTHLY_SUBSIDY)
                subsidies.append(Subsidy(application=application, monthly_amount=amount, start_month=day.replace(day=1),
                                         started_by=self.finance))
        link_members(HouseholdMember.objects.bulk_create(members))  # the register of persons
        Selection.objects.bulk_create(selections)
        Contract.objects.bulk_create(contracts)
        Subsidy.objects.bulk_create(subsidies)
        return len(applications)

    def reserve_numbers(self, needed: Counter) -> dict[tuple[int, str], list[str]]:
        """Take a block of running numbers per year and group, exactly as intake would one by one."""
        out = {}
        for (year, group), count in sorted(needed.items()):
            ApplicationNumberSequence.objects.get_or_create(year=year, group=group)
            seq = ApplicationNumberSequence.objects.select_for_update().get(year=year, group=group)
            first = seq.last + 1
            seq.last += count
            seq.save(update_fields=["last"])
            # popped from the end, so reversed: the earliest number goes to the first application of the batch
            out[(year, group)] = [f"LH-{year}-{SHORT_CODE[group]}-{n:06d}" for n in range(seq.last, first - 1, -1)]
        return out


def _three_years_from(day: datetime.date) -> datetime.date:
    """The last day of a three-year lease starting on ``day`` (R-30)."""
    return add_years(day, 3) - datetime.timedelta(days=1)  # from 29 February: to 27 February


def generate_households(n: int, *, users: dict, batch_size: int = 5000, seed: int = 2026, progress=None) -> int:
    """Insert ``n`` generated applications in batches, each batch in its own transaction, then rebuild the counts."""
    rng = random.Random(seed)
    with transaction.atomic():
        rounds = ensure_bulk_rounds(users)
        employers = ensure_bulk_employers(rng)
    generator = _Generator(rng=rng, rounds=rounds, employers=employers, users=users)
    done = 0
    while done < n:
        with transaction.atomic():
            done += generator.batch(min(batch_size, n - done))
        if progress:
            progress(done, n)
    with transaction.atomic():
        recount_all()
    return done


class Command(BaseCommand):
    help = "Create the demo logins and a demo allocation round (development only; see docs/decisions/0005)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--households", type=int, default=0, metavar="N",
            help="Also generate applications with bulk inserts until N generated ones exist (benchmark data).",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per bulk insert (with --households).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed of the generated applications.")
        parser.add_argument(
            "--force", action="store_true",
            help="Run even though DEBUG is off. Never on production: every demo login shares a published password.",
        )

    def handle(self, *args, households: int, batch_size: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates logins with the published demo password "
                f"'{demo.DEMO_PASSWORD}'. Set DJANGO_DEBUG=1 on a development machine, or pass --force on a copy "
                "that is not production."
            )
        if households < 0 or batch_size < 1:
            raise CommandError("--households must be 0 or more and --batch-size at least 1.")
        users = demo.ensure_demo_accounts()
        self.stdout.write(f"Demo logins: {len(users)} present.")
        if demo.demo_round_exists():
            self.stdout.write(f"Demo round {demo.DEMO_ROUND_NAME} exists already; left unchanged.")
        else:
            started = time.monotonic()
            stock = demo_stock.seed(actor=users["ccb_clerk"])  # R-16.8b: homes first; the supply plan counts them
            self.stdout.write(f"Demo stock: {stock}.")
            round_, total = demo.build_demo(users=users)
            self.stdout.write(self.style.SUCCESS(
                f"Demo round {demo.DEMO_ROUND_NAME}: {total} applications in {time.monotonic() - started:.1f}s."
            ))
            for line in demo.describe(round_):
                self.stdout.write(line)
            notices = demo_selection.seed(users=users)
            tenancies = demo_tenancy.seed(users=users)
            subsidies = demo_subsidies.seed(users=users)
            self.stdout.write(f"Selection notices issued: {notices}; tenancies with a rent ledger: {len(tenancies)}; "
                              f"running subsidies: {subsidies['subsidies']}, one stopped, this month's batch prepared.")
        self.stdout.write(demo_verification.seed(users=users))  # agency logins, requests at recheck
        self.stdout.write(demo_rosters.seed(users=users))  # R-9–11, R-16.8: employer logins and their rosters
        self.stdout.write(demo_joint_meeting.seed(users=users))  # the Joint Meeting's decisions
        self.stdout.write(demo_guarantees.seed())  # a person on two applications, flagged for a head
        if households:
            existing = Application.objects.filter(round__name__contains=BULK_ROUND_MARK).count()
            if existing >= households:
                self.stdout.write(f"{existing} generated applications exist already (asked for {households}).")
            else:
                started = time.monotonic()
                made = generate_households(
                    households - existing, users=users, batch_size=batch_size, seed=seed + existing,
                    progress=lambda done, total: self.stdout.write(f"  {done}/{total} applications"),
                )
                self.stdout.write(self.style.SUCCESS(
                    f"Generated {made} applications in {time.monotonic() - started:.1f}s; "
                    f"{AllocationRound.objects.filter(name__contains=BULK_ROUND_MARK).count()} generated rounds."
                ))
        self.stdout.write("")
        self.stdout.write(demo.logins_table())
