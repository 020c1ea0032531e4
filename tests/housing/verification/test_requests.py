"""R-14, R-39.5: the CCB asks each agency once for the facts it answers for; the agency answers them, states that
it stands by its answers, and a correction supersedes an answer without changing it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.models import OfficeAction, VerificationAnswer, VerificationRequest
from housing.rules.catalogue import RECHECK_ITEMS
from housing.stages import Stage
from housing.verification import services
from housing.verification.facts import DEADLINE_DAYS
from tests.factories import ApplicationFactory, advance, staff
from tests.factories.verification import AGENCIES, agency_clerk, answer_all, at_recheck, ccb_clerk, with_requests

pytestmark = pytest.mark.django_db
Answer = services.Answer


def test_one_request_per_agency_names_the_facts_the_recheck_assigns_it():
    requests = with_requests()
    expected = {}
    for item, (_label, agency) in RECHECK_ITEMS.items():
        expected.setdefault(agency, []).append(item)
    assert {code: r.items for code, r in requests.items()} == expected
    assert requests["verify_social_security"].items == ["education", "social_insurance"]
    assert "verify_subdistrict" not in requests  # answers for no fact of the recheck


def test_the_deadline_is_recorded_on_each_request():
    today = timezone.localdate()
    for request in with_requests().values():
        assert request.deadline_days == DEADLINE_DAYS
        assert request.due_on == today + datetime.timedelta(days=DEADLINE_DAYS)


def test_asking_again_adds_nothing():
    application = at_recheck()
    first = services.open_verification_requests(actor=ccb_clerk(), application=application)
    again = services.open_verification_requests(actor=ccb_clerk(), application=application)
    assert len(first) == len(AGENCIES) and again == []
    assert VerificationRequest.objects.filter(application=application).count() == len(first)
    assert OfficeAction.objects.filter(action="verification_requested").count() == len(first)


@pytest.mark.parametrize("who", [("verify_planning_land", "clerk"), ("org_personnel", "reviewer"),
                                 ("ccb", "reviewer"), ("discipline", "reviewer")])
def test_only_the_ccbs_operators_ask(who):
    application = at_recheck()
    with pytest.raises(NotPermitted):
        services.open_verification_requests(actor=staff(*who), application=application)
    assert not VerificationRequest.objects.exists()


def test_asking_is_refused_outside_the_recheck():
    application = advance(ApplicationFactory(), Stage.ELIGIBLE)
    with pytest.raises(StageNotAllowed):
        services.open_verification_requests(actor=ccb_clerk(), application=application)


def test_the_agency_answers_with_reference_and_statement():
    request = with_requests()["verify_public_security"]
    clerk = agency_clerk("verify_public_security")
    services.answer_verification_request(actor=clerk, request_id=request.pk, stands_by=True,
                                         answers={"hukou": Answer(True, "公户核〔2026〕15号", "户籍在龙华")})
    answer = VerificationAnswer.objects.get(request=request)
    assert (answer.item, answer.confirmed, answer.reference, answer.remarks, answer.stands_by, answer.answered_by) \
        == ("hukou", True, "公户核〔2026〕15号", "户籍在龙华", True, clerk)
    request.refresh_from_db()
    assert request.answered_at is not None  # its only fact
    assert OfficeAction.objects.get(action="verification_answered").data["stands_by"] is True


def test_a_partial_answer_leaves_the_request_open():
    request = with_requests()["verify_social_security"]
    services.answer_verification_request(actor=agency_clerk("verify_social_security"), request_id=request.pk,
                                         stands_by=True, answers={"education": Answer(True, "人社-1")})
    request.refresh_from_db()
    assert request.answered_at is None
    services.answer_verification_request(actor=agency_clerk("verify_social_security"), request_id=request.pk,
                                         stands_by=True, answers={"social_insurance": Answer(False, "人社-2")})
    request.refresh_from_db()
    assert request.answered_at is not None


def test_the_head_may_answer_too():
    request = with_requests()["verify_civil_affairs"]
    answer_all(request, actor=staff("verify_civil_affairs", "head"))
    assert VerificationAnswer.objects.filter(request=request).count() == 1


@pytest.mark.parametrize("answers, stands_by, field", [
    ({"hukou": Answer(True, "R-1")}, False, "stands_by"),
    ({"hukou": Answer(True, "")}, True, "reference_hukou"),
    ({"hukou": Answer(None, "R-1")}, True, "confirmed_hukou"),
    ({"hukou": Answer(True, "x" * 61)}, True, "reference_hukou"),
])
def test_an_incomplete_answer_saves_nothing(answers, stands_by, field):
    request = with_requests()["verify_public_security"]
    with pytest.raises(InvalidInput) as refused:
        services.answer_verification_request(actor=agency_clerk("verify_public_security"), request_id=request.pk,
                                             answers=answers, stands_by=stands_by)
    assert field in refused.value.field_errors
    assert not VerificationAnswer.objects.exists()


def test_an_answered_fact_is_not_answered_again():
    request = with_requests()["verify_public_security"]
    answer_all(request)
    with pytest.raises(InvalidInput):
        answer_all(request, confirmed=False)
    assert VerificationAnswer.objects.filter(request=request).count() == 1


@pytest.mark.parametrize("who", [("verify_planning_land", "clerk"),  # another agency
                                 ("ccb", "clerk"), ("ccb", "head"),  # the CCB asks, it does not answer
                                 ("org_personnel", "reviewer"), ("econ_services", "head"),  # talent units
                                 ("verify_public_security", "reviewer"),  # not a role that answers
                                 ("discipline", "reviewer")])
def test_only_the_agency_asked_answers(who):
    request = with_requests()["verify_public_security"]
    with pytest.raises(NotPermitted):
        answer_all(request, actor=staff(*who))
    assert not VerificationAnswer.objects.exists()


def test_no_answer_once_the_recheck_is_concluded():
    application = at_recheck()
    request = with_requests(application)["verify_public_security"]
    advance(application, Stage.RECHECKED)
    with pytest.raises(StageNotAllowed):
        answer_all(request)


def test_a_correction_supersedes_with_its_reason_and_keeps_the_answer_as_given():
    request = with_requests()["verify_planning_land"]
    answer_all(request, reference="规土-1")
    first = VerificationAnswer.objects.get(request=request)
    clerk = agency_clerk("verify_planning_land")
    with pytest.raises(InvalidInput) as refused:
        services.correct_verification_answer(actor=clerk, request_id=request.pk, item="housing",
                                             answer=Answer(False, "规土-2"), reason="", stands_by=True)
    assert "reason" in refused.value.field_errors
    services.correct_verification_answer(actor=clerk, request_id=request.pk, item="housing",
                                         answer=Answer(False, "规土-2", "查有房产一套"), reason="登记信息更新",
                                         stands_by=True)
    first.refresh_from_db()
    assert (first.confirmed, first.reference) == (True, "规土-1")  # unchanged
    second = first.correction
    assert (second.confirmed, second.reference, second.correction_reason) == (False, "规土-2", "登记信息更新")
    assert services.current_answers(request) == {"housing": second}


def test_an_answer_row_is_never_changed():
    request = with_requests()["verify_planning_land"]
    answer_all(request)
    answer = VerificationAnswer.objects.get(request=request)
    answer.confirmed = False
    with pytest.raises(ValueError):
        answer.save()


def test_the_database_refuses_an_answer_without_the_statement_or_a_second_first_answer():
    request = with_requests()["verify_planning_land"]
    answer_all(request)
    fields = dict(request=request, item="housing", confirmed=True, reference="x",
                  answered_by=agency_clerk("verify_planning_land"), answered_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        VerificationAnswer.objects.create(**fields, stands_by=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        VerificationAnswer.objects.create(**{**fields, "item": "other"}, stands_by=False)
