"""The statistics tests read the figures as they are now: no cached figures from an earlier request of the test."""

import pytest


@pytest.fixture(autouse=True)
def figures_uncached(settings):
    settings.STATISTICS_CACHE_SECONDS = 0
