"""The steps of SPEC §5 from the selection notice to the filed contract (R-16.8a, R-16.8c, R-16.8d): thin services
over ``take_step`` that record what the step needs; the selection-day services do the work on the stock."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.cases.workflow import require_duty, take_step
from housing.exceptions import InvalidInput
from housing.groups import TALENT_GROUPS
from housing.models import Application, Contract, HousingUnit, Selection, Tenancy
from housing.office.step import office_step
from housing.guarantees.checks import refuse_second_guarantee
from housing.rules.dates import add_years
from housing.selection import services as selection_day


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
        raise InvalidInput(_("Choose the home from the stock (Art. 16(8))."),
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
            errors["term_end"] = [_("A talent's lease runs at most 3 years (Art. 30).")]
    if selection is not None and selection.sign_by and signed_on > selection.sign_by:
        errors["signed_on"] = [_("The choice had to be signed by %(day)s; a later signature is a give-up (弃签)."
                                 "") % {"day": selection.sign_by.isoformat()}]
    if number and Contract.objects.filter(number=number).exists():
        errors["number"] = [_("A contract with this number already exists.")]
    if errors:
        raise InvalidInput(_("The contract was not recorded; correct the marked fields."), field_errors=errors)
    # R-3.2 (Art. 3): no contract for a household whose person already holds a home or a subsidy.
    refuse_second_guarantee(application, today=timezone.localdate())

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
                home = office_step(actor=actor, obj=unit, transition="let" if rental else "sell", duty="run_selection",
                                   expected_version=None, action="let_home" if rental else "sell_home",
                                   article="R-16.8d", summary=f"{unit} → {locked.number} ({filed.number})")
                details["unit_status"] = home.status
                if rental:
                    tenancy = Tenancy.objects.create(contract=filed, application=locked, unit=home,
                                                     starts_on=filed.term_start, ends_on=filed.term_end,
                                                     monthly_rent=filed.monthly_rent)
                    details["tenancy"] = tenancy.pk
            return details

        return take_step(actor=actor, application=application, step="file_contract",
                         expected_version=expected_version, record=record)
