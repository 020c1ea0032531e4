"""R-27: the monthly talent subsidy, by title first, then by degree."""

from decimal import Decimal

TALENT_MONTHLY_SUBSIDY = {
    "full_senior": Decimal("2500.00"),
    "deputy_senior": Decimal("2000.00"),
    "doctorate": Decimal("1500.00"),
    "master": Decimal("1000.00"),
    "bachelor": Decimal("500.00"),
}


def talent_monthly_subsidy(*, title: str, degree: str) -> Decimal | None:
    """A senior talent is paid by title; a mid/junior talent by degree; None when neither is known."""
    if title in TALENT_MONTHLY_SUBSIDY:
        return TALENT_MONTHLY_SUBSIDY[title]
    return TALENT_MONTHLY_SUBSIDY.get(degree)
