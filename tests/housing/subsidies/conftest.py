import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """These tests read the clerk's messages in English (the Chinese ones are checked by tests/test_translations.py)."""
    with translation.override("en"):
        yield
