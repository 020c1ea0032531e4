"""R-13, R-22.1: one key-enterprise list per year. A C6 applicant is checked against the list of the application's
year (a renewal against the list of the renewal's year); listing an employer for a later year keeps it on the
earlier year's list (docs/decisions/0041)."""

import datetime

import pytest
from django.utils import timezone

from housing.cases.dossier import dossier_of
from housing.groups import Group
from housing.models import Application, Employer, KeyEnterpriseListing
from housing.rules.eligibility.talent import r22_1_key_enterprise
from housing.tenancy.services import renewals
from tests.factories import AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, staff
from tests.factories.identity import make_credit_code
from tests.factories.tenancy_min import make_tenancy

pytestmark = pytest.mark.django_db


def submitted_in(application: Application, year: int) -> Application:
    """The application as if received on 15 March of ``year`` (the portal's date of an application)."""
    day = timezone.make_aware(datetime.datetime(year, 3, 15, 10, 0))
    Application.objects.filter(pk=application.pk).update(submitted_at=day)
    return Application.objects.get(pk=application.pk)


def key_enterprise_verdict(application):
    return r22_1_key_enterprise(dossier_of(application))


def test_an_employer_listed_two_years_running_stays_on_both_lists_and_its_talents_qualify_each_year():
    round_ = AllocationRoundFactory()
    year = round_.year
    code = make_credit_code(4101)
    employer_data = EmployerDataFactory(name="深圳市龙华重点科技有限公司", credit_code=code,
                                        kind=Employer.Kind.ENTERPRISE, key_enterprise_year=year)
    first = ApplicationFactory(round=round_, c6=True, employer=employer_data)
    # the next year's intake states the next year: it joins that year's list, the earlier one keeps it
    second = ApplicationFactory(round=round_, c6=True, employer=EmployerDataFactory(
        name="深圳市龙华重点科技有限公司", credit_code=code, kind=Employer.Kind.ENTERPRISE, key_enterprise_year=year + 1))
    employer = Employer.objects.get(credit_code=code)
    assert sorted(KeyEnterpriseListing.objects.filter(employer=employer).values_list("year", flat=True)) == [
        year, year + 1]
    assert key_enterprise_verdict(submitted_in(first, year)).passed is True
    # before: the one year on the employer was kept, and the second year's applicants were found ineligible
    verdict = key_enterprise_verdict(submitted_in(second, year + 1))
    assert verdict.passed is True and f"{year + 1}" in verdict.message_en


def test_an_application_of_a_year_whose_list_does_not_name_the_employer_fails_naming_the_year_it_is_on():
    round_ = AllocationRoundFactory()
    application = ApplicationFactory(round=round_, c6=True)  # listed for the round's year by intake
    verdict = key_enterprise_verdict(submitted_in(application, round_.year + 1))
    assert verdict.passed is False
    assert f"application year {round_.year + 1}" in verdict.message_en
    assert f"on the {round_.year} list only" in verdict.message_en


def test_a_renewal_is_checked_against_the_list_of_its_own_year():
    today = timezone.localdate()
    tenancy = make_tenancy(group=Group.ENTERPRISE_TALENT, ends_on=today + datetime.timedelta(days=30))
    employer = tenancy.application.employer
    KeyEnterpriseListing.objects.filter(employer=employer).delete()
    KeyEnterpriseListing.objects.create(employer=employer, year=today.year - 1)  # on last year's list only
    renewal = renewals.register_renewal(actor=staff("ccb", "clerk"), tenancy=tenancy, round=AllocationRoundFactory(),
                                        today=today)
    assert key_enterprise_verdict(renewal).passed is False
    KeyEnterpriseListing.objects.create(employer=employer, year=today.year)  # this year's list names it again
    assert key_enterprise_verdict(renewal).passed is True
