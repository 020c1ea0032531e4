"""Demo selection day (issue #5): announced households of the demo round get their selection notices, with a
few demo homes to choose from.

    from housing.demo.accounts import ensure_demo_accounts
    from housing.demo.selection import seed
    seed(users=ensure_demo_accounts())     # after build_demo(): uses its announced housing applications

Idempotent: homes that exist are reused, households that already have a notice are left alone. The demo lists
were announced today, so their announcement is moved back by the announcement period (SPEC §13) first, as if it
had run; then the notices go out through the service, in rank order. The walkthrough's own selection cases can
use ``backdate_announcement`` and ``demo_home`` (one available home the household may choose).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from housing.groups import Form
from housing.models import AllocationRound, Application, Building, HousingProject, HousingUnit, UnitType
from housing.selection.selectors import (
    announcement_of,
    awaiting_notice,
    entitled_unit_types,
    selection_opens_on,
    selection_policy,
)
from housing.selection.services import issue_selection_notices
from housing.stages import Stage
from publicity.models import PublicNotice
from housing.demo.accounts import DEMO_ROUND_NAME

RENTAL_PROJECT = "龙华保障房项目（澜园·选房演示）"
SALE_PROJECT = "龙华经济适用住房项目（锦苑·选房演示）"
PLACE = "龙华区住房保障服务大厅（龙华街道东环二路）"
# (unit type, area, rent per month, price) — demo figures.
TYPES = [
    (UnitType.STUDIO, "32.00", "800.00", "380000.00"),
    (UnitType.ONE_BEDROOM, "45.00", "1100.00", "520000.00"),
    (UnitType.TWO_BEDROOM, "65.00", "1600.00", "720000.00"),
    (UnitType.THREE_BEDROOM, "85.00", "2100.00", "910000.00"),
]
PER_TYPE = 4


def _project(form: str) -> HousingProject:
    rental = form == Form.PUBLIC_RENTAL
    project, _ = HousingProject.objects.get_or_create(
        name=RENTAL_PROJECT if rental else SALE_PROJECT,
        defaults={"address": "深圳市龙华区龙华街道演示路8号",
                  "property_owner": "深圳市龙华区住房保障运营有限公司" if rental else "深圳市龙华新区城市建设局",
                  "form": form})
    return project


def ensure_demo_homes(form: str = Form.PUBLIC_RENTAL) -> list[HousingUnit]:
    """Four homes of each type in one demo building (rows: the stock has its own services, R-16.8b)."""
    project = _project(form)
    building, _ = Building.objects.get_or_create(project=project, name="1栋")
    rental = form == Form.PUBLIC_RENTAL
    homes = []
    for t, (unit_type, area, rent, price) in enumerate(TYPES):
        for i in range(PER_TYPE):
            unit, _ = HousingUnit.objects.get_or_create(
                building=building, number=f"{t + 1}{i + 1:02d}",
                defaults={"unit_type": unit_type, "area": area, "floor": t + 1,
                          "monthly_rent": rent if rental else None, "price": None if rental else price,
                          "market_rent": "2800.00" if rental else None})
            homes.append(unit)
    return homes


def demo_home(application: Application) -> HousingUnit:
    """One available demo home the household may choose (R-16.8c)."""
    ensure_demo_homes(application.form)
    types = entitled_unit_types(selection_policy().unit_types_by_household_size or {}, application.household_size)
    return (HousingUnit.objects.filter(status=HousingUnit.Status.AVAILABLE, unit_type__in=types,
                                       building__project__form=application.form).order_by("pk").first())


def backdate_notice(notice: PublicNotice, days: int) -> None:
    """Demo only: a notice published today, moved as if it had been published, and started, ``days`` ago (a notice
    never starts before it is published, docs/decisions/0040)."""
    shift = datetime.timedelta(days=days)
    PublicNotice.objects.filter(pk=notice.pk).update(starts_on=notice.starts_on - shift, ends_on=notice.ends_on - shift,
                                                     published_at=notice.published_at - shift)
    notice.entries.update(notice_ends_on=notice.ends_on - shift)
    notice.refresh_from_db()


def backdate_announcement(notice: PublicNotice) -> None:
    """Demo only: let the announcement period have run, as if the list had been announced that many days ago."""
    days = selection_policy().announcement_days
    notice.refresh_from_db(fields=["announced_at"])  # announce_notice saved a locked copy
    latest = timezone.now() - datetime.timedelta(days=days)
    if notice.announced_at and notice.announced_at > latest:
        PublicNotice.objects.filter(pk=notice.pk).update(announced_at=latest)


@transaction.atomic
def seed(*, users: dict, round_name: str = DEMO_ROUND_NAME) -> int:
    """Selection notices for every announced housing application of the demo round; returns how many."""
    clerk = users["ccb_clerk"]
    ensure_demo_homes(Form.PUBLIC_RENTAL)
    ensure_demo_homes(Form.ECONOMIC_HOUSING)
    round_ = AllocationRound.objects.filter(name=round_name).first()
    if round_ is None:
        return 0
    issued = 0
    groups = (Application.objects.filter(round=round_, stage=Stage.ANNOUNCED).exclude(form=Form.SUBSIDY)
              .values_list("group", flat=True).distinct())
    today = timezone.localdate()
    for group in sorted(set(groups)):
        waiting = awaiting_notice(round_.pk, group)
        for app in waiting:
            notice = announcement_of(app)
            if notice is not None and selection_opens_on(notice, selection_policy()) > today:
                backdate_announcement(notice)
        if waiting:
            issued += len(issue_selection_notices(actor=clerk, round_id=round_.pk, group=group,
                                                  selection_date=today + datetime.timedelta(days=3), place=PLACE))
    return issued
