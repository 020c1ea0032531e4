"""R-16.8c: a home is never given to two households, also with many clerks pressing at once.

On PostgreSQL, 50 concurrent selections over 20 units: 20 succeed, no unit twice, every loser told the unit is
taken (real threads and connections).
"""

import threading

import pytest
from django.db import connection
from django.utils import translation

from housing.groups import Group
from housing.models import HousingUnit, Selection
from housing.selection import services as selection_day
from housing.exceptions import UnitTaken
from tests.factories import AllocationRoundFactory
from tests.factories.selection import homes, selection_clerk, with_notices
from tests.markers import postgres_only

HOUSEHOLDS, UNITS = 50, 20


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_selections_over_twenty_homes():
    round_ = AllocationRoundFactory(groups=[Group.NO_HOUSING])
    apps = with_notices(round_, ranks=range(1, HOUSEHOLDS + 1))
    units = homes(UNITS)
    clerks = [selection_clerk() for _ in range(HOUSEHOLDS)]
    start = threading.Barrier(HOUSEHOLDS)
    results: dict[int, str] = {}

    def select(i: int):
        app, unit = apps[i], units[i % UNITS]
        try:
            start.wait()
            translation.activate("en")  # what the clerk reads, in English here (threads start in the default language)
            selection_day.choose_home(actor=clerks[i], application=app, expected_version=app.version, unit=unit.pk)
            results[i] = "won"
        except UnitTaken as exc:
            results[i] = "taken" if "taken" in str(exc.message) else f"other: {exc.message}"
        except Exception as exc:  # noqa: BLE001 - anything else fails the test below, with its text
            results[i] = f"error: {exc!r}"
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=select, args=(i,)) for i in range(HOUSEHOLDS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    outcomes = sorted(results.values())
    assert outcomes.count("won") == UNITS, outcomes
    assert outcomes.count("taken") == HOUSEHOLDS - UNITS, outcomes
    holding = list(Selection.objects.filter(holds=True).values_list("unit_id", flat=True))
    assert len(holding) == UNITS and len(set(holding)) == UNITS
    assert set(HousingUnit.objects.values_list("status", flat=True)) == {HousingUnit.Status.RESERVED}
