"""What the acts that end an allocation will do, stated before they are done (docs/decisions/0047): recording the
home chosen gives it to this household alone (R-16.8c); signing the contract binds the household to the property
owner at its rent or price (R-16.8d); filing the contract lets or sells the home, and a lease starts its tenancy
(R-16.8d). None of them is undone.

Each is stated from inside the rehearsal of its step, from the application as the step leaves it: the service fixes
the day by which the contract must be signed, takes the owner, the rent or the price from the home, and starts the
tenancy. The basis holds what the statement is computed from (the application and its version, the home, the
dates and the amounts), never a primary key the step creates.
"""

from django.utils.translation import gettext as _

from housing.cases.citations import in_language
from housing.groups import TALENT_GROUPS, Form
from housing.models import Application, Contract, HousingUnit, Selection, Tenancy
from housing.web.confirmation import Confirmation
from housing.web.money import in_capitals, with_separators


def _day(value) -> str:
    return value.isoformat() if value else "—"


def _amount(value) -> str | None:
    return None if value is None else str(value)


def _talent_employer(application: Application) -> str:
    # R-16.8d: a talent's employer takes part in the allocation (and may sign for the household).
    return application.employer.name if application.group in TALENT_GROUPS and application.employer_id else ""


def _who(application: Application) -> list[tuple[str, str]]:
    facts = [(_("Application"), application.number), (_("Applicant"), application.applicant_name)]
    if _talent_employer(application):
        facts.append((_("Employer"), _talent_employer(application)))
    return facts


def _home(unit: HousingUnit) -> list[tuple[str, str]]:
    return [(_("Project"), unit.building.project.name), (_("Building"), unit.building.name),
            (_("Unit number"), unit.number), (_("Unit type"), unit.get_unit_type_display()),
            (_("Floor area (m²)"), str(unit.area)), (_("Floor"), str(unit.floor))]


def _home_basis(unit: HousingUnit | None, *, described: bool = True) -> list | None:
    """The home as the statement shows it: described (type, area, floor) or by its name only."""
    if unit is None:
        return None
    named = [unit.pk, unit.building.project.name, unit.building.name, unit.number]
    return named + [unit.unit_type, str(unit.area), unit.floor] if described else named


def _money(*, rent=None, price=None) -> list[tuple[str, str]]:
    """R-16.8d: the rent or the price as the contract states it, in figures and in capital figures (大写)."""
    if rent is not None:
        return [(_("Monthly rent (yuan)"), with_separators(rent)),
                (_("Monthly rent in capital figures"), in_capitals(rent))]
    if price is not None:
        return [(_("Price (yuan)"), with_separators(price)), (_("Price in capital figures"), in_capitals(price))]
    return []


# --- the home chosen (R-16.8c) -----------------------------------------------------------------------


def selection_confirmation(application: Application) -> Confirmation:
    """``application``: as ``choose_home`` leaves it, read inside the rehearsal: its selection holds the home, the
    day and the day by which the contract must be signed (SPEC §13), as the service fixed them."""
    selection = Selection.objects.get(application_id=application.pk)
    unit = HousingUnit.objects.select_related("building__project").get(pk=selection.unit_id)
    rental = application.form == Form.PUBLIC_RENTAL
    # R-16.8d: the rent or the price the contract will state is the home's, from the stock.
    rent, price = (unit.monthly_rent, None) if rental else (None, unit.price)
    article = in_language(["R-16.8c"], application.group)
    owner = unit.building.project.property_owner
    return Confirmation(
        title=_("Record the home chosen by %(name)s") % {"name": application.applicant_name},
        lead=_("%(name)s (application %(number)s) chooses the home %(home)s on %(day)s (%(article)s). The contract "
               "must be signed by %(sign_by)s.") % {
            "name": application.applicant_name, "number": application.number, "home": unit, "article": article,
            "day": _day(selection.selected_on), "sign_by": _day(selection.sign_by)},
        confirm_label=_("Confirm the home chosen"),
        basis={"act": "record-selection", "application": application.pk, "version": application.version,
               "home": _home_basis(unit), "rent": _amount(rent), "price": _amount(price), "owner": owner,
               "selected_on": _day(selection.selected_on), "sign_by": _day(selection.sign_by),
               "session": selection.session_id},
        facts=_who(application) + _home(unit) + _money(rent=rent, price=price) + [
            (_("Property owner"), owner), (_("Selected on"), _day(selection.selected_on)),
            (_("Sign the contract by"), _day(selection.sign_by))],
        consequences=[
            _("The home goes to this household only: it is no longer offered to the other households, who choose "
              "among the homes left."),
            _("The next step is the contract with the property owner, signed by %(day)s at the latest. A choice not "
              "signed by then is a give-up (弃签) and the home goes back to the stock.") % {
                "day": _day(selection.sign_by)},
        ])


# --- signing the contract (R-16.8d) ------------------------------------------------------------------


def _contract(application: Application) -> Contract:
    return Contract.objects.select_related("unit__building__project").get(application_id=application.pk)


def contract_confirmation(application: Application) -> Confirmation:
    """``application``: as ``sign_contract`` leaves it, read inside the rehearsal: the contract holds the owner, the
    rent or the price the service took from the home when none was entered."""
    contract = _contract(application)
    unit = contract.unit
    rental = contract.monthly_rent is not None
    article = in_language(["R-16.8d"], application.group)
    values = {"contract": contract.number, "day": _day(contract.signed_on), "signatory": contract.signatory,
              "owner": contract.property_owner, "home": unit or "—", "start": _day(contract.term_start),
              "end": _day(contract.term_end), "article": article}
    if rental:
        lead = _("Contract %(contract)s is recorded as signed on %(day)s by %(signatory)s and %(owner)s: the lease "
                 "of the home %(home)s from %(start)s to %(end)s, at %(rent)s yuan a month (%(article)s).") % {
            **values, "rent": with_separators(contract.monthly_rent)}
    else:
        lead = _("Contract %(contract)s is recorded as signed on %(day)s by %(signatory)s and %(owner)s: the sale "
                 "of the home %(home)s at %(price)s yuan (%(article)s).") % {
            **values, "price": with_separators(contract.price) if contract.price is not None else "—"}
    facts = [(_("Contract number"), contract.number)] + _who(application) + [
        (_("Home"), str(unit) if unit else "—"), (_("Property owner"), contract.property_owner),
        (_("Signed by"), contract.signatory)]
    if _talent_employer(application):
        facts.append((_("Signed by the employer for the household"), _("Yes") if contract.signed_by_employer
                      else _("No")))
    facts += [(_("Signed on"), _day(contract.signed_on)), (_("Term starts"), _day(contract.term_start)),
              (_("Term ends"), _day(contract.term_end))]
    facts += _money(rent=contract.monthly_rent, price=contract.price)
    consequences = []
    if contract.signed_by_employer:
        consequences.append(_("%(employer)s signs for the household, as a talent's employer may.") % {
            "employer": _talent_employer(application)})
    consequences.append(
        _("Next, the City Construction Bureau files the contract: filing lets the home and starts the lease.")
        if rental else _("Next, the City Construction Bureau files the contract: filing sells the home."))
    return Confirmation(
        title=_("Sign contract %(contract)s for %(name)s") % {"contract": contract.number,
                                                             "name": application.applicant_name},
        lead=lead,
        confirm_label=_("Confirm the signed contract"),
        basis={"act": "sign-contract", "application": application.pk, "version": application.version,
               "contract": contract.number, "home": _home_basis(unit, described=False),
               "owner": contract.property_owner, "signatory": contract.signatory,
               "by_employer": contract.signed_by_employer,
               "employer": _talent_employer(application), "signed_on": _day(contract.signed_on),
               "term": [_day(contract.term_start), _day(contract.term_end)],
               "rent": _amount(contract.monthly_rent), "price": _amount(contract.price)},
        facts=facts, consequences=consequences)


# --- filing the contract (R-16.8d) -------------------------------------------------------------------


def filing_confirmation(application: Application) -> Confirmation:
    """``application``: as ``file_contract`` leaves it, read inside the rehearsal: the home let or sold, and for a
    lease the tenancy it started, with its term and rent as the service took them from the contract."""
    contract = _contract(application)
    unit = contract.unit
    tenancy = Tenancy.objects.filter(contract=contract).first()
    article = in_language(["R-16.8d"], application.group)
    values = {"contract": contract.number, "name": application.applicant_name, "filing": contract.filing_number,
              "day": _day(contract.filed_on), "home": unit or "—", "article": article}
    consequences = []
    if tenancy is not None:
        lead = _("Contract %(contract)s of %(name)s is filed under number %(filing)s on %(day)s (%(article)s): the "
                 "home %(home)s is let to the household, and its lease runs from %(start)s to %(end)s at %(rent)s "
                 "yuan a month.") % {**values, "start": _day(tenancy.starts_on), "end": _day(tenancy.ends_on),
                                     "rent": with_separators(tenancy.monthly_rent)}
        consequences.append(_("The home is let: it leaves the stock until the tenancy ends and the keys come "
                              "back."))
    elif unit is not None and unit.status == HousingUnit.Status.SOLD:
        lead = _("Contract %(contract)s of %(name)s is filed under number %(filing)s on %(day)s (%(article)s): the "
                 "home %(home)s is sold to the household.") % values
        consequences.append(_("The home is sold: it leaves the stock for good."))
    else:
        lead = _("Contract %(contract)s of %(name)s is filed under number %(filing)s on %(day)s (%(article)s).") % (
            values)
    consequences.append(_("The filing completes the allocation of this application and is not undone."))
    facts = [(_("Filing number"), contract.filing_number), (_("Filed on"), _day(contract.filed_on)),
             (_("Contract number"), contract.number)] + _who(application) + [(_("Home"), str(unit) if unit else "—")]
    if tenancy is not None:
        facts += [(_("Lease starts"), _day(tenancy.starts_on)), (_("Lease ends"), _day(tenancy.ends_on))]
        facts += _money(rent=tenancy.monthly_rent)
    return Confirmation(
        title=_("File contract %(contract)s of %(name)s") % {"contract": contract.number,
                                                            "name": application.applicant_name},
        lead=lead,
        confirm_label=_("Confirm the filing"),
        basis={"act": "file-contract", "application": application.pk, "version": application.version,
               "contract": contract.number, "filing": contract.filing_number, "filed_on": _day(contract.filed_on),
               "home": _home_basis(unit, described=False), "home_status": unit.status if unit else None,
               "tenancy": [_day(tenancy.starts_on), _day(tenancy.ends_on), _amount(tenancy.monthly_rent)]
               if tenancy is not None else None},
        facts=facts, consequences=consequences)
