"""R-16.c, SPEC §2: every step × every applicable group × every unit, through the real services.

For each (step, group) one application is built once, at the stage the step
starts from, inside a module-wide transaction that is rolled back at the end.
Each test runs in its own savepoint (pytest-django's per-test transaction), so
the one allowed actor's success does not leak into the next case.

Every unit acts with all three case roles, so only its unit can be what refuses
it; in the unit that holds the duty each role acts alone, so only the role can
be what refuses it. A system administrator and a superuser decide no case
(docs/decisions/0001).
"""

import pytest
from django.db import connection, transaction

from departments.models import Role, UnitCode
from departments.permissions import DUTIES, acting_unit
from housing.exceptions import NotPermitted
from housing.groups import ALLOWED_FORMS, SHORT_CODE, Form, Group
from housing.models import Application, ApplicationHistory, StageCount
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, StaffUserFactory, advance, staff, take

TRANSITIONS = {t.name: t for t in Application._meta.get_field("stage").get_all_transitions(Application)}
SOURCE = {name: t.source for name, t in TRANSITIONS.items() if name != "withdraw"}
SOURCE["withdraw"] = Stage.SUBSTANTIVE_REVIEW  # with the department, yet recorded by the CCB (R-16.b)
SOURCE["give_up"] = Stage.SELECTION  # SPEC §13: from SELECTION (弃选) or UNIT_SELECTED (弃签); one is enough here
TARGET = {name: t.target for name, t in TRANSITIONS.items()}
HOUSING_ONLY = {"issue_selection_notice", "record_selection", "sign_contract", "file_contract", "give_up"}
ALL_ROLES = (Role.CLERK, Role.REVIEWER, Role.HEAD)


def applicable_groups(step: str) -> list[str]:
    if step == "start_subsidy":
        return [g for g in Group.values if Form.SUBSIDY in ALLOWED_FORMS[g]]
    return list(Group.values)


def form_for(step: str, group: str) -> str:
    return Form.SUBSIDY if step == "start_subsidy" else ALLOWED_FORMS[group][0]


CASES = [(step, group) for step in DUTIES for group in applicable_groups(step)]
WHO = (
    [f"unit:{code}" for code in UnitCode.values]
    + [f"role:{role}" for role in ALL_ROLES]
    + ["sysadmin", "superuser", "superuser-in-unit", "inactive"]
)


def test_every_transition_has_a_duty_and_every_duty_a_transition():
    assert set(DUTIES) == set(TRANSITIONS)


def test_the_matrix_covers_every_unit_and_step():
    assert len(UnitCode.values) == 14
    assert {step for step, _ in CASES} == set(DUTIES)


@pytest.fixture(scope="module")
def prepared(django_db_setup, django_db_blocker):
    """(step, group) -> pk of an application at the step's source stage; plus the actors."""
    with django_db_blocker.unblock(), transaction.atomic():
        actors = {}
        for code in UnitCode.values:
            actors[f"unit:{code}"] = staff(code, *ALL_ROLES)
        acting_units = {acting_unit(step, group) for step, group in CASES}
        for code in acting_units:
            for role in ALL_ROLES:
                actors[(code, f"role:{role}")] = staff(code, role)
            actors[(code, "superuser-in-unit")] = StaffUserFactory(
                username=f"{code}-superuser", unit_code=code, roles=[Role.SYSADMIN], is_staff=True, is_superuser=True
            )
            actors[(code, "inactive")] = StaffUserFactory(
                username=f"{code}-inactive", unit_code=code, roles=list(ALL_ROLES), is_active=False
            )
        actors["sysadmin"] = StaffUserFactory(username="sysadmin", sysadmin=True)
        actors["superuser"] = StaffUserFactory(username="root", superuser=True)

        applications = {}
        for step in DUTIES:
            round_ = AllocationRoundFactory()  # one round per step: publishing and announcing touch one application
            for group in applicable_groups(step):
                app = ApplicationFactory(round=round_, group=group, form=form_for(step, group))
                app = advance(app, SOURCE[step], notice_over=(step == "announce") or None)
                assert app.stage == SOURCE[step]
                applications[(step, group)] = app.pk
        # Settle the deferred foreign-key checks of the build now (PostgreSQL), or every test's
        # teardown would check them all again.
        connection.check_constraints()
        yield {"applications": applications, "actors": actors}
        transaction.set_rollback(True)


def resolve(prepared, who: str, step: str, group: str):
    """The actor, and whether the duty allows this actor."""
    unit = acting_unit(step, group)
    actors = prepared["actors"]
    if who.startswith("unit:"):
        return actors[who], who == f"unit:{unit}"
    if who.startswith("role:"):
        return actors[(unit, who)], who.removeprefix("role:") in DUTIES[step][1]
    if who in ("superuser-in-unit", "inactive"):
        return actors[(unit, who)], False
    return actors[who], False


def snapshot(pk: int):
    app = Application.objects.get(pk=pk)
    return {
        "stage": app.stage,
        "version": app.version,
        "history": ApplicationHistory.objects.filter(application_id=pk).count(),
        "counts": sorted(StageCount.objects.filter(round_id=app.round_id, group=app.group, count__gt=0)
                         .values_list("stage", "count")),
        "objections": sorted(app.objections.values_list("status", flat=True)),
        "notices": app.public_notices.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("step,group", CASES, ids=[f"{s}-{SHORT_CODE[g]}" for s, g in CASES])
def test_only_the_unit_holding_the_duty_may_take_the_step(prepared, step, group, who):
    pk = prepared["applications"][(step, group)]
    actor, allowed = resolve(prepared, who, step, group)
    before = snapshot(pk)
    application = Application.objects.get(pk=pk)

    if allowed:
        after = take(step, application, actor=actor)
        assert after.stage == TARGET[step]
        assert after.version == before["version"] + 1
        row = ApplicationHistory.objects.filter(application_id=pk).order_by("-seq").first()
        assert (row.event, row.actor_id, row.actor_unit) == (step, actor.pk, acting_unit(step, group))
        assert (row.from_stage, row.to_stage) == (before["stage"], TARGET[step])
    else:
        with pytest.raises(NotPermitted):
            take(step, application, actor=actor)
        assert snapshot(pk) == before
