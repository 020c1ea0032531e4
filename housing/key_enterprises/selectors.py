"""R-13: the key-enterprise lists as the Economic Services Bureau sees them."""

from django.db.models import Count

from housing.models import KeyEnterpriseListing


def years() -> list[dict]:
    """Each year with a list, newest first, with the number of enterprises on it."""
    return list(KeyEnterpriseListing.objects.order_by().values("year").annotate(count=Count("id")).order_by("-year"))


def listings(year: int):
    return (KeyEnterpriseListing.objects.of_year(year).select_related("employer", "recorded_by")
            .order_by("employer__name", "employer__credit_code"))
