"""The scheduled job computes each scope's default figures ahead, so a page opened without filters answers from the
cache (docs/decisions/0036)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from housing.statistics.jobs import default_scopes, warm_figures
from tests.conftest import clear_cache
from tests.factories import AllocationRoundFactory, ApplicationFactory, staff

pytestmark = pytest.mark.django_db


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_page_after_the_job_answers_from_the_cache(client, settings):
    settings.STATISTICS_CACHE_SECONDS = 600
    ApplicationFactory(round=AllocationRoundFactory())
    client.force_login(staff("org_personnel", "reviewer"))
    url = reverse("housing:statistics")
    cold = queries_of(client, url)
    clear_cache()
    assert warm_figures() == len(default_scopes()) == 5
    warm = queries_of(client, url)
    assert warm < cold - 10  # none of the figures' own queries


def test_the_job_does_nothing_when_the_figures_are_not_kept(settings):
    settings.STATISTICS_CACHE_SECONDS = 0
    assert warm_figures() == 0
