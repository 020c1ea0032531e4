"""R-33(2), R-X.5: the monthly rent file from the bank, read through django-import-export.

One row per month paid: contract number, month (YYYY-MM), amount, paid on (YYYY-MM-DD), bank reference. The
headers may be Chinese (合同编号, 月份, 金额, 缴费日期, 银行流水号) or English. Every check that concerns one row
lives here and names its column; housing.tenancy.services.ledger runs the import all-or-nothing.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from housing.models import RentPayment, Tenancy
from housing.rules.arrears import first_of_month

# internal column -> (Chinese header, English header, other accepted spellings)
COLUMNS: dict[str, tuple[str, ...]] = {
    "contract_number": ("合同编号", "contract number", "contract_number", "contract no."),
    "month": ("月份", "month"),
    "amount": ("金额", "amount"),
    "paid_on": ("缴费日期", "paid on", "paid_on"),
    "reference": ("银行流水号", "bank reference", "reference", "bank_reference"),
}
REQUIRED = ("contract_number", "month", "amount", "paid_on")
COLUMN_LABELS = {
    "contract_number": gettext_lazy("contract number"),
    "month": gettext_lazy("month"),
    "amount": gettext_lazy("amount"),
    "paid_on": gettext_lazy("paid on"),
    "reference": gettext_lazy("bank reference"),
}
ATTRIBUTE_COLUMN = {"tenancy": "contract_number", "month": "month", "amount": "amount", "paid_on": "paid_on",
                    "reference": "reference"}
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def normalise_header(header) -> str:
    return re.sub(r"[\s_]+", " ", str(header or "")).strip().lower()


HEADER_LOOKUP = {normalise_header(name): column for column, names in COLUMNS.items() for name in names}


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


class ContractWidget(widgets.Widget):
    """The contract number → the tenancy it leased (an unknown contract is refused)."""

    def clean(self, value, row=None, **kwargs):
        number = _text(value)
        if not number:
            raise ValueError(_("The contract number is missing."))
        tenancy = Tenancy.objects.select_related("contract").filter(contract__number=number).first()
        if tenancy is None:
            raise ValueError(_("No tenancy has the contract number “%(number)s”.") % {"number": number})
        return tenancy


class MonthWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return first_of_month(value)
        text = _text(value)
        match = MONTH_RE.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(_("“%(value)s” is not a month; write it as YYYY-MM, e.g. 2025-03.") % {"value": text})
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


class AmountWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value).replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not an amount in yuan, e.g. 1200.00.") % {"value": _text(value)})
        if not amount.is_finite() or amount <= 0:
            raise ValueError(_("The amount must be more than 0.00 yuan."))
        if amount != amount.quantize(Decimal("0.01")):
            raise ValueError(_("The amount has more than two decimals (fen)."))
        if amount >= Decimal("100000000"):
            raise ValueError(_("The amount is too large."))
        return amount.quantize(Decimal("0.01"))


class IsoDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError(_("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text})


class ReferenceWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if len(text) > 60:
            raise ValueError(_("The bank reference is longer than 60 characters."))
        return text


class RentPaymentResource(resources.ModelResource):
    """``RentPaymentResource(actor=…, on=…)``; rows are always new payments (a month is never overwritten)."""

    tenancy = fields.Field(attribute="tenancy", column_name="contract_number", widget=ContractWidget())
    month = fields.Field(attribute="month", column_name="month", widget=MonthWidget())
    amount = fields.Field(attribute="amount", column_name="amount", widget=AmountWidget())
    paid_on = fields.Field(attribute="paid_on", column_name="paid_on", widget=IsoDateWidget())
    reference = fields.Field(attribute="reference", column_name="reference", widget=ReferenceWidget())

    class Meta:
        model = RentPayment
        fields = ("tenancy", "month", "amount", "paid_on", "reference")
        import_order = ("tenancy", "month", "amount", "paid_on", "reference")
        force_init_instance = True  # never update an existing month: a second payment of a month is refused
        skip_diff = True
        clean_model_instances = False
        use_transactions = True

    def __init__(self, *, actor, on: datetime.date):
        super().__init__()
        self.actor = actor
        self.on = on
        self.seen: dict[tuple[int, datetime.date], int] = {}

    def before_import_row(self, row, **kwargs):
        self._row_number = kwargs.get("row_number")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        tenancy = instance.tenancy if "tenancy" not in errors else None
        month = instance.month if "month" not in errors else None
        if tenancy is not None and month is not None:
            number = tenancy.contract.number
            if month < first_of_month(tenancy.starts_on) or month > first_of_month(tenancy.ends_on):
                errors["month"] = [_("%(month)s is outside the lease of contract %(number)s (%(start)s to %(end)s).")
                                   % {"month": f"{month:%Y-%m}", "number": number,
                                      "start": f"{tenancy.starts_on:%Y-%m-%d}", "end": f"{tenancy.ends_on:%Y-%m-%d}"}]
            elif (tenancy.pk, month) in self.seen:
                errors["month"] = [_("The file pays %(month)s for contract %(number)s twice (also row %(other)s).")
                                   % {"month": f"{month:%Y-%m}", "number": number,
                                      "other": self.seen[(tenancy.pk, month)] + 1}]
            elif RentPayment.objects.filter(tenancy=tenancy, month=month).exists():
                errors["month"] = [_("The rent of %(month)s for contract %(number)s is already paid; a month is paid "
                                     "once.") % {"month": f"{month:%Y-%m}", "number": number}]
            else:
                self.seen[(tenancy.pk, month)] = self._row_number
        if "paid_on" not in errors and instance.paid_on and instance.paid_on > self.on:
            errors["paid_on"] = [_("The payment date %(day)s is in the future.")
                                 % {"day": f"{instance.paid_on:%Y-%m-%d}"}]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.imported_by = self.actor
