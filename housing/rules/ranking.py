"""Ranking of eligible applications within a round (SPEC §7: R-23.1, R-23.2, R-23.3, R-24, R-40).

Plain functions over plain data: the caller maps an application or a dossier to a
`RankingCandidate` and gets the queues of the ranking-preview contract back. How the
articles are read is written down in docs/decisions/0010-ranking-readings.md.

- C1, C2, C3: one queue per group, by the earlier of the hukou date and the first
  Shenzhen social-insurance payment (R-23.1).
- C4, C5, C6: one queue per (group, employer): senior before mid/junior, full-senior
  before deputy-senior, then doctorate, master, bachelor (R-23.2, R-39.6).
- Then honour holders among otherwise equal applicants (R-24), then the lottery (R-23.3).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from housing.groups import FAMILY_GROUPS, Group
from housing.rules.lottery import lottery_key

# Identifies the ranking rule applied, so it can be recorded with every ranking. It is shown as it is, on
# pages of either language, so it reads in both; how the articles are read is docs/decisions/0010.
RULE = "第二十三条、第二十四条（默认排序规则）/ Arts. 23 and 24 (default ranking rule)"
# The name a ranking recorded before the rule was named in words.
EARLIER_RULES = ("longhua-2014-48 arts. 23-24, default rule (docs/decisions/0010)",)

TITLES = ("full_senior", "deputy_senior")  # full-senior before deputy-senior
DEGREES = ("doctorate", "master", "bachelor")  # higher education first
HONOURS = frozenset({"moral_model", "labour_model", "bravery_award"})

GROUP_ORDER = {group.value: index for index, group in enumerate(Group)}  # C1 … C6

_SENIOR, _MID_JUNIOR = 0, 1  # senior talents before mid/junior talents
_NO_DEGREE = len(DEGREES)  # a senior need not hold a degree; ranks after bachelor
_HONOUR, _NO_HONOUR = 0, 1

# The facts a ranking key may need: (Chinese, English, article).
FACTS = {
    "hukou_since": ("入户时间", "the date the hukou entered Shenzhen", "R-23.1"),
    "first_social_insurance_date": (
        "在本市首次缴纳社保时间", "the date of the first Shenzhen social-insurance payment", "R-23.1"),
    "employer_credit_code": ("用人单位统一社会信用代码", "the employer's unified social credit code", "R-23.2"),
    "title_or_degree": ("高级职称或学历学位", "a senior professional title or a degree", "R-23.2, R-39.6"),
}


@dataclass(frozen=True, slots=True)
class RankingCandidate:
    """The facts of one eligible application that its ranking needs.

    For C1 and C2, `first_social_insurance_date=None` means the applicant never paid
    Shenzhen social insurance; for C3 it means the date is unknown (R-20.2 requires
    three years of insurance), and the application is excluded.
    """

    ref: str
    group: str
    employer_credit_code: str | None = None
    hukou_since: datetime.date | None = None
    first_social_insurance_date: datetime.date | None = None
    title: str | None = None  # "full_senior" / "deputy_senior"
    degree: str | None = None  # "doctorate" / "master" / "bachelor"
    honours: tuple[str, ...] = ()

    def __post_init__(self):
        # A wrong value is a bug in the caller, not a fact the applicant lacks: refuse it loudly.
        if not isinstance(self.ref, str) or not self.ref:
            raise ValueError(f"ref must be a non-empty str, not {self.ref!r}")
        if self.group not in GROUP_ORDER:
            raise ValueError(f"{self.ref}: unknown group {self.group!r}")
        # Plain values, so results compare and serialise the same whatever the caller passed.
        object.__setattr__(self, "group", str(self.group))
        if isinstance(self.honours, list):
            object.__setattr__(self, "honours", tuple(self.honours))
        if self.title is not None and self.title not in TITLES:
            raise ValueError(f"{self.ref}: unknown title {self.title!r}")
        if self.degree is not None and self.degree not in DEGREES:
            raise ValueError(f"{self.ref}: unknown degree {self.degree!r}")
        if isinstance(self.honours, str) or not HONOURS.issuperset(self.honours):
            raise ValueError(f"{self.ref}: honours must be a tuple of {sorted(HONOURS)}, not {self.honours!r}")
        for name in ("hukou_since", "first_social_insurance_date"):
            value = getattr(self, name)
            if value is not None and (type(value) is not datetime.date):
                raise TypeError(f"{self.ref}: {name} must be a date, not {value!r}")


class MissingRankingFact(ValueError):
    """The candidate lacks a fact its ranking key needs; `facts` names them (keys of FACTS)."""

    def __init__(self, ref: str, facts: tuple[str, ...]):
        self.ref = ref
        self.facts = facts
        super().__init__(f"{ref}: {reason_en(facts)}")


@dataclass(frozen=True, slots=True)
class RankedEntry:
    ref: str
    rank: int
    lottery_key: str


@dataclass(frozen=True, slots=True)
class RankedQueue:
    group: str
    employer: str | None
    entries: tuple[RankedEntry, ...]


@dataclass(frozen=True, slots=True)
class Exclusion:
    ref: str
    missing: tuple[str, ...]
    reason_zh: str
    reason_en: str


@dataclass(frozen=True, slots=True)
class RankingResult:
    seed: str
    queues: tuple[RankedQueue, ...]
    excluded: tuple[Exclusion, ...]
    rule: str = field(default=RULE)

    def as_dict(self) -> dict:
        """The body of the ranking-preview contract (shared/contracts/README.md)."""
        return {
            "seed": self.seed,
            "queues": [
                {"group": q.group, "employer": q.employer,
                 "entries": [{"ref": e.ref, "rank": e.rank, "lottery_key": e.lottery_key} for e in q.entries]}
                for q in self.queues
            ],
            "excluded": [{"ref": x.ref, "reason_zh": x.reason_zh, "reason_en": x.reason_en} for x in self.excluded],
        }


def _articles(facts: tuple[str, ...]) -> str:
    return ", ".join(dict.fromkeys(FACTS[f][2] for f in facts))


def reason_zh(facts: tuple[str, ...]) -> str:
    names = "、".join(FACTS[f][0] for f in facts)
    return f"缺少排序所需的事实：{names}（{_articles(facts).replace(', ', '、')}），不予排序。"


def reason_en(facts: tuple[str, ...]) -> str:
    names = "; ".join(FACTS[f][1] for f in facts)
    return f"Not ranked: lacks a fact its ranking needs: {names} ({_articles(facts)})."


def is_family(candidate: RankingCandidate) -> bool:
    return candidate.group in FAMILY_GROUPS


def missing_facts(candidate: RankingCandidate) -> tuple[str, ...]:
    """The facts the candidate's ranking key needs but lacks, in the order of FACTS."""
    missing = []
    if is_family(candidate):
        # every C1–C3 applicant holds Longhua hukou, so its date must be known.
        if candidate.hukou_since is None:
            missing.append("hukou_since")
        # a C3 applicant has paid insurance, so a missing date is an unknown one
        # that could be the earlier of the two.
        if candidate.group == Group.NO_HOUSING and candidate.first_social_insurance_date is None:
            missing.append("first_social_insurance_date")
    else:
        # talents rank within their employer.
        if not candidate.employer_credit_code:
            missing.append("employer_credit_code")
        # a talent is senior by title, mid/junior by degree; with neither the level is unknown.
        if candidate.title is None and candidate.degree is None:
            missing.append("title_or_degree")
    return tuple(missing)


def queue_of(candidate: RankingCandidate) -> tuple[str, str | None]:
    """R-23.1: one queue per family group; R-23.2: one per talent group and employer."""
    if is_family(candidate):
        return (candidate.group, None)
    return (candidate.group, candidate.employer_credit_code)


def _article_key(candidate: RankingCandidate) -> tuple:
    if is_family(candidate):
        # the earlier of the hukou date and the first insurance payment ranks first.
        dates = [d for d in (candidate.hukou_since, candidate.first_social_insurance_date) if d is not None]
        return (min(dates).toordinal(),)
    # level, then title, then degree. The degree also separates seniors of
    # equal title; a senior without a degree ranks after one with a bachelor's degree.
    if candidate.title is not None:
        return (_SENIOR, TITLES.index(candidate.title),
                DEGREES.index(candidate.degree) if candidate.degree is not None else _NO_DEGREE)
    return (_MID_JUNIOR, len(TITLES), DEGREES.index(candidate.degree))


def ranking_key(candidate: RankingCandidate, seed: str) -> tuple:
    """The sort key of a candidate within its queue: smaller ranks first.

    (article keys of R-23.1 or R-23.2, R-24 honour, lottery key, ref). Raises
    MissingRankingFact when the candidate lacks a fact the article keys need.
    """
    missing = missing_facts(candidate)
    if missing:
        raise MissingRankingFact(candidate.ref, missing)
    # first among otherwise equal applicants, so after every article key and before the lottery.
    honour = _HONOUR if candidate.honours else _NO_HONOUR
    # The ref only breaks a SHA-256 collision, which keeps the order total.
    return (*_article_key(candidate), honour, lottery_key(seed, candidate.ref), candidate.ref)


def _queue_order(queue: tuple[str, str | None]) -> tuple:
    group, employer = queue
    return (GROUP_ORDER[group], employer or "")


def rank(candidates: Iterable[RankingCandidate], *, seed: str) -> RankingResult:
    """Rank one round's eligible candidates; the result does not depend on their order."""
    if not isinstance(seed, str):
        raise TypeError("seed must be a str")
    keyed: dict[tuple[str, str | None], list[tuple]] = {}
    excluded = []
    seen = set()
    for candidate in candidates:
        if candidate.ref in seen:
            raise ValueError(f"duplicate ref {candidate.ref!r}: refs must be unique in a ranking")
        seen.add(candidate.ref)
        try:
            key = ranking_key(candidate, seed)
        except MissingRankingFact as exc:
            excluded.append(Exclusion(candidate.ref, exc.facts, reason_zh(exc.facts), reason_en(exc.facts)))
            continue
        keyed.setdefault(queue_of(candidate), []).append(key)

    queues = []
    for queue in sorted(keyed, key=_queue_order):
        keys = keyed[queue]
        keys.sort()
        # key[-2] is the lottery key and key[-1] the ref (see ranking_key).
        entries = tuple(RankedEntry(ref=k[-1], rank=i, lottery_key=k[-2]) for i, k in enumerate(keys, start=1))
        queues.append(RankedQueue(group=queue[0], employer=queue[1], entries=entries))
    excluded.sort(key=lambda x: x.ref)
    return RankingResult(seed=seed, queues=tuple(queues), excluded=tuple(excluded))
