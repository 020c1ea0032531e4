"""R-16.d: the intake form offers an optional contact e-mail; a malformed one is refused with a clear error and
an application registered with one keeps it (the notices then also go by e-mail)."""

import pytest
from django.utils import translation

from housing.review.forms.intake import IntakeForm
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def form_with(email: str, allocation_round) -> IntakeForm:
    form = IntakeForm(data={"round": allocation_round.pk, "group": "no_housing", "form": "public_rental",
                            "contact_phone": "13812345678", "contact_email": email})
    form.is_valid()
    return form


def test_a_malformed_address_is_refused_in_the_users_language(allocation_round):
    with translation.override("zh-hans"):  # the messages are read while Chinese is the language, as a page would
        errors = {field: [str(m) for m in messages]
                  for field, messages in form_with("zhang@", allocation_round).errors.items()}
    assert "contact_email" in errors and any("电子邮件" in e or "有效" in e for e in errors["contact_email"])


def test_the_address_is_optional_and_kept(allocation_round):
    form = form_with("", allocation_round)
    assert "contact_email" not in form.errors and form.facts()["contact_email"] == ""
    assert form_with(" zhang@example.cn ", allocation_round).facts()["contact_email"] == "zhang@example.cn"
    app = ApplicationFactory(round=allocation_round, facts={"contact_phone": "13812345678",
                                                           "contact_email": "zhang@example.cn"})
    assert app.contact_email == "zhang@example.cn"
