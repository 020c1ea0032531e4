"""R-23.3 in a real browser: the public page's re-draw tool computes the same key as hashlib."""

import hashlib
import os

import pytest
from django.urls import reverse

from housing.groups import Group
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, staff

# The live server answers from another thread, so the data must be really committed.
pytestmark = [pytest.mark.django_db(transaction=True)]

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("seed", ["2025-R1-40719", "龙华2025第一批 \"$x\""])
def test_the_redraw_tool_gives_the_published_key(live_server, page, round_with_homes, seed):
    allocation_round = round_with_homes
    reviewer = staff("ccb", "reviewer")
    apps = [advance(ApplicationFactory(round=allocation_round), Stage.ELIGIBLE) for _ in range(2)]
    ranking = rank_round(actor=reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=seed,
                         rule_text="本单位排序规则")
    propose_ranked(actor=reviewer, ranking=ranking)

    page.goto(live_server.url + reverse("publicity:lottery_result", args=[ranking.pk]))
    assert page.input_value("#redraw-seed") == seed
    for app in apps:
        expected = hashlib.sha256(f"{seed}:{app.number}".encode()).hexdigest()
        page.fill("#redraw-number", app.number)
        page.click("#redraw button[type=submit]")
        page.wait_for_function("document.getElementById('redraw-key').textContent.length === 64")
        assert page.text_content("#redraw-key") == expected
        assert expected in page.content()  # the published key in the table is the same
        page.evaluate("document.getElementById('redraw-key').textContent = ''")
    command = page.text_content("#redraw-command")
    escaped = seed.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    assert command == f"printf '%s' \"{escaped}:{apps[-1].number}\" | sha256sum"
