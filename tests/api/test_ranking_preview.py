"""POST /api/v1/rankings/preview (shared/contracts/README.md, SPEC §7)."""

import datetime
import hashlib
import random

import pytest
from jsonschema import Draft202012Validator

from housing.api.openapi import openapi_document
from tests.api.dossiers import dossier_json, person_json

URL = "/api/v1/rankings/preview"
SEED = "2026-第一轮"


def preview(client, body, status=200, **headers):
    response = client.post(URL, body, content_type="application/json", **headers)
    assert response.status_code == status, response.content
    return response.json()


def key(seed, ref):
    return hashlib.sha256(f"{seed}:{ref}".encode()).hexdigest()


def c3(ref, hukou_since="2005-01-01", insurance="2012-01-01", applicant=None, **changes):
    applicant = applicant or person_json(hukou_since=hukou_since, first_social_insurance_date=insurance)
    return dossier_json("no_housing", ref=ref, applicant=applicant, **changes)


def talent(ref, employer_no=1, degree="master", title=None, honours=(), group="institution_talent"):
    body = dossier_json(group, ref=ref, employer_no=employer_no, honours=list(honours))
    if degree == "bachelor":  # under 28 on 1 January
        body["applicant"] = person_json(birth=datetime.date(2000, 6, 1), hukou="shenzhen")
    body["talent"].update(degree=degree, title=title, title_basis="national_exam" if title else None)
    return body


def test_lottery_keys_ranks_and_shape(client, policy):
    refs = [f"A-{i}" for i in range(1, 9)]
    data = preview(client, {"seed": SEED, "dossiers": [c3(r) for r in refs]})
    assert set(data) == {"seed", "queues", "excluded"} and data["seed"] == SEED and data["excluded"] == []
    [queue] = data["queues"]
    assert (queue["group"], queue["employer"]) == ("no_housing", None)
    # Equal dates: the lottery alone decides, by ascending key.
    assert [e["ref"] for e in queue["entries"]] == sorted(refs, key=lambda r: key(SEED, r))
    assert [e["rank"] for e in queue["entries"]] == list(range(1, 9))
    for entry in queue["entries"]:
        assert set(entry) == {"ref", "rank", "lottery_key"}
        assert entry["lottery_key"] == key(SEED, entry["ref"])
    document = openapi_document()
    validator = Draft202012Validator({"$ref": "#/components/schemas/RankingPreview", "components": document["components"]})
    assert not list(validator.iter_errors(data))


def test_earlier_date_ranks_first_r23_1(client, policy):
    dossiers = [c3("late", "2015-01-01", "2016-01-01"), c3("early-insurance", "2014-01-01", "2009-05-01"),
                c3("early-hukou", "2010-01-01", "2013-01-01")]
    [queue] = preview(client, {"seed": SEED, "dossiers": dossiers})["queues"]
    assert [e["ref"] for e in queue["entries"]] == ["early-insurance", "early-hukou", "late"]


def test_talents_rank_within_each_employer_r23_2(client, policy):
    dossiers = [talent("bachelor-1", 1, "bachelor"), talent("doctor-1", 1, "doctorate"),
                talent("senior-1", 1, "master", title="deputy_senior"), talent("master-2", 2, "master"),
                talent("honour-2", 2, "master", honours=["labour_model"])]
    data = preview(client, {"seed": SEED, "dossiers": dossiers})
    queues = {q["employer"]: [e["ref"] for e in q["entries"]] for q in data["queues"]}
    assert len(queues) == 2 and all(q["group"] == "institution_talent" for q in data["queues"])
    first, second = sorted(queues)
    assert queues[first] == ["senior-1", "doctor-1", "bachelor-1"]
    assert queues[second] == ["honour-2", "master-2"]


def test_ineligible_dossiers_are_excluded_naming_the_conditions(client, policy):
    owner = c3("owner", applicant=person_json(owns_housing=True))
    unknown = c3("unknown")
    del unknown["applicant"]["rents_affordable_housing"]
    data = preview(client, {"seed": SEED, "dossiers": [owner, c3("ok"), unknown]})
    assert [e["ref"] for q in data["queues"] for e in q["entries"]] == ["ok"]
    excluded = {x["ref"]: x for x in data["excluded"]}
    assert list(excluded) == ["owner", "unknown"]
    assert "R-20.4" in excluded["owner"]["reason_en"] and "R-20.4" in excluded["owner"]["reason_zh"]
    assert "R-20.3" in excluded["unknown"]["reason_en"] and "cannot decide" in excluded["unknown"]["reason_en"]
    assert set(excluded["owner"]) == {"ref", "reason_zh", "reason_en"}


def test_c1_with_an_unknown_insurance_date_is_not_ranked_but_never_paid_is(client, policy):
    unknown = dossier_json("low_income_no_housing", ref="unknown",
                           applicant=person_json(first_social_insurance_date=None, social_insurance_months=24))
    never = dossier_json("low_income_no_housing", ref="never",
                         applicant=person_json(first_social_insurance_date=None, social_insurance_months=0))
    data = preview(client, {"seed": SEED, "dossiers": [unknown, never]})
    assert [e["ref"] for q in data["queues"] for e in q["entries"]] == ["never"]
    assert [x["ref"] for x in data["excluded"]] == ["unknown"]
    assert "R-23.1" in data["excluded"][0]["reason_en"]


def test_c1_never_paid_ranks_by_the_hukou_date(client, policy):
    def c1(ref, hukou, months, insurance):
        return dossier_json("low_income_no_housing", ref=ref, applicant=person_json(
            hukou_since=hukou, social_insurance_months=months, first_social_insurance_date=insurance))

    dossiers = [c1("paid-early", "2012-01-01", 12, "2001-01-01"), c1("never", "2005-01-01", 0, None)]
    [queue] = preview(client, {"seed": SEED, "dossiers": dossiers})["queues"]
    assert [e["ref"] for e in queue["entries"]] == ["paid-early", "never"]


def test_the_answer_does_not_depend_on_the_order(client, policy):
    dossiers = [c3(f"F-{i}", hukou_since=f"20{i % 3:02d}-01-01") for i in range(10)]
    dossiers += [talent(f"T-{i}", i % 2, ("bachelor", "master", "doctorate")[i % 3]) for i in range(8)]
    dossiers.append(c3("bad", applicant=person_json(owns_housing=True)))
    answer = preview(client, {"seed": SEED, "dossiers": dossiers})
    for _ in range(3):
        random.shuffle(dossiers)
        assert preview(client, {"seed": SEED, "dossiers": dossiers}) == answer
    assert [q["group"] for q in answer["queues"]] == ["no_housing", "institution_talent", "institution_talent"]


def test_another_seed_another_draw(client, policy):
    dossiers = [c3(f"A-{i}") for i in range(12)]
    one = preview(client, {"seed": "one", "dossiers": dossiers})["queues"][0]["entries"]
    two = preview(client, {"seed": "two", "dossiers": dossiers})["queues"][0]["entries"]
    assert [e["ref"] for e in one] != [e["ref"] for e in two]


def test_duplicate_refs_are_refused_naming_the_index(client, policy):
    errors = preview(client, {"seed": SEED, "dossiers": [c3("A"), c3("B"), c3("A")]}, 400,
                     HTTP_ACCEPT_LANGUAGE="en")["errors"]
    assert [e["field"] for e in errors] == ["dossiers.2.ref"]
    assert "dossiers.0" in errors[0]["message"]


def test_every_dossier_needs_a_ref(client, policy):
    no_ref, empty = c3("x"), c3("")
    del no_ref["ref"]
    errors = preview(client, {"seed": SEED, "dossiers": [c3("A"), no_ref, empty]}, 400)["errors"]
    assert [e["field"] for e in errors] == ["dossiers.1.ref", "dossiers.2.ref"]


def test_errors_name_the_dossier_by_its_index(client, policy):
    bad = c3("B", applicant=person_json(id_number="440309199001011230"), members=[{"name": "x"}])
    errors = preview(client, {"seed": SEED, "dossiers": [c3("A"), c3("C"), c3("D"), bad, 7]}, 400)["errors"]
    assert {e["field"] for e in errors} == {
        "dossiers.3.applicant.id_number", "dossiers.3.members.0.id_number", "dossiers.3.members.0.relation",
        "dossiers.3.members.0.applying", "dossiers.4"}


@pytest.mark.parametrize("body, fields", [
    ({}, {"seed", "dossiers"}),
    ({"seed": 5, "dossiers": {}}, {"seed", "dossiers"}),
    ([], {""}),
])
def test_the_envelope(client, db, body, fields):
    errors = preview(client, body, 400)["errors"]
    assert {e["field"] for e in errors} == fields


def test_not_json(client, db):
    response = client.generic("POST", URL, b"seed=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == ""


def test_no_dossiers_no_queues(client, db):
    assert preview(client, {"seed": SEED, "dossiers": []}) == {"seed": SEED, "queues": [], "excluded": []}


def test_no_policy_in_force_names_the_dossier(client, policy):
    errors = preview(client, {"seed": SEED, "dossiers": [c3("A"), c3("B", application_date="2001-01-01")]}, 422)["errors"]
    assert [e["field"] for e in errors] == ["dossiers.1.application_date"]
