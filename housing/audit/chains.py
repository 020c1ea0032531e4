"""R-X.1: checking the staff-action log's hash chain, as housing.cases.history checks each application's."""

from housing.models import OfficeAction
from housing.models.office_log import staff_action_digest

CHUNK = 2000


def verify_staff_action_chain() -> list[int]:
    """The places (seq) where the chain no longer holds: a row changed, removed or inserted behind the product's
    back, or a row without a place. Empty when intact."""
    broken: list[int] = []
    prev, expected = "", 1
    unchained = OfficeAction.objects.filter(seq__isnull=True).count()
    for row in OfficeAction.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=CHUNK):
        if row.seq != expected or row.prev_hash != prev or row.hash != staff_action_digest(row):
            broken.append(row.seq)
        prev, expected = row.hash, row.seq + 1
    if unchained:
        broken.append(0)  # rows written past the chain (no place in it)
    return broken
