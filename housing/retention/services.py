"""R-X.2, R-38: a head of the CCB changes a retention period; the change is a recorded staff action."""

from django.db import transaction
from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.models import RetentionRule
from housing.office.log import record_action, require_office_duty
from housing.retention.rules import DEFAULTS, MAX_MONTHS, MIN_MONTHS

DUTY = "maintain_retention_schedule"


def change_rule(*, actor, category: str, months: int, reason: str) -> RetentionRule:
    """Set the months a category is kept after its closing day, with the reason; refused for any other actor."""
    require_office_duty(actor, DUTY)
    if category not in DEFAULTS:
        raise InvalidInput(_("There is no such category in the retention schedule."))
    if not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise InvalidInput(field_errors={"months": [
            _("Enter a whole number of months from %(low)d to %(high)d.") % {"low": MIN_MONTHS, "high": MAX_MONTHS}]})
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(field_errors={"reason": [_("Give the reason for this period.")]})
    with transaction.atomic():
        before = RetentionRule.objects.select_for_update().filter(category=category).first()
        old = before.months if before else DEFAULTS[category].months
        rule, _created = RetentionRule.objects.update_or_create(
            category=category, defaults={"months": months, "reason": reason, "changed_by": actor})
        record_action(actor=actor, action="change_retention_rule", obj=rule, article="R-X.2, R-38",
                      summary=f"{category}: {old} -> {months} months",
                      data={"category": category, "from_months": old, "to_months": months, "reason": reason})
    return rule
