"""Selection day (R-16.8a, R-16.8c, SPEC §13), set up through the services.

``announced(round_, group, ranks=[1, 2, 3])`` brings one application per rank to the announced list, its
announcement period over; ``with_notices(...)`` also issues their selection notices in rank order;
``homes(3, unit_type=...)`` adds available homes; ``set_policy(give_up_limit=2)`` changes the policy in force;
``calling(round_)`` opens the list's selection session and calls its first household.
"""

import datetime

from django.utils import timezone

from housing.groups import ALLOWED_FORMS, Form, Group
from housing.models import Application, HousingUnit, PolicyVersion, UnitType
from housing.selection import services as selection_day
from housing.stages import Stage
from tests.factories.applications import ApplicationFactory, MemberFactory
from tests.factories.staff import staff
from tests.factories.stock import HousingUnitFactory
from tests.factories.workflow import advance, reload, take, wait_out_announcement


def selection_clerk():
    return staff("ccb", "clerk")


def household(size: int) -> list[dict]:
    """An applicant and ``size - 1`` applying co-applicants."""
    members = [MemberFactory(marital_status="married" if size > 1 else "single")]
    if size > 1:
        members.append(MemberFactory(relation="spouse", marital_status="married"))
    members += [MemberFactory(relation="child", marital_status="single") for _ in range(size - 2)]
    return members


def announced(round_, group: str = Group.NO_HOUSING, *, ranks=(1,), sizes=None, form: str | None = None,
              **extra) -> list[Application]:
    """One application per rank, announced (R-16.7) and its announcement period over (R-16.8a)."""
    apps = []
    for i, rank in enumerate(ranks):
        kwargs = dict(extra)
        if sizes:
            kwargs["members"] = household(sizes[i])
        app = ApplicationFactory(round=round_, group=group, form=form or ALLOWED_FORMS[group][0], **kwargs)
        app = advance(app, Stage.ELIGIBLE)
        app = take("propose", app, rank=rank)
        app = advance(app, Stage.ANNOUNCED)
        wait_out_announcement(app)
        apps.append(reload(app))
    return apps


def with_notices(round_, group: str = Group.NO_HOUSING, *, ranks=(1,), sizes=None, **extra) -> list[Application]:
    """Announced, then every notice of the round and group issued at once, in rank order."""
    apps = announced(round_, group, ranks=ranks, sizes=sizes, **extra)
    selection_day.issue_selection_notices(actor=selection_clerk(), round_id=round_.pk, group=group,
                                          selection_date=timezone.localdate() + datetime.timedelta(days=3),
                                          place="龙华区住房保障服务大厅")
    return [reload(a) for a in apps]


def homes(count: int, *, unit_type: str = UnitType.ONE_BEDROOM, form: str = Form.PUBLIC_RENTAL) -> list[HousingUnit]:
    economic = form == Form.ECONOMIC_HOUSING
    return [HousingUnitFactory(unit_type=unit_type, economic=economic) for _ in range(count)]


def set_policy(**fields) -> PolicyVersion:
    """Change the policy version in force today (SPEC §13); creates one if none is."""
    today = timezone.localdate()
    version = PolicyVersion.objects.filter(effective_from__lte=today).order_by("-effective_from").first()
    if version is None:
        version = PolicyVersion.objects.create(version="test", effective_from=datetime.date(2014, 12, 1))
    for name, value in fields.items():
        setattr(version, name, value)
    version.save()
    return version


def reload_unit(unit: HousingUnit) -> HousingUnit:
    return HousingUnit.objects.get(pk=unit.pk)


def calling(round_, group: str = Group.NO_HOUSING):
    """A selection session of the round and group, opened and its first household called (R-16.8c)."""
    session = selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=group)
    selection_day.call_next(actor=selection_clerk(), session=session)
    session.refresh_from_db()
    return session
