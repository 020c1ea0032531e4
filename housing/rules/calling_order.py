"""The order in which announced households are called to select a home (R-16.8a, R-23.2, R-24; Art. 16(8), 24).

Plain functions over plain data; docs/decisions/0040 writes down the reading.

- C1, C2, C3 form one queue per group (R-23.1): the announced rank is the order; honours already placed a holder
  first among equals inside it (R-24 at ranking).
- C4, C5, C6 rank within each employer (R-23.2), so the first of every employer come before the second of any.
  Among talents of the same rank at their employers, the one of higher standing (senior before mid/junior, then
  title, then degree, as R-23.2 ranks them) comes first; among talents of equal standing, an honour holder is
  called first (Art. 24: 同等条件下享有……选房优先权); only then the employers' credit codes, a fixed order.
"""

from dataclasses import dataclass

from housing.rules.ranking import DEGREES, HONOURS, TITLES

@dataclass(frozen=True, slots=True)
class Called:
    """One announced household: its number, its rank (within its employer for talents) and its facts."""

    number: str
    rank: int | None
    talent: bool = False
    employer_code: str = ""
    title: str | None = None  # "full_senior" / "deputy_senior"
    degree: str | None = None  # "doctorate" / "master" / "bachelor"
    honours: tuple[str, ...] = ()

    @property
    def honour_holder(self) -> bool:
        return bool(set(self.honours) & HONOURS)


def standing(called: Called) -> tuple[int, int, int]:
    """R-23.2, R-39.6: senior (by title) before mid/junior (by degree); full-senior before deputy-senior; then
    doctorate, master, bachelor. A talent with neither fact on file stands last."""
    degree = DEGREES.index(called.degree) if called.degree in DEGREES else len(DEGREES)
    if called.title in TITLES:
        return (0, TITLES.index(called.title), degree)
    if called.degree in DEGREES:
        return (1, len(TITLES), degree)
    return (2, len(TITLES), len(DEGREES))


def calling_key(called: Called) -> tuple:
    """The sort key of the calling order: smaller is called first. An unranked household comes last."""
    unranked = called.rank is None
    if not called.talent:
        return (unranked, called.rank or 0, called.number)
    # after the rank and the standing (the "otherwise equal"), before the employer's code.
    honour = 0 if called.honour_holder else 1
    return (unranked, called.rank or 0, standing(called), honour, called.employer_code, called.number)

