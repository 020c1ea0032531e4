"""What reviewing or approving a month's subsidy batch will do, stated before it is done (R-8.2).

The figures come from the batch as it stands; the digest covers every payment, so a payment added or taken
out after the confirmation page was shown makes the confirmation stale."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from housing.models import Subsidy, SubsidyBatch
from housing.subsidies.selectors import batch_payments
from housing.web.confirmation import Confirmation
from housing.web.money import in_capitals, with_separators


def _basis(batch: SubsidyBatch, step: str, payments) -> dict:
    return {"act": f"subsidy-batch-{step}", "batch": batch.pk, "version": batch.version, "status": batch.status,
            "payments": [[p.pk, str(p.amount), p.bank_account, p.payee_name] for p in payments]}


def batch_step_confirmation(batch: SubsidyBatch, step: str) -> Confirmation:
    """``step`` is "review" or "approve"."""
    payments = list(batch_payments(batch))
    total = sum((p.amount for p in payments), Decimal("0.00"))
    month = batch.month.strftime("%Y-%m")
    households = len({p.subsidy_id for p in payments})
    if step == "review":
        title = _("Review subsidy batch %(month)s") % {"month": month}
        lead = ngettext(
            "You confirm that the %(count)d payment below, %(total)s yuan in all, is due and correct. The batch "
            "then goes to a head of Finance for approval.",
            "You confirm that the %(count)d payments below, %(total)s yuan in all, are due and correct. The batch "
            "then goes to a head of Finance for approval.", len(payments)) % {
            "count": len(payments), "total": with_separators(total)}
        confirm_label = _("Confirm the review")
        consequences = [_("Once reviewed, nothing can be added to this batch; a household found later is paid "
                          "in a later month."),
                        _("You cannot approve a batch you reviewed.")]
    else:
        title = _("Approve subsidy batch %(month)s") % {"month": month}
        lead = ngettext(
            "You approve paying the %(count)d payment below, %(total)s yuan in all. Finance can then send the "
            "bank file to the bank.",
            "You approve paying the %(count)d payments below, %(total)s yuan in all. Finance can then send the "
            "bank file to the bank.", len(payments)) % {"count": len(payments), "total": with_separators(total)}
        confirm_label = _("Confirm the approval")
        consequences = [_("An approval is not withdrawn: once the bank has the file, the money is paid.")]
    facts = [
        (_("Month paid"), month),
        (_("Status"), batch.get_status_display()),
        (_("Payments"), str(len(payments))),
        (_("Households"), str(households)),
        (_("Total (yuan)"), with_separators(total)),
        (_("Total in capital figures"), in_capitals(total)),
    ]
    missing = [p for p in payments if not p.bank_account]
    if missing:
        facts.append((_("Payments without a bank account"), str(len(missing))))
    rows = [[p.subsidy.application.number, p.payee_name, p.bank_name or "—", p.bank_account or "—",
             with_separators(p.amount)] for p in payments]
    return Confirmation(
        title=title, lead=lead, confirm_label=confirm_label, basis=_basis(batch, step, payments), facts=facts,
        consequences=consequences, table_caption=_("Payments in this batch"),
        table_headers=[_("Application"), _("Payee"), _("Bank"), _("Bank account"), _("Amount (yuan)")],
        table_rows=rows, numeric_columns=frozenset({4}), fields={"version": batch.version})


def start_confirmation(application) -> Confirmation:
    """R-8.2, R-25–R-27: starting a subsidy commits the money of every month from its first one. Called inside
    the rehearsal of the start, so the amount is the one the service fixed (Art. 27's table for a talent)."""
    subsidy = Subsidy.objects.get(application=application)
    month = subsidy.start_month.strftime("%Y-%m")
    return Confirmation(
        title=_("Start the housing subsidy of %(name)s") % {"name": application.applicant_name},
        lead=_("%(name)s is paid %(amount)s yuan a month from %(month)s, in each month's batch, until the subsidy "
               "is stopped.") % {"name": application.applicant_name, "amount": with_separators(subsidy.monthly_amount),
                                 "month": month},
        confirm_label=_("Confirm and start the subsidy"),
        basis={"act": "start-subsidy", "application": application.pk, "version": application.version,
               "amount": str(subsidy.monthly_amount), "month": month},
        facts=[(_("Application"), application.number), (_("Applicant"), application.applicant_name),
               (_("Monthly amount (yuan)"), with_separators(subsidy.monthly_amount)),
               (_("Monthly amount in capital figures"), in_capitals(subsidy.monthly_amount)),
               (_("First month"), month)])
