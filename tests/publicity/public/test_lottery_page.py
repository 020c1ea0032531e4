"""The public lottery page (R-23.3): anonymous, seed and method published, names masked (R-16.4b, SPEC §13)."""

import hashlib
import html
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from housing.groups import Group
from housing.models import Application, HouseholdMember
from housing.rules.lottery import METHOD_EN, METHOD_ZH
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from publicity.public.views.lottery import mask_name
from tests.factories import ApplicationFactory, advance, staff
from tests.factories.applications import MemberFactory
from tests.factories.workflow import reload

pytestmark = pytest.mark.django_db

SEED = "龙华2025第一批"
NAMES = ["张三", "王小明", "欧阳小锋", "李"]


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("张小三", "张*三"), ("欧阳小锋", "欧**锋"), ("欧阳锋", "欧*锋"), ("李", "*"), ("", ""),
    (" 王五 ", "王*"),
])
def test_masking_rule(name, masked):
    assert mask_name(name) == masked


@pytest.fixture
def published(round_with_homes):
    allocation_round = round_with_homes
    reviewer = staff("ccb", "reviewer")
    for name in NAMES:
        advance(ApplicationFactory(round=allocation_round, members=[MemberFactory(name=name)],
                                   with_spouse=False), Stage.ELIGIBLE)
    # A spouse's name must not leak either.
    with_spouse = ApplicationFactory(round=allocation_round, with_spouse=True)
    advance(with_spouse, Stage.ELIGIBLE)
    ranking = rank_round(actor=reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text="本单位排序规则")
    propose_ranked(actor=reviewer, ranking=ranking)
    return ranking


def test_the_page_is_public_and_publishes_seed_method_keys_and_ranks(published):
    response = Client().get(reverse("publicity:lottery_result", args=[published.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    text = html.unescape(content)
    # The method in the reader's language only: no English sentence on the Chinese page (decision 0045).
    assert SEED in text and METHOD_ZH in text and METHOD_EN not in text
    english = html.unescape(Client(headers={"cookie": f"{settings.LANGUAGE_COOKIE_NAME}=en"}).get(
        reverse("publicity:lottery_result", args=[published.pk])).content.decode())
    assert METHOD_EN in english and METHOD_ZH not in english
    # The rule and the tie-break cite the articles as people do, never a requirement id or a file path.
    assert "第二十三条、第二十四条" in text and "Art. 23, Art. 24" in english
    assert not re.search(r"R-\d|docs/decisions", text + english)
    assert f"printf '%s' \"{SEED}:NUMBER\" | sha256sum" in text
    # The re-draw tool is the portal's own script (no inline script under the Content-Security-Policy), computing in
    # the browser; no script comes from elsewhere.
    scripts = re.findall(r'<script src="([^"]+)"', content)
    assert "/static/js/lottery-redraw.js" in scripts and all(src.startswith("/static/") for src in scripts)
    assert "crypto.subtle.digest" in (settings.BASE_DIR / "static/js/lottery-redraw.js").read_text()
    for entry in published.entries.select_related("application"):
        app = entry.application
        assert entry.lottery_key == hashlib.sha256(f"{SEED}:{app.number}".encode()).hexdigest()
        assert entry.lottery_key in content and app.number in content
        assert mask_name(app.applicant_name) in content


def test_no_full_name_or_id_number_reaches_the_page(published):
    content = Client().get(reverse("publicity:lottery_result", args=[published.pk])).content.decode()
    members = list(HouseholdMember.objects.filter(application__round=published.round))
    assert len(members) == len(NAMES) + 2
    for member in members:
        if len(member.name) > 1:
            assert member.name not in content, member.name
        assert member.id_number not in content
    for app in Application.objects.filter(round=published.round):
        assert app.applicant_id_number not in content and app.applicant_id_number[6:14] not in content


def test_an_unpublished_ranking_is_not_shown(round_with_homes):
    allocation_round = round_with_homes
    app = advance(ApplicationFactory(round=allocation_round), Stage.ELIGIBLE)
    ranking = rank_round(actor=staff("ccb", "reviewer"), round=allocation_round, group=Group.NO_HOUSING,
                         seed=SEED, rule_text="规则")
    assert Client().get(reverse("publicity:lottery_result", args=[ranking.pk])).status_code == 404
    assert reload(app).stage == Stage.ELIGIBLE
