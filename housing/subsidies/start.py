"""Starting a subsidy (R-16.a, R-27, R-8.2, R-26): the step of SPEC §5 that opens the monthly payments."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from django.utils import timezone

from housing.cases.workflow import require_duty, take_step
from housing.guarantees.checks import refuse_second_guarantee
from housing.exceptions import InvalidInput
from housing.groups import TALENT_GROUPS
from housing.models import Application, Subsidy
from housing.policy import NoPolicyInForce, policy_in_force
from housing.rules import subsidy as subsidy_rules
from housing.web.money import with_separators


def start_subsidy(*, actor, application: Application, expected_version: int, start_month: datetime.date,
                  monthly_amount: Decimal | None = None) -> Application:
    """R-16.a, R-27, R-8.2: talents by the Art. 27 amounts; C2 by the standard Finance enters (R-26)."""
    require_duty(actor=actor, step="start_subsidy", application=application)
    # The amounts of the policy version in force for the first month (R-27 talents; R-26 the C2 standard); without
    # one, the measures' own Art. 27 amounts and the standard Finance enters.
    try:
        policy = policy_in_force(start_month.replace(day=1))
    except NoPolicyInForce:
        policy = None
    amount = monthly_amount
    if application.leading_talent:
        raise InvalidInput(_("Leading and outstanding talents receive no housing subsidy under these measures (Art. 3(1))."))
    # R-3.2 (Art. 3): no subsidy while a person of the household holds a home or another subsidy.
    refuse_second_guarantee(application, today=timezone.localdate())
    if application.group in TALENT_GROUPS:
        try:
            amount = subsidy_rules.monthly_amount(
                group=application.group, title=application.talent_title, degree=application.talent_degree,
                title_basis=application.talent_title_basis, full_time=application.degree_full_time,
                foreign_degree_certified=application.foreign_degree_certified, c2_standard=None,
                talent_amounts=dict(policy.talent_subsidies) if policy else dict(subsidy_rules.TALENT_MONTHLY_SUBSIDY))
        except subsidy_rules.SubsidyFigureMissing:
            raise InvalidInput(_("The application records neither a title nor a degree, so no amount under Art. 27 applies."))
    elif policy is not None and policy.c2_subsidy_standard is not None:
        standard = Decimal(policy.c2_subsidy_standard).quantize(Decimal("0.01"))
        if amount is not None and amount != standard:
            raise InvalidInput(
                _("The approved standard in force is %(standard)s yuan a month; a different amount cannot be entered (Art. 26).")
                % {"standard": with_separators(standard)}, field_errors={"monthly_amount": [_("Use the approved standard.")]})
        amount = standard
    else:
        # the C2 amount is the standard approved by the Management Committee and entered as a policy figure;
        # Finance cannot start a subsidy at an amount of its own (docs/decisions/0041).
        raise InvalidInput(
            _("No approved subsidy standard for minimum-allowance households (Art. 26) is in force for %(month)s; "
              "the subsidy cannot start until the administrator enters it.") % {"month": f"{start_month:%Y-%m}"},
            article="R-26", field_errors={"monthly_amount": [_("No approved standard (Art. 26) is in force.")]})

    def record(locked):
        Subsidy.objects.create(application=locked, monthly_amount=amount, start_month=start_month.replace(day=1),
                               started_by=actor)
        return {"monthly_amount": f"{amount:.2f}", "start_month": start_month.strftime("%Y-%m")}

    return take_step(actor=actor, application=application, step="start_subsidy",
                     expected_version=expected_version, record=record)
