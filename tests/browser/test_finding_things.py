"""Finding things in a real browser (decision 0045): a visitor at `/` reaches the public site and the staff sign-in;
on a 390-px phone every kind of public page, and the error pages, fit the screen without scrolling sideways, in
both languages; the header offers a reviewer, a clerk and Finance only their own chapters, and folds behind a menu
on a phone."""

import os

import pytest
from django.urls import reverse

from tests.browser.signing_in import sign_in
from tests.factories import staff
from tests.support.public_site import build_public_site
from tests.support.ranked_notice import ranked_notice

# The live server answers from another thread, so the data must be really committed.
pytestmark = [pytest.mark.django_db(transaction=True)]

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("zh-hans", "en")


def in_language(page, base, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_at_the_root_reaches_the_public_site_and_the_sign_in(live_server, page, language):
    base = live_server.url
    in_language(page, base, language)
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    assert scroll_width(page) <= PHONE["width"]
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('publicity:home')}']").first.click()
    assert page.url == f"{base}{reverse('publicity:home')}"
    assert page.locator("header.public-top").count() == 1

    page.goto(f"{base}/")
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('departments:login')}']").first.click()
    assert reverse("departments:login") in page.url and page.locator("#id_username").is_visible()
    # and back from the sign-in to the public site
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('publicity:home')}']").click()
    assert page.url == f"{base}{reverse('publicity:home')}"


def public_pages(site, ranked) -> dict[str, str]:
    running, announced = site.running.pk, site.announced.pk
    return {
        "home": reverse("publicity:home"),
        "supply notice": reverse("publicity:supply_notice", args=[site.round.supply_notice.pk]),
        "running notice": reverse("publicity:notice", args=[running]),
        "notice with a frozen entry and a lottery": reverse("publicity:notice", args=[ranked.notice.pk]),
        "a search in a notice": reverse("publicity:notice", args=[running]) + "?name=%E5%BC%A0",
        "announcements": reverse("publicity:announcements"),
        "announcement": reverse("publicity:announcement", args=[announced]),
        "lottery page": reverse("publicity:lottery_result", args=[ranked.ranking.pk]),
        "key enterprises": reverse("publicity:key_enterprises"),
        "register": reverse("publicity:register"),
        "screener": reverse("publicity:screener"),
        "screener result": reverse("publicity:screener_group", args=["no_housing"]) + "?form=public_rental&check=1",
        "talent screener result": reverse("publicity:screener_group", args=["institution_talent"])
        + "?form=public_rental&check=1&marital_status=married",
        "status lookup": reverse("publicity:status_lookup"),
        "objection form": reverse("publicity:objection_file", args=[running]),
        "inquiry form": reverse("publicity:inquiry_file", args=[running]),
        "objection lookup": reverse("publicity:objection_lookup"),
        "public 404": "/public/no-such-page/",
        "staff 404": "/no-such-page/",
    }


def test_every_public_page_fits_a_390_px_phone_in_both_languages(live_server, page, clock, round_with_homes,
                                                                   settings):
    site = build_public_site(clock)
    ranked = ranked_notice(round_with_homes)
    base = live_server.url
    page.set_viewport_size(PHONE)
    too_wide = []
    for language in LANGUAGES:
        in_language(page, base, language)
        for name, path in public_pages(site, ranked).items():
            response = page.goto(base + path)
            assert response.status == (404 if "404" in name else 200), (name, response.status)
            if scroll_width(page) > PHONE["width"]:
                too_wide.append(f"{name} ({language}): {scroll_width(page)} px")
        # the header is compact: the brand, the menu button and the other language, not the whole screen
        page.goto(base + reverse("publicity:home"))
        assert page.locator("header.top").bounding_box()["height"] < 130
        assert not page.locator("nav.public-nav").is_visible()
        page.locator("details.public-menu > summary").click()
        assert page.locator(f"nav.public-nav a[href='{reverse('publicity:status_lookup')}']").is_visible()

    # the 429 of the public forms' rate limits, in the public layout
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status": (1, 60)}
    for _attempt in range(2):
        page.goto(base + reverse("publicity:status_lookup"))
        page.fill("#id_application_number", "LH-2026-C3-000001")
        page.fill("#id_id_number", "440306199001010011")
        page.fill("#id_lookup_code", "K7QM-3XPA")
        with page.expect_navigation():
            page.locator("main form [type='submit']").first.click()
    assert page.locator("h1").inner_text() == "Too many requests"
    if scroll_width(page) > PHONE["width"]:
        too_wide.append(f"429: {scroll_width(page)} px")
    assert not too_wide, "; ".join(too_wide)


def test_the_lottery_page_is_linked_from_its_notice(live_server, page, round_with_homes):
    ranked = ranked_notice(round_with_homes)
    base = live_server.url
    in_language(page, base, "zh-hans")
    page.goto(base + reverse("publicity:notice", args=[ranked.notice.pk]))
    frozen = page.locator("table.entries tbody tr.frozen")
    assert frozen.count() == 1 and ranked.frozen.number in frozen.inner_text()
    assert "已冻结" in frozen.inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="查看摇号结果并自行复核").click()
    assert page.url == base + reverse("publicity:lottery_result", args=[ranked.ranking.pk])
    assert page.input_value("#redraw-seed") == ranked.ranking.seed


# Each login's chapters in the header (housing/web/navigation.py), and a link of another role's chapter it must
# not be offered although its unit may read the page.
HEADERS = [
    (("ccb", "clerk"), {"Applications and intake", "Publicity", "Allocation", "After allocation", "Oversight"},
     "housing:statistics"),
    (("ccb", "reviewer"), {"Applications and intake", "Publicity", "Allocation", "Oversight"}, "housing:stock_list"),
    (("finance", "reviewer"), {"Applications and intake", "After allocation"}, "housing:plan_list"),
]


@pytest.mark.parametrize("account, chapters, not_offered", HEADERS, ids=lambda v: "-".join(v) if isinstance(v, tuple) else None)
def test_the_header_offers_each_role_its_own_chapters(live_server, page, account, chapters, not_offered):
    user = staff(*account)
    base = live_server.url
    sign_in(page, base, user.username, language="en")
    titles = {t.strip() for t in page.locator("header.top .nav-title").all_inner_texts()}
    assert {t.casefold() for t in titles} == {c.casefold() for c in chapters}
    assert page.locator(f"header.top nav a[href='{reverse(not_offered)}']").count() == 0
    register = page.locator(f"header.top nav a[href='{reverse('housing:intake')}']")
    assert register.count() == (1 if account == ("ccb", "clerk") else 0)
    if register.count():
        assert register.is_visible() and register.inner_text() == "Register an application"

    # on a phone the header folds behind a menu and fits the screen
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    assert page.locator("header.top").bounding_box()["height"] < 130
    assert not page.locator("header.top nav.site-nav").is_visible()
    page.locator("details.site-menu > summary").click()
    assert page.locator("header.top nav.site-nav a.nav-home").is_visible()
    assert scroll_width(page) <= PHONE["width"]
