"""R-27: the monthly talent subsidy, by title first, then by degree."""

from decimal import Decimal

from housing.rules.dates import first_of_month
from housing.rules.talent_route import qualifying_route, route_amount

TALENT_MONTHLY_SUBSIDY = {
    "full_senior": Decimal("2500.00"),
    "deputy_senior": Decimal("2000.00"),
    "doctorate": Decimal("1500.00"),
    "master": Decimal("1000.00"),
    "bachelor": Decimal("500.00"),
}


def talent_monthly_subsidy(*, title: str, degree: str, title_basis: str | None,
                           full_time: bool | None = None) -> Decimal | None:
    """R-27, R-39.6: paid by the route the talent qualified by (housing.rules.talent_route); None when none."""
    route = qualifying_route(title=title, title_basis=title_basis, degree=degree, full_time=full_time)
    return route_amount(route, TALENT_MONTHLY_SUBSIDY)


# --- the monthly payment; docs/decisions/0017 ----------------------------
# the groups that may hold a subsidy instead of a home.
SUBSIDY_GROUPS = frozenset({"minimum_allowance", "institution_talent", "ecw_talent", "enterprise_talent"})


class SubsidyFigureMissing(LookupError):
    """The policy in force lacks the figure a subsidy is paid by; ``figure`` names it, ``article`` cites it."""

    def __init__(self, figure: str, article: str):
        self.figure = figure
        self.article = article
        super().__init__(f"{figure} ({article})")


def monthly_amount(*, group: str, title: str, degree: str, c2_standard: Decimal | None,
                   talent_amounts: dict, title_basis: str | None = None, full_time: bool | None = None,
                   foreign_degree_certified: bool | None = None) -> Decimal:
    """The month's amount under the policy in force: C2 by the approved standard (R-26), talents by the route they
    qualified by (R-27, R-39.6: a title only with its recognised basis, else the degree). Raises
    SubsidyFigureMissing naming what is not entered."""
    if group == "minimum_allowance":
        if c2_standard is None:
            raise SubsidyFigureMissing("c2_subsidy_standard", "R-26")
        return Decimal(c2_standard).quantize(Decimal("0.01"))
    if group not in SUBSIDY_GROUPS:
        raise SubsidyFigureMissing(f"subsidy for group {group}", "R-25")
    route = qualifying_route(title=title, title_basis=title_basis, degree=degree, full_time=full_time,
                             foreign_degree_certified=foreign_degree_certified)
    amount = route_amount(route, talent_amounts)
    if amount is None:
        raise SubsidyFigureMissing("talent_title/talent_degree", "R-27")
    return amount


def stopped_in(month, changes) -> bool:
    """Whether a subsidy is stopped in ``month`` (a first day), from its stops and resumptions (R-32).

    ``changes`` are (kind, from_month) in the order recorded; the latest change taking effect by the month
    decides (a stop and a resumption from the same month: the later recorded wins). A resumed subsidy is
    paid from its resume month on; the stopped months are not paid afterwards (no back-pay).
    """
    state = "resume"
    effective = [(from_month, order, kind) for order, (kind, from_month) in enumerate(changes) if from_month <= month]
    if effective:
        state = max(effective)[2]
    return state == "stop"


def home_held_in(month, homes) -> object | None:
    """R-3.2, R-25: the first month of a home (rented or bought, contract filed) the household holds in ``month``:
    ``homes`` are (term_start, term_end or None). None when it holds none then."""
    held = [first_of_month(start) for start, end in homes
            if first_of_month(start) <= month and (end is None or end >= month)]
    return min(held) if held else None
