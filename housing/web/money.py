"""Money as people read it: ``11,100.00`` on every page, print and message, and in capital figures (大写)
on contracts and payment documents.

Capital figures follow the People's Bank of China rules for filling in bills and settlement vouchers
(《正确填写票据和结算凭证的基本规定》): 人民币 in front with no gap; one 零 for a run of zeros between
digits; 零 after 元 when 角 is zero but 分 is not; 整 after 元 or 角 when there is no 分, never after 分;
壹拾 (not a bare 拾) so that nothing can be written in front of it. A zero inside a four-digit group
(万, 亿) that is followed by a figure is written as 零; an empty group adds no unit.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")  # within a group of four digits
GROUPS = ("", "万", "亿", "万亿")  # 10^0, 10^4, 10^8, 10^12


def to_amount(value) -> Decimal:
    """A Decimal to the fen (half up); ValueError for what is not an amount of money."""
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"not an amount: {value!r}")
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def with_separators(value) -> str:
    """``11100`` → ``11,100.00``; a negative amount keeps its minus sign."""
    return f"{to_amount(value):,.2f}"


def _group(number: int) -> str:
    """One group of four digits (1–9999), without the zeros it begins with."""
    text, pending_zero = "", False
    for place in range(3, -1, -1):
        digit = number // 10 ** place % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += DIGITS[0]
            pending_zero = False
        text += DIGITS[digit] + PLACES[place]
    return text


def _yuan(number: int) -> str:
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(GROUPS):
        raise ValueError("amount too large for capital figures")
    text, zero_before = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_before = bool(text)
            continue
        # A gap before this group (an empty group, or fewer than four digits in it) is one 零.
        if text and (zero_before or group < 1000):
            text += DIGITS[0]
        text += _group(group) + GROUPS[index]
        zero_before = False
    return text


def in_capitals(value) -> str:
    """``11100`` → ``人民币壹万壹仟壹佰元整``; ``0.05`` → ``人民币伍分``; ``1010.01`` → ``人民币壹仟零壹拾元零壹分``."""
    amount = to_amount(value)
    if amount < 0:
        raise ValueError("capital figures are written for amounts that are not negative")
    fen_total = int(amount * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = "人民币"
    if yuan:
        text += _yuan(yuan) + "元"
    elif not jiao and not fen:
        return text + "零元整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif fen and yuan:
        text += DIGITS[0]
    if fen:
        return text + DIGITS[fen] + "分"
    return text + "整"
