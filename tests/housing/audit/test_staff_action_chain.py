"""R-X.1, R-38: the staff-action log is one hash chain, refused any change or deletion (by the model, and by the
database on PostgreSQL); a row changed behind the product's back is found by the nightly check and becomes an urgent
item in the work queues of discipline inspection and the CCB's head, once (docs/decisions/0042)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from departments.models import Unit
from housing.audit.chains import verify_staff_action_chain
from housing.audit.jobs import verify_staff_action_chain_job
from housing.cases.tasks import verify_history_chains
from housing.models import ChainAlarm, ChainCheck, OfficeAction
from housing.models.history import AppendOnlyError
from housing.office.log import record_action
from tests.factories.staff import staff

pytestmark = pytest.mark.django_db

TABLE = OfficeAction._meta.db_table
ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def actions(db):
    clerk = staff("ccb", "clerk")
    unit = Unit.objects.get(code="ccb")
    return [record_action(actor=clerk, action="mark_reminder_done", obj=unit, summary=f"第{n}项提醒已办结",
                          article="R-X.6", data={"n": n, "due_on": "2026-12-0%d" % n}) for n in range(1, 5)]


def tamper(sql: str, params: list) -> None:
    """What someone with the database's owner rights could do: the trigger off, a raw UPDATE, the trigger on."""
    with connection.cursor() as cursor:
        if ON_POSTGRESQL:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts checked, as if committed
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER officeaction_append_only")
        cursor.execute(sql, params)
        if ON_POSTGRESQL:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER officeaction_append_only")


def test_every_action_is_linked_to_the_one_before(actions):
    rows = list(OfficeAction.objects.order_by("seq"))
    assert [r.seq for r in rows] == [1, 2, 3, 4]
    assert rows[0].prev_hash == "" and all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))
    assert verify_staff_action_chain() == []


def test_actions_written_in_bulk_join_the_chain(actions):
    OfficeAction.objects.bulk_create([OfficeAction(actor_name="scheduled-job", action="mark_reminder_done",
                                                   object_type="unit", object_id="1", summary=f"批量{n}")
                                      for n in range(3)])
    assert list(OfficeAction.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert verify_staff_action_chain() == []


def test_the_model_refuses_to_change_or_delete_an_action(actions):
    row = OfficeAction.objects.get(seq=2)
    row.summary = "改过的"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        OfficeAction.objects.filter(pk=row.pk).update(summary="改过的")
    with pytest.raises(AppendOnlyError):
        OfficeAction.objects.all().delete()
    assert OfficeAction.objects.count() == 4 and verify_staff_action_chain() == []


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the trigger exists on PostgreSQL only")
@pytest.mark.parametrize("sql", [f"UPDATE {TABLE} SET summary = 'x' WHERE seq = 2", f"DELETE FROM {TABLE} WHERE seq = 4"])
def test_the_database_refuses_a_raw_update_or_delete(actions, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert OfficeAction.objects.count() == 4 and verify_staff_action_chain() == []


def queue(client) -> str:
    return client.get(reverse("housing:work_queue")).content.decode()


def test_a_row_changed_behind_the_products_back_reaches_disciplines_queue_as_urgent(actions, as_user):
    tamper(f"UPDATE {TABLE} SET summary = %s WHERE seq = %s", ["第2项提醒已撤销", 2])
    assert verify_staff_action_chain() == [2]
    assert verify_staff_action_chain_job() == 1
    [alarm] = ChainAlarm.objects.filter(cleared_at__isnull=True)
    assert alarm.chain == "staff_actions" and alarm.broken == {"seqs": [2]}
    for reader in (staff("discipline", "reviewer"), staff("ccb", "head")):
        page = queue(as_user(reader))
        assert "Urgent" in page and "Staff actions: the nightly check of" in page, reader.username
    for other in (staff("ccb", "clerk"), staff("org_personnel", "head")):
        assert "Urgent" not in queue(as_user(other)), other.username
    status = as_user(staff("discipline", "clerk")).get(reverse("housing:audit_records")).content.decode()
    assert "Broken" in status


def test_the_nightly_check_run_twice_raises_one_item_and_clears_it_once_the_chain_is_whole(actions):
    original = OfficeAction.objects.get(seq=3).summary
    tamper(f"UPDATE {TABLE} SET summary = %s WHERE seq = %s", ["伪造", 3])
    verify_staff_action_chain_job()
    verify_staff_action_chain_job()
    assert ChainAlarm.objects.count() == 1 and ChainCheck.objects.filter(chain="staff_actions").count() == 2
    tamper(f"UPDATE {TABLE} SET summary = %s WHERE seq = %s", [original, 3])
    assert verify_staff_action_chain_job() == 0
    assert not ChainAlarm.objects.filter(cleared_at__isnull=True).exists()


def test_a_row_deleted_behind_the_products_back_is_detected(actions):
    tamper(f"DELETE FROM {TABLE} WHERE seq = %s", [2])
    assert verify_staff_action_chain() == [3]


def test_a_broken_case_history_reaches_the_queue_too(application, as_user):
    from housing.models import ApplicationHistory

    row = ApplicationHistory.objects.filter(application=application).order_by("seq").first()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {ApplicationHistory._meta.db_table} SET reason = %s WHERE id = %s", ["改", row.pk])
    assert verify_history_chains() == 1
    [alarm] = ChainAlarm.objects.filter(cleared_at__isnull=True)
    assert alarm.chain == "history" and alarm.broken == {application.number: [row.seq]}
    page = queue(as_user(staff("discipline", "reviewer")))
    assert "Case histories: the nightly check of" in page and application.number in page
