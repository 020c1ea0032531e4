"""R-13: the Economic Services Bureau imports the list of a year: a preview, every row's problem named, all rows or
none; importing one year's list leaves the other years' lists as they are (docs/decisions/0041)."""

import pytest
from django.utils import timezone, translation

from housing.exceptions import InvalidInput, NotPermitted
from housing.key_enterprises import services
from housing.models import Employer, KeyEnterpriseListing, OfficeAction
from tests.factories import staff
from tests.factories.identity import make_credit_code
from tests.housing.key_enterprises.conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

A, B, C = make_credit_code(5001), make_credit_code(5002), make_credit_code(5003)


def stage(actor, rows, name="list.xlsx"):
    content = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
    return services.stage_list_file(actor=actor, name=name, content=content)


def run_import(actor, rows, year, name="list.xlsx"):
    token = stage(actor, rows, name)
    preview = services.preview_list_import(actor=actor, token=token, year=year)
    with translation.override("en"):
        assert not preview.problems, [p.text() for p in preview.problems]
    return preview, services.import_list_file(actor=actor, token=token, sha256=preview.sha256, year=year)


def listed(year):
    return sorted(KeyEnterpriseListing.objects.filter(year=year).values_list("employer__credit_code", flat=True))


def test_the_preview_saves_nothing_and_the_confirmation_imports_the_year(imports_dir, econ,
                                                                         django_capture_on_commit_callbacks):
    year = timezone.localdate().year
    token = stage(econ, [["深圳市甲科技有限公司", A], ["深圳市乙电子有限公司", B]])
    preview = services.preview_list_import(actor=econ, token=token, year=year)
    assert (preview.new, preview.unchanged, preview.leaving) == (2, 0, [])
    assert all(o.new_employer for o in preview.outcomes)
    assert not KeyEnterpriseListing.objects.exists() and not Employer.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.import_list_file(actor=econ, token=token, sha256=preview.sha256, year=year)
    assert report.new == 2 and listed(year) == sorted([A, B])
    assert set(Employer.objects.values_list("kind", flat=True)) == {Employer.Kind.ENTERPRISE}
    action = OfficeAction.objects.get(action="key_enterprise_list_imported")
    assert action.data["year"] == year and action.article == "R-13"
    with pytest.raises(services.ImportRefused):  # a token imports once
        services.import_list_file(actor=econ, token=token, sha256=preview.sha256, year=year)


def test_a_later_year_leaves_the_earlier_list_as_it_was(imports_dir, econ):
    year = timezone.localdate().year
    run_import(econ, [["深圳市甲科技有限公司", A], ["深圳市乙电子有限公司", B]], year - 1)
    preview, report = run_import(econ, [["深圳市甲科技有限公司", A], ["深圳市丙材料有限公司", C]], year, name="list.csv")
    assert listed(year - 1) == sorted([A, B])  # before: re-listing moved A off the earlier year's list
    assert listed(year) == sorted([A, C])
    assert [o.new_employer for o in report.outcomes] == [False, True]


def test_the_file_is_the_whole_list_of_its_year(imports_dir, econ):
    year = timezone.localdate().year
    run_import(econ, [["深圳市甲科技有限公司", A], ["深圳市乙电子有限公司", B]], year)
    preview, report = run_import(econ, [["深圳市甲科技有限公司", A]], year)
    assert (report.new, report.unchanged) == (0, 1)
    assert report.leaving == [("深圳市乙电子有限公司", B)]
    assert listed(year) == [A]


def test_every_bad_row_is_named_and_nothing_is_imported(imports_dir, econ):
    year = timezone.localdate().year
    Employer.objects.create(name="深圳市龙华区某事业单位", credit_code=C, kind=Employer.Kind.PUBLIC_INSTITUTION)
    token = stage(econ, [["深圳市甲科技有限公司", A], ["", B], ["深圳市丁有限公司", "91440300ABC"],
                         ["深圳市甲科技有限公司", A], ["某事业单位", C]])
    with translation.override("en"):
        preview = services.preview_list_import(actor=econ, token=token, year=year)
        texts = [p.text() for p in preview.problems]
    assert any(t.startswith("Row 3, column “enterprise”") for t in texts)
    assert any(t.startswith("Row 4, column “unified social credit code”") for t in texts)
    assert any(t.startswith("Row 5, column “unified social credit code”") and "row 2" in t for t in texts)
    with pytest.raises(services.ImportRefused) as refused:
        services.import_list_file(actor=econ, token=token, sha256=preview.sha256, year=year)
    assert refused.value.problems
    assert not KeyEnterpriseListing.objects.exists()
    token = stage(econ, [["某事业单位", C]])
    with translation.override("en"):
        preview = services.preview_list_import(actor=econ, token=token, year=year)
        assert "not an enterprise" in preview.problems[0].text()


@pytest.mark.parametrize("year", [2013, 9999])
def test_a_year_outside_the_measures_is_refused(imports_dir, econ, year):
    token = stage(econ, [["深圳市甲科技有限公司", A]])
    with pytest.raises(InvalidInput):
        services.preview_list_import(actor=econ, token=token, year=year)


@pytest.mark.parametrize("unit, role", [("econ_services", "clerk"), ("org_personnel", "reviewer"), ("ccb", "head"),
                                        (None, "clerk")])
def test_only_the_bureaus_reviewers_and_heads_import(imports_dir, unit, role):
    with pytest.raises(NotPermitted):
        stage(staff(unit, role), [["深圳市甲科技有限公司", A]])


def test_a_file_staged_by_another_reviewer_is_not_theirs_to_confirm(imports_dir, econ):
    token = stage(econ, [["深圳市甲科技有限公司", A]])
    other = staff("econ_services", "head")
    with pytest.raises(NotPermitted):
        services.preview_list_import(actor=other, token=token, year=timezone.localdate().year)
