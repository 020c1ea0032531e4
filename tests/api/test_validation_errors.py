"""400 answers name every bad field at once, in the request's language (shared/contracts/README.md)."""

import datetime

import pytest
from django.utils import timezone

from tests.api.dossiers import dossier_json, person_json
from tests.factories.identity import make_credit_code, make_id_number, with_wrong_check_digit

URL = "/api/v1/eligibility"


def errors_of(client, body, *, raw=False, **headers):
    if raw:
        response = client.generic("POST", URL, body, content_type="application/json", **headers)
    else:
        response = client.post(URL, body, content_type="application/json", **headers)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    for error in errors:
        assert set(error) == {"field", "message", "message_zh", "message_en"}
        assert error["message"] and error["message_zh"] and error["message_en"]
    return {e["field"]: e for e in errors}


def everything_wrong() -> tuple[dict, set]:
    """One dossier with one mistake of every kind; the fields the answer must name."""
    bad_birth = "440309" + "19900230" + "123"  # 30 February
    from stdnum.cn import ric

    bad_birth += ric.calc_check_digit(bad_birth + "0")
    member_ok = person_json(relation="spouse", applying=True)
    member_bad = person_json(relation="cousin", applying="yes", id_number=bad_birth,
                             social_insurance_months=-3, hukou_since="2001-13-01")
    del member_bad["name"]
    body = dossier_json(
        "enterprise_talent", "rent",
        ref=17,
        application_date="15/03/2026",
        applicant=person_json(id_number=with_wrong_check_digit(make_id_number(birth=datetime.date(1990, 1, 1))),
                              owns_housing="no", first_social_insurance_date="2019-02-29", marital_status="engaged"),
        members=[member_ok, member_bad, {"relation": "child"}],
        income={"per_capita_by_year": {"2024": -1, "24": 100, "2025": "many"}, "total_assets": -5,
                "low_income_treatment": 1},
        employer={"name": "某企业", "credit_code": with_wrong_check_digit(make_credit_code(3)), "kind": "ngo",
                  "key_enterprise_year": "2026"},
        talent={"title": "professor", "degree": "master", "full_time": "yes"},
        honours=["moral_model", "olympic_gold"],
    )
    expected = {
        "ref", "form", "application_date",
        "applicant.id_number", "applicant.owns_housing", "applicant.first_social_insurance_date",
        "applicant.marital_status",
        "members.1.name", "members.1.relation", "members.1.applying", "members.1.id_number",
        "members.1.social_insurance_months", "members.1.hukou_since",
        "members.2.name", "members.2.id_number", "members.2.applying",
        "income.per_capita_by_year.2024", "income.per_capita_by_year.24", "income.per_capita_by_year.2025",
        "income.total_assets", "income.low_income_treatment",
        "employer.credit_code", "employer.kind", "employer.key_enterprise_year",
        "talent.title", "talent.full_time", "honours.1",
    }
    return body, expected


def test_every_bad_field_is_named_in_one_answer(client, policy):
    body, expected = everything_wrong()
    errors = errors_of(client, body)
    assert set(errors) == expected


def test_every_kind_of_mistake_has_its_own_message(client, policy):
    body, _ = everything_wrong()
    errors = errors_of(client, body, HTTP_ACCEPT_LANGUAGE="en")
    message = {field: e["message"] for field, e in errors.items()}
    assert message["applicant.id_number"] == "The check digit of this resident ID number is wrong."
    assert message["members.1.id_number"] == "The birth date in this resident ID number is not a real date."
    assert message["employer.credit_code"] == "The check character of this unified social credit code is wrong."
    assert message["application_date"].startswith("Dates are written YYYY-MM-DD")
    assert message["applicant.first_social_insurance_date"] == "2019-02-29 is not a real calendar date."
    assert message["members.1.hukou_since"] == "2001-13-01 is not a real calendar date."
    assert message["members.2.name"] == "This field is required."
    assert message["applicant.owns_housing"] == "Wrong type: expected boolean."
    assert message["employer.key_enterprise_year"] == "Wrong type: expected integer or null."
    assert message["ref"] == "Wrong type: expected string."
    assert message["form"].startswith('Invalid value "rent": must be one of')
    assert message["members.1.relation"].startswith('Invalid value "cousin"')
    assert message["members.1.social_insurance_months"].endswith("(no negative numbers).")
    assert message["income.total_assets"].endswith("(no negative numbers).")
    assert message["income.per_capita_by_year.24"].startswith("Unknown key")


def test_messages_are_chinese_unless_english_is_asked_for(client, policy):
    body = dossier_json(applicant=person_json(id_number=with_wrong_check_digit(make_id_number(birth=datetime.date(1990, 1, 1)))))
    zh = errors_of(client, body)["applicant.id_number"]
    assert zh["message"] == zh["message_zh"] == "该居民身份证号码的校验码错误。"
    assert errors_of(client, body, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["applicant.id_number"]["message"] == zh["message_zh"]
    en = errors_of(client, body, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["applicant.id_number"]
    assert en["message"] == en["message_en"] == "The check digit of this resident ID number is wrong."


def test_a_language_cookie_does_not_override_accept_language(client, policy):
    body = dossier_json(application_date="2026-02-30")
    client.cookies["django_language"] = "en"
    assert errors_of(client, body)["application_date"]["message"] == "2026-02-30 不是真实存在的日期"


@pytest.mark.parametrize("missing", ["group", "form", "application_date", "applicant"])
def test_each_required_top_level_field(client, policy, missing):
    body = dossier_json()
    del body[missing]
    assert set(errors_of(client, body)) == {missing}


def test_missing_identity_of_the_applicant(client, policy):
    assert set(errors_of(client, dossier_json(applicant={}))) == {"applicant.name", "applicant.id_number"}


def test_employer_needs_its_required_fields(client, policy):
    assert set(errors_of(client, dossier_json("institution_talent", employer={}))) == {
        "employer.name", "employer.credit_code", "employer.kind"}


def test_wrong_container_types(client, policy):
    errors = errors_of(client, dossier_json(members={"0": {}}, income=[], honours="moral_model", applicant="me"))
    assert set(errors) == {"members", "income", "honours", "applicant"}


@pytest.mark.parametrize("number, code", [
    ("44030919900101123", "A resident ID number has 18 characters."),
    ("44030919900101A234", "A resident ID number has 17 digits followed by a digit or X."),
])
def test_id_number_format(client, policy, number, code):
    errors = errors_of(client, dossier_json(applicant=person_json(id_number=number)), HTTP_ACCEPT_LANGUAGE="en")
    assert errors["applicant.id_number"]["message"] == code


def test_a_birth_date_in_the_future(client, policy):
    from stdnum.cn import ric

    body = "440309" + f"{timezone.localdate().year + 1}0101" + "123"
    number = body + ric.calc_check_digit(body + "0")
    errors = errors_of(client, dossier_json(applicant=person_json(id_number=number)), HTTP_ACCEPT_LANGUAGE="en")
    assert errors["applicant.id_number"]["message"] == "The birth date in this resident ID number is in the future."


@pytest.mark.parametrize("body", [b"", b"{not json", b"\xff\xfe", b'{"group": NaN}'])
def test_not_json(client, db, body):
    errors = errors_of(client, body, raw=True, HTTP_ACCEPT_LANGUAGE="en")
    assert list(errors) == [""] and errors[""]["message"].startswith("The request body is not valid JSON")


@pytest.mark.parametrize("body", [b"[]", b'"dossier"', b"null", b"3"])
def test_not_an_object(client, db, body):
    errors = errors_of(client, body, raw=True, HTTP_ACCEPT_LANGUAGE="en")
    assert errors[""]["message"] == "A dossier is a JSON object."


def test_a_boolean_is_not_a_number(client, policy):
    errors = errors_of(client, dossier_json(applicant=person_json(social_insurance_months=True)))
    assert set(errors) == {"applicant.social_insurance_months"}
