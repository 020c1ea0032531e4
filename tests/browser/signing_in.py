"""Signing in as staff do: the sign-in page, the password, and for a head the authenticator's code
(docs/decisions/0029), in the language chosen with the language switch (the ``django_language`` cookie)."""

from tests.departments.test_login import app_code
from tests.factories import PASSWORD


def sign_in(page, base, username, *, language="zh-hans", password=PASSWORD, device=None, fresh=True):
    """``fresh``: forget the cookies of the one signed in before; ``device``: a head's authenticator."""
    if fresh:
        page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form [type='submit']").first.click()
    if device is not None:
        page.fill("main [name='code']", app_code(device))
        with page.expect_navigation():
            page.locator("main form [type='submit']").first.click()
    assert "/accounts/" not in page.url, page.inner_text("main")[:500]
