"""R-X.3: a birth date in a resident ID number is not after the portal's today, which is Asia/Shanghai's."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from housing.rules.identity import clean_id_number
from tests.factories.identity import make_id_number

# 23:30 UTC on 6 December is 07:30 on 7 December in Shenzhen.
EVENING_IN_UTC = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("birth, accepted", [
    (dt.date(2026, 12, 6), True),
    (dt.date(2026, 12, 7), True),   # born this morning in Shenzhen, still the 6th in UTC
    (dt.date(2026, 12, 8), False),
])
def test_born_today_in_shenzhen_is_not_in_the_future(birth, accepted):
    number = make_id_number(birth=birth, order=7)
    with time_machine.travel(EVENING_IN_UTC, tick=False), translation.override("en"):
        if accepted:
            assert clean_id_number(number) == number
        else:
            with pytest.raises(ValidationError, match="in the future"):
                clean_id_number(number)
