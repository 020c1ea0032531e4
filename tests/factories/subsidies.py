"""Running subsidies, homes and register entries, made through the services as Finance and the CCB would."""

import datetime
from decimal import Decimal

from django.utils import timezone
from housing.guarantees.register import link_applications
from housing.models import Application, HouseholdMember
from housing.selection import contracts
from housing.subsidies import start as subsidy_start
from housing.subsidies.services import set_bank_details
from housing.stages import Stage
from tests.factories.applications import ApplicationFactory, MemberFactory
from tests.factories.staff import actor_for, staff
from tests.factories.workflow import advance, ensure_c2_standard, reload


def month(year: int, number: int) -> datetime.date:
    return datetime.date(year, number, 1)


def add_months(day: datetime.date, n: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def running_subsidy(*, start_month: datetime.date, round=None, c2: bool = False, with_spouse: bool = False,
                    bank: bool = True, **kwargs):
    """A subsidy started by Finance from ``start_month`` (C6 master's degree: 1,000 a month under R-27; or C2)."""
    traits = {"c2": True} if c2 else {"c6": True}
    if round is not None:
        kwargs["round"] = round
    app = ApplicationFactory(subsidy=True, with_spouse=with_spouse, **traits, **kwargs)
    app = advance(app, Stage.ANNOUNCED)
    if c2:
        ensure_c2_standard(Decimal("800.00"))
    subsidy_start.start_subsidy(actor=actor_for("start_subsidy", app.group), application=app, expected_version=app.version,
                        start_month=start_month, monthly_amount=Decimal("800.00") if c2 else None)
    subsidy = reload(app).subsidy
    if bank:
        subsidy = set_bank_details(actor=staff("finance", "clerk"), subsidy=subsidy, bank_name="中国建设银行深圳龙华支行",
                                   bank_account=f"6217{subsidy.pk:015d}")
    return subsidy


def filed_home(*, id_number: str, term_start: datetime.date, round=None, relation: str = "applicant"):
    """A public-rental home whose household includes ``id_number`` (as applicant or co-applicant), its contract
    signed with the term starting ``term_start`` and filed by the CCB (R-16.8d)."""
    # the portal refuses a home to a subsidy holder at intake and at the contract, so the household is
    # registered and housed under a fresh ID number and ``id_number`` is planted afterwards, as old data would hold it.
    if relation == "applicant":
        members = [MemberFactory()]
    else:
        members = [MemberFactory(marital_status="married"),
                   MemberFactory(relation=relation, marital_status="married")]
    kwargs = {"round": round} if round is not None else {}
    app = advance(ApplicationFactory(members=members, **kwargs), Stage.UNIT_SELECTED)
    contracts.sign_contract(actor=actor_for("sign_contract", app.group), application=app, expected_version=app.version,
                        number=f"HT-{app.number}", property_owner="深圳市龙华区住房保障中心",
                        signatory=app.applicant_name, signed_on=min(term_start, timezone.localdate()), term_start=term_start,
                        term_end=term_start + datetime.timedelta(days=3 * 365), monthly_rent=Decimal("1200.00"),
                        price=None)
    app = reload(app)
    contracts.file_contract(actor=actor_for("file_contract", app.group), application=app, expected_version=app.version,
                        filing_number=f"BA-{app.number}", filed_on=timezone.localdate())
    member = app.members.get(relation=relation)
    HouseholdMember.objects.filter(pk=member.pk).update(id_number=id_number)
    if relation == "applicant":
        Application.objects.filter(pk=app.pk).update(applicant_id_number=id_number)
    link_applications([app.pk])
    return reload(app).contract
