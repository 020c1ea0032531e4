"""R-X.2: the schedule in force and the record of what was purged (read by its pages and its job)."""

from dataclasses import dataclass

from housing.models import PurgeRecord, RetentionRule
from housing.retention.rules import DEFAULTS, ORDER

RECORDS_SHOWN = 200


@dataclass(frozen=True)
class RuleInForce:
    category: str
    label: str
    months: int
    reason: str
    changed_by: str  # "" while the default applies
    changed_at: object


def schedule() -> list[RuleInForce]:
    """Every category, its stored rule or else its default, in the schedule's order."""
    stored = {r.category: r for r in RetentionRule.objects.select_related("changed_by")}
    out = []
    for category in ORDER:
        label = RetentionRule.Category(category).label
        rule = stored.get(category)
        if rule is None:
            out.append(RuleInForce(category, label, DEFAULTS[category].months, str(DEFAULTS[category].reason),
                                   "", None))
        else:
            out.append(RuleInForce(category, label, rule.months, rule.reason, rule.changed_by.get_username(),
                                   rule.changed_at))
    return out


def months_in_force() -> dict[str, int]:
    return {r.category: r.months for r in schedule()}


def purge_records(limit: int = RECORDS_SHOWN):
    return PurgeRecord.objects.all()[:limit]
