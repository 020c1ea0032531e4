"""A public site like the demo's, built through the services: a running notice with a frozen entry and
one removed on an upheld objection, an announced talent list with an entry withdrawn afterwards, the
key-enterprise lists of two years and the bad-behaviour register — with realistic names and valid
ID numbers, so the privacy tests can look for them everywhere (R-16.4b).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from housing.groups import Group
from housing.models import Application, Employer, KeyEnterpriseListing
from housing.rules.dates import add_years
from housing.stages import Stage
from publicity import services as publicity
from publicity.models import PublicNotice, RegisterEntry
from tests.factories import (
    AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, MemberFactory, advance, make_credit_code,
    make_id_number, staff, take,
)
from tests.factories.workflow import latest_notice, publish_notice_on, reload

# Names and ID numbers that must never appear in full on a public page, an export or a cache entry.
RUNNING = [  # (name, birth, rank) of the C3 notice running today
    ("欧阳小锋", datetime.date(1985, 3, 14), 1),
    ("张小三", datetime.date(1990, 7, 2), 2),
    ("王五", datetime.date(1979, 11, 30), 3),
    ("赵六六", datetime.date(1992, 1, 9), 4),  # frozen by an open objection: stays listed
    ("孙七星", datetime.date(1988, 5, 21), 5),  # removed on an upheld objection: off the list
]
SPOUSE = ("李梅梅", datetime.date(1991, 8, 8))  # co-applicant of 王五: household of 2
ANNOUNCED = [  # (name, birth, employer index, rank) of the C6 list announced
    ("陈大文", datetime.date(1986, 2, 3), 0, 1),
    ("林小红", datetime.date(1993, 4, 5), 0, 2),
    ("黄志强", datetime.date(1984, 6, 7), 1, 1),
    ("郭靖宇", datetime.date(1990, 9, 9), 1, 2),  # withdrawn after the announcement: stays on it
    ("何晓东", datetime.date(1989, 10, 10), 1, 3),  # removed on objection before it: not on it
]
EMPLOYERS = ["深圳市龙华智造科技有限公司", "深圳市观澜湖生物医药有限公司"]
REGISTERED_PERSON = ("周八八", datetime.date(1980, 12, 12))
REGISTERED_EMPLOYER = "深圳市大浪时尚服饰有限公司"


@dataclass
class PublicSite:
    round: object
    running: PublicNotice
    announced: PublicNotice
    applications: dict[str, Application] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)  # full name -> full ID number
    person_entry: RegisterEntry | None = None
    employer_entry: RegisterEntry | None = None
    employer_codes: list[str] = field(default_factory=list)


def _id(birth: datetime.date, order: int) -> str:
    return make_id_number(birth=birth, order=order, region="440306")


def _application(round_, group, name, birth, order, *, employer=None, spouse=None):
    members = [MemberFactory(name=name, id_number=_id(birth, order))]
    if spouse:
        members[0]["marital_status"] = "married"
        members.append(MemberFactory(relation="spouse", marital_status="married", name=spouse[0],
                                     id_number=_id(spouse[1], order + 1)))
    extra = {"employer": employer} if employer else {}
    return ApplicationFactory(round=round_, group=group, members=members, **extra)


def rechecked(app: Application, rank: int) -> Application:
    app = advance(app, Stage.ELIGIBLE)
    app = take("propose", app, rank=rank)
    return take("pass_recheck", app)


def build_public_site(clock) -> PublicSite:
    today = timezone.localdate()
    clerk = staff("ccb", "clerk")
    round_ = AllocationRoundFactory(title="龙华新区2026年第一批保障性住房供应公告")
    site = PublicSite(round=round_, running=None, announced=None)
    secrets = site.secrets

    # The C6 list: published two periods ago, an objection upheld during it, announced since.
    employers = []
    for n, name in enumerate(EMPLOYERS):
        code = make_credit_code(9000 + n)
        employers.append(EmployerDataFactory(name=name, credit_code=code, kind=Employer.Kind.ENTERPRISE,
                                             key_enterprise_year=round_.year))
        site.employer_codes.append(code)
    for order, (name, birth, employer, rank) in enumerate(ANNOUNCED, start=100):
        app = rechecked(_application(round_, Group.ENTERPRISE_TALENT, name, birth, order,
                                     employer=employers[employer]), rank)
        site.applications[name] = app
        secrets[name] = app.applicant_id_number
    starts = today - datetime.timedelta(days=14)  # published two weeks ago, starting that day (docs/decisions/0040)
    site.announced = publish_notice_on(actor=clerk, round=round_, group=Group.ENTERPRISE_TALENT, starts_on=starts)
    clock.travel_to(starts + datetime.timedelta(days=1))
    removed = take("freeze_for_objection", reload(site.applications["何晓东"]))
    take("uphold_objection", removed)
    clock.travel_to(today)
    publicity.announce_notice(actor=clerk, notice=site.announced)
    take("withdraw", reload(site.applications["郭靖宇"]))

    # The C3 notice running today.
    for order, (name, birth, rank) in enumerate(RUNNING, start=1):
        app = _application(round_, Group.NO_HOUSING, name, birth, order * 10,
                           spouse=SPOUSE if name == "王五" else None)
        site.applications[name] = rechecked(app, rank)
        secrets[name] = app.applicant_id_number
    secrets[SPOUSE[0]] = _id(SPOUSE[1], 31)
    site.running = publicity.publish_public_notice(actor=clerk, round=round_, group=Group.NO_HOUSING)
    take("freeze_for_objection", reload(site.applications["赵六六"]))
    removed = take("freeze_for_objection", reload(site.applications["孙七星"]))
    take("uphold_objection", removed)

    # An older key-enterprise list and the register.
    older = Employer.objects.create(name="深圳市民治电子有限公司", credit_code=make_credit_code(9100),
                                    kind=Employer.Kind.ENTERPRISE)
    KeyEnterpriseListing.objects.create(employer=older, year=round_.year - 1)
    person_name, person_birth = REGISTERED_PERSON
    person_id = _id(person_birth, 500)
    secrets[person_name] = person_id
    now = timezone.now()
    site.person_entry = RegisterEntry.objects.create(
        subject=RegisterEntry.Subject.PERSON, name=person_name, id_number=person_id,
        ground=RegisterEntry.Ground.INELIGIBLE_DECEIT,
        facts=f"{person_name}（{person_id}）隐瞒名下房产骗取保障性住房。", fine=Decimal("30000.00"),
        barred_from=today - datetime.timedelta(days=30), barred_until=add_years(today, 10),
        entered_by=clerk, entered_at=now,
    )
    site.employer_entry = RegisterEntry.objects.create(
        subject=RegisterEntry.Subject.EMPLOYER, name=REGISTERED_EMPLOYER, credit_code=make_credit_code(9200),
        ground=RegisterEntry.Ground.EMPLOYER_MISCONDUCT, facts="将保障性住房出租给非本单位职工。",
        barred_from=today - datetime.timedelta(days=10), barred_until=add_years(today, 3),
        entered_by=clerk, entered_at=now,
    )
    RegisterEntry.objects.create(
        subject=RegisterEntry.Subject.PERSON, name="吴未公布", id_number=_id(datetime.date(1970, 1, 1), 600),
        ground=RegisterEntry.Ground.ELIGIBLE_DECEIT, facts="未公布", barred_from=today, barred_until=today,
        entered_by=clerk, entered_at=now, published=False,
    )
    secrets["吴未公布"] = _id(datetime.date(1970, 1, 1), 600)
    return site


def public_urls(site: PublicSite) -> list[str]:
    """Every public page and download the site has."""
    n, a = site.running.pk, site.announced.pk
    return [
        "/public/", f"/public/supply-notices/{site.round.supply_notice.pk}/",
        f"/public/notices/{n}/", f"/public/notices/{n}/?name=%E5%BC%A0", f"/public/notices/{n}/list.csv",
        f"/public/notices/{n}/list.xlsx",
        f"/public/notices/{a}/", f"/public/notices/{a}/list.csv", f"/public/notices/{a}/list.xlsx",
        "/public/announcements/", f"/public/announcements/{a}/", f"/public/announcements/{a}/?employer=%E8%A7%82",
        f"/public/announcements/{a}/list.csv", f"/public/announcements/{a}/list.xlsx",
        "/public/key-enterprises/", f"/public/key-enterprises/{site.round.year - 1}/", "/public/register/",
    ]
