"""The figures of one statistics page: the numbers (kept a few minutes in the cache, per scope and filters), then
their tables and charts with labels in the reader's language. A chart draws exactly its table."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _, gettext_lazy

from departments.models import UnitCode
from housing.groups import SHORT_CODE, Group
from housing.models import GiveUp, HousingUnit
from housing.stages import Stage
from housing.statistics.scope import Filters, Scope, groups_shown, months_of
from housing.statistics.selectors import cases, homes, money
from publicity.models import RegisterEntry

CACHE_VERSION = 1


@dataclass
class Figure:
    key: str
    title: str
    about: str
    columns: list[str]
    rows: list[list]
    chart: str = "stacked"  # stacked | bar | line | dual | hbar (stacked) | hgrouped (side by side)
    series: list[int] = field(default_factory=list)  # the columns drawn (all but the first when empty)
    empty: str = ""

    def chart_data(self) -> dict:
        drawn = self.series or list(range(1, len(self.columns)))
        return {"kind": self.chart, "labels": [str(r[0]) for r in self.rows],
                "datasets": [{"label": str(self.columns[i]), "data": [_number(r[i]) for r in self.rows]}
                             for i in drawn]}


def _number(value):
    return None if value is None else float(value) if not isinstance(value, int) else value


def _raw(scope: Scope, filters: Filters, today: datetime.date) -> dict:
    raw = {
        "year": filters.year,
        "stages": cases.stage_counts(scope, filters),
        "flow": cases.entries_by_month(scope, filters),
        "stays": cases.stage_stays(scope, filters, today),
        "periods": {s: days for s, (days, _a) in cases.stage_periods(today).items()},
        "waiting": cases.waiting_lists(scope, filters),
        "units": homes.unit_allocations(scope, filters),
        "employers": homes.employer_allocations(scope, filters),
        "subsidies": money.subsidies_by_month(scope, filters),
        "tenancy": money.tenancy_by_month(scope, filters, today),
        "sanctions": money.sanctions_by_month(scope, filters),
        "bans": money.bans_by_ground(scope, filters, today),
    }
    if scope.everything:
        raw["homes"] = homes.homes_by_project()
    return raw


def cache_seconds() -> int:
    return getattr(settings, "STATISTICS_CACHE_SECONDS", 600)


def _key(scope: Scope, filters: Filters, today: datetime.date) -> str:
    groups = "all" if scope.groups is None else ",".join(sorted(scope.groups))
    return f"statistics:{CACHE_VERSION}:{groups}:{filters.year}:{filters.round_id}:{filters.group}:{today}"


def numbers(scope: Scope, filters: Filters, today: datetime.date, *, refresh: bool = False) -> dict:
    """The figures' numbers, from the cache when computed less than STATISTICS_CACHE_SECONDS ago for the same scope
    and filters (oversight reads trends, not the last minute; docs/decisions/0036). ``refresh``: compute them now
    and keep them (the scheduled job, housing.statistics.jobs)."""
    seconds = cache_seconds()
    if not seconds:
        return _raw(scope, filters, today)
    key = _key(scope, filters, today)
    raw = None if refresh else cache.get(key)
    if raw is None:
        raw = _raw(scope, filters, today)
        cache.set(key, raw, seconds)
    return raw


def _group_label(group: str) -> str:
    return str(Group(group).label)


def _group_code(group: str) -> str:
    """A column's short name (C1–C6); the page lists what each stands for."""
    return SHORT_CODE[group]


def build(scope: Scope, filters: Filters, raw: dict) -> list[Figure]:
    groups = groups_shown(scope, filters) or scope.group_list
    figures = [_stages(raw, groups), _flow(raw), _stays(raw), _waiting(raw, groups), _units(raw), _employers(raw),
               _subsidies(raw), _tenancy(raw), _sanctions(raw), _bans(raw)]
    if "homes" in raw:
        figures.insert(4, _homes(raw))
    return figures


def _stages(raw, groups) -> Figure:
    counts = raw["stages"]
    rows = []
    for stage in Stage:
        values = [counts.get((stage.value, g), 0) for g in groups]
        if any(values):
            rows.append([str(stage.label), *values, sum(values)])
    return Figure("stages", _("Applications per stage and group"),
                  _("The round chosen, or every round of the year; from the counts kept with every step (Art. 16)."),
                  [_("Stage"), *[_group_code(g) for g in groups], _("Total")], rows, "stacked",
                  series=list(range(1, len(groups) + 1)), empty=_("No applications in these rounds."))


def _flow(raw) -> Figure:
    flow = raw["flow"]
    months = [f"{d:%Y-%m}" for d in _months(raw)]  # every month of the year, a month without steps as zeros
    stages = [s for s in Stage if any((m, s.value) in flow for m in months)]
    rows = [[m, *[flow.get((m, s.value), 0) for s in stages]] for m in months] if stages else []
    return Figure("flow", _("Entries into each stage per month"),
                  _("How many applications entered each stage in each month of the year, from the time of each step "
                    "in the application's history (Art. 16)."),
                  [_("Month"), *[str(s.label) for s in stages]], rows, "line",
                  empty=_("No steps were taken in this year."))


def _stays(raw) -> Figure:
    labels = {Stage.PUBLIC_NOTICE: _("Public notice (Art. 16(6))"), Stage.ANNOUNCED: _("Announcement (Art. 16(7))"),
              Stage.UNIT_SELECTED: _("Home chosen, contract to sign (Art. 16(8))")}
    rows = []
    for stage, label in labels.items():
        s = raw["stays"][stage]
        rows.append([str(label), raw["periods"][stage], s["ended"], s["mean_days"], s["longest_days"], s["over"],
                     s["now"], s["now_over"]])
    return Figure("stays", _("Days in the stages that have a period"),
                  _("Stays that ended in the year and applications there now, against the period the portal's policy "
                    "sets: notice days, announcement days, days to sign."),
                  [_("Stage"), _("Period (days)"), _("Stays ended"), _("Mean days"), _("Longest (days)"),
                   _("Longer than the period"), _("There now"), _("There now, past the period")], rows, "bar",
                  series=[1, 3])


def _waiting(raw, groups) -> Figure:
    waiting = raw["waiting"]
    rows = []
    for g in groups:
        values = [waiting.get((g, s.value), 0) for s in cases.WAITING]
        rows.append([_group_label(g), *values, sum(values)])
    return Figure("waiting", _("Waiting lists: announced, not yet housed"),
                  _("Households on an announced list without a signed contract, per group (Art. 16(7), 16(8))."),
                  [_("Applicant group"), *[str(s.label) for s in cases.WAITING], _("Total")], rows, "stacked",
                  series=[1, 2, 3])


def _homes(raw) -> Figure:
    counts = raw["homes"]
    projects = sorted({p for p, _s in counts})
    rows = [[p, *[counts.get((p, s.value), 0) for s in HousingUnit.Status]] for p in projects]
    return Figure("homes", _("Homes by status and project"), _("The housing stock the City Construction Bureau keeps (Art. 12(7))."),
                  [_("Project"), *[str(s.label) for s in HousingUnit.Status]], rows, "hbar",
                  empty=_("No homes are recorded."))


def _units(raw) -> Figure:
    rows = [[str(UnitCode(r["unit"]).label), r["rental_quota"], r["rental"], r["sale_quota"], r["sale"]] for r in raw["units"]]
    return Figure("units", _("Allocations against the approved plan's quotas"),
                  _("Homes chosen, signed or filed in the year's rounds against each unit's quota in the approved "
                    "supply plan (Art. 15, Art. 17)."),
                  [_("Unit"), _("Public rental quota"), _("Public rental allocated"), _("Economic housing quota"),
                   _("Economic housing allocated")], rows, "bar", empty=_("No approved supply plan for this year."))


def _employers(raw) -> Figure:
    rows = [[r["employer"], r["quota"], r["allocated"]] for r in raw["employers"]]
    return Figure("employers", _("Allocations against the employers' quotas"),
                  _("Each employer's share of its unit's quota and the homes its talents were allocated (Art. 7, "
                    "Art. 9, Art. 11, Art. 17)."),
                  [_("Employer"), _("Quota"), _("Allocated")], rows, "hgrouped",
                  empty=_("No employer quotas in the approved plan of this year."))


def _subsidies(raw) -> Figure:
    data = raw["subsidies"]
    rows = [[m, data.get(m, {}).get("payees", 0), data.get(m, {}).get("spend") or 0]
            for m in (f"{d:%Y-%m}" for d in _months(raw))]
    return Figure("subsidies", _("Subsidy payees and spend per month"),
                  _("Households paid and yuan paid in each month's batch (Art. 8, Arts. 25–27)."),
                  [_("Month"), _("Households paid"), _("Paid (yuan)")], rows, "dual")


def _months(raw) -> list[datetime.date]:
    return months_of(raw["year"])


def _tenancy(raw) -> Figure:
    data = raw["tenancy"]
    rows = [[m, v["unpaid"], v["violations"], v["terminations"]] for m, v in sorted(data.items())]
    return Figure("tenancy", _("Rent arrears, violations and terminations per month"),
                  _("Monthly rents due and not paid, violations recorded and terminations notified (Arts. 31–34)."),
                  [_("Month"), _("Rents unpaid"), _("Violations"), _("Terminations")], rows, "bar")


SANCTION_SERIES = [
    (f"give_up_{GiveUp.Kind.NO_SHOW}", gettext_lazy("Did not select in its turn")),
    (f"give_up_{GiveUp.Kind.NOT_SIGNED}", gettext_lazy("Did not sign in time")),
    (f"register_{RegisterEntry.Subject.PERSON}", gettext_lazy("Persons entered in the register")),
    (f"register_{RegisterEntry.Subject.EMPLOYER}", gettext_lazy("Employers entered in the register")),
]


def _sanctions(raw) -> Figure:
    data = raw["sanctions"]
    rows = [[f"{d:%Y-%m}", *[data.get((f"{d:%Y-%m}", key), 0) for key, _l in SANCTION_SERIES]] for d in _months(raw)]
    return Figure("sanctions", _("Give-ups and register entries per month"),
                  _("Households that gave up selection or signing, and entries in the bad-behaviour register "
                    "(Arts. 35–37)."), [_("Month"), *[str(label) for _k, label in SANCTION_SERIES]], rows, "bar")


def _bans(raw) -> Figure:
    data = raw["bans"]
    rows = [[str(ground.label), data.get(ground.value, {}).get("entered", 0),
             data.get(ground.value, {}).get("in_force", 0)] for ground in RegisterEntry.Ground]
    return Figure("bans", _("Bans by ground"), _("Entries made in the year, and bans in force today (Arts. 36, 37)."),
                  [_("Ground"), _("Entered in the year"), _("Bans in force today")], rows, "bar")
