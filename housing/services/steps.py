"""The remaining steps of SPEC §5, each a thin service over ``take_step`` that records what the step needs."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.groups import TALENT_GROUPS
from housing.models import Application, Contract, HousingUnit, Selection, Subsidy, Tenancy
from housing.rules import subsidy as subsidy_rules
from housing.rules.dates import add_years
from housing.policy import NoPolicyInForce, policy_in_force
from housing.selection import services as selection_day
from housing.office.log import record_action
from housing.cases.workflow import require_duty, take_step


def _need_reason(reason: str, article: str) -> None:
    if not (reason or "").strip():
        raise InvalidInput(_("Give the reason in plain words (%(article)s).") % {"article": article},
                           field_errors={"reason": [_("This field is required.")]})


def resubmit_application(*, actor, application: Application, expected_version: int, note: str = "") -> Application:
    """R-16.2: the applicant handed in the supplement."""
    return take_step(actor=actor, application=application, step="resubmit", expected_version=expected_version,
                     reason=note)


def propose_application(*, actor, application: Application, expected_version: int, rank: int | None = None,
                        note: str = "") -> Application:
    """R-16.3: onto the proposed list sent to the CCB."""
    def record(locked):
        locked.proposed_rank = rank
        return {"rank": rank}

    return take_step(actor=actor, application=application, step="propose", expected_version=expected_version,
                     reason=note, record=record)


def withdraw_application(*, actor, application: Application, expected_version: int, reason: str) -> Application:
    """R-16.b: the applicant's written withdrawal; the record stays."""
    require_duty(actor=actor, step="withdraw", application=application)
    _need_reason(reason, "R-16.b")
    return take_step(actor=actor, application=application, step="withdraw", expected_version=expected_version,
                     reason=reason)


def issue_selection_notice(*, actor, application: Application, expected_version: int,
                           selection_date: datetime.date | None = None, place: str = "") -> Application:
    """R-16.8a: after the announcement period, in rank order, with the date and place (selection_day)."""
    return selection_day.issue_notice(actor=actor, application=application, expected_version=expected_version,
                                      selection_date=selection_date, place=place)


def record_selection(*, actor, application: Application, expected_version: int, unit=None,
                     selected_on: datetime.date | None = None, session=None, unit_designation: str = "") -> Application:
    """R-16.8c: the home chosen from the stock; a home goes to one household only (selection_day.choose_home).

    ``unit_designation`` is no longer entered: it is the home's name, filled from the stock."""
    if unit is None:
        require_duty(actor=actor, step="record_selection", application=application)
        raise InvalidInput(_("Choose the home from the stock (R-16.8c)."),
                           field_errors={"unit": [_("This field is required.")]})
    return selection_day.choose_home(actor=actor, application=application, expected_version=expected_version,
                                     unit=unit, selected_on=selected_on, session=session)


def give_up(*, actor, application: Application, expected_version: int, kind: str, note: str = "") -> Application:
    """SPEC §13: 弃选 or 弃签; a held home goes back to the stock (selection_day.record_give_up)."""
    return selection_day.record_give_up(actor=actor, application=application, expected_version=expected_version,
                                        kind=kind, note=note)


def sign_contract(*, actor, application: Application, expected_version: int, number: str, signed_on: datetime.date,
                  term_start: datetime.date, term_end: datetime.date | None = None, property_owner: str = "",
                  signatory: str = "", monthly_rent: Decimal | None = None, price: Decimal | None = None,
                  signed_by_employer: bool = False) -> Application:
    """R-16.8d: the applicant (or, for talents, the employer) signs with the property owner.

    The home is the one the household chose; the property owner, the rent or the price default from it."""
    require_duty(actor=actor, step="sign_contract", application=application)
    selection = Selection.objects.filter(application=application, holds=True).select_related(
        "unit__building__project").first()
    unit = selection.unit if selection else None
    rental = application.form == "public_rental"
    if unit is not None:
        property_owner = (property_owner or "").strip() or unit.building.project.property_owner
        if rental and monthly_rent is None:
            monthly_rent = unit.monthly_rent
        if not rental and price is None:
            price = unit.price
    talent = application.group in TALENT_GROUPS
    signed_by_employer = bool(signed_by_employer)  # a form without the box passes None
    if signed_by_employer and (not talent or not application.employer_id):
        signed_by_employer = False  # R-16.8d: only a talent's employer may sign for the household
    if not (signatory or "").strip():
        signatory = application.employer.name if signed_by_employer else application.applicant_name
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = [_("This field is required.")]
    if not (property_owner or "").strip():
        errors["property_owner"] = [_("This field is required.")]
    if application.form == "economic_housing" and price is None:
        errors["price"] = [_("A sale contract states the price.")]
    if rental and monthly_rent is None:
        errors["monthly_rent"] = [_("A rental contract states the monthly rent.")]
    if rental and term_end is None:
        errors["term_end"] = [_("A lease states the day it ends.")]
    if term_end is not None and term_end <= term_start:
        errors["term_end"] = [_("The term must end after it starts.")]
    if talent and rental:
        # talents rent for at most 3 years.
        if term_end is None or term_end > add_years(term_start, 3):
            errors["term_end"] = [_("A talent's lease runs at most 3 years (R-30).")]
    if selection is not None and selection.sign_by and signed_on > selection.sign_by:
        errors["signed_on"] = [_("The choice had to be signed by %(day)s; a later signature is a give-up (弃签, "
                                 "SPEC §13).") % {"day": selection.sign_by.isoformat()}]
    if number and Contract.objects.filter(number=number).exists():
        errors["number"] = [_("A contract with this number already exists.")]
    if errors:
        raise InvalidInput(_("The contract was not recorded; correct the marked fields."), field_errors=errors)

    def record(locked):
        Contract.objects.create(application=locked, number=number, property_owner=property_owner.strip(),
                                signatory=signatory.strip(), signed_on=signed_on, term_start=term_start,
                                term_end=term_end, monthly_rent=monthly_rent if rental else None,
                                price=None if rental else price, recorded_by=actor, unit=unit,
                                signed_by_employer=signed_by_employer)
        return {"contract": number, "unit": str(unit) if unit else "", "signed_by_employer": signed_by_employer}

    return take_step(actor=actor, application=application, step="sign_contract",
                     expected_version=expected_version, record=record)


def file_contract(*, actor, application: Application, expected_version: int, filing_number: str,
                  filed_on: datetime.date) -> Application:
    """R-16.8d: the CCB files the signed contract; the home is let or sold, and a lease starts its tenancy."""
    require_duty(actor=actor, step="file_contract", application=application)
    filing_number = (filing_number or "").strip()
    if not filing_number:
        raise InvalidInput(_("Enter the filing number."), field_errors={"filing_number": [_("This field is required.")]})
    if Contract.objects.filter(filing_number=filing_number).exclude(application=application).exists():
        raise InvalidInput(_("Another contract was filed under this number."),
                           field_errors={"filing_number": [_("This filing number is already used.")]})
    with transaction.atomic():
        contract = Contract.objects.filter(application=application).first()
        # Lock order of selection day: the home before the application.
        unit = HousingUnit.objects.select_for_update().get(pk=contract.unit_id) if contract and contract.unit_id else None

        def record(locked):
            filed = Contract.objects.select_for_update().get(application=locked)
            filed.filing_number = filing_number
            filed.filed_on = filed_on
            filed.save(update_fields=["filing_number", "filed_on"])
            details = {"filing_number": filing_number}
            if unit is not None:
                rental = locked.form == "public_rental"
                if rental:
                    unit.let()
                else:
                    unit.sell()
                unit.version += 1
                unit.save(update_fields=["status", "version"])
                record_action(actor=actor, action="let_home" if rental else "sell_home", obj=unit,
                              article="R-16.8d", summary=f"{unit} → {locked.number} ({filed.number})")
                details["unit_status"] = unit.status
                if rental:
                    tenancy = Tenancy.objects.create(contract=filed, application=locked, unit=unit,
                                                     starts_on=filed.term_start, ends_on=filed.term_end,
                                                     monthly_rent=filed.monthly_rent)
                    details["tenancy"] = tenancy.pk
            return details

        return take_step(actor=actor, application=application, step="file_contract",
                         expected_version=expected_version, record=record)


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
        raise InvalidInput(_("Leading and outstanding talents receive no housing subsidy under these measures (R-3.1)."))
    if application.group in TALENT_GROUPS:
        try:
            amount = subsidy_rules.monthly_amount(
                group=application.group, title=application.talent_title, degree=application.talent_degree,
                c2_standard=None,
                talent_amounts=dict(policy.talent_subsidies) if policy else dict(subsidy_rules.TALENT_MONTHLY_SUBSIDY))
        except subsidy_rules.SubsidyFigureMissing:
            raise InvalidInput(_("The application records neither a title nor a degree, so no amount under Art. 27 applies (R-27)."))
    elif policy is not None and policy.c2_subsidy_standard is not None:
        standard = Decimal(policy.c2_subsidy_standard).quantize(Decimal("0.01"))
        if amount is not None and amount != standard:
            raise InvalidInput(
                _("The approved standard in force is %(standard)s yuan a month; a different amount cannot be entered (R-26).")
                % {"standard": f"{standard:.2f}"}, field_errors={"monthly_amount": [_("Use the approved standard.")]})
        amount = standard
    elif amount is None or amount <= 0:
        raise InvalidInput(_("Enter the monthly amount of the approved standard (R-26)."),
                           field_errors={"monthly_amount": [_("This field is required.")]})

    def record(locked):
        Subsidy.objects.create(application=locked, monthly_amount=amount, start_month=start_month.replace(day=1),
                               started_by=actor)
        return {"monthly_amount": f"{amount:.2f}", "start_month": start_month.strftime("%Y-%m")}

    return take_step(actor=actor, application=application, step="start_subsidy",
                     expected_version=expected_version, record=record)
