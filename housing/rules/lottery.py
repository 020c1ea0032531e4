"""The public lottery (公开抽签) that settles ties the articles leave open (R-23.2, R-23.3).

Anyone can re-draw it: the key of an application is the SHA-256 of "seed:ref", so
`printf '%s' "SEED:REF" | sha256sum` gives the same key (docs/lottery.md).
"""

import hashlib
from collections.abc import Iterable

# the method published with every result, in one sentence each.
METHOD_ZH = (
    "每个申请的抽签码为“种子:申请编号”（UTF-8编码）的SHA-256值（小写十六进制），"
    "排序条件相同的申请按抽签码升序排列。"
)
METHOD_EN = (
    "The lottery key of each application is the SHA-256 of \"seed:application number\" "
    "(UTF-8 bytes, lowercase hex), and applications the articles leave equal are ordered "
    "by ascending lottery key."
)


def lottery_key(seed: str, ref: str) -> str:
    """R-23.3: lowercase hex SHA-256 of the UTF-8 bytes of seed + ":" + ref (the ranking-preview contract)."""
    if not isinstance(seed, str) or not isinstance(ref, str):
        raise TypeError("seed and ref must be str")
    return hashlib.sha256((seed + ":" + ref).encode("utf-8")).hexdigest()


def draw(seed: str, refs: Iterable[str]) -> list[tuple[str, str]]:
    """The order of a pure lottery: (ref, key) pairs by ascending key; independent of the order of refs."""
    refs = list(refs)
    if len(set(refs)) != len(refs):
        raise ValueError("refs must be unique")
    return sorted(((ref, lottery_key(seed, ref)) for ref in refs), key=lambda pair: (pair[1], pair[0]))
