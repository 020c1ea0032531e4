"""Valid identity numbers for test households and employers (R-X.3)."""

import datetime

from stdnum.cn import ric, uscc

LONGHUA = "440309"  # 龙华区, a code that exists only since 2016 (R-X.3: an ID keeps its code)


def make_id_number(*, birth: datetime.date, order: int = 1, region: str = LONGHUA) -> str:
    """A GB 11643 resident ID number: region, birth date, 3-digit order code, check digit."""
    body = f"{region}{birth:%Y%m%d}{order % 1000:03d}"
    # calc_check_digit expects the number with a (placeholder) check digit on the end.
    return body + ric.calc_check_digit(body + "0")


def make_credit_code(n: int) -> str:
    """A GB 32100 unified social credit code: 9 (enterprise) 1 (company), Shenzhen, a serial, the check character."""
    body = f"91440300{n:09d}"
    return body + uscc.calc_check_digit(body + "0")


def with_wrong_check_digit(number: str) -> str:
    last = number[-1]
    replacement = "0" if last != "0" else "1"
    return number[:-1] + replacement
