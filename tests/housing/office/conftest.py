"""The tests of this folder read messages in English."""

from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English
