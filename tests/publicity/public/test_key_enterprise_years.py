"""R-13: the public key-enterprise list of a year never changes when another year's list does
(docs/decisions/0041)."""

import html

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from housing.key_enterprises import services
from housing.models import Employer, KeyEnterpriseListing
from tests.factories import staff
from tests.factories.identity import make_credit_code
from tests.housing.key_enterprises.conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}


def page(year):
    return html.unescape(Client().get(f"/public/key-enterprises/{year}/", **ENGLISH).content.decode())


def test_importing_next_years_list_leaves_this_years_public_list_as_it_was(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    year = timezone.localdate().year
    a, b = make_credit_code(6001), make_credit_code(6002)
    for code, name in ((a, "深圳市龙华甲科技有限公司"), (b, "深圳市龙华乙电子有限公司")):
        employer = Employer.objects.create(name=name, credit_code=code, kind=Employer.Kind.ENTERPRISE)
        KeyEnterpriseListing.objects.create(employer=employer, year=year)
    before = page(year)
    assert "深圳市龙华甲科技有限公司" in before and "深圳市龙华乙电子有限公司" in before
    econ = staff("econ_services", "reviewer")
    token = services.stage_list_file(actor=econ, name="list.xlsx",
                                     content=xlsx_bytes([["深圳市龙华甲科技有限公司", a]]))
    preview = services.preview_list_import(actor=econ, token=token, year=year + 1)
    services.import_list_file(actor=econ, token=token, sha256=preview.sha256, year=year + 1)
    after = page(year)
    assert "深圳市龙华甲科技有限公司" in after and "深圳市龙华乙电子有限公司" in after  # both still on this year's
    following = page(year + 1)
    assert "深圳市龙华甲科技有限公司" in following and "深圳市龙华乙电子有限公司" not in following
