from django.utils import translation
import pytest

from tests.factories.staff import staff


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def reviewer(db):
    return staff("ccb", "reviewer")


@pytest.fixture
def inspector(db):
    return staff("discipline", "clerk", "reviewer", "head")


@pytest.fixture(autouse=True)
def english():
    """These tests read messages in English (the Chinese ones are checked by tests/test_translations.py)."""
    with translation.override("en"):
        yield
