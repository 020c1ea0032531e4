"""R-29 (Art. 29): whoever bought economic housing and sold it at market price may never apply for economic housing
again. Every buyer on the sale is barred, not only the person who signed the transfer: the applicant, each
co-applicant and the spouse (the home was bought as the household's, Art. 39(2)) (docs/decisions/0041).
"""

from typing import Iterable

APPLICANT = "applicant"
SPOUSE = "spouse"


def is_buyer(*, relation: str, applying: bool) -> bool:
    """A member of the household that bought the home counts as a buyer when it is the applicant, a co-applicant or
    the spouse."""
    return relation in (APPLICANT, SPOUSE) or bool(applying)


def buyers_on_sale(members: Iterable[tuple[str, bool, str]]) -> set[str]:
    """The ID numbers of the buyers among the household of a sale: ``members`` are (relation, applying, id_number)."""
    return {number for relation, applying, number in members
            if number and is_buyer(relation=relation, applying=applying)}
