import pytest

from tests.factories.staff import staff
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def reviewer(db):
    return staff("ccb", "reviewer")


@pytest.fixture
def head(db):
    """Decides terminations, extensions, court requests and buy-backs (the duties table: a CCB head)."""
    return staff("ccb", "head")


@pytest.fixture
def inspector(db):
    return staff("discipline", "clerk", "reviewer", "head")
