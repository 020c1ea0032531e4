"""Per month of the year: subsidy payees and spend (R-8.2, R-25–R-27), rent unpaid, violations and terminations
(R-31–R-34), give-ups (SPEC §13) and register entries and bans (R-35–R-37)."""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from housing.models import GiveUp, RentPayment, SubsidyMonthCount, Tenancy, Termination, Violation
from housing.rules.dates import next_month
from housing.statistics.scope import Filters, Scope, groups_shown, months_of, year_bounds
from publicity.models import RegisterEntry


def _month(value) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def _by_application(qs, scope: Scope, filters: Filters, path: str):
    groups = groups_shown(scope, filters)
    if groups is not None:
        qs = qs.filter(**{f"{path}group__in": groups})
    if filters.round_id:
        qs = qs.filter(**{f"{path}round_id": filters.round_id})
    return qs


def _in_months(qs, field: str, filters: Filters, *, instant: bool):
    """Rows of the year grouped by the month of ``field`` (an instant is read in Asia/Shanghai)."""
    if instant:
        start, end = year_bounds(filters.year)
        qs = qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        month = TruncMonth(field, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    else:
        qs = qs.filter(**{f"{field}__year": filters.year})
        month = TruncMonth(field)
    return qs.annotate(stat_month=month)


def subsidies_by_month(scope: Scope, filters: Filters) -> dict[str, dict]:
    """YYYY-MM -> households paid and yuan paid in the month's batch, from the counts kept with each batch
    (housing.cases.month_counters.count_payments; a subsidy is paid once a month)."""
    qs = SubsidyMonthCount.objects.filter(month__gte=datetime.date(filters.year, 1, 1),
                                          month__lt=datetime.date(filters.year + 1, 1, 1))
    groups = groups_shown(scope, filters)
    if groups is not None:
        qs = qs.filter(group__in=groups)
    if filters.round_id:
        qs = qs.filter(round_id=filters.round_id)
    rows = qs.values("month").order_by().annotate(payees=Sum("payees"), spend=Sum("spend"))
    return {_month(r["month"]): {"payees": r["payees"], "spend": r["spend"]} for r in rows if r["payees"]}


def tenancy_by_month(scope: Scope, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """YYYY-MM -> rents of the month unpaid (leases covering a month already due, docs/decisions/0018, without a
    payment of it; a month after the keys came back is no longer leased), violations recorded and terminations notified."""
    tenancies = _by_application(Tenancy.objects.all(), scope, filters, "application__")
    due = [m for m in months_of(filters.year) if next_month(m) <= today]
    leased = tenancies.aggregate(**{
        _month(m): Count("id", filter=Q(starts_on__lt=next_month(m), ends_on__gte=m) & (
            Q(termination__keys_returned_on__isnull=True) | Q(termination__keys_returned_on__gte=m))) for m in due
    }) if due else {}
    paid = dict(_by_application(RentPayment.objects.filter(month__in=due), scope, filters, "tenancy__application__")
                .values("month").order_by().annotate(n=Count("id")).values_list("month", "n"))
    out = {_month(m): {"unpaid": 0, "violations": 0, "terminations": 0} for m in months_of(filters.year)}
    for m in due:
        out[_month(m)]["unpaid"] = max(0, (leased.get(_month(m)) or 0) - paid.get(m, 0))
    violations = _in_months(_by_application(Violation.objects.all(), scope, filters, "tenancy__application__"),
                            "recorded_at", filters, instant=True)
    for row in violations.values("stat_month").order_by().annotate(n=Count("id")):
        out[_month(row["stat_month"])]["violations"] = row["n"]
    terminations = _in_months(_by_application(Termination.objects.all(), scope, filters, "tenancy__application__"),
                              "notified_on", filters, instant=False)
    for row in terminations.values("stat_month").order_by().annotate(n=Count("id")):
        out[_month(row["stat_month"])]["terminations"] = row["n"]
    return out


def _register(scope: Scope, filters: Filters):
    qs = RegisterEntry.objects.all()
    if groups_shown(scope, filters) is not None or filters.round_id:
        # An employer's entry belongs to no application: only readers of every group count it.
        qs = _by_application(qs, scope, filters, "application__")
    return qs


def sanctions_by_month(scope: Scope, filters: Filters) -> dict[tuple[str, str], int]:
    """(YYYY-MM, what) -> give-ups of each kind (SPEC §13) and register entries of persons and employers (R-35)."""
    out: dict[tuple[str, str], int] = {}
    give_ups = _in_months(_by_application(GiveUp.objects.all(), scope, filters, "application__"), "recorded_at",
                          filters, instant=True)
    for row in give_ups.values("stat_month", "kind").order_by().annotate(n=Count("id")):
        out[(_month(row["stat_month"]), f"give_up_{row['kind']}")] = row["n"]
    entries = _in_months(_register(scope, filters), "entered_at", filters, instant=True)
    for row in entries.values("stat_month", "subject").order_by().annotate(n=Count("id")):
        out[(_month(row["stat_month"]), f"register_{row['subject']}")] = row["n"]
    return out


def bans_by_ground(scope: Scope, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Ground -> entries made in the year, and bans in force today (R-36.1, R-36.2, R-37)."""
    start, end = year_bounds(filters.year)
    rows = _register(scope, filters).values("ground").order_by().annotate(
        entered=Count("id", filter=Q(entered_at__gte=start, entered_at__lt=end)),
        in_force=Count("id", filter=Q(barred_from__lte=today, barred_until__gte=today)))
    return {r["ground"]: {"entered": r["entered"], "in_force": r["in_force"]} for r in rows}
