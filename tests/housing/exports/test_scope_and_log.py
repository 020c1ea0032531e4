"""Each staff list exports exactly what its page shows to that user (R-6, R-38, R-X.2): the same scope, the same
masking, the page's filters; each export leaves a staff-action row; those who cannot read the page are refused."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from housing.models import ExportJob, OfficeAction
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, staff
from tests.factories.stock import HousingUnitFactory
from tests.factories.subsidies import running_subsidy
from tests.factories.tenancy_min import make_tenancy
from tests.housing.exports.helpers import export, read

pytestmark = pytest.mark.django_db

@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def two_units(allocation_round):
    """One C4 application (the Organisation and Personnel unit's group) and one C6 (Economic Services')."""
    c4 = ApplicationFactory(round=allocation_round, c4=True)
    c6 = ApplicationFactory(round=allocation_round, c6=True)
    return c4, c6


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_unit_exports_its_own_groups_only_and_no_id_number(english, two_units, fmt):
    c4, c6 = two_units
    english.force_login(staff("org_personnel", "clerk"))
    response = export(english, "applications", fmt)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    rows = read(response.content, fmt)
    assert rows[0][:3] == ["Application number", "Applicant", "Applicant group"]
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [c4.number]  # another unit's group is absent
    text = " ".join(c for row in rows for c in row)
    assert c4.applicant_name in text and c4.applicant_id_number not in text  # the page shows no ID number
    assert c4.applicant_id_number[6:14] not in text  # not even its date of birth


def test_the_page_filters_are_carried(english, two_units):
    c4, c6 = two_units
    english.force_login(staff("ccb", "clerk"))
    all_rows = read(export(english, "applications").content, "csv")[1:]
    assert {row[0] for row in all_rows} == {c4.number, c6.number}
    only_c6 = read(export(english, "applications", group=c6.group).content, "csv")[1:]
    assert [row[0] for row in only_c6] == [c6.number]


def test_a_search_kept_in_the_session_is_applied_and_not_logged(english, two_units):
    c4, c6 = two_units
    english.force_login(staff("ccb", "clerk"))
    id_number = c4.applicant_id_number
    page = english.post(reverse("housing:application_list"), {"q": id_number})  # the page keeps the term
    key = page.url.split("s=")[1]
    rows = read(export(english, "applications", s=key).content, "csv")[1:]
    assert [row[0] for row in rows] == [c4.number]
    action = OfficeAction.objects.get(action="export_list")
    assert id_number not in str(action.data) and action.data["searched"] is True
    assert id_number not in str(ExportJob.objects.get().params)


def test_each_export_leaves_a_staff_action_row(english, two_units):
    clerk = staff("ccb", "clerk")
    english.force_login(clerk)
    export(english, "applications", "csv", stage=Stage.SUBMITTED)
    export(english, "applications", "xlsx")
    actions = list(OfficeAction.objects.filter(action="export_list").order_by("id"))
    assert len(actions) == 2
    first = actions[0]
    assert first.actor == clerk and first.object_type == "exportjob" and first.article == "R-6, R-38"
    assert first.data["list"] == "applications" and first.data["filters"] == {"stage": [Stage.SUBMITTED]}
    assert first.data["rows"] == 2 and "Applications exported as CSV: 2 rows" == first.summary
    # the export shows among the staff actions, which discipline inspection reads
    english.force_login(staff("discipline", "reviewer"))
    page = english.get(reverse("housing:office_actions"), {"action": "export_list"}).content.decode()
    assert "Staff list exported" in page


def test_the_audit_trail_and_the_staff_actions_export_for_discipline_and_refuse_a_group_unit(english,
                                                                                            allocation_round):
    c6 = advance(ApplicationFactory(round=allocation_round, c6=True), Stage.ELIGIBLE)
    english.force_login(staff("discipline", "reviewer"))
    rows = read(export(english, "audit_trail", unit="econ_services").content, "csv")
    assert rows[0][0] == "When"
    assert [(r[3], r[4]) for r in rows[1:]] == [(c6.number, "Approve eligibility")]
    staff_rows = read(export(english, "office_actions").content, "csv")
    assert staff_rows[1][3] == "Staff list exported"  # the export just made
    for table in ("audit_trail", "office_actions", "overrides"):
        english.force_login(staff("econ_services", "head"))
        assert export(english, table).status_code == 403
    assert OfficeAction.objects.filter(action="export_list").count() == 2


def test_tenancies_in_arrears_and_refusals(english):
    today = datetime.date(2026, 6, 1)
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=400))
    english.force_login(staff("ccb", "clerk"))
    rows = read(export(english, "tenancies", "xlsx").content, "xlsx")
    assert rows[0][0] == "Contract" and rows[1][0] == tenancy.contract.number
    assert read(export(english, "tenancies", in_arrears="on").content, "csv")[1:] == []
    english.force_login(staff("org_personnel", "clerk"))
    assert export(english, "tenancies").status_code == 403


def test_subsidies_export_for_finance_and_not_for_a_group_unit(english):
    subsidy = running_subsidy(start_month=datetime.date(2026, 1, 1))
    english.force_login(staff("finance", "clerk"))
    rows = read(export(english, "subsidies").content, "csv")
    assert rows[1][0] == subsidy.application.number
    assert len(read(export(english, "subsidy_batches").content, "csv")) == 1  # headers, no batch yet
    english.force_login(staff("org_personnel", "clerk"))
    assert export(english, "subsidies").status_code == 403
    assert english.get(reverse("housing:subsidy_list")).status_code == export(english, "subsidies").status_code


def test_stock_and_demand_reports(english):
    HousingUnitFactory(number="808")
    english.force_login(staff("ccb", "clerk"))
    assert read(export(english, "stock").content, "csv")[1][0] == "808"
    assert read(export(english, "demand_reports").content, "csv")[0][0] == "Year reported for"
    english.force_login(staff("org_personnel", "clerk"))
    assert export(english, "stock").status_code == 403
    assert english.get(reverse("housing:stock_list")).status_code == 403


def test_anonymous_and_bad_requests(client, english, two_units):
    response = export(client, "applications")
    assert response.status_code == 302 and "/accounts/login" in response.url
    assert not ExportJob.objects.exists()
    english.force_login(staff("ccb", "clerk"))
    for table, fmt in (("nothing", "csv"), ("applications", "pdf")):
        response = export(english, table, fmt, follow=True)
        assert response.status_code == 200
        assert "cannot be exported" in response.content.decode() or "Export as CSV or Excel" in \
            response.content.decode()
    assert english.get(reverse("housing:export_start")).status_code == 405
    assert not ExportJob.objects.exists() and not OfficeAction.objects.filter(action="export_list").exists()


@pytest.mark.parametrize("name, page", [
    ("applications", "housing:application_list"), ("audit_trail", "housing:audit_trail"),
    ("office_actions", "housing:office_actions"), ("overrides", "housing:override_list"),
    ("stock", "housing:stock_list"), ("tenancies", "housing:tenancy_list"), ("subsidies", "housing:subsidy_list"),
    ("demand_reports", "housing:demand_overview"),
])
def test_each_list_page_offers_the_control_with_its_filters(english, name, page):
    english.force_login(staff("discipline", "reviewer"))
    html = english.get(reverse(page), {"page": "1"}).content.decode()
    assert f'name="table" value="{name}"' in html
    assert "Export CSV" in html and "Export Excel" in html and 'name="page"' not in html.split("export-control")[1] \
        .split("</form>")[0]
