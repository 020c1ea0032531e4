"""The notice-day cache (docs/decisions/0012): pages served from the cache without the database, made
stale by every change of a list the moment it commits, one copy per language and day, nothing per visitor."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from housing.stages import Stage
from publicity import cache as public_cache
from publicity.models import RegisterEntry
from tests.factories import staff, take
from tests.factories.workflow import reload
from tests.support.public_site import build_public_site

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}


@pytest.fixture
def site(clock, django_capture_on_commit_callbacks):
    # As if the site had been built in transactions of its own, committed: their bumps have run.
    with django_capture_on_commit_callbacks(execute=True):
        return build_public_site(clock)


def test_the_second_visit_is_served_from_the_cache_without_the_database(site, django_assert_num_queries):
    url = f"/public/notices/{site.running.pk}/"
    first = Client().get(url)
    assert first["X-Public-Cache"] == "miss"
    Client().get(f"{url}list.xlsx")
    with django_assert_num_queries(0):
        second = Client().get(url)
        download = Client().get(f"{url}list.xlsx")
    assert second["X-Public-Cache"] == "hit" and second.content == first.content
    assert download["X-Public-Cache"] == "hit" and download.content.startswith(b"PK")


def test_a_cached_page_is_the_same_for_every_visitor(site):
    url = "/public/register/"
    Client().get(url)
    visitor = Client()
    visitor.cookies["sessionid"] = "someone-elses-session"
    visitor.cookies["csrftoken"] = "x" * 32
    response = visitor.get(url)
    assert response["X-Public-Cache"] == "hit"
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "Cookie" in response["Vary"] and response["Content-Language"] == "zh-hans"


def test_an_upheld_objection_takes_the_entry_off_the_page_at_once(site, django_capture_on_commit_callbacks):
    url = f"/public/notices/{site.running.pk}/"
    assert "赵*六" in Client().get(url).content.decode()
    assert Client().get(url)["X-Public-Cache"] == "hit"
    frozen = reload(site.applications["赵六六"])
    with django_capture_on_commit_callbacks(execute=True):
        take("uphold_objection", frozen)  # publicity.services.decide_objection
    assert reload(frozen).stage == Stage.REMOVED_ON_OBJECTION
    after = Client().get(url)
    assert after["X-Public-Cache"] == "miss"
    assert "赵*六" not in after.content.decode() and "欧**锋" in after.content.decode()
    assert "赵*六" not in Client().get(f"{url}list.csv").content.decode()
    assert "赵*六" not in Client().get(url, {"name": "赵"}).content.decode()  # the cached rows too


def test_without_the_commit_the_page_stays_as_cached(site):
    """The cache really answers: a change whose transaction has not committed does not reach the page
    (the test's own transaction never commits, so its on_commit callbacks never run)."""
    url = f"/public/notices/{site.running.pk}/"
    Client().get(url)
    take("uphold_objection", reload(site.applications["赵六六"]))
    assert "赵*六" in Client().get(url).content.decode()


def test_a_rolled_back_change_leaves_the_cache_alone(site, django_capture_on_commit_callbacks):
    before = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            RegisterEntry.objects.filter(pk=site.person_entry.pk).first().save()
            raise RuntimeError
    assert callbacks == [] and public_cache.generation() == before


@pytest.mark.parametrize("change", ["register", "supply_notice", "employer", "withdraw"])
def test_every_change_of_what_the_pages_show_makes_them_stale(site, change, django_capture_on_commit_callbacks):
    before = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "register":
            entry = site.person_entry
            entry.published = False
            entry.save()
        elif change == "supply_notice":
            notice = site.round.supply_notice
            notice.title = "更正后的标题"
            notice.save()
        elif change == "employer":
            site.round.applications.filter(employer__isnull=False).first().employer.save()
        else:
            take("withdraw", reload(site.applications["王五"]))
    assert public_cache.generation() != before


def test_work_on_applications_off_any_list_leaves_the_pages_cached(site, django_capture_on_commit_callbacks):
    announced = reload(site.applications["陈大文"])
    before = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        take("issue_selection_notice", announced)  # after the announcement: no public list changes
    assert public_cache.generation() == before


@pytest.fixture
def bumps(monkeypatch):
    counted = []
    real = public_cache.invalidate_public_pages
    monkeypatch.setattr(public_cache, "invalidate_public_pages", lambda: (counted.append(1), real()))
    return counted


def test_one_transaction_bumps_the_generation_once(db, bumps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for _ in range(3):
                public_cache.invalidate_on_commit()
    assert len(bumps) == 1
    with django_capture_on_commit_callbacks(execute=True):
        public_cache.invalidate_on_commit()  # the next transaction bumps again
    assert len(bumps) == 2


def test_a_savepoint_rolled_back_does_not_take_the_bump_of_a_change_that_stays(db, bumps,
                                                                              django_capture_on_commit_callbacks):
    before = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            with pytest.raises(RuntimeError), transaction.atomic():
                public_cache.invalidate_on_commit()
                raise RuntimeError
            public_cache.invalidate_on_commit()  # the change that stays
    assert len(bumps) == 1 and public_cache.generation() != before


def test_languages_never_mix(site):
    url = f"/public/notices/{site.running.pk}/"
    chinese = Client().get(url)
    english = Client().get(url, **ENGLISH)
    assert english["X-Public-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode() and english["Content-Language"] == "en"
    again = Client().get(url)
    assert again["X-Public-Cache"] == "hit" and '<html lang="zh-Hans">' in again.content.decode()
    assert again.content == chinese.content
    assert Client().get(url, **ENGLISH).content == english.content
    # An unknown language cookie is the default language, as for ChosenLanguageMiddleware.
    odd = Client().get(url, HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=xx")
    assert odd["X-Public-Cache"] == "hit" and odd.content == chinese.content


def test_a_new_day_is_a_new_page(site, clock):
    """Pages say whether objections are open today: a page of yesterday is not served today."""
    url = f"/public/notices/{site.running.pk}/"
    Client().get(url)
    clock.travel_to(site.running.ends_on + datetime.timedelta(days=1))
    after = Client().get(url)
    assert after["X-Public-Cache"] == "miss"
    assert "/objections/new/" not in after.content.decode()


def test_searches_are_answered_afresh_and_pages_outside_public_are_never_cached(site):
    url = f"/public/notices/{site.running.pk}/"
    Client().get(url, {"name": "张"})
    assert "X-Public-Cache" not in Client().get(url, {"name": "张"}).headers
    Client().get(url, {"utm_source": "x"})
    assert "X-Public-Cache" not in Client().get(url, {"utm_source": "x"}).headers
    assert "X-Public-Cache" not in Client().get("/accounts/login/").headers
    assert "X-Public-Cache" not in Client().get("/public/language/en/").headers


def test_a_revisit_with_the_etag_gets_not_modified(site):
    first = Client().get("/public/")
    again = Client().get("/public/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert Client().get("/public/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_head_is_answered_from_the_cache(site):
    Client().get("/public/register/")
    assert Client().head("/public/register/")["X-Public-Cache"] == "hit"


def test_a_page_that_sets_a_cookie_is_never_stored(db):
    def view(request):
        response = HttpResponse("<p>x</p>")
        response.set_cookie("tracker", "1")
        response.public_cache_params = frozenset()
        return response

    middleware = public_cache.PublicPageCacheMiddleware(view)
    request = RequestFactory().get("/public/anything/")
    middleware(request)
    key = public_cache.page_key(request, settings.LANGUAGE_CODE)
    assert cache.get(key) is None


def test_a_cache_that_does_not_answer_still_serves_the_page(site, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    response = Client().get("/public/")
    assert response.status_code == 200 and "X-Public-Cache" not in response.headers


def test_a_generation_lost_from_the_cache_never_revives_old_pages(site):
    Client().get("/public/")
    cache.delete(public_cache.GENERATION_KEY)
    assert Client().get("/public/")["X-Public-Cache"] == "miss"
    assert Client().get("/public/")["X-Public-Cache"] == "hit"
    public_cache.invalidate_public_pages()
    assert Client().get("/public/")["X-Public-Cache"] == "miss"
