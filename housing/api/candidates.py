"""A validated dossier and its evaluation → what the ranking needs (SPEC §7, docs/decisions/0010)."""

from dataclasses import dataclass

from housing.groups import FAMILY_GROUPS, Group
from housing.rules.eligibility import Dossier, Evaluation
from housing.rules.ranking import RankingCandidate, reason_en, reason_zh


@dataclass(frozen=True)
class NotRanked:
    ref: str
    reason_zh: str
    reason_en: str

    def as_dict(self) -> dict:
        return {"ref": self.ref, "reason_zh": self.reason_zh, "reason_en": self.reason_en}


def ineligibility(dossier: Dossier, evaluation: Evaluation) -> NotRanked | None:
    """Only eligible applications are ranked (SPEC §7): name the conditions that failed or are undecided."""
    if evaluation.eligible is True:
        return None
    failed = [c.id for c in evaluation.conditions if c.passed is False]
    undecided = [c.id for c in evaluation.conditions if c.passed is None]
    zh, en = [], []
    if failed:
        zh.append("未通过资格条件 " + "、".join(failed))
        en.append("fails the eligibility conditions " + ", ".join(failed))
    if undecided:
        zh.append("资格条件 " + "、".join(undecided) + " 因缺少事实无法判断")
        en.append("cannot decide " + ", ".join(undecided) + " for lack of facts")
    return NotRanked(
        dossier.ref,
        "不符合资格，不予排序：" + "；".join(zh) + "。",
        "Not ranked: not eligible; " + "; ".join(en) + ".",
    )


def _insurance_date(dossier: Dossier):
    """R-23.1 and docs/decisions/0010: None means "never paid" for C1/C2, so pass None only then.

    Returns (date or None, known): known is False when the applicant paid (or may have paid)
    but the date is not stated.
    """
    applicant = dossier.applicant
    if applicant.social_insurance_months == 0:
        return None, True
    if applicant.first_social_insurance_date is not None:
        return applicant.first_social_insurance_date, True
    return None, False


def candidate_of(dossier: Dossier) -> RankingCandidate | NotRanked:
    """The ranking candidate of an eligible dossier, or why it cannot be ranked."""
    insurance, known = _insurance_date(dossier)
    if dossier.group in FAMILY_GROUPS and dossier.group != Group.NO_HOUSING and not known:
        # C1/C2: an unknown date could be the earlier of the two; treating it as
        # "never paid" would rank the applicant too late.
        facts = ("first_social_insurance_date",)
        if dossier.applicant.hukou_since is None:
            facts = ("hukou_since", *facts)
        return NotRanked(dossier.ref, reason_zh(facts), reason_en(facts))
    talent = dossier.talent
    return RankingCandidate(
        ref=dossier.ref,
        group=dossier.group,
        employer_credit_code=dossier.employer.credit_code if dossier.employer and dossier.group not in FAMILY_GROUPS else None,
        hukou_since=dossier.applicant.hukou_since,
        first_social_insurance_date=insurance,
        title=talent.title if talent else None,
        degree=talent.degree if talent else None,
        honours=tuple(dict.fromkeys(dossier.honours)),
    )
