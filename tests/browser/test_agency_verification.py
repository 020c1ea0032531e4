"""R-14, R-39.5 in a real browser: the CCB's recheck of one application asks the agencies; each agency's clerk signs
in, finds the request in its queue and answers its facts, standing by them; the CCB's recheck page then shows each
answer pre-filled with the agency and its reference. A request left unanswered past its deadline is flagged."""

import datetime
import os

import pytest
import time_machine
from django.utils import timezone

from housing.models import VerificationAnswer, VerificationRequest
from housing.verification.overdue import flag_overdue_requests
from tests.browser.signing_in import sign_in
from tests.factories import staff
from tests.factories.verification import at_recheck, with_requests

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ANSWERED = {  # agency -> (its facts' results, reference)
    "verify_planning_land": ({"housing": "true"}, "规土核〔2026〕101号"),
    "verify_family_planning": ({"family_planning": "true"}, "计生核〔2026〕7号"),
    "verify_public_security": ({"hukou": "true"}, "公户核〔2026〕15号"),
    "verify_social_security": ({"education": "true", "social_insurance": "untrue"}, "人社核〔2026〕33号"),
}  # civil affairs does not answer


def test_the_agencies_answer_and_the_recheck_shows_their_answers(live_server, page):
    base = live_server.url
    application = at_recheck()
    clerks = {code: staff(code, "clerk") for code in [*ANSWERED, "verify_civil_affairs"]}
    ccb = staff("ccb", "clerk")
    late = at_recheck()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=12)):
        with_requests(late)  # asked twelve days ago, never answered

    # The CCB asks the agencies from the recheck page.
    sign_in(page, base, ccb.username)
    page.goto(f"{base}/applications/{application.number}/recheck/")
    assert "尚未向任何部门发出核查请求" in page.inner_text("main")
    with page.expect_navigation():
        page.get_by_role("button", name="请各部门核查").click()
    assert VerificationRequest.objects.filter(application=application).count() == 5
    assert page.locator("main td.agency-answer .badge", has_text="未答复").count() == 6

    # Each agency answers its own facts from its queue.
    for code, (results, reference) in ANSWERED.items():
        sign_in(page, base, clerks[code].username)
        page.get_by_role("link", name="核查请求").first.click()
        page.wait_for_load_state()
        request = VerificationRequest.objects.get(application=application, agency__code=code)
        overdue_row = page.locator("tr", has_text="已逾期")
        assert overdue_row.count() == 1  # the late application's request to this agency
        with page.expect_navigation():
            page.locator(f"a[href='/verification/{request.pk}/']").click()
        main = page.inner_text("main")
        assert application.applicant_name in main and application.applicant_id_number not in main
        for item, result in results.items():
            page.check(f"main [name='confirmed_{item}'][value='{result}']")
            page.fill(f"main [name='reference_{item}']", reference)
        page.check("main [name='stands_by']")
        with page.expect_navigation():
            page.get_by_role("button", name="记录答复").click()
        assert "您的答复已记录" in page.inner_text("main")
        assert VerificationAnswer.objects.filter(request=request).count() == len(results)

    # The CCB's recheck shows the answers, with agency and reference, and what is still unanswered.
    sign_in(page, base, ccb.username)
    page.goto(f"{base}/applications/{application.number}/recheck/")
    main = page.inner_text("main")
    for _results, reference in ANSWERED.values():
        assert reference in main
    assert "规划国土" in main or "Planning" in main
    assert page.locator("main td.agency-answer .badge", has_text="未答复").count() == 1  # marital status
    for item in ("housing", "family_planning", "hukou", "education"):
        assert page.is_checked(f"main [name='verified_{item}'][value='true']")
    assert page.is_checked("main [name='verified_social_insurance'][value='untrue']")
    assert not page.is_checked("main [name='verified_marriage'][value='true']")

    # The late application's recheck flags the overdue requests; the job reminds the CCB in its work queue.
    page.goto(f"{base}/applications/{late.number}/recheck/")
    assert "已逾期" in page.inner_text("main")
    flag_overdue_requests()
    page.goto(f"{base}/")
    assert late.number in page.inner_text("main")
