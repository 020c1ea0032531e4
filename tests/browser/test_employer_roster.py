"""An employer's roster in a real browser (R-9–11, R-16.2, R-16.8): the employer uploads 30 households with two
bad rows, sees both named by row and column, uploads the corrected file and submits it; the talent unit
responsible accepts it; the 30 applications await formal review, each history naming the roster."""

import os

import pytest

from departments.models import StaffUser, Unit
from housing.groups import Group
from housing.models import Application, ApplicationHistory, Roster
from housing.stages import Stage
from tests.browser.signing_in import sign_in
from tests.factories import AllocationRoundFactory
from tests.factories.rosters import ACCOUNT_PASSWORD, as_xlsx, employer_account, roster_table

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-roster-2026"


def test_upload_fix_submit_accept(page, live_server, tmp_path):
    account = employer_account(Group.INSTITUTION_TALENT, username="hospital_hr", name="深圳市龙华区教育科学研究院")
    StaffUser.objects.create_user(username="org_reviewer", password=PASSWORD,
                                  unit=Unit.objects.get(code="org_personnel"), roles=["reviewer"])
    round_ = AllocationRoundFactory()
    good = roster_table(30)
    bad = [list(row) for row in good]
    bad[5][3] = bad[5][3][:-1] + ("0" if bad[5][3][-1] != "0" else "1")  # row 6: a wrong check digit
    bad[40][10] = "经济适用住房"  # row 41: a form the group may not receive
    (tmp_path / "bad.xlsx").write_bytes(as_xlsx(bad))
    (tmp_path / "good.xlsx").write_bytes(as_xlsx(good))
    base = live_server.url

    sign_in(page, base, "hospital_hr", language="en", password=ACCOUNT_PASSWORD)
    assert page.url.endswith("/employer/")  # the sign-in lands on the employer's own page, not the work queue
    assert "Work queue" not in page.inner_text("header.top")
    page.goto(f"{base}/")  # the staff site's home
    assert page.url.endswith("/employer/")

    page.get_by_role("link", name="Submit a roster").first.click()
    page.select_option("#id_round", str(round_.pk))
    page.set_input_files("#id_file", str(tmp_path / "bad.xlsx"))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    problems = page.inner_text("#problems-h + ul")
    assert "Row 6, column “ID number”" in problems
    assert "Row 41, column “form of guarantee”" in problems
    assert page.locator("#problems-h").inner_text().startswith("2 problems")
    assert not Roster.objects.exists()

    page.get_by_role("link", name="Upload a corrected file").click()
    page.select_option("#id_round", str(round_.pk))
    page.set_input_files("#id_file", str(tmp_path / "good.xlsx"))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    assert "30 households, 60 persons" in page.inner_text("#summary-h + p")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit this roster").click()
    roster = Roster.objects.get(employer=account.employer)
    assert roster.number in page.inner_text("h1")
    assert "Awaiting the talent unit" in page.inner_text("main")

    sign_in(page, base, "org_reviewer", language="en", password=PASSWORD)
    page.get_by_role("link", name="Employers' rosters").click()
    with page.expect_navigation():
        page.get_by_role("link", name=roster.number).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept: register 30 applications").click()
    assert "30 applications now await formal review" in page.inner_text(".messages")

    applications = Application.objects.filter(roster_entry__roster=roster)
    assert applications.count() == 30
    assert set(applications.values_list("stage", flat=True)) == {Stage.SUBMITTED}
    assert ApplicationHistory.objects.filter(application__in=applications, event="intake",
                                             payload__roster=roster.number).count() == 30

    first = applications.order_by("number").first()
    page.goto(f"{base}/applications/{first.number}/")
    assert roster.number in page.inner_text("main")  # the history names the roster

    sign_in(page, base, "hospital_hr", language="en", password=ACCOUNT_PASSWORD)
    people = page.inner_text("#people-h + .table-scroll")
    assert first.number in people and "Awaiting formal review" in people
    assert first.applicant_id_number not in people  # masked
