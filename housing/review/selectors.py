"""Reads for the substantive review (R-39.4): the eligibility engine's pre-decision of each condition, and the
list of reviewer overrides that discipline inspection and the CCB read (R-6, docs/decisions/0011).

The engine runs here, server-side, on the application's recorded facts and the policy in force on its
application date (SPEC §13); the review screen shows its result and the service stores it. Nothing the
browser posts stands in for it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import translation

from departments.permissions import can_read_overrides
from housing.models import Application, ConditionDecision
from housing.rules.eligibility.engine import evaluate
from housing.cases.dossier import application_date, dossier_of
from housing.policy import NoPolicyInForce, policy_in_force

NO_POLICY_ZH = "政策参数缺失：申请日没有生效的政策版本，须由系统管理员录入；本项无法由系统预判"
NO_POLICY_EN = ("Policy missing: no policy version is in force on the application date; a system administrator "
                "must enter one. The check cannot pre-decide this condition")


@dataclass(frozen=True)
class PreDecision:
    """What the engine decided for one condition: True, False, or None (undecided: a fact or figure is missing)."""

    condition_id: str
    passed: bool | None
    message_zh: str
    message_en: str

    @property
    def message(self) -> str:
        """In the reader's language."""
        return self.message_zh if (translation.get_language() or "").startswith("zh") else self.message_en

    @property
    def record(self) -> str:
        """Both languages, Chinese first, as kept with the decision: the record reads the same for every reader."""
        return f"{self.message_zh}\n{self.message_en}"


@dataclass(frozen=True)
class PreDecisions:
    policy_version: str  # "" when no policy was in force
    conditions: dict[str, PreDecision]

    def get(self, cid: str) -> PreDecision:
        return self.conditions.get(cid) or PreDecision(cid, None, NO_POLICY_ZH, NO_POLICY_EN)


def pre_decisions(application: Application) -> PreDecisions:
    """The engine's verdict on every condition of the application's group (SPEC §6), from the recorded facts."""
    try:
        policy = policy_in_force(application_date(application))
    except NoPolicyInForce:
        return PreDecisions("", {})
    evaluation = evaluate(dossier_of(application), policy)
    return PreDecisions(evaluation.policy_version, {
        c.id: PreDecision(c.id, c.passed, c.message_zh, c.message_en) for c in evaluation.conditions
    })


def overrides_visible_to(user, *, unit: str = "", group: str = "", decided_from: datetime.date | None = None,
                         decided_to: datetime.date | None = None) -> QuerySet[ConditionDecision]:
    """Every condition decision that departed from the engine, newest first (R-39.4, R-6).

    ``unit`` is the reviewer's unit; the dates are local days (Asia/Shanghai), both included. Nobody outside
    ``can_read_overrides`` gets a row.
    """
    if not can_read_overrides(user):
        return ConditionDecision.objects.none()
    qs = (ConditionDecision.objects.filter(overridden=True)
          .select_related("application", "decided_by__unit")
          .order_by("-decided_at", "-id"))
    if unit:
        qs = qs.filter(decided_by__unit__code=unit)
    if group:
        qs = qs.filter(application__group=group)
    if decided_from:
        qs = qs.filter(decided_at__date__gte=decided_from)
    if decided_to:
        qs = qs.filter(decided_at__date__lte=decided_to)
    return qs
