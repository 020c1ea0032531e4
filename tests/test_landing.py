"""`/` (decision 0045): a visitor without a session gets a small landing page leading to the public site and the
staff sign-in; signed-in staff get their work queue; an employer its own pages. The sign-in leads to the public site."""

import pytest
from django.conf import settings
from django.urls import reverse

from housing.groups import Group
from tests.factories import staff
from tests.factories.rosters import employer_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, heading", [("zh-hans", "居民和用人单位"), ("en", "For residents and employers")])
def test_a_visitor_at_the_root_is_shown_the_way_to_the_public_site_and_the_sign_in(client, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<header class="top">' in page and heading in page
    assert f'href="{reverse("publicity:home")}"' in page and f'href="{reverse("departments:login")}"' in page
    assert 'class="site-nav"' not in page  # nothing of the staff pages


def test_signed_in_staff_keep_their_work_queue_at_the_root(client):
    client.force_login(staff("ccb", "clerk"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/").content.decode()
    assert "For residents and employers" not in page
    assert 'class="site-nav"' in page and f'href="{reverse("housing:intake")}"' in page


def test_an_employer_at_the_root_is_sent_to_its_own_pages(client):
    client.force_login(employer_account(Group.INSTITUTION_TALENT).user)
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("housing:employer_home")


def test_a_staff_page_still_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("housing:application_list"))
    assert response.status_code == 302 and reverse("departments:login") in response.url


@pytest.mark.parametrize("language, text", [("zh-hans", "前往信息公开网站"), ("en", "Go to the public information site")])
def test_the_sign_in_page_links_the_public_site(client, language, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("departments:login")).content.decode()
    assert f'<a href="{reverse("publicity:home")}">{text}</a>' in page
