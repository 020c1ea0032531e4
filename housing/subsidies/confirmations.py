"""What reviewing or approving a month's subsidy batch, starting, stopping or resuming a subsidy will do, stated
before it is done (R-8.2, R-32).

The figures come from the batch or the subsidy as it stands; the digest covers every payment and every change, so
a payment added or taken out, or a stop or resumption recorded, after the confirmation page was shown makes the
confirmation stale."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from housing.models import Subsidy, SubsidyBatch, SubsidyChange
from housing.rules.dates import add_months
from housing.rules.subsidy import stopped_in
from housing.subsidies.selectors import batch_payments, payments_taken_out_by_stop
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


# --- stop and resumption (R-32) ----------------------------------------------------------------------------------

def _month(month) -> str:
    return month.strftime("%Y-%m")


def _change_basis(subsidy: Subsidy, kind: str, data: dict) -> dict:
    changes = sorted(subsidy.changes.all(), key=lambda c: (c.recorded_at, c.pk))
    return {"act": f"{kind}-subsidy", "subsidy": subsidy.pk, "amount": str(subsidy.monthly_amount),
            "stopped_from": subsidy.stopped_from, "from_month": _month(data["from_month"]),
            "reason": data["reason"].strip(), "changes": [[c.pk, c.kind, _month(c.from_month)] for c in changes]}


def _subsidy_facts(subsidy: Subsidy) -> list[tuple[str, str]]:
    application = subsidy.application
    return [(_("Application"), application.number), (_("Applicant"), application.applicant_name),
            (_("Monthly amount (yuan)"), with_separators(subsidy.monthly_amount)),
            (_("Monthly amount in capital figures"), in_capitals(subsidy.monthly_amount))]


def stop_confirmation(subsidy: Subsidy, data: dict) -> Confirmation:
    """R-32, R-8.2: no payment from the month chosen on; the payments of that month or later still in a prepared
    (unreviewed) batch are taken out of it: the ones the stop takes out (selectors.payments_taken_out_by_stop).
    ``data``: the stop form's cleaned data (from_month, reason)."""
    name, month = subsidy.application.applicant_name, _month(data["from_month"])
    taken_out = list(payments_taken_out_by_stop(subsidy, data["from_month"]))
    if taken_out:
        removed = ngettext(
            "%(count)d payment, %(total)s yuan, is taken out of a prepared batch not yet reviewed: it is not paid.",
            "%(count)d payments, %(total)s yuan in all, are taken out of prepared batches not yet reviewed: they "
            "are not paid.", len(taken_out)) % {
            "count": len(taken_out), "total": with_separators(sum((p.amount for p in taken_out), Decimal("0.00")))}
    else:
        removed = _("No prepared batch holds a payment of that month or later: none is taken out.")
    return Confirmation(
        title=_("Stop the housing subsidy of %(name)s") % {"name": name},
        lead=_("%(name)s is paid nothing for %(month)s or any later month, until the subsidy is resumed. A "
               "resumption does not pay the stopped months afterwards.") % {"name": name, "month": month},
        confirm_label=_("Confirm and stop the subsidy"),
        basis={**_change_basis(subsidy, "stop", data),
               "payments": [[p.pk, p.batch_id, _month(p.month), str(p.amount)] for p in taken_out]},
        facts=_subsidy_facts(subsidy) + [(_("Nothing paid from"), month), (_("Reason"), data["reason"].strip())],
        consequences=[removed],
        table_caption=_("Payments taken out of prepared batches"),
        table_headers=[_("Month"), _("Amount (yuan)")],
        table_rows=[[_month(p.month), with_separators(p.amount)] for p in taken_out], numeric_columns=frozenset({1}))


def stopped_months(subsidy: Subsidy, from_month: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """(first, last) of the stop a resumption from ``from_month`` ends, as the batches read the changes
    (rules.subsidy.stopped_in); None when the month before is not stopped (e.g. stopped and resumed from the same
    month)."""
    changes = [(c.kind, c.from_month) for c in sorted(subsidy.changes.all(), key=lambda c: (c.recorded_at, c.pk))]
    last = add_months(from_month, -1)
    first = None
    month = last
    while month >= subsidy.start_month and stopped_in(month, changes):
        first, month = month, add_months(month, -1)
    return (first, last) if first is not None else None


def resume_confirmation(subsidy: Subsidy, data: dict) -> Confirmation:
    """R-32: paid again from the month chosen; the stopped months are not paid back (no back-pay).
    ``data``: the resumption form's cleaned data (from_month, reason)."""
    name, month = subsidy.application.applicant_name, _month(data["from_month"])
    stopped = stopped_months(subsidy, data["from_month"])
    facts = _subsidy_facts(subsidy) + [(_("First month paid again"), month)]
    if stopped is not None:
        first, last = stopped
        unpaid = _month(first) if first == last else _("%(first)s to %(last)s") % {
            "first": _month(first), "last": _month(last)}
        facts.append((_("Stopped months, not paid back"), unpaid))
        no_back_pay = _("The stopped months (%(months)s) are not paid back, now or later.") % {"months": unpaid}
    else:
        no_back_pay = _("No month goes unpaid: the subsidy is resumed from the month its stop takes effect.")
    return Confirmation(
        title=_("Resume the housing subsidy of %(name)s") % {"name": name},
        lead=_("%(name)s is paid %(amount)s yuan a month again from %(month)s, in that month's batch and each later "
               "one, until the subsidy is stopped.") % {
            "name": name, "amount": with_separators(subsidy.monthly_amount), "month": month},
        confirm_label=_("Confirm and resume the subsidy"),
        basis=_change_basis(subsidy, "resume", data),
        facts=facts + [(_("Reason"), data["reason"].strip())],
        consequences=[no_back_pay])
