"""R-X.1, R-38: the case history cannot be edited or deleted through the product, and tampering is detected."""

import pytest
from django.db import connection, transaction
from django.db.models.deletion import ProtectedError

from housing.models import Application, ApplicationHistory
from housing.models.history import AppendOnlyError
from housing.cases.history import find_broken_chains, verify_chain
from housing.stages import Stage
from housing.cases.tasks import verify_history_chains
from tests.factories import ApplicationFactory, advance

pytestmark = pytest.mark.django_db

TABLE = ApplicationHistory._meta.db_table


@pytest.fixture
def case(allocation_round):
    """An application four steps past intake: five history rows."""
    return advance(ApplicationFactory(round=allocation_round, c4=True), Stage.RECHECKED)


def rows(app):
    return list(ApplicationHistory.objects.filter(application=app).order_by("seq"))


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_chain_links_every_row_to_the_one_before(case):
    history = rows(case)
    assert [r.seq for r in history] == [1, 2, 3, 4, 5]
    assert history[0].prev_hash == ""
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(history, history[1:]))
    assert len({r.hash for r in history}) == len(history)
    assert verify_chain(case) == []
    assert find_broken_chains() == {}


def test_a_row_cannot_be_changed_through_the_orm(case):
    row = rows(case)[2]
    row.reason = "改写"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        ApplicationHistory.objects.filter(pk=row.pk).update(reason="改写")
    with pytest.raises(AppendOnlyError), transaction.atomic():  # bulk_update's own atomic has no savepoint
        ApplicationHistory.objects.bulk_update([row], ["reason"])
    assert ApplicationHistory.objects.get(pk=row.pk).reason != "改写"


def test_a_row_cannot_be_deleted_through_the_orm(case):
    row = rows(case)[2]
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        ApplicationHistory.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        ApplicationHistory.objects.all().delete()
    with pytest.raises((ProtectedError, AppendOnlyError)):  # nor by deleting the application
        Application.objects.get(pk=case.pk).delete()
    assert len(rows(case)) == 5


@pytest.mark.parametrize("column,value", [
    ("reason", "材料齐全"),
    ("actor_name", "someone-else"),
    ("to_stage", "announced"),
    ("articles", '["R-16.3"]'),
])
def test_a_row_changed_behind_the_products_back_is_detected(case, column, value):
    target = rows(case)[2]
    raw(f"UPDATE {TABLE} SET {column} = %s WHERE id = %s", [value, target.pk])
    assert verify_chain(case) == [3]
    assert find_broken_chains() == {case.number: [3]}


def test_a_row_rewritten_with_a_fresh_hash_breaks_the_link_of_the_next_one(case):
    """A forger who recomputes the changed row's own hash still breaks the next row's link."""
    from housing.cases.history import _digest

    target = rows(case)[2]
    target.reason = "伪造"
    forged = _digest(number=case.number, row=target)
    raw(f"UPDATE {TABLE} SET reason = %s, hash = %s WHERE id = %s", ["伪造", forged, target.pk])
    assert verify_chain(case) == [4]


def test_a_row_deleted_behind_the_products_back_is_detected(case):
    target = rows(case)[2]
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [target.pk])
    assert verify_chain(case) == [4]
    assert find_broken_chains() == {case.number: [4]}


def test_an_intact_application_is_not_reported_with_a_broken_one(case, allocation_round):
    other = advance(ApplicationFactory(round=allocation_round, c1=True), Stage.PROPOSED)
    raw(f"UPDATE {TABLE} SET payload = %s WHERE application_id = %s AND seq = 1", ['{"x": 1}', other.pk])
    assert find_broken_chains() == {other.number: [1]}
    assert verify_chain(case) == []


def test_the_nightly_job_counts_the_broken_chains(case, caplog):
    assert verify_history_chains() == 0
    raw(f"UPDATE {TABLE} SET actor_unit = %s WHERE application_id = %s AND seq = 2", ["discipline", case.pk])
    assert verify_history_chains() == 1
    assert case.number in caplog.text and "R-X.1" in caplog.text


def test_the_newest_rows_cut_off_behind_the_products_back_are_detected(case):
    # The chain itself stays consistent when its tail is removed; the head kept on the application does not.
    last_two = rows(case)[-2:]
    raw(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [last_two[0].pk, last_two[1].pk])
    assert verify_chain(case) == [last_two[0].seq]
    assert find_broken_chains() == {case.number: [last_two[0].seq]}
