"""R-16.d: the applicant's notice cites the articles as people cite them, never the R-ids code keeps."""

import re

import pytest

from housing.cases.notices import write_applicant_notice
from housing.models import ApplicantNotice, ApplicationHistory
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, take

pytestmark = pytest.mark.django_db


def test_a_refusal_notice_names_the_articles_in_both_languages(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    take("refuse", app, reason="名下有房，不符合第十六条第（三）项 (R-16.3)")
    row = ApplicationHistory.objects.filter(application=app, event="refuse").get()
    assert row.articles  # the code keeps R-ids …

    write_applicant_notice(history_id=row.pk)

    notice = ApplicantNotice.objects.get(history=row)
    assert "第十六条" in notice.message_zh and "Art. 16" in notice.message_en
    # … and neither language shows one, not even one a reviewer typed into the reason.
    assert not re.search(r"R-\w", notice.message_zh + notice.message_en)
