"""R-13: the Economic Services Bureau's pages of the yearly lists — read by the bureau, imported by its reviewers and
heads; every other user refused on the server (docs/decisions/0041)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from housing.models import Employer, KeyEnterpriseListing
from tests.factories import staff
from tests.factories.identity import make_credit_code
from tests.housing.conftest import page_text
from tests.housing.key_enterprises.conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

A = make_credit_code(7001)


def upload(portal, year, rows, name="list.xlsx"):
    return portal.client.post(reverse("housing:key_enterprise_import"), {
        "year": str(year), "file": SimpleUploadedFile(name, xlsx_bytes(rows))})


def test_a_reviewer_uploads_previews_and_confirms_a_years_list(portal, imports_dir, econ):
    year = timezone.localdate().year
    portal.login(econ)
    response = upload(portal, year, [["深圳市龙华甲科技有限公司", A]])
    assert response.status_code == 302
    preview = portal.get(response["Location"])
    text = page_text(preview)
    assert preview.status_code == 200 and "1 added, 0 already listed, 0 removed" in text
    assert "深圳市龙华甲科技有限公司" in text and not KeyEnterpriseListing.objects.exists()
    form = portal.page_form(preview, action=response["Location"])
    done = portal.post(response["Location"], portal.fill(form))
    assert done.status_code == 302 and done["Location"] == reverse("housing:key_enterprise_list_year", args=[year])
    listing = portal.get(done["Location"])
    assert "深圳市龙华甲科技有限公司" in page_text(listing) and A in page_text(listing)
    assert KeyEnterpriseListing.objects.get().year == year


def test_a_bad_file_shows_its_rows_and_offers_no_confirmation(portal, imports_dir, econ):
    portal.login(econ)
    response = upload(portal, timezone.localdate().year, [["", A]])
    preview = portal.get(response["Location"])
    assert preview.status_code == 400
    text = page_text(preview)
    assert "Row 2, column “enterprise”" in text and "Import the list of" not in text


def test_a_wrong_file_type_is_refused_on_the_form(portal, imports_dir, econ):
    portal.login(econ)
    response = upload(portal, timezone.localdate().year, [["x", A]], name="list.pdf")
    assert response.status_code == 400 and "Excel workbook" in page_text(response)


@pytest.mark.parametrize("unit, role, list_status, import_status", [
    ("econ_services", "clerk", 200, 403),  # reads the lists, does not import them
    ("org_personnel", "reviewer", 403, 403),  # another talent unit
    ("ccb", "clerk", 403, 403),
    ("finance", "clerk", 403, 403),
])
def test_who_reads_and_who_imports(portal, imports_dir, unit, role, list_status, import_status):
    employer = Employer.objects.create(name="深圳市龙华甲科技有限公司", credit_code=A, kind=Employer.Kind.ENTERPRISE)
    KeyEnterpriseListing.objects.create(employer=employer, year=timezone.localdate().year)
    portal.login(staff(unit, role))
    assert portal.get(reverse("housing:key_enterprise_lists")).status_code == list_status
    assert portal.get(reverse("housing:key_enterprise_import")).status_code == import_status
    assert upload(portal, timezone.localdate().year, [["x", A]]).status_code == import_status


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("housing:key_enterprise_lists", "housing:key_enterprise_import"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "login" in response["Location"]


def test_another_reviewers_preview_is_refused(portal, imports_dir, econ):
    portal.login(econ)
    response = upload(portal, timezone.localdate().year, [["深圳市龙华甲科技有限公司", A]])
    portal.login(staff("econ_services", "head"))
    assert portal.get(response["Location"]).status_code == 403
