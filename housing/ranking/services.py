"""Ranking a round's eligible applications of one group and sending the proposed list (R-16.3, SPEC §7).

The order itself comes from ``housing.rules.ranking.rank`` over candidates built here from
the ORM; this module only gathers the facts, checks the duty and stores the result.
The proposed list is cut at the quotas of the round's approved supply plan (R-15.3, R-16.3, R-17), read
through ``housing.plan.selectors.ranking_quotas``: the unit's quota less what its earlier proposed lists under the
plan took, and each employer's share where the unit split its quota. A round opened without a plan takes the
quotas entered with the ranking (docs/decisions/0021-policy-door-and-plan-quotas.md).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import may
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import FAMILY_GROUPS, TALENT_GROUPS, Group
from housing.models import AllocationRound, Application, HouseholdMember, Ranking, RankingEntry, Relation
from housing.plan.selectors import HOME_FORMS, RankingQuotas, ranking_quotas
from housing.rules import ranking as rules
from housing.ranking.waiting_list import carry_over
from housing.joint_meeting.selectors import employer_caps, highest_cap
from housing.policy import policy_in_force, policy_or_defaults
from housing.rules.lottery import METHOD_EN, METHOD_ZH, lottery_key
from housing.cases.steps import propose_application
from housing.guarantees.checks import refuse_ranking
from housing.stages import Stage


@dataclass(frozen=True)
class _Row:
    """The columns of one eligible application the ranking reads (a round may hold 100,000: no model instances)."""

    pk: int
    number: str
    employer_code: str | None
    talent_title: str
    talent_degree: str
    honours: tuple[str, ...]
    hukou_since: object = None
    first_social_insurance_date: object = None
    social_insurance_months: int | None = None
    has_applicant: bool = False
    form: str = ""


def candidate_of(row: _Row, group: str) -> tuple[rules.RankingCandidate, tuple[str, ...]]:
    """The ranking facts of one application, and the facts the records lack (excluded for them).

    For C1/C2 a missing first-insurance date may be passed as None only when the applicant
    never paid (docs/decisions/0010); a recorded payment without its date is a missing fact.
    """
    insurance = row.first_social_insurance_date
    missing: tuple[str, ...] = ()
    if (group in FAMILY_GROUPS and group != Group.NO_HOUSING and insurance is None
            and (not row.has_applicant or row.social_insurance_months != 0)):
        missing = ("first_social_insurance_date",)
    talent = group in TALENT_GROUPS
    candidate = rules.RankingCandidate(
        ref=row.number,
        group=group,
        employer_credit_code=row.employer_code if talent else None,
        hukou_since=row.hukou_since,
        first_social_insurance_date=insurance,
        title=(row.talent_title or None) if talent else None,
        degree=(row.talent_degree or None) if talent else None,
        honours=tuple(row.honours or ()),
    )
    return candidate, missing


def eligible_applications(*, round: AllocationRound, group: str):
    return Application.objects.filter(round=round, group=group, stage=Stage.ELIGIBLE)


def eligible_rows(*, round: AllocationRound, group: str) -> list[_Row]:
    """Two queries whatever the size of the round: the applications, then their applicants."""
    eligible = eligible_applications(round=round, group=group)
    applicants = {
        application_id: (hukou_since, insurance, months)
        for application_id, hukou_since, insurance, months in HouseholdMember.objects.filter(
            application__in=eligible, relation=Relation.APPLICANT,
        ).values_list("application_id", "hukou_since", "first_social_insurance_date", "social_insurance_months")
    }
    rows = []
    for pk, number, code, title, degree, honours, form in eligible.order_by("number").values_list(
            "pk", "number", "employer__credit_code", "talent_title", "talent_degree", "honours", "form"):
        facts = applicants.get(pk)
        rows.append(_Row(pk=pk, number=number, employer_code=code, talent_title=title or "", form=form,
                         talent_degree=degree or "", honours=tuple(honours or ()),
                         hukou_since=facts[0] if facts else None,
                         first_social_insurance_date=facts[1] if facts else None,
                         social_insurance_months=facts[2] if facts else None, has_applicant=facts is not None))
    return rows


def quota_cut(entries: list[RankingEntry], *, unit_quota: int | None, employer_quota: int | None,
              employer_quotas: dict[str, int] | None = None, homes_only: set[int] | None = None,
              employer_caps: dict[str, int] | None = None, capped: set[int] | None = None) -> None:
    """R-16.3, R-17.1: mark the ranked entries that fit the quotas; the rest are not proposed this round.

    Within each employer the first ``employer_quota`` ranks fit, and no more than the employer's share of the
    plan (``employer_quotas``, by credit code; an employer outside the split gets none); then the unit's quota
    is filled in rank order across queues, equal ranks of different employers taken in lottery-key order
    (R-23.3), so no employer is preferred by the portal.

    ``homes_only``: under a supply plan the unit's quota and the employers' shares count homes (R-15.3), so
    only these applications (those asking for a home) are cut by them; a subsidy is not a home of the plan.

    ``employer_caps``: R-17.1, R-17.2: the most homes each employer may get in the year, by credit code (50, or what
    a Joint Meeting decision in force allows it; housing.joint_meeting.selectors.employer_caps). Art. 17 caps the
    homes rented and sold, so only the applications in ``capped`` (those for a home; None: all) are cut by it.
    """
    ranked = [e for e in entries if e.rank is not None]

    def counted(e) -> bool:
        return homes_only is None or e.application_id in homes_only

    for e in ranked:
        if employer_quota is not None and e.rank > employer_quota:
            e.within_quota = False
        if employer_quotas is not None and counted(e) and e.rank > employer_quotas.get(e.employer_code, 0):
            e.within_quota = False
        cap = employer_caps.get(e.employer_code) if employer_caps is not None else None
        if cap is not None and (capped is None or e.application_id in capped) and e.rank > cap:
            e.within_quota = False
    if unit_quota is not None:
        fitting = sorted((e for e in ranked if e.within_quota and counted(e)), key=lambda e: (e.rank, e.lottery_key))
        for e in fitting[unit_quota:]:
            e.within_quota = False


def _plan_quota_errors(plan_quotas: RankingQuotas, unit_quota: int | None) -> list:
    """R-15.3, R-16.3: a unit proposes no more than the approved plan leaves it; the message names the plan."""
    figures = {"plan": str(plan_quotas.plan), "unit": str(plan_quotas.unit), "total": plan_quotas.total,
               "used": plan_quotas.used, "left": plan_quotas.remaining}
    if unit_quota is not None and unit_quota > plan_quotas.remaining:
        return [_("%(plan)s gives %(unit)s %(total)s homes and %(used)s are already on proposed lists, so this "
                  "ranking can propose at most %(left)s.") % figures]
    return []


def rank_round(*, actor, round: AllocationRound, group: str, seed: str, rule_text: str,
               unit_quota: int | None = None, employer_quota: int | None = None) -> Ranking:
    """R-16.3, R-23, R-24: rank the round's eligible applications of the group and store the result.

    Only the responsible unit ranks (R-16.c). A ranking that was used (its proposed list sent, or
    published) is final: a further draw of the same round and group is refused (R-23.3).
    The quotas come from the round's approved supply plan (R-15.3): an empty unit quota takes the homes the plan
    leaves the unit, a larger one is refused; they cut the applications for a home, not those for a subsidy.
    A round opened without a plan (before plans were kept) is cut only at the quotas entered, for every application.
    """
    if group not in Group.values or not may(actor, "propose", group):
        raise NotPermitted()
    seed = seed or ""
    errors = {}
    if not seed.strip():
        errors["seed"] = [_("Enter the seed fixed at the public draw (Art. 23(3)).")]
    if not (rule_text or "").strip():
        errors["rule_text"] = [_("Enter the ranking rule your unit published (Art. 40).")]
    if unit_quota is not None and unit_quota < 1:
        errors["unit_quota"] = [_("The quota is a whole number of at least 1 (Art. 16(3)).")]
    plan_quotas = ranking_quotas(round=round, group=group)
    employer_quotas = None
    if plan_quotas is not None and "unit_quota" not in errors:
        plan_errors = _plan_quota_errors(plan_quotas, unit_quota)
        if plan_errors:
            errors["unit_quota"] = plan_errors
        elif unit_quota is None:
            unit_quota = plan_quotas.remaining
        employer_quotas = plan_quotas.employer_quotas
    year = round.supply_plan.year if round.supply_plan_id else round.year
    if group in TALENT_GROUPS and employer_quota is not None:
        cap = policy_in_force(timezone.localdate()).employer_quota_cap
        # above the cap only as far as a Joint Meeting decision of the year allows one employer
        highest = highest_cap(year=year, policy_cap=cap)
        if employer_quota < 1 or employer_quota > highest:
            errors["employer_quota"] = [_("An employer's quota is between 1 and %(cap)s units per allocation "
                                          "(Art. 17).") % {"cap": highest}]
    if errors:
        raise InvalidInput(_("The ranking was not made; correct the marked fields."), field_errors=errors)
    # R-3.2 (Art. 3): no candidate in an unresolved flagged set, none whose person already holds a guarantee.
    refuse_ranking(eligible_applications(round=round, group=group), today=timezone.localdate())

    with transaction.atomic():
        # One draw at a time per round: two units' clicks must not both create a ranking.
        AllocationRound.objects.select_for_update().get(pk=round.pk)
        if Ranking.objects.filter(round=round, group=group).filter(
                Q(proposed_at__isnull=False) | Q(published=True)).exists():
            raise InvalidInput(_("This round's applications of this group were already ranked and the result "
                                 "used; a second draw is not allowed (Art. 23(3))."), article="R-23.3")
        # the group's eligible applications not proposed in earlier rounds are ranked with this one.
        carried = carry_over(actor=actor, round=round, group=group)
        refuse_ranking(Application.objects.filter(number__in=carried), today=timezone.localdate())
        rows = eligible_rows(round=round, group=group)
        if not rows:
            raise InvalidInput(_("No application of this group is awaiting the proposed list."))
        by_number = {row.number: row for row in rows}
        candidates, pre_excluded = [], []
        for row in rows:
            candidate, missing = candidate_of(row, group)
            if missing:
                pre_excluded.append(rules.Exclusion(candidate.ref, missing, rules.reason_zh(missing),
                                                    rules.reason_en(missing)))
            else:
                candidates.append(candidate)
        result = rules.rank(candidates, seed=seed)
        ranking = Ranking(round=round, group=group, seed=seed, rule_text=rule_text.strip(),
                          unit_quota=unit_quota, employer_quota=employer_quota if group in TALENT_GROUPS else None,
                          rule_in_force=result.rule, method_zh=METHOD_ZH, method_en=METHOD_EN, created_by=actor)
        ranking.full_clean()
        ranking.save()
        entries = []
        for queue in result.queues:
            for entry in queue.entries:
                row = by_number[entry.ref]
                entries.append(RankingEntry(ranking=ranking, application_id=row.pk,
                                            employer_code=queue.employer or "", rank=entry.rank,
                                            lottery_key=entry.lottery_key, honours=bool(row.honours)))
        for exclusion in sorted((*result.excluded, *pre_excluded), key=lambda x: x.ref):
            row = by_number[exclusion.ref]
            entries.append(RankingEntry(ranking=ranking, application_id=row.pk,
                                        employer_code=(row.employer_code or "") if group in TALENT_GROUPS else "",
                                        rank=None, lottery_key=lottery_key(seed, exclusion.ref),
                                        honours=bool(row.honours),
                                        excluded_reason_zh=exclusion.reason_zh,
                                        excluded_reason_en=exclusion.reason_en))
        homes_only = None
        if plan_quotas is not None:
            homes_only = {row.pk for row in rows if row.form in HOME_FORMS}
        caps = None
        if group in TALENT_GROUPS:
            # no employer above its cap of the year, whatever quota was entered
            caps = employer_caps(year=year, policy_cap=policy_or_defaults(timezone.localdate()).employer_quota_cap,
                                 credit_codes={e.employer_code for e in entries if e.employer_code})
        quota_cut(entries, unit_quota=ranking.unit_quota, employer_quota=ranking.employer_quota,
                  employer_quotas=employer_quotas, homes_only=homes_only, employer_caps=caps,
                  capped={row.pk for row in rows if row.form in HOME_FORMS})
        RankingEntry.objects.bulk_create(entries, batch_size=5000)
    return ranking


def propose_ranked(*, actor, ranking: Ranking) -> int:
    """R-16.3: send the proposed list to the CCB: each ranked application, in rank order, with its rank.

    All or nothing: if any ranked application left the stage, or another application became
    eligible after the draw, nothing moves and the unit is asked to rank again.
    Ranked applications beyond the quotas stay eligible and are not proposed (R-16.3).
    Publishes the ranking on the public lottery page (R-23.3).
    """
    if not may(actor, "propose", ranking.group):
        raise NotPermitted()
    with transaction.atomic():
        ranking = Ranking.objects.select_for_update().get(pk=ranking.pk)
        if ranking.proposed_at is not None:
            raise InvalidInput(_("The proposed list of this ranking was already sent."))
        newer = Ranking.objects.filter(round_id=ranking.round_id, group=ranking.group,
                                       pk__gt=ranking.pk).exists()
        if newer:
            raise InvalidInput(_("A newer ranking of this round and group exists; send that one."))
        entries = list(ranking.entries.select_related("application"))
        eligible = set(Application.objects.filter(round_id=ranking.round_id, group=ranking.group,
                                                  stage=Stage.ELIGIBLE).values_list("pk", flat=True))
        if eligible != {e.application_id for e in entries}:
            raise InvalidInput(_("The applications awaiting the proposed list changed since this ranking was "
                                 "made; rank the round again."))
        # only what fits the quotas goes onto the proposed list.
        ranked = sorted((e for e in entries if e.rank is not None and e.within_quota),
                        key=lambda e: (e.rank, e.employer_code))
        for entry in ranked:
            application = entry.application
            propose_application(actor=actor, application=application, expected_version=application.version,
                                rank=entry.rank,
                                note=_("Ranked %(rank)s with seed %(seed)s (Art. 23).") % {"rank": entry.rank,
                                                                                        "seed": ranking.seed})
        ranking.proposed_at = timezone.now()
        ranking.proposed_by = actor
        ranking.published = True
        ranking.save(update_fields=["proposed_at", "proposed_by", "published"])
    return len(ranked)
