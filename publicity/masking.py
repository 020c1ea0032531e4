"""Masking of personal data on public pages (R-16.4b, SPEC §13): plain functions over plain data.

The parameters come from the policy in force (``PolicySnapshot.mask_id_head``, ``mask_id_tail``,
``mask_name_keeps_last``); a caller without a snapshot gets the shipped defaults of SPEC §13,
so a missing policy never publishes more than the defaults do.
"""

import re
from typing import Protocol

from housing.rules.policy import DEFAULTS, PolicySnapshot

MASK = "*"
# An 18-character resident ID number (or a 15-digit old one) inside free text (R-X.3).
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


class MaskingPolicy(Protocol):
    mask_id_head: int
    mask_id_tail: int
    mask_name_keeps_last: bool


def mask_name(name: str | None, policy: MaskingPolicy | None = None) -> str:
    """SPEC §13: the first character kept, and the last one too for names of three or more characters.

    张三 → 张*, 张小三 → 张*三, 欧阳小锋 → 欧**锋; a one-character name shows nothing. With
    ``mask_name_keeps_last`` off only the first character is kept (张小三 → 张**).
    """
    policy = policy or DEFAULTS
    name = (name or "").strip()
    if len(name) <= 1:
        return MASK * len(name)
    keeps_last = policy.mask_name_keeps_last and len(name) >= 3
    if keeps_last:
        return name[0] + MASK * (len(name) - 2) + name[-1]
    return name[0] + MASK * (len(name) - 1)


def mask_id_number(number: str | None, policy: MaskingPolicy | None = None) -> str:
    """SPEC §13: the first ``mask_id_head`` and last ``mask_id_tail`` characters kept (440306********123X).

    A number of which the rule would hide less than a third (a short number, or parameters set too
    generously) is masked whole: the rule must never publish an ID number nearly in full.
    """
    policy = policy or DEFAULTS
    number = (number or "").strip().upper()
    head, tail = max(policy.mask_id_head, 0), max(policy.mask_id_tail, 0)
    hidden = len(number) - head - tail
    if hidden < max(len(number) // 3, 1):
        return MASK * len(number)
    return number[:head] + MASK * hidden + (number[-tail:] if tail else "")


def mask_phone(phone: str | None) -> str:
    """SPEC §13: 13812341234 → 138****1234; shorter numbers keep at most their last four digits."""
    phone = re.sub(r"[\s-]", "", phone or "")
    if len(phone) >= 11:
        return phone[:3] + MASK * (len(phone) - 7) + phone[-4:]
    if len(phone) >= 8:
        return MASK * (len(phone) - 4) + phone[-4:]
    return MASK * len(phone)


def mask_text(text: str | None, *, names: tuple[str, ...] = (), policy: MaskingPolicy | None = None) -> str:
    """Free text published as written (the facts of a register entry): the given names and every
    ID number in it masked, in case the writer named the person in full (R-16.4b)."""
    text = text or ""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = text.replace(name, mask_name(name, policy))
    return ID_NUMBER_IN_TEXT.sub(lambda m: mask_id_number(m.group(1), policy), text)
