"""Rate limits of the public forms and lookups (docs/decisions/0013): per client IP, fixed windows, in the cache;
over the limit a 429 page says when to retry and nothing is saved."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from housing.stages import Stage
from publicity.online import ratelimit
from publicity.masking import mask_name
from publicity.models import Inquiry, Objection
from tests.factories import reload
from tests.support.publicity_online import entry_value, in_notice, inquiry_url, notice, objection_url, resident, text

pytestmark = pytest.mark.django_db

LOOKUP = reverse("publicity:objection_lookup")


@pytest.fixture
def limits(settings):
    """Small limits, so a test sends a few requests; the window is the real one."""
    settings.PUBLIC_RATE_LIMITS = {"filing": (2, 3600), "lookup": (3, 60), "status": (3, 60),
                                   "status_number": (100, 3600)}
    return settings.PUBLIC_RATE_LIMITS


def question(**changes):
    return {"asker_name": "赵六", "asker_contact": "13800138000", "question": "何时选房？", "entry": "", **changes}


def test_filings_over_the_limit_get_429_saying_when_to_retry_and_nothing_is_saved(resident, notice, in_notice,
                                                                                    limits):
    # Objections and inquiries share one allowance; a refused form counts too (each is a submission).
    assert resident.post(inquiry_url(notice), question()).status_code == 302
    assert resident.post(inquiry_url(notice), question(asker_contact="nowhere")).status_code == 400
    page = resident.get(objection_url(notice))  # showing the form is not a submission
    assert page.status_code == 200

    over = resident.post(objection_url(notice), {
        "objector_name": "李四", "objector_contact": "13900139000", "reasons": "名下有房",
        "entry": entry_value(page, mask_name(in_notice.applicant_name))})

    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 3600
    shown = text(over)
    assert "Too many requests" in shown and "nothing was saved" in shown and "try again in" in shown
    assert not Objection.objects.exists()
    assert Inquiry.objects.count() == 1
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE


def test_lookups_over_the_limit_get_429_and_the_blank_form_is_not_counted(resident, limits):
    for _ in range(5):
        assert resident.get(LOOKUP).status_code == 200
    for _ in range(3):
        assert resident.get(LOOKUP, {"receipt": "YY-20260101-00000000", "contact": "13800138000"}).status_code == 200
    over = resident.get(LOOKUP, {"receipt": "YY-20260101-00000000", "contact": "13800138000"})
    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 60


def test_status_lookups_over_the_limit_get_429(resident, limits):
    url, data = reverse("publicity:status_lookup"), {"application_number": "x", "id_number": "y"}
    for _ in range(3):
        assert resident.post(url, data).status_code == 200
    assert resident.post(url, data).status_code == 429


def test_each_address_has_its_own_allowance(resident, limits):
    params = {"receipt": "YY-20260101-00000000", "contact": "13800138000"}
    for _ in range(3):
        resident.get(LOOKUP, params, REMOTE_ADDR="203.0.113.1")
    assert resident.get(LOOKUP, params, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert resident.get(LOOKUP, params, REMOTE_ADDR="203.0.113.2").status_code == 200


def test_a_new_window_starts_a_new_allowance(resident, limits, monkeypatch):
    params = {"receipt": "YY-20260101-00000000", "contact": "13800138000"}
    now = 1_800_000_000.0  # a window boundary (divisible by 60)
    monkeypatch.setattr(ratelimit.time, "time", lambda: now + 10)
    for _ in range(3):
        resident.get(LOOKUP, params)
    over = resident.get(LOOKUP, params)
    assert (over.status_code, over["Retry-After"]) == (429, "50")
    monkeypatch.setattr(ratelimit.time, "time", lambda: now + 61)
    assert resident.get(LOOKUP, params).status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(resident, limits, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    params = {"receipt": "YY-20260101-00000000", "contact": "13800138000"}
    for n in range(3):
        resident.get(LOOKUP, params, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert resident.get(LOOKUP, params, HTTP_X_FORWARDED_FOR="198.51.100.77").status_code == 429


@pytest.mark.parametrize(("proxies", "remote", "forwarded", "client"), [
    (0, "10.0.0.5", "", "10.0.0.5"),
    (0, "10.0.0.5", "203.0.113.9", "10.0.0.5"),  # no proxy of ours: the header is the client's own say
    (1, "10.0.0.5", "203.0.113.9", "203.0.113.9"),
    (1, "10.0.0.5", "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the forged left part is ignored
    (2, "10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.4", "203.0.113.9"),
    (2, "10.0.0.5", "203.0.113.9", "203.0.113.9"),  # a shorter chain than proxies: its first entry
    (1, "10.0.0.5", "", "10.0.0.5"),
    (1, "10.0.0.5", "not-an-ip", "10.0.0.5"),
    (1, "10.0.0.5", "2001:db8::1", "2001:db8::1"),
])
def test_the_client_address(settings, proxies, remote, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **extra)
    assert ratelimit.client_ip(request) == client


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(resident, limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    params = {"receipt": "YY-20260101-00000000", "contact": "13800138000"}
    for _ in range(3):
        resident.get(LOOKUP, params, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert resident.get(LOOKUP, params, REMOTE_ADDR="10.0.0.1",
                        HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert resident.get(LOOKUP, params, REMOTE_ADDR="10.0.0.1",
                        HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200
