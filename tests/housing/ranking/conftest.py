import pytest


@pytest.fixture
def allocation_round(round_with_homes):
    """The rankings of this folder propose homes: their round's plan gives the units quotas (R-15.3)."""
    return round_with_homes
