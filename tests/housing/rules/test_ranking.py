"""SPEC §7 ranking: R-23.1 (families), R-23.2 (talents per employer), R-24 (honours), R-23.3 (lottery)."""

import json
import random
from datetime import date, datetime

import pytest

from housing.groups import Group
from housing.rules.lottery import lottery_key
from housing.rules.ranking import (
    MissingRankingFact,
    RankingCandidate,
    rank,
    ranking_key,
)

FAMILY = [Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING]
TALENT = [Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT]
SEEDS = ["2025-R1", "another seed", "龙华2025第一轮", "s-3", "s-4", "s-5", "s-6", "s-7"]
E1 = "91440300MA5EXAMPL1"
E2 = "91440300MA5EXAMPL2"


def family(ref, group=Group.NO_HOUSING, hukou=date(2012, 1, 1), insurance=date(2013, 1, 1), honours=()):
    return RankingCandidate(ref=ref, group=group, hukou_since=hukou, first_social_insurance_date=insurance,
                            honours=honours)


def talent(ref, title=None, degree=None, employer=E1, group=Group.ENTERPRISE_TALENT, honours=()):
    return RankingCandidate(ref=ref, group=group, employer_credit_code=employer, title=title, degree=degree,
                            honours=honours)


def order(result, group, employer=None):
    (queue,) = [q for q in result.queues if q.group == group and q.employer == employer]
    assert [e.rank for e in queue.entries] == list(range(1, len(queue.entries) + 1))
    return [e.ref for e in queue.entries]


def lottery_order(seed, refs):
    return sorted(refs, key=lambda ref: lottery_key(seed, ref))


# --- families by the earlier of the hukou date and the first insurance payment --------------

# (A's hukou, A's insurance, B's hukou, B's insurance, who ranks first, why)
FAMILY_ROWS = [
    (date(2010, 1, 1), date(2015, 1, 1), date(2012, 1, 1), date(2009, 12, 31), "B", "B's insurance beats A's hukou"),
    (date(2010, 1, 1), date(2015, 1, 1), date(2010, 1, 2), date(2011, 1, 1), "A", "hukou against hukou, one day"),
    (date(2018, 1, 1), date(2008, 5, 1), date(2009, 1, 1), date(2019, 1, 1), "A", "A's insurance beats B's hukou"),
    (date(2018, 1, 1), date(2008, 5, 1), date(2017, 1, 1), date(2008, 5, 2), "A", "insurance against insurance, one day"),
    (date(2000, 2, 29), None, date(2000, 3, 1), date(2000, 3, 1), "A", "A never paid insurance: hukou alone"),
    (date(2020, 1, 1), date(2001, 1, 1), date(2001, 1, 2), None, "A", "B never paid insurance: hukou alone"),
]


@pytest.mark.parametrize("group", [Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE])
@pytest.mark.parametrize(("a_hukou", "a_ins", "b_hukou", "b_ins", "first", "why"), FAMILY_ROWS)
def test_c1_c2_rank_by_the_earlier_date_whichever_side_it_is_on(group, a_hukou, a_ins, b_hukou, b_ins, first, why):
    for seed in SEEDS:
        result = rank([family("A", group, a_hukou, a_ins), family("B", group, b_hukou, b_ins)], seed=seed)
        assert order(result, group)[0] == first, why


@pytest.mark.parametrize(("a_hukou", "a_ins", "b_hukou", "b_ins", "first", "why"),
                         [row for row in FAMILY_ROWS if row[1] and row[3]])
def test_c3_ranks_by_the_earlier_date_whichever_side_it_is_on(a_hukou, a_ins, b_hukou, b_ins, first, why):
    for seed in SEEDS:
        result = rank([family("A", Group.NO_HOUSING, a_hukou, a_ins), family("B", Group.NO_HOUSING, b_hukou, b_ins)],
                      seed=seed)
        assert order(result, Group.NO_HOUSING)[0] == first, why


def test_a_longer_family_queue_in_full():
    people = [
        family("late", hukou=date(2020, 6, 1), insurance=date(2021, 1, 1)),
        family("insurance-2005", hukou=date(2019, 1, 1), insurance=date(2005, 3, 1)),
        family("hukou-2003", hukou=date(2003, 7, 1), insurance=date(2010, 1, 1)),
        family("hukou-2007", hukou=date(2007, 1, 1), insurance=date(2007, 1, 2)),
        family("insurance-2007", hukou=date(2016, 1, 1), insurance=date(2006, 12, 31)),
    ]
    for seed in SEEDS:
        assert order(rank(people, seed=seed), Group.NO_HOUSING) == [
            "hukou-2003", "insurance-2005", "insurance-2007", "hukou-2007", "late"]


@pytest.mark.parametrize("group", FAMILY)
def test_the_same_earliest_date_from_either_side_is_a_tie_for_the_lottery(group):
    a = family("A", group, hukou=date(2010, 1, 1), insurance=date(2012, 1, 1))
    b = family("B", group, hukou=date(2014, 1, 1), insurance=date(2010, 1, 1))
    c = family("C", group, hukou=date(2010, 1, 1), insurance=date(2010, 1, 1))
    seen = set()
    for seed in SEEDS:
        got = order(rank([a, b, c], seed=seed), group)
        assert got == lottery_order(seed, ["A", "B", "C"])
        seen.add(tuple(got))
    assert len(seen) > 1  # the lottery, not the input order, decided


@pytest.mark.parametrize("group", FAMILY)
def test_each_family_group_is_one_queue_without_employer(group):
    people = [family("A", group), RankingCandidate(ref="B", group=group, employer_credit_code=E1,
                                                   hukou_since=date(2011, 1, 1),
                                                   first_social_insurance_date=date(2011, 1, 1))]
    result = rank(people, seed="s")
    assert [(q.group, q.employer) for q in result.queues] == [(group, None)]
    assert order(result, group) == ["B", "A"]


# --- talents within each employer: level, title, degree ------------------------------------

LADDER = [  # best first
    ("full-doctorate", "full_senior", "doctorate"),
    ("full-master", "full_senior", "master"),
    ("full-bachelor", "full_senior", "bachelor"),
    ("full-no-degree", "full_senior", None),
    ("deputy-doctorate", "deputy_senior", "doctorate"),
    ("deputy-master", "deputy_senior", "master"),
    ("deputy-bachelor", "deputy_senior", "bachelor"),
    ("deputy-no-degree", "deputy_senior", None),
    ("mid-doctorate", None, "doctorate"),
    ("mid-master", None, "master"),
    ("mid-bachelor", None, "bachelor"),
]


@pytest.mark.parametrize("group", TALENT)
def test_talents_rank_by_level_then_title_then_degree(group):
    people = [talent(ref, title, degree, group=group) for ref, title, degree in LADDER]
    for seed in SEEDS:
        shuffled = people[:]
        random.Random(seed).shuffle(shuffled)
        assert order(rank(shuffled, seed=seed), group, E1) == [ref for ref, _, _ in LADDER]


# (better, worse, why): every adjacent step of the ladder, plus the ones where the article keys collide.
PAIRS = [
    (("full_senior", "bachelor"), ("deputy_senior", "doctorate"), "title before degree"),
    (("deputy_senior", None), (None, "doctorate"), "senior before mid/junior, whatever the degree"),
    (("full_senior", "doctorate"), ("full_senior", "master"), "degree among full seniors"),
    (("deputy_senior", "bachelor"), ("deputy_senior", None), "a senior with a degree before one without"),
    ((None, "doctorate"), (None, "master"), "doctorate before master"),
    ((None, "master"), (None, "bachelor"), "master before bachelor"),
]


@pytest.mark.parametrize(("better", "worse", "why"), PAIRS)
def test_one_step_of_the_talent_ladder(better, worse, why):
    for seed in SEEDS:
        result = rank([talent("W", *worse), talent("B", *better)], seed=seed)
        assert order(result, Group.ENTERPRISE_TALENT, E1) == ["B", "W"], why


def test_equal_talents_are_left_to_the_lottery():
    refs = [f"LH-2025-C6-{n:06d}" for n in range(1, 9)]
    people = [talent(ref, "deputy_senior", "master") for ref in refs]
    for seed in SEEDS:
        result = rank(people, seed=seed)
        assert order(result, Group.ENTERPRISE_TALENT, E1) == lottery_order(seed, refs)
        assert all(e.lottery_key == lottery_key(seed, e.ref) for e in result.queues[0].entries)


def test_each_employer_and_each_group_is_its_own_queue():
    people = [
        talent("C6-E2-a", None, "bachelor", E2),
        talent("C6-E1-a", None, "bachelor", E1),
        talent("C6-E1-b", "full_senior", "doctorate", E1),
        talent("C4-E1-a", None, "master", E1, Group.INSTITUTION_TALENT),
        talent("C5-E2-a", None, "master", E2, Group.ECW_TALENT),
        talent("C5-E1-a", "deputy_senior", None, E1, Group.ECW_TALENT),
        talent("C6-E2-b", None, "master", E2),
        family("C3-a"),
        family("C1-a", Group.LOW_INCOME_NO_HOUSING),
        family("C2-a", Group.MINIMUM_ALLOWANCE),
    ]
    for seed in SEEDS[:3]:
        result = rank(people, seed=seed)
        assert [(q.group, q.employer, [e.ref for e in q.entries]) for q in result.queues] == [
            ("low_income_no_housing", None, ["C1-a"]),
            ("minimum_allowance", None, ["C2-a"]),
            ("no_housing", None, ["C3-a"]),
            ("institution_talent", E1, ["C4-E1-a"]),
            ("ecw_talent", E1, ["C5-E1-a"]),
            ("ecw_talent", E2, ["C5-E2-a"]),
            ("enterprise_talent", E1, ["C6-E1-b", "C6-E1-a"]),
            ("enterprise_talent", E2, ["C6-E2-b", "C6-E2-a"]),
        ]
        assert all(e.rank == i for q in result.queues for i, e in enumerate(q.entries, start=1))


def test_a_better_talent_at_another_employer_does_not_push_anyone_down():
    people = [talent("E1-mid", None, "bachelor", E1), talent("E2-full", "full_senior", "doctorate", E2)]
    result = rank(people, seed="s")
    assert order(result, Group.ENTERPRISE_TALENT, E1) == ["E1-mid"]
    assert order(result, Group.ENTERPRISE_TALENT, E2) == ["E2-full"]


# --- honours first among otherwise equal applicants, never above a better article key ---------

@pytest.mark.parametrize("honour", ["moral_model", "labour_model", "bravery_award"])
def test_an_honour_holder_ranks_first_among_equal_families(honour):
    people = [family(f"F{n}") for n in range(6)] + [family("H", honours=(honour,))]
    for seed in SEEDS:
        got = order(rank(people, seed=seed), Group.NO_HOUSING)
        assert got[0] == "H"
        assert got[1:] == lottery_order(seed, [f"F{n}" for n in range(6)])


def test_an_honour_holder_ranks_first_among_equal_talents():
    people = [talent(f"T{n}", "deputy_senior", "master") for n in range(6)]
    people.append(talent("H", "deputy_senior", "master", honours=("labour_model",)))
    for seed in SEEDS:
        assert order(rank(people, seed=seed), Group.ENTERPRISE_TALENT, E1)[0] == "H"


@pytest.mark.parametrize(("better", "honoured"), [
    (family("B", hukou=date(2010, 1, 1), insurance=date(2010, 1, 1)),
     family("H", hukou=date(2010, 1, 2), insurance=date(2010, 1, 2), honours=("moral_model",))),
    (talent("B", "full_senior", None), talent("H", "deputy_senior", "doctorate", honours=("bravery_award",))),
    (talent("B", "deputy_senior", "bachelor"), talent("H", None, "doctorate", honours=("labour_model",))),
    (talent("B", None, "doctorate"), talent("H", None, "master", honours=("moral_model", "labour_model"))),
], ids=["family-one-day", "title", "level", "degree"])
def test_an_honour_does_not_lift_above_a_better_article_key(better, honoured):
    for seed in SEEDS:
        result = rank([honoured, better], seed=seed)
        assert [e.ref for e in result.queues[0].entries] == ["B", "H"]


def test_two_honours_count_no_more_than_one():
    people = [family("ONE", honours=("moral_model",)),
              family("TWO", honours=("moral_model", "labour_model", "bravery_award"))]
    firsts = {order(rank(people, seed=seed), Group.NO_HOUSING)[0] for seed in SEEDS}
    assert all(order(rank(people, seed=s), Group.NO_HOUSING) == lottery_order(s, ["ONE", "TWO"]) for s in SEEDS)
    assert firsts == {"ONE", "TWO"}


# --- the result does not depend on the order of the input ------------------------------------------

def mixed_round(n, rng):
    people = []
    for i in range(n):
        group = rng.choice(list(Group))
        honours = ("labour_model",) if rng.random() < 0.1 else ()
        if group in FAMILY:
            people.append(family(f"LH-2025-{i:06d}", group, date(2000 + rng.randrange(3), rng.randrange(1, 3), 1),
                                 rng.choice([None, date(2000 + rng.randrange(3), 1, 1)]), honours))
        else:
            title = rng.choice([None, None, "deputy_senior", "full_senior"])
            degree = rng.choice([None, "bachelor", "master", "doctorate"])
            people.append(talent(f"LH-2025-{i:06d}", title, degree, rng.choice([E1, E2, None]), group, honours))
    return people


@pytest.mark.parametrize("permutation_seed", range(10))
def test_shuffled_input_gives_the_same_result(permutation_seed):
    people = mixed_round(400, random.Random(2025))
    expected = rank(people, seed="2025-R1")
    shuffled = people[:]
    random.Random(permutation_seed).shuffle(shuffled)
    got = rank(iter(shuffled), seed="2025-R1")
    assert got == expected
    assert json.dumps(got.as_dict()) == json.dumps(expected.as_dict())
    # The round is mixed enough for this to mean something.
    assert len(expected.queues) >= 6 and expected.excluded
    assert max(len(q.entries) for q in expected.queues) > 20


# --- missing facts -> excluded, with the fact named -----------------------------------------------

MISSING = [
    (family("X", Group.LOW_INCOME_NO_HOUSING, hukou=None), ("hukou_since",), "入户时间", "hukou"),
    (family("X", Group.MINIMUM_ALLOWANCE, hukou=None, insurance=None), ("hukou_since",), "入户时间", "hukou"),
    (family("X", Group.NO_HOUSING, insurance=None), ("first_social_insurance_date",), "首次缴纳社保时间",
     "social-insurance"),
    (family("X", Group.NO_HOUSING, hukou=None, insurance=None), ("hukou_since", "first_social_insurance_date"),
     "入户时间、在本市首次缴纳社保时间", "hukou entered Shenzhen; the date of the first Shenzhen social-insurance"),
    (talent("X", "full_senior", "doctorate", employer=None), ("employer_credit_code",), "统一社会信用代码",
     "credit code"),
    (talent("X", None, None), ("title_or_degree",), "高级职称或学历学位", "title or a degree"),
    (talent("X", None, None, employer="", group=Group.ECW_TALENT), ("employer_credit_code", "title_or_degree"),
     "用人单位统一社会信用代码、高级职称或学历学位", "credit code; a senior professional title or a degree"),
]


@pytest.mark.parametrize(("candidate", "facts", "zh", "en"), MISSING)
def test_a_candidate_lacking_a_fact_is_excluded_with_the_fact_named(candidate, facts, zh, en):
    others = [family("F1"), talent("T1", None, "master")]
    result = rank([*others, candidate], seed="s")
    (excluded,) = result.excluded
    assert excluded.ref == "X" and excluded.missing == facts
    assert zh in excluded.reason_zh and en in excluded.reason_en
    assert "R-23" in excluded.reason_zh and "R-23" in excluded.reason_en
    assert "X" not in [e.ref for q in result.queues for e in q.entries]
    assert sorted(e.ref for q in result.queues for e in q.entries) == ["F1", "T1"]
    with pytest.raises(MissingRankingFact) as info:
        ranking_key(candidate, "s")
    assert info.value.facts == facts


def test_c1_and_c2_without_any_insurance_are_ranked_by_the_hukou_date():
    for group in (Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE):
        result = rank([family("A", group, date(2015, 1, 1), None), family("B", group, date(2016, 1, 1), None)],
                      seed="s")
        assert order(result, group) == ["A", "B"] and not result.excluded


def test_a_senior_without_a_degree_is_ranked():
    result = rank([talent("S", "deputy_senior", None)], seed="s")
    assert order(result, Group.ENTERPRISE_TALENT, E1) == ["S"] and not result.excluded


def test_excluded_are_listed_by_ref_whatever_the_input_order():
    people = [family(ref, hukou=None) for ref in ["c", "a", "b"]]
    assert [x.ref for x in rank(people, seed="s").excluded] == ["a", "b", "c"]


# --- keys, seeds and refs ---------------------------------------------------------------------------

@pytest.mark.parametrize(("seed", "refs"), [
    ("龙华区2025年第一批公租房", ["申请-甲", "申请-乙", "申请-丙", "申请-丁"]),
    ("🎲 seed", ["é", "e\u0301", "ß", "ss"]),
    ("", ["A", "B", "C"]),
])
def test_unicode_seeds_and_refs(seed, refs):
    result = rank([family(ref) for ref in refs], seed=seed)
    entries = result.queues[0].entries
    assert [e.ref for e in entries] == lottery_order(seed, refs)
    assert all(e.lottery_key == lottery_key(seed, e.ref) for e in entries)
    body = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert body["seed"] == seed and [e["ref"] for e in body["queues"][0]["entries"]] == [e.ref for e in entries]


def test_ranking_key_puts_the_article_keys_before_the_honour_and_the_lottery():
    key = ranking_key(talent("A", "deputy_senior", "master", honours=("moral_model",)), "s")
    assert key == (0, 1, 1, 0, lottery_key("s", "A"), "A")
    key = ranking_key(family("B", hukou=date(2010, 1, 1), insurance=date(2009, 1, 1)), "s")
    assert key == (date(2009, 1, 1).toordinal(), 1, lottery_key("s", "B"), "B")


def test_the_preview_contract_shape():
    result = rank([family("A"), talent("T", None, "master"), family("X", hukou=None)], seed="seed")
    assert result.as_dict() == {
        "seed": "seed",
        "queues": [
            {"group": "no_housing", "employer": None,
             "entries": [{"ref": "A", "rank": 1, "lottery_key": lottery_key("seed", "A")}]},
            {"group": "enterprise_talent", "employer": E1,
             "entries": [{"ref": "T", "rank": 1, "lottery_key": lottery_key("seed", "T")}]},
        ],
        "excluded": [{"ref": "X", "reason_zh": result.excluded[0].reason_zh,
                      "reason_en": result.excluded[0].reason_en}],
    }


def test_nothing_to_rank():
    result = rank([], seed="s")
    assert result.queues == () and result.excluded == ()


def test_duplicate_refs_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        rank([family("A"), talent("A", None, "master")], seed="s")


@pytest.mark.parametrize("bad", [
    dict(group="c3"), dict(title="senior"), dict(degree="phd"), dict(honours=("award",)), dict(honours="moral_model"),
    dict(ref=""),
])
def test_values_outside_the_vocabulary_are_refused(bad):
    fields = dict(ref="A", group="enterprise_talent", employer_credit_code=E1, degree="master") | bad
    with pytest.raises(ValueError):
        RankingCandidate(**fields)


def test_a_datetime_is_not_a_date():
    with pytest.raises(TypeError):
        RankingCandidate(ref="A", group="no_housing", hukou_since=datetime(2010, 1, 1, 12, 0))


def test_group_enum_members_and_lists_of_honours_are_normalised():
    candidate = RankingCandidate(ref="A", group=Group.NO_HOUSING, hukou_since=date(2010, 1, 1),
                                 first_social_insurance_date=date(2010, 1, 1), honours=["moral_model"])
    assert type(candidate.group) is str and candidate.honours == ("moral_model",)
