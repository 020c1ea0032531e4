"""Acts that publish, pay, end a tenancy or cannot be undone answer their first POST with a confirmation page;
these helpers read it and post it back, as a user clicking "confirm" would (docs/decisions/0047)."""

from tests.housing.conftest import page_text


def is_confirmation(response) -> bool:
    """A confirmation page: 200 when first shown, 409 when shown afresh after what it states changed."""
    return response.status_code in (200, 409) and 'id="confirm-act"' in response.content.decode()


def confirmation_text(response) -> str:
    assert is_confirmation(response), f"no confirmation page (status {response.status_code})"
    return page_text(response)


def confirm(portal, response, url: str, changes: dict | None = None):
    """Post the confirmation form of ``response`` (which must be a confirmation page for ``url``)."""
    assert is_confirmation(response), f"no confirmation page (status {response.status_code})"
    form = portal.page_form(response, action=url)
    return portal.post(url, portal.fill(form, changes))


def post_and_confirm(portal, url: str, data: dict):
    """The act as a user performs it: the button's POST, then the confirmation's."""
    return confirm(portal, portal.post(url, data), url)


def through(portal, response, url: str):
    """The act's response once confirmed, for tests of other matters that meet a confirmation on the way."""
    return confirm(portal, response, url) if is_confirmation(response) else response
