"""A real Chromium driven by Playwright against the live test server (Debian's /usr/bin/chromium; no download)."""

import os
import shutil

import pytest

from tests.support.developer_words import developer_words

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


# Sends the visible text of each document the main frame loads, once it has loaded, to the test (below). An init
# script and a binding run outside the page's content security policy, so the pages under test stay as they are.
RECORD_TEXT = """
if (window === window.top) {
  window.addEventListener("load", () => {
    try { window.__recordPageText(location.href, document.title + "\\n" + document.body.innerText); } catch (e) {}
  });
}
"""
SHOWN_TEXT = "document.title + '\\n' + document.body.innerText"


class ReadingBrowser:
    """The browser, whose every new context reports the text of each page it loads to the running test."""

    def __init__(self, browser):
        self._browser = browser
        self.seen: list[tuple[str, str]] = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.expose_binding("__recordPageText", lambda _source, url, text: self.seen.append((url, text)))
        context.add_init_script(RECORD_TEXT)
        return context

    def read_open_pages(self, context) -> None:
        """What scripts changed after the load, on every page of ``context`` still open."""
        for other in context.pages:
            try:
                self.seen.append((other.url, other.evaluate(SHOWN_TEXT)))
            except Exception:  # a page closing, or a download with no document: nothing shown to read
                pass


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield ReadingBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_developer_words(request):
    """Every page a browser test loads is read as a person sees it; the test fails at teardown if one shows a
    developer identifier (an R-id, a field path, a file path, a code: tests/support/developer_words)."""
    if "browser" not in request.fixturenames:
        yield
        return
    reader = request.getfixturevalue("browser")
    reader.seen.clear()
    yield
    shown = [(url, words) for url, text in reader.seen if (words := developer_words(text))]
    reader.seen.clear()
    assert not shown, "developer words on pages people read: " + "; ".join(
        f"{url}: {', '.join(dict.fromkeys(words))}" for url, words in shown)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    browser.read_open_pages(context)
    context.close()
