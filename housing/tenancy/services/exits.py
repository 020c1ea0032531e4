"""The end of a tenancy (R-31–R-34): notice of termination, move-out deadline, one extension, overstay, court
enforcement and the keys. docs/decisions/0018 explains the choices the measures leave open."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from departments.models import Unit
from housing.exceptions import InvalidInput
from housing.models import HousingUnit, Reminder, Tenancy, Termination, Violation
from housing.office.log import record_action
from housing.office.log import require_office_duty
from housing.office.step import office_step
from housing.tenancy.services.ledger import bump, lock_tenancy
from housing.web.money import with_separators

MOVE_OUT_DAYS = 30
MAX_EXTENSION_DAYS = 60


def _today() -> datetime.date:
    return timezone.localdate()


def _termination_of(tenancy: Tenancy) -> Termination:
    termination = Termination.objects.select_for_update().filter(tenancy=tenancy).first()
    if termination is None:
        raise InvalidInput(_("No notice of termination has been served for this tenancy."))
    return termination


def serve_termination_notice(*, actor, tenancy: Tenancy, expected_version: int, reason: str,
                             notified_on: datetime.date, violation: Violation | None = None) -> Termination:
    """R-31, R-32, R-33: the notice is served; the household moves out within 30 days (R-34).

    A termination for a violation is a decision (decide_termination); recording the lease's end or the
    tenant's own written notice is procedure (manage_tenancy)."""
    if reason not in Termination.Reason.values:
        raise InvalidInput(_("Choose the reason for the termination."),
                           field_errors={"reason": [_("Choose the reason for the termination.")]})
    duty = "decide_termination" if reason == Termination.Reason.VIOLATION else "manage_tenancy"
    require_office_duty(actor, duty)
    errors = {}
    if reason == Termination.Reason.VIOLATION:
        if violation is None or violation.tenancy_id != tenancy.pk:
            errors["violation"] = [_("Choose the recorded violation the termination rests on (Art. 33).")]
    else:
        violation = None
    if notified_on > _today():
        errors["notified_on"] = [_("The notice date is in the future.")]
    elif notified_on < tenancy.starts_on:
        errors["notified_on"] = [_("The notice date is before the lease starts.")]
    if errors:
        raise InvalidInput(_("The notice was not recorded; correct the marked fields."), field_errors=errors)
    already = InvalidInput(_("A notice of termination was already served for this tenancy."))

    def not_served_yet(locked):
        if Termination.objects.filter(tenancy=locked).exists():
            raise already

    def record(locked):
        termination = Termination.objects.create(
            tenancy=locked, reason=reason, violation=violation, notified_on=notified_on,
            move_out_by=notified_on + datetime.timedelta(days=MOVE_OUT_DAYS), recorded_by=actor)
        return {"termination": termination.pk, "reason": reason, "violation": violation.pk if violation else None}

    served = office_step(
        actor=actor, obj=tenancy, transition="notify_termination", duty=duty, expected_version=expected_version,
        check=not_served_yet, refused=already, record=record, action="termination_notified",
        article={"violation": "R-33, R-34", "lease_end": "R-31, R-34", "voluntary": "R-32, R-34"}[reason],
        summary=lambda locked: _("Notice of termination served on %(day)s (%(reason)s); move out by %(by)s.") % {
            "day": f"{notified_on:%Y-%m-%d}", "reason": locked.termination.get_reason_display(),
            "by": f"{locked.termination.move_out_by:%Y-%m-%d}"},
    )
    return served.termination


def extend_move_out(*, actor, tenancy: Tenancy, expected_version: int, days: int, reason: str,
                    on: datetime.date | None = None) -> Termination:
    """R-34: once, for good reason, up to 60 more days, at the home's market rent."""
    require_office_duty(actor, "decide_termination")
    on = on or _today()
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the good reason for the extension (Art. 34).")]
    if days is None or days < 1:
        errors["days"] = [_("Enter the number of days, at least 1.")]
    elif days > MAX_EXTENSION_DAYS:
        errors["days"] = [_("An extension is at most 60 days (Art. 34); %(days)s days were asked.") % {"days": days}]
    if errors:
        raise InvalidInput(_("The extension was not granted; correct the marked fields."), field_errors=errors)
    with transaction.atomic():
        locked = lock_tenancy(tenancy.pk, expected_version)
        termination = _termination_of(locked)
        if termination.keys_returned_on:
            raise InvalidInput(_("The keys were already returned."))
        if termination.extension_days:
            raise InvalidInput(_("An extension was already granted; Art. 34 allows one extension only."))
        if on > termination.move_out_by:
            raise InvalidInput(_("The move-out deadline %(by)s has passed; an extension must be asked for before "
                                 "it (Art. 34).") % {"by": f"{termination.move_out_by:%Y-%m-%d}"})
        market_rent = locked.unit.market_rent
        if market_rent is None:
            raise InvalidInput(_("The home has no market rent in the stock; an extension is charged at market rent "
                                 "(Art. 34). Enter it in the stock first."))
        termination.extension_days = days
        termination.extension_reason = reason.strip()
        termination.move_out_by = termination.move_out_by + datetime.timedelta(days=days)
        termination.market_rent = market_rent
        termination.save(update_fields=["extension_days", "extension_reason", "move_out_by", "market_rent"])
        bump(locked)
        record_action(actor=actor, action="move_out_extended", obj=locked, article="R-34",
                      summary=_("Move-out extended by %(days)s days to %(by)s at market rent %(rent)s yuan a month.")
                      % {"days": days, "by": f"{termination.move_out_by:%Y-%m-%d}", "rent": with_separators(market_rent)},
                      data={"termination": termination.pk, "days": days, "reason": reason.strip()})
    return termination


def flag_move_out_overstays(*, on: datetime.date | None = None) -> int:
    """The scheduled job (R-34, R-X.6): a household still there after its deadline is flagged once, charged
    market rent from then on, and the CCB gets a reminder. Returns how many were flagged now."""
    on = on or _today()
    ccb = Unit.objects.get(code="ccb")
    flagged = 0
    due = Termination.objects.filter(keys_returned_on__isnull=True, overstay_flagged_on__isnull=True,
                                     move_out_by__lt=on).values_list("tenancy_id", flat=True)
    for tenancy_id in due:
        with transaction.atomic():
            locked = lock_tenancy(tenancy_id)
            termination = Termination.objects.select_for_update().get(tenancy=locked)
            if termination.overstay_flagged_on or termination.keys_returned_on:
                continue
            termination.overstay_flagged_on = on
            if termination.market_rent is None:
                termination.market_rent = locked.unit.market_rent
            termination.save(update_fields=["overstay_flagged_on", "market_rent"])
            Reminder.objects.get_or_create(key=f"move-out:{termination.pk}", defaults={
                "kind": Reminder.Kind.MOVE_OUT, "unit": ccb, "due_on": on, "tenancy": locked,
                "text": _("Contract %(number)s: the household did not move out by %(by)s. Order it to move out, charge "
                          "market rent for the overstay, and ask the court to enforce if it refuses (Art. 34).")
                % {"number": locked.contract.number, "by": f"{termination.move_out_by:%Y-%m-%d}"}})
            bump(locked)
            record_action(actor=None, action="move_out_overstay", obj=locked, article="R-34",
                          summary=_("Not moved out by %(by)s: overstay at market rent.")
                          % {"by": f"{termination.move_out_by:%Y-%m-%d}"},
                          data={"termination": termination.pk,
                                "market_rent": f"{termination.market_rent:.2f}" if termination.market_rent else None})
            flagged += 1
    return flagged


def record_court_request(*, actor, tenancy: Tenancy, expected_version: int, requested_on: datetime.date) -> Termination:
    """R-34: the CCB asked the people's court to enforce the move-out."""
    require_office_duty(actor, "decide_termination")
    with transaction.atomic():
        locked = lock_tenancy(tenancy.pk, expected_version)
        termination = _termination_of(locked)
        if termination.keys_returned_on:
            raise InvalidInput(_("The keys were already returned."))
        if termination.court_case_opened_on:
            raise InvalidInput(_("The request to the court was already recorded."))
        if requested_on <= termination.move_out_by:
            raise InvalidInput(_("The court can be asked only after the move-out deadline %(by)s (Art. 34).")
                               % {"by": f"{termination.move_out_by:%Y-%m-%d}"},
                               field_errors={"requested_on": [_("After the move-out deadline.")]})
        if requested_on > _today():
            raise InvalidInput(_("The date is in the future."), field_errors={"requested_on": [
                _("The date is in the future.")]})
        termination.court_case_opened_on = requested_on
        termination.save(update_fields=["court_case_opened_on"])
        bump(locked)
        record_action(actor=actor, action="court_enforcement_requested", obj=locked, article="R-34",
                      summary=_("Court enforcement requested on %(day)s.") % {"day": f"{requested_on:%Y-%m-%d}"},
                      data={"termination": termination.pk})
    return termination


def record_keys_returned(*, actor, tenancy: Tenancy, expected_version: int, returned_on: datetime.date) -> Termination:
    """R-34: the keys came back; the tenancy ends and the home returns to the stock."""
    require_office_duty(actor, "manage_tenancy")
    returned = InvalidInput(_("The keys were already returned."))

    def not_returned_yet(locked):
        if _termination_of(locked).keys_returned_on:
            raise returned

    def record(locked):
        termination = locked.termination
        if returned_on < termination.notified_on or returned_on > _today():
            raise InvalidInput(_("The date must be between the notice (%(notice)s) and today.")
                               % {"notice": f"{termination.notified_on:%Y-%m-%d}"},
                               field_errors={"returned_on": [_("Enter a date between the notice and today.")]})
        termination.keys_returned_on = returned_on
        termination.save(update_fields=["keys_returned_on"])
        return {"termination": termination.pk, "unit": locked.unit_id,
                "overstay_days": max((returned_on - termination.move_out_by).days, 0)}

    with transaction.atomic():
        ended = office_step(
            actor=actor, obj=tenancy, transition="end", duty="manage_tenancy", expected_version=expected_version,
            check=not_returned_yet, refused=returned, record=record, action="keys_returned", article="R-34",
            summary=lambda locked: _("Keys returned on %(day)s; the home %(home)s is back in the stock.")
            % {"day": f"{returned_on:%Y-%m-%d}", "home": str(locked.unit)},
        )
        # Lock order: the tenancy, then its home. The staff action "keys_returned" names the home.
        home = HousingUnit.objects.select_for_update().get(pk=ended.unit_id)
        if can_proceed(home.take_back):
            office_step(actor=actor, obj=home, transition="take_back", duty="manage_tenancy", expected_version=None,
                        action=None, article="R-34")
        Reminder.objects.filter(tenancy=ended, done_at__isnull=True).update(done_at=timezone.now())
    return ended.termination
