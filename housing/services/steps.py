"""The remaining steps of SPEC §5, each a thin service over ``take_step`` that records what the step needs."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.groups import TALENT_GROUPS
from housing.models import Application, Contract, Selection, Subsidy
from housing.rules.subsidy import talent_monthly_subsidy
from housing.services.workflow import require_duty, take_step


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


def issue_selection_notice(*, actor, application: Application, expected_version: int) -> Application:
    """R-16.8a."""
    return take_step(actor=actor, application=application, step="issue_selection_notice",
                     expected_version=expected_version)


def record_selection(*, actor, application: Application, expected_version: int, unit_designation: str,
                     selected_on: datetime.date) -> Application:
    """R-16.8c: the unit the household chose; a unit goes to one household only."""
    require_duty(actor=actor, step="record_selection", application=application)
    designation = (unit_designation or "").strip()
    if not designation:
        raise InvalidInput(_("Name the unit chosen."), field_errors={"unit_designation": [_("This field is required.")]})
    if Selection.objects.filter(unit_designation=designation, application__round=application.round).exclude(
        application=application
    ).exists():
        raise InvalidInput(_("This unit was already chosen by another household (R-16.8c)."),
                           field_errors={"unit_designation": [_("This unit is taken.")]})

    def record(locked):
        Selection.objects.create(application=locked, unit_designation=designation, selected_on=selected_on,
                                 recorded_by=actor)
        return {"unit": designation, "selected_on": selected_on.isoformat()}

    return take_step(actor=actor, application=application, step="record_selection",
                     expected_version=expected_version, record=record)


def sign_contract(*, actor, application: Application, expected_version: int, number: str, property_owner: str,
                  signatory: str, signed_on: datetime.date, term_start: datetime.date,
                  term_end: datetime.date | None, monthly_rent: Decimal | None, price: Decimal | None) -> Application:
    """R-16.8d: the applicant (or, for talents, the employer) signs with the property owner."""
    require_duty(actor=actor, step="sign_contract", application=application)
    errors = {}
    if application.form == "economic_housing" and price is None:
        errors["price"] = [_("A sale contract states the price.")]
    if application.form == "public_rental" and monthly_rent is None:
        errors["monthly_rent"] = [_("A rental contract states the monthly rent.")]
    if term_end is not None and term_end <= term_start:
        errors["term_end"] = [_("The term must end after it starts.")]
    if application.group in TALENT_GROUPS and application.form == "public_rental":
        # talents rent for at most 3 years.
        if term_end is None or term_end > _add_years(term_start, 3):
            errors["term_end"] = [_("A talent's lease runs at most 3 years (R-30).")]
    if Contract.objects.filter(number=number.strip()).exists():
        errors["number"] = [_("A contract with this number already exists.")]
    if errors:
        raise InvalidInput(_("The contract was not recorded; correct the marked fields."), field_errors=errors)

    def record(locked):
        Contract.objects.create(application=locked, number=number.strip(), property_owner=property_owner.strip(),
                                signatory=signatory.strip(), signed_on=signed_on, term_start=term_start,
                                term_end=term_end, monthly_rent=monthly_rent, price=price, recorded_by=actor)
        return {"contract": number.strip()}

    return take_step(actor=actor, application=application, step="sign_contract",
                     expected_version=expected_version, record=record)


def file_contract(*, actor, application: Application, expected_version: int, filing_number: str,
                  filed_on: datetime.date) -> Application:
    """R-16.8d: the CCB files the signed contract."""
    require_duty(actor=actor, step="file_contract", application=application)
    if not (filing_number or "").strip():
        raise InvalidInput(_("Enter the filing number."), field_errors={"filing_number": [_("This field is required.")]})

    def record(locked):
        Contract.objects.filter(application=locked).update(filing_number=filing_number.strip(), filed_on=filed_on)
        return {"filing_number": filing_number.strip()}

    return take_step(actor=actor, application=application, step="file_contract",
                     expected_version=expected_version, record=record)


def start_subsidy(*, actor, application: Application, expected_version: int, start_month: datetime.date,
                  monthly_amount: Decimal | None = None) -> Application:
    """R-16.a, R-27, R-8.2: talents by the Art. 27 amounts; C2 by the standard Finance enters (R-26)."""
    require_duty(actor=actor, step="start_subsidy", application=application)
    amount = monthly_amount
    if application.group in TALENT_GROUPS:
        amount = talent_monthly_subsidy(title=application.talent_title, degree=application.talent_degree)
        if amount is None:
            raise InvalidInput(_("The application records neither a title nor a degree, so no amount under Art. 27 applies (R-27)."))
    elif amount is None or amount <= 0:
        raise InvalidInput(_("Enter the monthly amount of the approved standard (R-26)."),
                           field_errors={"monthly_amount": [_("This field is required.")]})

    def record(locked):
        Subsidy.objects.create(application=locked, monthly_amount=amount, start_month=start_month.replace(day=1),
                               started_by=actor)
        return {"monthly_amount": f"{amount:.2f}", "start_month": start_month.strftime("%Y-%m")}

    return take_step(actor=actor, application=application, step="start_subsidy",
                     expected_version=expected_version, record=record)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
