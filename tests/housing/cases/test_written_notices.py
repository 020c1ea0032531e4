"""R-16.d: the written notice (告知书) of a return for supplement, a refusal and a removal (docs/decisions/0032).

Issued by the step itself, once, numbered per year; its text frozen in Chinese and English; the return's form sets
the supplement deadline; staff who may see the application print it; nobody else can read it.
"""

import datetime
import json
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from housing.cases.checklists import REQUIRED
from housing.cases.written_notices import SUPPLEMENT_DAYS, notice_number
from housing.models import Application, ApplicationHistory, FormalReview, WrittenNotice
from housing.models.written_notice import ImmutableNotice
from housing.review.services import reviews
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, reload, staff, take
from tests.factories.workflow import BRANCHES, HOUSING_ROAD
from tests.housing.conftest import field_error, page_text, strip_tags
from tests.markers import postgres_only
from tests.support.materials import hand_in

pytestmark = pytest.mark.django_db

RID = re.compile(r"R-(\d|HH|X)")
NOTICE_STEPS = {
    "return_for_supplement": WrittenNotice.Kind.RETURN,
    "refuse": WrittenNotice.Kind.REFUSAL,
    "remove_at_recheck": WrittenNotice.Kind.REMOVAL,
    "uphold_objection": WrittenNotice.Kind.REMOVAL,
}
STAGE_OF_STEP = {step: stage for stage, (_source, step) in BRANCHES.items()}


def number_pattern(year: int) -> re.Pattern:
    return re.compile(rf"龙华住保告〔{year}〕\d{{4}}号")


def to_step(step: str, application: Application, **options) -> Application:
    source = BRANCHES[STAGE_OF_STEP[step]][0]
    return take(step, advance(application, source), **options)


def english(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def notice_url(notice: WrittenNotice) -> str:
    return reverse("housing:written_notice", args=[notice.application.number, notice.pk])


# --- issued by the step, once ----------------------------------------------------------------------------
@pytest.mark.parametrize("step", list(NOTICE_STEPS))
def test_each_step_issues_exactly_one_notice_of_its_kind_with_number_and_date(allocation_round, step):
    app = to_step(step, ApplicationFactory(round=allocation_round))
    today = timezone.localdate()
    [notice] = WrittenNotice.objects.filter(application=app)
    last = ApplicationHistory.objects.filter(application=app).order_by("-seq").first()
    assert (notice.kind, notice.history, last.event) == (NOTICE_STEPS[step], last, step)
    assert number_pattern(today.year).fullmatch(notice.number)
    assert notice.issued_on == today
    assert (notice.supplement_by is not None) == (step == "return_for_supplement")
    assert notice.text_zh["number"] == notice.text_en["number"] == notice.number


def test_the_steps_of_the_main_road_issue_no_notice(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), HOUSING_ROAD[-1])
    assert app.stage == Stage.FILED
    assert not WrittenNotice.objects.exists()


def test_numbers_run_on_through_the_year_one_per_notice(allocation_round):
    issued = [to_step(step, ApplicationFactory(round=allocation_round)) for step in NOTICE_STEPS]
    year = timezone.localdate().year
    numbers = list(WrittenNotice.objects.filter(application__in=issued).order_by("serial")
                   .values_list("serial", "number"))
    assert numbers == [(n, notice_number(year, n)) for n in range(1, 5)]
    assert numbers[0][1] == f"龙华住保告〔{year}〕0001号"


def test_a_returned_application_returned_again_gets_a_second_notice(allocation_round):
    app = take("return_for_supplement", ApplicationFactory(round=allocation_round))
    app = take("return_for_supplement", take("resubmit", app), missing=("hukou_booklet",))
    first, second = WrittenNotice.objects.filter(application=app).order_by("serial")
    assert second.serial == first.serial + 1 and first.history.seq < second.history.seq


def test_an_issued_notice_never_changes(allocation_round):
    app = take("return_for_supplement", ApplicationFactory(round=allocation_round))
    notice = WrittenNotice.objects.get(application=app)
    notice.text_zh = {"title": "改"}
    with pytest.raises(ImmutableNotice):
        notice.save()
    with pytest.raises(ImmutableNotice):
        WrittenNotice.objects.filter(pk=notice.pk).update(supplement_by=timezone.localdate())
    with pytest.raises(ImmutableNotice):
        WrittenNotice.objects.filter(pk=notice.pk).delete()
    assert WrittenNotice.objects.get(pk=notice.pk).text_zh["title"] == "补正材料告知书"


# --- what the notice says ----------------------------------------------------------------------------
def test_a_return_lists_the_missing_materials_and_the_deadline(allocation_round):
    app = take("return_for_supplement", ApplicationFactory(round=allocation_round),
               missing=("id_cards", "hukou_booklet"), reason="户口簿缺少户主页")
    notice = WrittenNotice.objects.get(application=app)
    due = timezone.localdate() + datetime.timedelta(days=SUPPLEMENT_DAYS)
    assert notice.supplement_by == due
    assert notice.text_zh["reasons"] == ["申请人及全部共同申请人的居民身份证", "申请人及全部共同申请人的户口簿"]
    assert notice.text_en["reasons"] == ["Resident ID cards of all applicants", "Hukou booklets of all applicants"]
    assert notice.text_zh["statement"] == notice.text_en["statement"] == "户口簿缺少户主页"
    assert notice.text_zh["articles"] == ["第十六条第（二）项", "第三十九条第（三）项"]
    assert notice.text_en["articles"] == ["Art. 16(2)", "Art. 39(3)"]
    assert f"{due.year}年{due.month}月{due.day}日" in notice.text_zh["deadline"]
    assert due.isoformat() in notice.text_en["deadline"]
    assert "60 days" in " ".join(notice.text_en["review"]) and "6 months" in " ".join(notice.text_en["review"])
    assert "六十日" in " ".join(notice.text_zh["review"]) and "六个月" in " ".join(notice.text_zh["review"])


def test_a_refusal_names_each_failed_condition_with_its_article_and_no_rid(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    app = take("refuse", app, failed=("R-HH.2", "R-20.2"), reason="社保缴费不足三年，见R-20.2")
    notice = WrittenNotice.objects.get(application=app)
    assert notice.unit == "ccb"  # the CCB decides C3
    assert notice.text_en["articles"] == ["Art. 20(2)", "Art. 20(6)"]
    assert notice.text_zh["articles"] == ["第二十条第（二）项", "第二十条第（六）项"]
    assert notice.text_en["reasons"][0] == ("Condition not met: The applicant paid Shenzhen social insurance for at "
                                            "least 3 years in total (Art. 20(2))")
    assert notice.text_zh["statement"] == "社保缴费不足三年，见第二十条第（二）项"
    assert notice.text_en["statement"] == "社保缴费不足三年，见Art. 20(2)"
    for text in (notice.text_zh, notice.text_en):
        assert not RID.search(json.dumps(text, ensure_ascii=False))


def test_a_talent_refusal_is_issued_by_the_responsible_unit(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c6=True), Stage.SUBSTANTIVE_REVIEW)
    app = take("refuse", app, failed=("R-21.1",))
    notice = WrittenNotice.objects.get(application=app)
    assert notice.unit == "econ_services"
    assert notice.text_zh["heading"] == "深圳市龙华新区经济服务局"
    assert notice.text_en["articles"] == ["Art. 22(1)"]  # C6: Art. 22 repeats Art. 21's conditions


def test_removals_name_the_untrue_facts_or_the_objection(allocation_round):
    removed = to_step("remove_at_recheck", ApplicationFactory(round=allocation_round), untrue=("hukou",),
                      reason="户籍信息与公安记录不符")
    notice = WrittenNotice.objects.get(application=removed)
    assert notice.text_en["reasons"] == ["Hukou: not as declared"]
    assert notice.text_en["statement"] == "户籍信息与公安记录不符"
    assert notice.text_en["articles"] == ["Art. 16(4)", "Art. 39(5)"]

    upheld = to_step("uphold_objection", ApplicationFactory(round=allocation_round), reason="经查申请人名下有房产")
    notice = WrittenNotice.objects.get(application=upheld)
    assert notice.text_zh["title"] == "异议成立取消资格告知书"
    assert (notice.text_en["reasons"], notice.text_en["statement"]) == ([], "经查申请人名下有房产")
    assert notice.text_en["articles"] == ["Art. 16(6)"]


# --- the return's form: the supplement deadline ------------------------------------------------------------
def _return_form(application, deadline: str) -> dict:
    data = {"version": application.version, "note": "", "supplement_by": deadline}
    # every material ticked but the ID cards: the application is returned
    ticked = [code for code in REQUIRED[application.group] if code != "id_cards"]
    hand_in(application, ticked, actor=staff("ccb", "clerk"))  # an item passes only with its file
    data.update({f"item_{code}": "on" for code in ticked})
    return data


def test_the_form_offers_the_default_deadline(application):
    client = english(staff("ccb", "clerk"))
    response = client.get(reverse("housing:formal_review", args=[application.number]))
    default = timezone.localdate() + datetime.timedelta(days=SUPPLEMENT_DAYS)
    assert f'name="supplement_by" value="{default.isoformat()}"' in response.content.decode()


def test_the_return_uses_the_deadline_the_reviewer_chose(application):
    chosen = timezone.localdate() + datetime.timedelta(days=30)
    response = english(staff("ccb", "clerk")).post(reverse("housing:formal_review", args=[application.number]),
                                                   _return_form(application, chosen.isoformat()))
    assert response.status_code == 302
    assert reload(application).stage == Stage.RETURNED
    assert WrittenNotice.objects.get(application=application).supplement_by == chosen


@pytest.mark.parametrize("deadline, message", [
    ("yesterday", "The supplement deadline cannot be in the past"),
    ("31/02/2026", "Enter the supplement deadline as a date"),
])
def test_a_past_or_unreadable_deadline_is_refused_and_changes_nothing(application, deadline, message):
    if deadline == "yesterday":
        deadline = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = english(staff("ccb", "clerk")).post(reverse("housing:formal_review", args=[application.number]),
                                                   _return_form(application, deadline))
    assert response.status_code == 400
    assert message in field_error(response.content.decode(), "id_supplement_by")
    app = reload(application)
    assert (app.stage, app.version) == (Stage.SUBMITTED, 1)
    assert not FormalReview.objects.filter(application=app).exists()
    assert ApplicationHistory.objects.filter(application=app).count() == 1
    assert not WrittenNotice.objects.exists()


def test_the_service_refuses_a_past_deadline_too(application):
    with pytest.raises(Exception) as refused:
        reviews.conclude_formal_review(actor=staff("ccb", "clerk"), application=application, expected_version=1,
                                       items={}, supplement_by=timezone.localdate() - datetime.timedelta(days=1))
    assert "supplement_by" in refused.value.field_errors
    assert reload(application).stage == Stage.SUBMITTED and not WrittenNotice.objects.exists()


def test_today_is_a_valid_deadline_and_a_complete_file_ignores_it(allocation_round):
    returned = ApplicationFactory(round=allocation_round)
    reviews.conclude_formal_review(actor=staff("ccb", "clerk"), application=returned, expected_version=1, items={},
                                   supplement_by=timezone.localdate())
    assert WrittenNotice.objects.get(application=returned).supplement_by == timezone.localdate()
    complete = ApplicationFactory(round=allocation_round)
    items = {code: True for code in REQUIRED[complete.group]}
    hand_in(complete, list(items), actor=staff("ccb", "clerk"))
    reviews.conclude_formal_review(actor=staff("ccb", "clerk"), application=complete, expected_version=1,
                                   items=items, supplement_by=timezone.localdate() - datetime.timedelta(days=3))
    assert reload(complete).stage == Stage.SUBSTANTIVE_REVIEW
    assert not WrittenNotice.objects.filter(application=complete).exists()


# --- the printable page --------------------------------------------------------------------------------------
@pytest.fixture
def refused(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    return WrittenNotice.objects.get(application=take("refuse", app, failed=("R-20.2",), reason="社保缴费不足"))


def test_the_printed_notice_says_what_the_applicant_needs_and_no_more(refused):
    client = english(staff("ccb", "clerk"))
    response = client.get(notice_url(refused))
    content = response.content.decode()
    shown = strip_tags(content)
    app = refused.application
    assert response.status_code == 200
    for expected in ("City Construction Bureau, Longhua New District, Shenzhen", "Notice of refusal",
                     refused.number, refused.issued_on.isoformat(), app.applicant_name, app.number, "社保缴费不足",
                     "Art. 20(2)", "within 60 days", "within 6 months", "Print"):
        assert expected in shown, expected
    masked = app.applicant_id_number[:6] + "*" * 8 + app.applicant_id_number[-4:]
    assert masked in shown
    assert app.applicant_id_number not in content
    assert not RID.search(shown)
    assert "<script>" not in content and "onclick" not in content  # the Print button needs no inline script
    assert "data-print" in content


def test_the_chinese_original_prints_whatever_the_page_language(refused):
    shown = page_text(english(staff("ccb", "clerk")).get(notice_url(refused) + "?text=zh"))
    assert "深圳市龙华新区城市建设局" in shown and "审核不通过告知书" in shown and "第二十条第（二）项" in shown
    assert f"{refused.issued_on.year}年{refused.issued_on.month}月{refused.issued_on.day}日" in shown


def test_the_application_page_links_each_notice(refused):
    response = english(staff("ccb", "clerk")).get(reverse("housing:application_detail",
                                                          args=[refused.application.number]))
    assert f'href="{notice_url(refused)}"' in response.content.decode()


def test_staff_who_may_not_see_the_application_cannot_open_its_notice(refused):
    other_unit = english(staff("org_personnel", "reviewer"))  # C3 belongs to the CCB
    assert other_unit.get(notice_url(refused)).status_code == 404
    assert other_unit.get(reverse("housing:application_detail", args=[refused.application.number])).status_code == 404


def test_a_notice_is_opened_only_under_its_own_application(refused, allocation_round):
    other = ApplicationFactory(round=allocation_round)
    url = reverse("housing:written_notice", args=[other.number, refused.pk])
    assert english(staff("ccb", "clerk")).get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(refused):
    response = Client().get(notice_url(refused))
    assert response.status_code == 302 and "login" in response["Location"]
    assert refused.number not in response.content.decode()


# --- numbers under concurrency ---------------------------------------------------------------------------
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_notices_issued_at_the_same_moment_get_consecutive_numbers(allocation_round):
    apps = [ApplicationFactory(round=allocation_round) for _ in range(6)]
    clerk = staff("ccb", "clerk")
    barrier = threading.Barrier(len(apps))
    errors = []

    def run(app):
        try:
            barrier.wait(timeout=10)
            reviews.conclude_formal_review(actor=clerk, application=app, expected_version=1, items={})
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(app,)) for app in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    serials = sorted(WrittenNotice.objects.values_list("serial", flat=True))
    assert serials == list(range(1, len(apps) + 1))
