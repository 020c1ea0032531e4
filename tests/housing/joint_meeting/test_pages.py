"""The Joint Meeting's pages: it records and corrects its decisions there; the talent units, the CCB and discipline
inspection read them; every other account is refused (R-5, R-6, R-7.3, R-17.2)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from departments.models import Role, UnitCode
from housing.models import JointMeetingDecision, OfficeAction
from tests.factories import staff
from tests.housing.conftest import field_error, page_text
from tests.housing.joint_meeting.conftest import Kind, decide_quota, provide

pytestmark = pytest.mark.django_db

YEAR = 2027
READERS = {"joint_meeting", "ccb", "discipline", "org_personnel", "econ_services", "public_affairs"}
NON_READERS = [(u, Role.REVIEWER) for u in UnitCode.values if u not in READERS]
NOT_RECORDERS = [(u, r) for u in UnitCode.values for r in (Role.CLERK, Role.REVIEWER, Role.HEAD)
                 if (u, r) != ("joint_meeting", Role.HEAD)]


def test_the_joint_meeting_records_a_quota_decision_on_its_form(portal, agency):
    portal.login(staff("joint_meeting", "head"))
    listing = portal.get(reverse("housing:joint_meeting_decisions"))
    assert reverse("housing:joint_meeting_record") in listing.content.decode()
    done = portal.submit(reverse("housing:joint_meeting_record"), {
        "kind": Kind.EMPLOYER_QUOTA, "minutes_number": "龙华联席会议纪要〔2027〕3号",
        "meeting_date": timezone.localdate().isoformat(), "employer_code": agency.credit_code.lower(),
        "year": YEAR, "homes": 80, "text": "同意放宽至80套。"})
    assert done.status_code == 302
    decision = JointMeetingDecision.objects.get()
    assert (decision.employer, decision.homes, decision.recorded_by.username) == (agency, 80, "joint_meeting-head")
    page = page_text(portal.get(done["Location"]))
    assert "龙华联席会议纪要〔2027〕3号" in page and agency.name in page and "Art. 17" in page and "R-17" not in page


def test_a_bad_form_is_answered_on_its_fields_and_nothing_is_recorded(portal, agency):
    portal.login(staff("joint_meeting", "head"))
    refused = portal.submit(reverse("housing:joint_meeting_record"), {
        "kind": Kind.EMPLOYER_QUOTA, "minutes_number": "纪要", "employer_code": "NOSUCHCODE", "year": YEAR,
        "homes": 80, "text": "同意。"})
    assert refused.status_code == 400
    assert "credit code" in field_error(page_text(refused), "id_employer_code")
    refused = portal.submit(reverse("housing:joint_meeting_record"), {
        "kind": Kind.EMPLOYER_QUOTA, "minutes_number": "纪要", "employer_code": agency.credit_code, "year": YEAR,
        "homes": 50, "text": "同意。"})
    assert refused.status_code == 400 and "more than 50" in field_error(page_text(refused), "id_homes")
    assert not JointMeetingDecision.objects.exists()


def test_a_correction_on_its_page_supersedes_and_both_stay_listed(portal, agency):
    first = decide_quota(agency, YEAR, 80)
    portal.login(staff("joint_meeting", "head"))
    done = portal.submit(reverse("housing:joint_meeting_correct", args=[first.pk]), {
        "minutes_number": "纪要5号", "homes": 70, "correction_reason": "套数有误"})
    assert done.status_code == 302
    corrected = JointMeetingDecision.objects.exclude(pk=first.pk).get()
    assert corrected.supersedes == first and corrected.homes == 70 and corrected.employer == agency
    listing = page_text(portal.get(reverse("housing:joint_meeting_decisions")))
    assert "Superseded by 纪要5号" in listing and "In force" in listing
    again = portal.get(reverse("housing:joint_meeting_decision", args=[first.pk]))
    assert reverse("housing:joint_meeting_correct", args=[first.pk]) not in again.content.decode()
    assert OfficeAction.objects.filter(action="supersede_joint_meeting_decision").count() == 1


def test_the_list_filters_by_year_and_kind(portal, agency, talent):
    # A quota counts in its plan's year, a provision in its meeting's year (today): a plan year that is not today's.
    quota_year = timezone.localdate().year + 1
    decide_quota(agency, quota_year, 80)
    provide(talent)
    portal.login(staff("discipline", "reviewer"))
    url = reverse("housing:joint_meeting_decisions")
    both = page_text(portal.get(url))
    assert "龙华联席会议纪要〔2027〕3号" in both and "龙华联席会议纪要〔2027〕4号" in both
    quotas = page_text(portal.get(url, {"kind": Kind.EMPLOYER_QUOTA}))
    assert "〔2027〕3号" in quotas and "〔2027〕4号" not in quotas
    by_year = page_text(portal.get(url, {"year": quota_year}))
    assert "〔2027〕3号" in by_year and "〔2027〕4号" not in by_year  # the provision's meeting is this year
    assert portal.get(url, {"year": "x", "kind": "nonsense"}).status_code == 200


@pytest.mark.parametrize("unit", sorted(READERS))
def test_the_readers_read_the_list_and_only_the_joint_meeting_is_offered_the_form(portal, agency, unit):
    decision = decide_quota(agency, YEAR, 80)
    portal.login(staff(unit, "head" if unit == "joint_meeting" else "reviewer"))
    listing = portal.get(reverse("housing:joint_meeting_decisions"))
    assert listing.status_code == 200
    assert (reverse("housing:joint_meeting_record") in listing.content.decode()) is (unit == "joint_meeting")
    detail = portal.get(reverse("housing:joint_meeting_decision", args=[decision.pk]))
    # an agency's quota is not the Economic Services or Public Affairs Bureau's to read
    assert detail.status_code == (404 if unit in ("econ_services", "public_affairs") else 200)


@pytest.mark.parametrize("unit,role", NON_READERS)
def test_every_other_unit_is_refused_the_list_and_the_decision(portal, agency, unit, role):
    decision = decide_quota(agency, YEAR, 80)
    portal.login(staff(unit, role))
    assert portal.get(reverse("housing:joint_meeting_decisions")).status_code == 403
    assert portal.get(reverse("housing:joint_meeting_decision", args=[decision.pk])).status_code == 403


@pytest.mark.parametrize("unit,role", NOT_RECORDERS)
def test_every_other_account_is_refused_the_record_and_correction_forms(portal, agency, unit, role):
    decision = decide_quota(agency, YEAR, 80)
    portal.login(staff(unit, role))
    data = {"kind": Kind.OTHER, "minutes_number": "纪要", "meeting_date": timezone.localdate().isoformat(),
            "subject": "事项", "text": "同意。", "correction_reason": "改"}
    for url in (reverse("housing:joint_meeting_record"),
                reverse("housing:joint_meeting_correct", args=[decision.pk])):
        assert portal.get(url).status_code == 403
        assert portal.post(url, data).status_code == 403
    assert JointMeetingDecision.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(portal, agency):
    decision = decide_quota(agency, YEAR, 80)
    portal.login(None)
    for url in (reverse("housing:joint_meeting_decisions"), reverse("housing:joint_meeting_record"),
                reverse("housing:joint_meeting_decision", args=[decision.pk])):
        response = portal.get(url)
        assert response.status_code in (302, 403) and JointMeetingDecision.objects.count() == 1
        if response.status_code == 302:
            assert "login" in response["Location"]


def test_the_case_page_shows_the_provision_citable_by_its_minutes(portal, talent):
    portal.login(staff("org_personnel", "reviewer"))
    url = reverse("housing:application_detail", args=[talent.number])
    before = page_text(portal.get(url))
    assert "Art. 7(3)" in before and "no case-by-case provision" in before
    decision = provide(talent)
    page = portal.get(url).content.decode()
    assert "龙华联席会议纪要〔2027〕4号" in page and "一人一策" in page
    assert reverse("housing:joint_meeting_decision", args=[decision.pk]) in page
    assert "R-7" not in page_text(portal.get(url))


def test_the_provision_is_on_the_talents_page_for_the_unit_and_the_ccb_only_as_far_as_they_read_the_case(portal,
                                                                                                      talent):
    provide(talent)
    url = reverse("housing:application_detail", args=[talent.number])
    assert "〔2027〕4号" in page_text(portal.login(staff("ccb", "clerk")).get(url))
    assert portal.login(staff("econ_services", "reviewer")).get(url).status_code == 404
