"""The public eligibility screener: anonymous, GET, nothing stored, the engine's verdict condition by condition."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from housing.groups import Group
from housing.models.policy import LowIncomeLine, PolicyVersion
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.rules.identity import birth_date_of, clean_id_number
from publicity.public.screener import placeholder_id_number

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr class="outcome-(\w+)" data-condition="([^"]+)">(.*?)</tr>', re.S)
ENGLISH = {"HTTP_COOKIE": "django_language=en"}

NO_HOUSING_FACTS = dict(
    hukou="yes", hukou_by_joining="no", owns_housing="no", owns_residential_land="no",
    bought_policy_housing_in_city="no", family_planning_violation="no", marital_status="single",
)
CITY_FACTS = dict(rents_affordable_housing="no", received_purchase_subsidy="no")


def today():
    return timezone.localdate()


def url(group):
    return reverse("publicity:screener_group", args=[group])


def check(client, group, language=None, **answers):
    extra = ENGLISH if language == "en" else {}
    return client.get(url(group), {"check": "1", **answers}, **extra)


def outcomes(response):
    """{condition id: (outcome, row html)} of the result table."""
    return {cid: (outcome, html) for outcome, cid, html in ROW.findall(response.content.decode())}


def c3(**overrides):
    return {"form": "public_rental", **NO_HOUSING_FACTS, **CITY_FACTS, "social_insurance_months": "36", **overrides}


def talent(birth_date, **overrides):
    return {
        "form": "public_rental", **NO_HOUSING_FACTS, **CITY_FACTS, "birth_date": birth_date.isoformat(),
        "employer_kind": "ecw_institution", "title": "none", "degree": "bachelor", "full_time": "yes",
        "foreign_degree": "domestic", **overrides,
    }


@pytest.fixture
def figures_entered():
    """An administrator has entered the low-income lines and the asset limit (SPEC §13)."""
    version = PolicyVersion.objects.get()
    version.asset_limit = Decimal("300000.00")
    version.save()
    for year in (today().year - 2, today().year - 1):
        LowIncomeLine.objects.create(policy=version, year=year, amount=Decimal("30000.00"))


def c1(**overrides):
    return {
        "form": "economic_housing", **NO_HOUSING_FACTS, "bought_policy_housing_elsewhere": "no",
        "received_price_difference_payment": "no", "income_two_years_ago": "20000", "income_last_year": "21000.50",
        "total_assets": "100000", **overrides,
    }


def test_the_start_page_offers_every_group_and_form_anonymously(client):
    response = client.get(reverse("publicity:screener"))
    assert response.status_code == 200
    html = response.content.decode()
    for group in Group.values:
        assert url(group) in html
    assert f'{url(Group.MINIMUM_ALLOWANCE)}?form=subsidy' in html


@pytest.mark.parametrize("group", Group.values)
def test_each_group_page_renders_anonymously_with_labelled_questions(client, group):
    response = client.get(url(group))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<fieldset>" in html and "<legend>" in html
    assert "<h1>" in html
    # Every input and select has a label pointing at it.
    ids = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html)
    ids = [i for i in ids if i != "lang-select"]
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html, input_id
    assert "data-condition" not in html  # no result before the resident asks for one
    # No identity number is asked.
    assert "id_number" not in html


def test_the_start_link_preselects_the_form(client):
    html = client.get(url(Group.MINIMUM_ALLOWANCE), {"form": "subsidy"}).content.decode()
    assert re.search(r'<option value="subsidy" selected>', html)


def test_a_passing_c3_household_meets_every_condition(client):
    response = check(client, Group.NO_HOUSING, **c3())
    rows = outcomes(response)
    assert list(rows) == CONDITIONS_BY_GROUP[Group.NO_HOUSING]
    assert {outcome for outcome, _ in rows.values()} == {"passed"}
    assert "every condition is met" in check(client, Group.NO_HOUSING, "en", **c3()).content.decode()


def test_a_passing_c1_household_meets_every_condition_once_the_figures_are_entered(client, figures_entered):
    rows = outcomes(check(client, Group.LOW_INCOME_NO_HOUSING, **c1()))
    assert list(rows) == CONDITIONS_BY_GROUP[Group.LOW_INCOME_NO_HOUSING]
    assert {outcome for outcome, _ in rows.values()} == {"passed"}


def test_a_passing_married_talent_household_meets_every_condition(client):
    birth = datetime.date(today().year - 30, 6, 1)
    answers = talent(birth, marital_status="married", spouse_applying="yes", minor_children_applying="1",
                     employer_kind="enterprise", key_enterprise_this_year="yes", title="full_senior",
                     title_basis="national_exam", form="subsidy")
    rows = outcomes(check(client, Group.ENTERPRISE_TALENT, **answers))
    assert list(rows) == CONDITIONS_BY_GROUP[Group.ENTERPRISE_TALENT]
    assert {outcome for outcome, _ in rows.values()} == {"passed"}


@pytest.mark.parametrize("months, outcome", [("36", "passed"), ("35", "failed")])
def test_c3_social_insurance_boundary(client, months, outcome):
    rows = outcomes(check(client, Group.NO_HOUSING, "en", **c3(social_insurance_months=months)))
    assert rows["R-20.2"][0] == outcome
    # The condition is named by its article as people cite it, never by its requirement id (decision 0045).
    assert ">Art. 20(2)<" in rows["R-20.2"][1] and ">R-20.2<" not in rows["R-20.2"][1]
    if outcome == "failed":
        assert "Not met" in rows["R-20.2"][1]
        assert "35 months" in rows["R-20.2"][1]


@pytest.mark.parametrize("birth, outcome", [
    (lambda y: datetime.date(y - 28, 1, 1), "failed"),  # 28 on 1 January: not under 28 (R-21.1a)
    (lambda y: datetime.date(y - 28, 1, 2), "passed"),  # 27 on 1 January
])
def test_a_bachelor_aged_28_on_new_year_fails_r21_1(client, birth, outcome):
    rows = outcomes(check(client, Group.ECW_TALENT, "en", **talent(birth(today().year))))
    assert rows["R-21.1"][0] == outcome
    if outcome == "failed":
        assert "must be under 28" in rows["R-21.1"][1]


def test_a_missing_answer_leaves_its_condition_undecided_and_names_the_fact(client):
    answers = c3()
    del answers["social_insurance_months"]
    rows = outcomes(check(client, Group.NO_HOUSING, "en", **answers))
    outcome, html = rows["R-20.2"]
    assert outcome == "undecided"
    assert "Undecided" in html
    # The missing answer is named by its question, not by the dossier's field path.
    assert "social insurance paid is not recorded" in html and "applicant.social_insurance_months" not in html
    assert {o for cid, (o, _) in rows.items() if cid != "R-20.2"} == {"passed"}
    assert 'To decide this, answer:' in html and 'href="#id_social_insurance_months"' in html


def test_an_undecided_talent_age_points_at_the_birth_date_question_not_an_id_number(client):
    answers = talent(datetime.date(1990, 1, 1))
    del answers["birth_date"]
    outcome, html = outcomes(check(client, Group.ECW_TALENT, "en", **answers))["R-21.1"]
    assert outcome == "undecided"
    assert 'href="#id_birth_date"' in html


def test_a_missing_policy_figure_is_undecided_and_says_an_administrator_must_enter_it(client):
    rows = outcomes(check(client, Group.LOW_INCOME_NO_HOUSING, "en", **c1()))
    assert rows["R-18.2"][0] == "undecided"
    assert "low-income line" in rows["R-18.2"][1] and "administrator must enter" in rows["R-18.2"][1]
    assert rows["R-18.3"][0] == "undecided"


def test_messages_follow_the_active_language(client):
    chinese = outcomes(check(client, Group.NO_HOUSING, **c3(social_insurance_months="35")))["R-20.2"][1]
    english = outcomes(check(client, Group.NO_HOUSING, "en", **c3(social_insurance_months="35")))["R-20.2"][1]
    assert "不满三年" in chinese and "less than 3 years" not in chinese
    assert "less than 3 years" in english and "不满三年" not in english


def test_income_below_the_line_in_only_one_year_fails_r18_2(client, figures_entered):
    rows = outcomes(check(client, Group.LOW_INCOME_NO_HOUSING, **c1(income_last_year="30000")))
    assert rows["R-18.2"][0] == "failed"


def test_a_married_applicant_whose_spouse_does_not_apply_fails_r_hh_2(client):
    rows = outcomes(check(client, Group.NO_HOUSING, **c3(marital_status="married", spouse_applying="no")))
    assert rows["R-HH.2"][0] == "failed"


@pytest.mark.parametrize("group, field, value, error", [
    (Group.ECW_TALENT, "birth_date", lambda: (today() + datetime.timedelta(days=1)).isoformat(), "in the future"),
    (Group.LOW_INCOME_NO_HOUSING, "income_last_year", lambda: "-1", "cannot be negative"),
    (Group.LOW_INCOME_NO_HOUSING, "total_assets", lambda: "-0.01", "cannot be negative"),
    (Group.NO_HOUSING, "social_insurance_months", lambda: "-3", "0 or more"),
    (Group.LOW_INCOME_NO_HOUSING, "last_housing_transfer_date", lambda: "2999-01-01", "in the future"),
])
def test_bad_input_gives_an_error_next_to_the_field_and_no_result(client, group, field, value, error):
    answers = {"form": "public_rental", field: value()}
    if group == Group.LOW_INCOME_NO_HOUSING:
        answers["form"] = "economic_housing"
    response = check(client, group, "en", **answers)
    assert response.status_code == 200
    html = response.content.decode()
    field_block = re.search(rf'<div class="field has-error">\s*<label for="id_{field}".*?</div>', html, re.S)
    assert field_block, "the error is not shown with its field"
    assert f'id="id_{field}_error"' in field_block.group(0) and error in field_block.group(0)
    assert re.search(rf'<(input|select)[^>]*aria-describedby="[^"]*id_{field}_error', html)
    assert "data-condition" not in html and "result-heading" not in html


def test_today_is_not_in_the_future(client):
    rows = outcomes(check(client, Group.ECW_TALENT, **talent(today())))
    assert rows  # a result, not an error
    assert rows["R-21.1"][0] == "passed"  # born today: under 28 on 1 January


def test_nothing_is_stored_and_no_session_is_created(client, figures_entered):
    # Every model with a table (a model still waiting for its migration has nowhere to be written).
    tables = set(connection.introspection.table_names())
    models = [m for m in apps.get_models() if m._meta.db_table in tables]
    assert len(models) > 20
    before = {m._meta.label: m._default_manager.count() for m in models}
    responses = [
        client.get(reverse("publicity:screener")),
        check(client, Group.LOW_INCOME_NO_HOUSING, **c1()),
        check(client, Group.ECW_TALENT, **talent(datetime.date(1990, 1, 1), marital_status="married",
                                                  spouse_applying="yes", minor_children_applying="2")),
        check(client, Group.NO_HOUSING, social_insurance_months="-1"),
    ]
    assert all(r.status_code == 200 for r in responses)
    assert {m._meta.label: m._default_manager.count() for m in models} == before
    for response in responses:
        assert "sessionid" not in response.cookies
        assert "sessionid" not in response.headers.get("Set-Cookie", "")
    assert "sessionid" not in client.cookies


def test_a_post_is_refused(client):
    assert client.post(url(Group.NO_HOUSING), c3()).status_code == 405


def test_an_unknown_group_is_404(client):
    assert client.get(url("no_such_group")).status_code == 404


def test_the_placeholder_id_number_is_a_valid_gb11643_number_of_the_birth_date_and_never_shown(client):
    birth = datetime.date(1992, 2, 29)
    number = placeholder_id_number(birth)
    assert clean_id_number(number) == number
    assert birth_date_of(number) == birth
    assert placeholder_id_number(None) == ""
    html = check(client, Group.ECW_TALENT, **talent(birth)).content.decode()
    assert number not in html and number[:14] not in html


def test_the_result_says_it_is_guidance_only(client):
    html = check(client, Group.NO_HOUSING, "en", **c3()).content.decode()
    assert "guidance only and decides nothing" in html


def test_an_unanswered_yes_no_question_is_undecided_not_no(client):
    answers = c3()
    del answers["owns_housing"]
    outcome, html = outcomes(check(client, Group.NO_HOUSING, "en", **answers))["R-20.4"]
    assert outcome == "undecided"
    assert "applicant.owns_housing" not in html and 'href="#id_owns_housing"' in html


def test_children_counted_by_age(client):
    # R-HH.3: an adult child applying must hold Shenzhen hukou for a talent household.
    adult = outcomes(check(client, Group.ECW_TALENT, **talent(datetime.date(1990, 5, 1), adult_children_applying="1",
                                                              hukou="no")))
    assert adult["R-HH.3"][0] == "failed"
    minor = outcomes(check(client, Group.ECW_TALENT, **talent(datetime.date(1990, 5, 1), minor_children_applying="1",
                                                              hukou="no")))
    assert minor["R-HH.3"][0] == "passed"
    # R-HH.2: a married applicant's minor child must apply.
    left_out = outcomes(check(client, Group.NO_HOUSING, **c3(marital_status="married", spouse_applying="yes",
                                                             minor_children_not_applying="1")))
    assert left_out["R-HH.2"][0] == "failed"
