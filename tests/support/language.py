"""Tests that read the portal's messages in English (the Chinese catalogue is checked by tests/test_translations.py).

A folder's conftest imports ``english`` to apply it to every test there."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
