"""Identity data (R-X.3): resident ID numbers (GB 11643) and unified social credit codes (GB 32100).

The region code is not checked: an ID keeps the code it was issued with, even a retired one.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError as StdnumError
from stdnum.util import isdigits


def clean_id_number(value: str) -> str:
    number = ric.compact(value or "").upper()
    # Not ric.validate(): it also looks the region code up for the birth year and so rejects
    # real IDs (440309 Longhua exists only since 2016; 440306 Bao'an since 1992). R-X.3.
    if len(number) != 18:
        raise ValidationError(_("A resident ID number has 18 characters."), code="id_length")
    if not isdigits(number[:-1]) or not (isdigits(number[-1]) or number[-1] == "X"):
        raise ValidationError(_("A resident ID number has 17 digits followed by a digit or X."), code="id_format")
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError(_("The check digit of this resident ID number is wrong."), code="id_checksum")
    try:
        ric.get_birth_date(number)
    except InvalidComponent:
        raise ValidationError(_("The birth date in this resident ID number is not a real date."), code="id_birth_date")
    if ric.get_birth_date(number) > timezone.localdate():  # R-X.3: the portal's today (Asia/Shanghai)
        raise ValidationError(_("The birth date in this resident ID number is in the future."), code="id_birth_date")
    return number


def birth_date_of(id_number: str) -> datetime.date:
    return ric.get_birth_date(id_number)


def sex_of(id_number: str) -> str:
    # GB 11643: the 17th digit is odd for men, even for women.
    return "male" if int(id_number[16]) % 2 else "female"


def clean_credit_code(value: str) -> str:
    code = uscc.compact(value or "").upper()
    try:
        uscc.validate(code)
    except InvalidLength:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="uscc_length")
    except InvalidChecksum:
        raise ValidationError(_("The check character of this unified social credit code is wrong."), code="uscc_checksum")
    except (InvalidFormat, InvalidComponent, StdnumError):
        raise ValidationError(_("This is not a valid unified social credit code."), code="uscc_format")
    return code
