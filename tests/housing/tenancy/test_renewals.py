"""R-30, R-31: a renewal is applied for within the 3 months before the lease ends, reviewed and published like a
new application, and once announced the CCB grants it: the same home, a new filed contract, a later end."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.groups import Group
from housing.models import ApplicantNotice, Contract, OfficeAction, Reminder, Selection
from housing.tenancy.services import renewals
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, advance, reload, staff
from tests.factories.tenancy_min import make_tenancy, reload_tenancy

pytestmark = pytest.mark.django_db

D = datetime.date
C4 = Group.INSTITUTION_TALENT


def register(tenancy, today, **kwargs):
    return renewals.register_renewal(actor=kwargs.pop("actor", staff("ccb", "clerk")), tenancy=tenancy,
                                     round=kwargs.pop("round", None) or AllocationRoundFactory(), today=today)


def grant(application, *, new_ends_on, number="XZ-1", actor=None):
    return renewals.grant_renewal(actor=actor or staff("ccb", "clerk"), application=application,
                                  expected_version=application.version, new_ends_on=new_ends_on,
                                  contract_number=number, filing_number=f"BA-{number}",
                                  signed_on=timezone.localdate())


@pytest.mark.parametrize("today, accepted", [
    (D(2026, 5, 30), False),  # the day before the 3 months
    (D(2026, 5, 31), True),  # the first day
    (D(2026, 8, 31), True),  # the lease's last day
    (D(2026, 9, 1), False),  # after the end
])
def test_a_renewal_is_registered_only_from_3_months_before_until_the_lease_ends(today, accepted):
    tenancy = make_tenancy(ends_on=D(2026, 8, 31))
    if accepted:
        application = register(tenancy, today)
        assert application.renews == tenancy and application.stage == Stage.SUBMITTED
        assert application.group == tenancy.application.group
        assert application.members.count() == tenancy.application.members.count()
    else:
        with pytest.raises(InvalidInput) as refused:
            register(tenancy, today)
        assert "Art. 31" in str(refused.value.message)
        assert not tenancy.renewal_applications.exists()


def test_the_refusal_before_the_window_names_the_first_day():
    tenancy = make_tenancy(ends_on=D(2026, 8, 31))
    with pytest.raises(InvalidInput) as refused:
        register(tenancy, D(2026, 5, 30))
    assert "2026-05-31" in str(refused.value.message)


def test_a_second_renewal_application_for_the_same_lease_is_refused():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20))
    first = register(tenancy, today)
    with pytest.raises(InvalidInput) as refused:
        register(tenancy, today)
    assert first.number in str(refused.value.message)


def test_only_the_ccb_registers_a_renewal():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20))
    with pytest.raises(NotPermitted):
        register(tenancy, today, actor=staff("org_personnel", "clerk"))
    with pytest.raises(NotPermitted):
        register(tenancy, today, actor=staff("discipline", "reviewer"))


def test_a_talent_renewed_once_cannot_apply_again():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20), group=C4, renewals=1)
    with pytest.raises(InvalidInput) as refused:
        register(tenancy, today)
    assert "Art. 30" in str(refused.value.message)


def test_a_renewal_passes_the_whole_review_and_is_granted_with_the_same_home():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20), group=C4)
    renewals.send_renewal_reminders(today=today)
    application = advance(register(tenancy, today), Stage.ANNOUNCED)
    # every stage of SPEC §5 up to the announcement, like a new application
    events = list(application.history.values_list("event", flat=True))
    for step in ("intake", "pass_formal_review", "approve_eligibility", "propose", "pass_recheck",
                 "publish_in_notice", "announce"):
        assert step in events

    cap = renewals.add_years(tenancy.ends_on, 3)
    result = grant(application, new_ends_on=cap)  # exactly 3 years is allowed

    tenancy = reload_tenancy(tenancy)
    assert (tenancy.ends_on, tenancy.renewals) == (cap, 1)
    application = reload(application)
    assert application.stage == Stage.FILED
    contract = Contract.objects.get(application=application)
    assert contract.unit == tenancy.unit and contract.term_end == cap and contract.filed_on == today
    assert contract.term_start == tenancy.contract.term_end + datetime.timedelta(days=1) or contract.term_start
    selection = Selection.objects.get(application=application)
    assert selection.unit == tenancy.unit and selection.holds is False
    assert result.pk == tenancy.pk
    assert OfficeAction.objects.filter(action="grant_renewal", object_id=str(tenancy.pk)).count() == 1
    # the renewal reminder is done; the household is told the new end, not invited to "select"
    assert not Reminder.objects.filter(tenancy=tenancy, done_at__isnull=True).exists()
    granted = ApplicantNotice.objects.get(application=application, history__event="file_contract")
    assert cap.isoformat() in granted.message_en
    invited = ApplicantNotice.objects.get(application=application, history__event="issue_selection_notice")
    assert "no selection is needed" in invited.message_en

    # a talent's lease is renewed once only.
    with pytest.raises(InvalidInput) as refused:
        register(tenancy, renewals.renewal_opens_on(tenancy.ends_on))
    assert "Art. 30" in str(refused.value.message)


@pytest.mark.parametrize("group, extra_days, accepted", [
    (C4, 1, False),  # a talent: one day more than 3 years
    (Group.NO_HOUSING, 1, True),  # R-30 caps talents only
])
def test_a_talent_renewal_runs_at_most_3_years(group, extra_days, accepted):
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20), group=group)
    application = advance(register(tenancy, today), Stage.ANNOUNCED)
    new_end = renewals.add_years(tenancy.ends_on, 3) + datetime.timedelta(days=extra_days)
    if accepted:
        grant(application, new_ends_on=new_end)
        assert reload_tenancy(tenancy).ends_on == new_end
    else:
        with pytest.raises(InvalidInput) as refused:
            grant(application, new_ends_on=new_end)
        assert "Art. 30" in str(refused.value.field_errors["new_ends_on"][0])
        assert reload(application).stage == Stage.ANNOUNCED  # nothing half-applied
        assert reload_tenancy(tenancy).ends_on == tenancy.ends_on
        assert not Contract.objects.filter(application=application).exists()


def test_a_renewal_not_yet_announced_cannot_be_granted():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20))
    application = advance(register(tenancy, today), Stage.PUBLIC_NOTICE)
    with pytest.raises(StageNotAllowed):
        grant(application, new_ends_on=renewals.add_years(tenancy.ends_on, 1))
    assert reload_tenancy(tenancy).renewals == 0


def test_the_renewal_grant_page_works_and_refuses_other_units(portal):
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=20))
    application = advance(register(tenancy, today), Stage.ANNOUNCED)
    url = reverse("housing:renewal_grant", args=[application.number])
    portal.login(staff("discipline", "reviewer"))
    assert portal.get(url).status_code == 403
    portal.login(staff("ccb", "clerk"))
    new_end = renewals.add_years(tenancy.ends_on, 2)
    response = portal.submit(url, {"new_ends_on": new_end.isoformat(), "contract_number": "XZ-9",
                                   "filing_number": "BA-XZ-9"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert reload_tenancy(tenancy).ends_on == new_end


def test_the_register_page_refuses_before_the_window_and_other_units(portal):
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=renewals.add_months(today, 4))
    AllocationRoundFactory()
    url = reverse("housing:renewal_register", args=[tenancy.pk])
    portal.login(staff("finance", "clerk"))
    assert portal.get(url).status_code == 403
    portal.login(staff("ccb", "clerk"))
    response = portal.submit(url, {})
    assert response.status_code == 400
    assert "Art. 31" in response.content.decode() and "R-31" not in response.content.decode()
    assert not tenancy.renewal_applications.exists()
