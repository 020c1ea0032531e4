"""R-16.d: the status lookup of a returned, refused or removed application shows its written notice: the number
and date, the reasons and articles in plain words, the supplement deadline; never an R-id, never more personal data
(docs/decisions/0032)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from housing.models import Application, WrittenNotice
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, take
from tests.support.publicity_online import resident, text  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

URL = reverse("publicity:status_lookup")
RID = re.compile(r"R-(\d|HH|X)")


def look_up(client, application: Application):
    return client.post(URL, {"application_number": application.number, "id_number": application.applicant_id_number,
                             "lookup_code": application.lookup_code})


def test_a_returned_application_shows_the_missing_materials_the_notice_and_the_deadline(resident, application):
    app = take("return_for_supplement", application, missing=("id_cards",), reason="请补交配偶身份证复印件")
    notice = WrittenNotice.objects.get(application=app)
    shown = text(look_up(resident, app))
    assert notice.number in shown
    assert f"Date of issue {notice.issued_on:%Y-%m-%d}" in shown
    assert "Resident ID cards of all applicants" in shown and "请补交配偶身份证复印件" in shown
    assert "Art. 16(2), Art. 39(3)" in shown
    assert f"Supplement deadline {notice.supplement_by:%Y-%m-%d}" in shown
    assert notice.supplement_by > timezone.localdate()
    assert not RID.search(shown)


def test_a_refusal_shows_the_failed_conditions_with_their_articles(resident, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    app = take("refuse", app, failed=("R-20.2",), reason="社保缴费不足三年（R-20.2）")
    shown = text(look_up(resident, app))
    assert WrittenNotice.objects.get(application=app).number in shown
    assert ("Condition not met: The applicant paid Shenzhen social insurance for at least 3 years in total "
            "(Art. 20(2))") in shown
    assert "社保缴费不足三年（Art. 20(2)）" in shown
    assert "Supplement deadline" not in shown
    assert not RID.search(shown)


def test_the_chinese_page_shows_the_chinese_text(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.PROPOSED)
    app = take("remove_at_recheck", app, untrue=("housing",), reason="名下有房产")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    shown = text(look_up(client, app))
    assert "复核不通过告知书" in shown and "经核查与申报不符" in shown and "第十六条第（四）项" in shown


def test_names_and_id_numbers_the_reviewer_wrote_are_masked(resident, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True, with_spouse=True), Stage.SUBSTANTIVE_REVIEW)
    spouse = app.members.exclude(relation="applicant").get()
    reason = f"{app.applicant_name}的配偶{spouse.id_number}名下有房"
    app = take("refuse", app, failed=("R-20.4",), reason=reason)
    content = look_up(resident, app).content.decode()
    assert "的配偶" in content
    for secret in (app.applicant_name, app.applicant_id_number, spouse.id_number, spouse.name):
        assert secret not in content


def test_a_stage_without_a_notice_shows_none(resident, allocation_round):
    app = take("return_for_supplement", ApplicationFactory(round=allocation_round))
    app = take("resubmit", app)  # back to the formal review: the earlier notice is history
    shown = text(look_up(resident, app))
    assert WrittenNotice.objects.get(application=app).number not in shown
    assert "Supplement deadline" not in shown
