"""Demo: one employer login per talent group (申请人（用人单位）), each bound to the first employer of its group (the
one the demo plan gave a quota), and a roster of each: C4's awaiting its unit, C5's accepted, C6's returned.

    from housing.demo import rosters as demo_rosters
    demo_rosters.seed(users=users)   # after the demo round is built

Idempotent: an existing login is left as it is, and an employer with a roster gets no other. Everything goes
through the real services, as the talent units and the employers would (docs/decisions/0033-employer-rosters.md).
"""

import csv
import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from housing.demo.accounts import DEMO_PASSWORD, DEMO_ROUND_NAME, DemoAccount
from housing.demo.identities import birth_between, id_number, person_name
from housing.groups import EMPLOYER_KINDS, Group
from housing.models import AllocationRound, Employer, EmployerAccount, Roster
from housing.rosters.columns import COLUMNS
from housing.rosters.services.accounts import create_employer_account
from housing.rosters.services.decisions import accept_roster, return_roster
from housing.rosters.services.submission import preview_roster, stage_roster_file, submit_roster

# group -> (login, the unit's deciding login, what becomes of its demo roster)
EMPLOYER_ACCOUNTS = {
    Group.INSTITUTION_TALENT: (DemoAccount("employer_c4", None, ("employer",), "", "", "Employer of C4: submits rosters, follows its people's applications"), "org_reviewer", "submitted"),
    Group.ECW_TALENT: (DemoAccount("employer_c5", None, ("employer",), "", "", "Employer of C5: submits rosters, follows its people's applications"), "public_reviewer", "accepted"),
    Group.ENTERPRISE_TALENT: (DemoAccount("employer_c6", None, ("employer",), "", "", "Employer of C6: submits rosters, follows its people's applications"), "econ_reviewer", "returned"),
}
HOUSEHOLDS = 4


def _table(rng: random.Random, households: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.zh for c in COLUMNS])
    for key in range(1, households + 1):
        male = rng.random() < 0.5
        birth = birth_between(rng, datetime.date(1980, 1, 1), datetime.date(1995, 12, 31))
        name = person_name(rng, male=male)
        writer.writerow([key, "申请人", name, id_number(rng, birth=birth, male=male, region="440309"), "是",
                         "已婚", "龙华区", "2015-09-01", 60, "否", "公共租赁住房", f"1380013{rng.randrange(10000):04d}",
                         "副高级" if key == 1 else "", "硕士", "是"])
        spouse_birth = birth_between(rng, datetime.date(1982, 1, 1), datetime.date(1996, 12, 31))
        writer.writerow([key, "配偶", person_name(rng, male=not male),
                         id_number(rng, birth=spouse_birth, male=not male, region="440306"), "是", "已婚", "龙华区",
                         "2016-03-01", 48, "否", "", "", "", "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@transaction.atomic
def seed(*, users: dict, seed: int = 33) -> str:
    rng = random.Random(seed)
    User = get_user_model()
    round_ = AllocationRound.objects.filter(name=DEMO_ROUND_NAME).first()
    made, rosters = [], []
    for group, (login, decider, outcome) in EMPLOYER_ACCOUNTS.items():
        account = EmployerAccount.objects.filter(user__username=login.username).first()
        if account is None:
            if User.objects.filter(username=login.username).exists():
                continue  # a login of that name that is not an employer's: left alone
            employer = Employer.objects.filter(kind__in=EMPLOYER_KINDS[group]).order_by("id").first()
            if employer is None:
                continue
            account = create_employer_account(actor=users[decider], credit_code=employer.credit_code,
                                              employer_name=employer.name, kind=employer.kind,
                                              username=login.username, password=DEMO_PASSWORD)
            made.append(login.username)
        if round_ is None or Roster.objects.filter(employer=account.employer).exists():
            continue
        token = stage_roster_file(actor=account.user, name=f"{login.username}-名册.csv", content=_table(rng, HOUSEHOLDS))
        report = preview_roster(actor=account.user, token=token, round_id=round_.pk)
        if report.problems:
            continue  # the demo round no longer takes applications
        roster = submit_roster(actor=account.user, token=token, sha256=report.sha256, round_id=round_.pk)
        if outcome == "accepted":
            accept_roster(actor=users[decider], roster=roster, expected_version=roster.version)
        elif outcome == "returned":
            return_roster(actor=users[decider], roster=roster, expected_version=roster.version,
                          reason="第2户配偶社保月数与社保记录不符，请核对后重新报送。")
        rosters.append(f"{roster.number} ({outcome})")
    return (f"Employer logins: {', '.join(made) or 'present'}; rosters: {', '.join(rosters) or 'present'}.")


def logins_table_rows() -> list[str]:
    return [f"{login.username}  {login.what}" for login, _decider, _outcome in EMPLOYER_ACCOUNTS.values()]
