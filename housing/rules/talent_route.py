"""R-27, R-39.6: by which route a talent qualifies, and the Art. 27 amount of that route (docs/decisions/0041).

A senior title counts only when it was obtained by a route Art. 39(6) recognises (national examination, a Guangdong
senior qualification certificate, a senior-technician qualification). A talent whose title has no recognised basis
qualifies, if at all, by a full-time degree (a foreign one certified), and is paid by that degree. The review (the
eligibility engine), the start of a subsidy and the monthly batch all ask this one function.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

# the recognised routes to a senior professional qualification
RECOGNISED_TITLE_BASES = frozenset({"national_exam", "guangdong_certificate", "senior_technician"})
SENIOR_TITLES = ("full_senior", "deputy_senior")
DEGREES = ("doctorate", "master", "bachelor")
# Art. 27(1)–(5)
ITEM = {"full_senior": 1, "deputy_senior": 2, "doctorate": 3, "master": 4, "bachelor": 5}


@dataclass(frozen=True)
class Route:
    by: str  # "title" or "degree"
    key: str  # full_senior, deputy_senior, doctorate, master, bachelor

    @property
    def article(self) -> str:
        """How the measures cite the amount: 第二十七条第（二）项 / Art. 27(2)."""
        return f"Art. 27({ITEM[self.key]})"


def qualifying_route(*, title: str | None, title_basis: str | None, degree: str | None,
                     full_time: bool | None = None, foreign_degree_certified: bool | None = None) -> Route | None:
    """The title route when the senior title has a recognised basis; else the degree route when the degree is not
    known to be part-time nor an uncertified foreign one; else None."""
    if title in SENIOR_TITLES and title_basis in RECOGNISED_TITLE_BASES:
        return Route("title", title)
    if degree in DEGREES and full_time is not False and foreign_degree_certified is not False:
        return Route("degree", degree)
    return None


def route_amount(route: Route | None, amounts: Mapping[str, Decimal]) -> Decimal | None:
    """The Art. 27 monthly amount of the route under ``amounts`` (the policy in force); None when none applies."""
    if route is None:
        return None
    amount = amounts.get(route.key)
    return None if amount is None else Decimal(amount).quantize(Decimal("0.01"))
