"""The confirmation mechanism itself (docs/decisions/0047): the digest covers the state, not the wording; a
rehearsal leaves nothing behind and raises what the act raises."""

import pytest
from django.db import transaction

from housing.exceptions import InvalidInput
from departments.models import Unit
from housing.models import Reminder
from housing.web.confirmation import Confirmation, rehearse

pytestmark = pytest.mark.django_db


def _statement(basis, title="A"):
    return Confirmation(title=title, lead="", confirm_label="", basis=basis)


def test_the_digest_follows_the_state_and_not_the_words():
    assert _statement({"v": 1}, "审核").digest == _statement({"v": 1}, "Review").digest
    assert _statement({"v": 1}).digest != _statement({"v": 2}).digest
    assert _statement({"a": 1, "b": 2}).digest == _statement({"b": 2, "a": 1}).digest


def _remind(key):
    return Reminder.objects.create(key=key, kind=Reminder.Kind.SUBSIDY_BATCH, text="x", due_on="2026-01-01",
                                   unit=Unit.objects.get(code="finance"))


def test_a_rehearsal_returns_what_the_act_returned_and_keeps_nothing(django_capture_on_commit_callbacks):
    def act():
        transaction.on_commit(lambda: None)  # e.g. a message to the applicant: dropped with the rollback
        return _remind("rehearsed").key

    with django_capture_on_commit_callbacks() as queued:
        assert rehearse(act) == "rehearsed"
    assert not Reminder.objects.filter(key="rehearsed").exists() and queued == []


def test_a_rehearsal_raises_what_the_act_refuses():
    def act():
        _remind("refused")
        raise InvalidInput("no")

    with pytest.raises(InvalidInput):
        rehearse(act)
    assert not Reminder.objects.filter(key="refused").exists()
