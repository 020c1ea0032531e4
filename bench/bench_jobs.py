"""How the nightly and monthly jobs of issue #6 scale (R-8.2, R-31, R-33(2), R-X.6), on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_bench DJANGO_DEBUG=1 \\
        .venv/bin/python bench/bench_jobs.py [--subsidies 20000] [--tenancies 10000] [--window 300] \\
        [--only subsidies arrears renewals] [--json bench/results/jobs.json]

A throw-away test database (``test_<name>`` of DATABASE_URL, migrated from scratch, dropped at the end) is
filled in bulk (bulk_create, not through the services; fixed seed), then each service a beat job calls is timed
twice, with its queries counted (django.test.utils.CaptureQueriesContext):

1. ``subsidies.prepare_batch_by_schedule`` (housing.jobs.subsidies.prepare_monthly_batch) for this month over
   N running subsidies (talents and C2; 6 months of exported batches behind them; some stopped, some stopped and
   resumed, some households holding a filed contract home, found and stopped by the first run, R-3.2);
2. ``tenancy.detect_arrears`` (housing.jobs.tenancy.detect_arrears) over M tenancies with their whole rent
   ledger (24 months for most), some in arrears (2 consecutive or 6 unpaid months, R-33(2));
3. ``renewals.send_renewal_reminders`` (housing.jobs.deadlines.send_renewal_reminders) over the same tenancies,
   ~W of them within 3 months of their end (R-31).

The second run of each is the idempotent re-run (R-X.6): it must add nothing. Goal: each run <= 60 s, and a
number of queries that does not grow with the rows (no query per row; writes per new finding are counted apart).
PostgreSQL only: the jobs run there in production, and SQLite would hide the round trips.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 60
CHUNK = 5000


def _month(day: datetime.date, add: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 + add
    return datetime.date(index // 12, index % 12 + 1, 1)


def _id_number(serial: int, *, male: bool = True) -> str:
    """A unique, valid resident ID number per serial (GB 11643 check digit)."""
    from stdnum.cn import ric

    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=serial // 500)
    body = f"440309{birth:%Y%m%d}{(serial % 500) * 2 + (1 if male else 0):03d}"
    return body + ric.calc_check_digit(body + "?")


def _bulk(model, rows):
    out = []
    for start in range(0, len(rows), CHUNK):
        out.extend(model.objects.bulk_create(rows[start:start + CHUNK]))
    return out


def _kind(sql: str) -> str:
    word = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
    # BEGIN/COMMIT/ROLLBACK are logged too (Django >= 4.2): round trips like the others.
    return word if word in ("SELECT", "INSERT", "UPDATE", "DELETE", "SAVEPOINT", "RELEASE", "BEGIN", "COMMIT",
                            "ROLLBACK") else "other"


def timed(label: str, call) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # CaptureQueriesContext reads connection.queries_log, which keeps 9,000 entries by default: keep them all.
    connection.queries_limit = 10_000_000
    connection.queries_log = collections.deque(maxlen=connection.queries_limit)
    with CaptureQueriesContext(connection) as ctx:
        begin = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - begin
    queries = len(ctx.captured_queries)
    kinds = collections.Counter(_kind(q["sql"]) for q in ctx.captured_queries)
    figures = {"seconds": round(seconds, 2), "queries": queries, "queries_by_kind": dict(kinds), "result": result}
    print(f"{label:<34} {seconds:8.2f} s {queries:8d} queries  {dict(kinds)}  -> {result}", flush=True)
    return figures


# --- shared ---------------------------------------------------------------------------------------------------

def _setup():
    from departments.models import StaffUser, Unit
    from housing.models import AllocationRound, SupplyNotice
    from django.utils import timezone

    units = {u.code: u for u in Unit.objects.all()}
    finance = StaffUser.objects.create(username="bench-finance-clerk", unit=units["finance"], roles=["clerk"])
    ccb = StaffUser.objects.create(username="bench-ccb-clerk", unit=units["ccb"], roles=["clerk"])
    notice = SupplyNotice.objects.create(title="基准测试", body="基准测试", groups=[],
                                         application_deadline=datetime.date(2024, 6, 30),
                                         published_at=timezone.now(), created_by=ccb)
    round_ = AllocationRound.objects.create(year=2024, name="基准轮次", supply_notice=notice)
    return finance, ccb, round_


# --- 1. subsidies ---------------------------------------------------------------------------------------------

def build_subsidies(n: int, *, round_, finance, ccb, today: datetime.date, history_months: int) -> dict:
    from django.utils import timezone

    from housing.groups import Form, Group
    from housing.models import (Application, Contract, HouseholdMember, PolicyVersion, Subsidy, SubsidyBatch,
                                SubsidyChange, SubsidyPayment)
    from housing.stages import Stage

    rng = random.Random(2026)
    month = _month(today)
    c2_standard = Decimal("1200.00")
    PolicyVersion.objects.update(c2_subsidy_standard=c2_standard)  # the district's figure, entered
    talent_amount = {"full_senior": Decimal("2500.00"), "deputy_senior": Decimal("2000.00"),
                     "doctorate": Decimal("1500.00"), "master": Decimal("1000.00"), "bachelor": Decimal("500.00")}
    now = timezone.now()
    apps, members, facts = [], [], []
    for i in range(n):
        c2 = rng.random() < 0.3
        group = Group.MINIMUM_ALLOWANCE if c2 else rng.choice((Group.ENTERPRISE_TALENT, Group.INSTITUTION_TALENT))
        title, degree = "", ""
        if not c2:
            kind = rng.choices(("full_senior", "deputy_senior", "doctorate", "master", "bachelor"), (5, 10, 10, 35, 40))[0]
            title, degree = (kind, "doctorate") if kind.endswith("senior") else ("", kind)
        spouse = rng.random() < 0.2
        name = f"申请人{i:05d}"
        apps.append(Application(
            number=f"LH-2024-SB-{i + 1:06d}", round=round_, group=group, form=Form.SUBSIDY,
            stage=Stage.SUBSIDY_RUNNING, version=9, submitted_at=now, stage_changed_at=now,
            applicant_name=name, applicant_id_number=_id_number(2 * i), household_size=2 if spouse else 1,
            contact_phone="13800000000", talent_title=title, talent_degree=degree,
            degree_full_time=None if c2 else True))
        members.append(HouseholdMember(relation="applicant", applying=True, name=name, id_number=_id_number(2 * i),
                                       hukou="shenzhen", marital_status="married" if spouse else "single"))
        if spouse:
            members.append(HouseholdMember(relation="spouse", applying=True, name=f"配偶{i:05d}",
                                           id_number=_id_number(2 * i + 1, male=False), hukou="shenzhen",
                                           marital_status="married"))
        amount = c2_standard if c2 else talent_amount[title or degree]
        facts.append((spouse, amount, _month(month, -rng.randrange(0, 36))))
    apps = _bulk(Application, apps)
    by_number = {a.applicant_id_number: a for a in apps}
    for m in members:
        m.application = by_number[_id_number(2 * (int(m.name[-5:])))]
    _bulk(HouseholdMember, members)
    subsidies = _bulk(Subsidy, [
        Subsidy(application=a, monthly_amount=amount, start_month=start, started_by=finance,
                bank_name="中国建设银行深圳龙华支行", bank_account=f"6217{i:015d}")
        for i, (a, (spouse, amount, start)) in enumerate(zip(apps, facts))])

    # Stops: 6% stopped from a month up to this one, 1% stopped then resumed, 1% stopped from next month.
    changes, stopped_from, counts = [], {}, collections.Counter()
    for s in subsidies:
        r = rng.random()
        if r < 0.06:
            stop = max(s.start_month, _month(month, -rng.randrange(0, 6)))
            changes.append(SubsidyChange(subsidy=s, kind="stop", from_month=stop, reason="不再符合条件（基准）",
                                         recorded_by=finance))
            stopped_from[s.pk] = stop
            counts["stopped"] += 1
        elif r < 0.07:
            stop = max(s.start_month, _month(month, -4))
            changes.append(SubsidyChange(subsidy=s, kind="stop", from_month=stop, reason="暂停（基准）",
                                         recorded_by=finance))
            changes.append(SubsidyChange(subsidy=s, kind="resume", from_month=max(stop, _month(month, -1)),
                                         reason="恢复（基准）", recorded_by=finance))
            counts["stopped_and_resumed"] += 1
        elif r < 0.08:
            changes.append(SubsidyChange(subsidy=s, kind="stop", from_month=_month(month, 1), reason="下月停发（基准）",
                                         recorded_by=finance))
            stopped_from[s.pk] = _month(month, 1)
            counts["stopped_from_next_month"] += 1
    _bulk(SubsidyChange, changes)
    for s in subsidies:
        if s.pk in stopped_from:
            s.stopped_from = stopped_from[s.pk]
    Subsidy.objects.bulk_update([s for s in subsidies if s.pk in stopped_from], ["stopped_from"], batch_size=CHUNK)

    # Past months, exported (the payments table a real month-N batch runs against).
    payments = 0
    for back in range(history_months, 0, -1):
        paid = _month(month, -back)
        batch = SubsidyBatch.objects.create(month=paid, status=SubsidyBatch.Status.EXPORTED, prepared_by=finance)
        rows = [SubsidyPayment(batch=batch, subsidy=s, month=paid, amount=s.monthly_amount,
                               payee_name=a.applicant_name, bank_name=s.bank_name, bank_account=s.bank_account)
                for s, a in zip(subsidies, apps)
                if s.start_month <= paid and not (s.pk in stopped_from and stopped_from[s.pk] <= paid)]
        _bulk(SubsidyPayment, rows)
        payments += len(rows)

    # Homes: 2% of the households hold a filed public-rental contract from a month up to this one (half of
    # them through the spouse), 0.5% from next month on (not stopped yet).
    home_apps, home_members, home_terms = [], [], []
    for i, (a, (spouse, _amount, _start)) in enumerate(zip(apps, facts)):
        r = rng.random()
        if r >= 0.025:
            continue
        starts = _month(month, -rng.randrange(0, 5)) if r < 0.02 else _month(month, 1)
        counts["home_held_now" if r < 0.02 else "home_from_next_month"] += 1
        through_spouse = spouse and rng.random() < 0.5
        number = _id_number(2 * i + 1) if through_spouse else a.applicant_id_number
        home_apps.append(Application(
            number=f"LH-2024-HM-{len(home_apps) + 1:06d}", round=round_, group=Group.NO_HOUSING,
            form=Form.PUBLIC_RENTAL, stage=Stage.FILED, version=12, submitted_at=now, stage_changed_at=now,
            applicant_name=f"承租人{i:05d}", applicant_id_number=_id_number(10_000_000 + i), household_size=2,
            contact_phone="13900000000"))
        home_members.append([HouseholdMember(relation="applicant", applying=True, name=f"承租人{i:05d}",
                                             id_number=_id_number(10_000_000 + i), hukou="shenzhen",
                                             marital_status="married"),
                             HouseholdMember(relation="spouse", applying=True, name=f"家属{i:05d}", id_number=number,
                                             hukou="shenzhen", marital_status="married")])
        home_terms.append(starts)
    home_apps = _bulk(Application, home_apps)
    for app, pair in zip(home_apps, home_members):
        for m in pair:
            m.application = app
    _bulk(HouseholdMember, [m for pair in home_members for m in pair])
    _bulk(Contract, [Contract(application=app, number=f"HT-{app.number}", property_owner="深圳市龙华区住房保障中心",
                              signatory=app.applicant_name, signed_on=start - datetime.timedelta(days=10),
                              term_start=start, term_end=start + datetime.timedelta(days=3 * 365 - 1),
                              monthly_rent=Decimal("1200.00"), filing_number=f"BA-{app.number}",
                              filed_on=start - datetime.timedelta(days=5), recorded_by=ccb)
                     for app, start in zip(home_apps, home_terms)])
    return {"running_subsidies": n, "c2": sum(1 for a in apps if a.group == Group.MINIMUM_ALLOWANCE),
            "with_spouse": sum(1 for f in facts if f[0]), "past_payments": payments,
            "history_months": history_months, **counts}


def bench_subsidies(n: int, history_months: int, today: datetime.date, people) -> dict:
    from housing.models import SubsidyPayment
    from housing.subsidies.services import prepare_batch_by_schedule

    finance, ccb, round_ = people
    begin = time.perf_counter()
    built = build_subsidies(n, round_=round_, finance=finance, ccb=ccb, today=today, history_months=history_months)
    print(f"built subsidies in {time.perf_counter() - begin:.1f}s: {built}", flush=True)

    def run():
        prepared = prepare_batch_by_schedule(month=today)
        return {"added": prepared.added, "stopped_for_home": prepared.stopped_for_home,
                "skipped_stopped": prepared.skipped_stopped}

    first = timed("subsidy batch, first run", run)
    second = timed("subsidy batch, second run", run)
    # R-X.6: the re-run pays no one twice and records no stop twice.
    second["idempotent"] = second["result"]["added"] == 0 and second["result"]["stopped_for_home"] == 0
    if not second["idempotent"]:
        print("!! the second run did something again:", second["result"], flush=True)
    paid = SubsidyPayment.objects.filter(month=_month(today)).count()
    assert paid == first["result"]["added"], (paid, first)
    return {"data": {**built, "build_seconds": round(time.perf_counter() - begin, 1)}, "first_run": first,
            "second_run": second}


# --- 2 and 3. tenancies ---------------------------------------------------------------------------------------

def build_tenancies(n: int, window: int, *, round_, ccb, today: datetime.date) -> dict:
    from django.utils import timezone

    from housing.groups import Form, Group
    from housing.models import Application, Building, Contract, HousingProject, HousingUnit, RentPayment, Tenancy
    from housing.tenancy.services.renewals import add_months, renewal_opens_on
    from housing.stages import Stage

    rng = random.Random(48)
    now = timezone.now()
    this_month = _month(today)
    project = HousingProject.objects.create(name="基准公租房", address="深圳市龙华区基准路1号",
                                            property_owner="深圳市龙华区住房保障中心", form=Form.PUBLIC_RENTAL)
    buildings = _bulk(Building, [Building(project=project, name=f"{b + 1}栋") for b in range(20)])
    units = _bulk(HousingUnit, [
        HousingUnit(building=buildings[i % 20], number=f"{i // 20 // 20 + 1:02d}{i // 20 % 20 + 1:02d}",
                    unit_type="one_bedroom", area=Decimal("45.00"), floor=i // 20 // 20 + 1,
                    monthly_rent=Decimal("1200.00"), market_rent=Decimal("2500.00"), status=HousingUnit.Status.LET)
        for i in range(n)])
    plans, counts = [], collections.Counter()
    # The renewal window: ~window leases end within 3 months (3-year leases started 33-36 months ago); about
    # a third as many again end just after it. The rest: 3-year leases started 24 months ago.
    share_in, share_near = window / n, window / n / 3
    for i in range(n):
        r = rng.random()
        talent = rng.random() < 0.4
        if r < share_in:
            ends = today + datetime.timedelta(days=rng.randrange(0, 89))
            counts["ends_within_3_months"] += 1
        elif r < share_in + share_near:
            ends = add_months(today, 3) + datetime.timedelta(days=rng.randrange(1, 30))
            counts["ends_in_3_to_4_months"] += 1
        else:
            ends = add_months(_month(today, -24), 36) - datetime.timedelta(days=1)
        starts = add_months(ends, -36) + datetime.timedelta(days=1)
        status = Tenancy.Status.ACTIVE
        s = rng.random()
        if s < 0.02:
            status = Tenancy.Status.ENDING
        elif s < 0.03:
            status = Tenancy.Status.ENDED
        counts[f"status_{status}"] += 1
        plans.append((talent, starts, ends, status, 1 if talent and rng.random() < 0.3 else 0))
    apps = _bulk(Application, [
        Application(number=f"LH-2024-TN-{i + 1:06d}", round=round_,
                    group=(Group.ENTERPRISE_TALENT if talent else Group.NO_HOUSING), form=Form.PUBLIC_RENTAL,
                    stage=Stage.FILED, version=12, submitted_at=now, stage_changed_at=now,
                    applicant_name=f"租户{i:05d}", applicant_id_number=_id_number(20_000_000 + i),
                    household_size=1, contact_phone="13700000000",
                    talent_degree="master" if talent else "", degree_full_time=True if talent else None)
        for i, (talent, *_rest) in enumerate(plans)])
    contracts = _bulk(Contract, [
        Contract(application=a, number=f"HT-{a.number}", property_owner=project.property_owner,
                 signatory=a.applicant_name, signed_on=starts - datetime.timedelta(days=7), term_start=starts,
                 term_end=ends, monthly_rent=Decimal("1200.00"), filing_number=f"BA-{a.number}",
                 filed_on=starts - datetime.timedelta(days=3), unit=u, recorded_by=ccb)
        for a, u, (_t, starts, ends, _s, _r) in zip(apps, units, plans)])
    tenancies = _bulk(Tenancy, [
        Tenancy(contract=c, application=a, unit=u, starts_on=starts, ends_on=ends, monthly_rent=Decimal("1200.00"),
                renewals=renewed, status=status)
        for c, a, u, (_t, starts, ends, status, renewed) in zip(contracts, apps, units, plans)])

    # The rent ledger: every month due so far (24 for most), paid on the 10th of the month; 5% skip the last two
    # due months (2 consecutive: R-33(2)), 2% skip 6 months none of them adjacent (6 in total), 3% skip one month.
    rows = 0
    batch = []
    for t in tenancies:
        due = []
        m = _month(t.starts_on)
        while _month(m, 1) <= today and m <= t.ends_on:
            due.append(m)
            m = _month(m, 1)
        r = rng.random()
        unpaid = set()
        if r < 0.05:
            unpaid = set(due[-2:])
            counts["arrears_consecutive"] += 1
        elif r < 0.07:
            unpaid = set(due[-12::2])
            counts["arrears_six_in_total"] += 1
        elif r < 0.10:
            unpaid = {due[rng.randrange(len(due))]}
            counts["one_month_late"] += 1
        for m in due:
            if m not in unpaid:
                batch.append(RentPayment(tenancy=t, month=m, amount=t.monthly_rent, paid_on=m.replace(day=10),
                                         reference=f"REF{t.pk:06d}{m:%Y%m}", imported_by=ccb))
        if len(batch) >= 20_000:
            _bulk(RentPayment, batch)
            rows += len(batch)
            batch = []
    _bulk(RentPayment, batch)
    rows += len(batch)
    in_window = sum(1 for t in tenancies if t.status == Tenancy.Status.ACTIVE
                    and renewal_opens_on(t.ends_on) <= today <= t.ends_on)
    return {"tenancies": n, "rent_payments": rows, "active_in_renewal_window": in_window,
            "this_month": this_month.isoformat(), **counts}


def bench_tenancies(n: int, window: int, today: datetime.date, people, only: set[str]) -> dict:
    from housing.models import Reminder, Violation
    from housing.tenancy.services import renewals, ledger as tenancy

    _finance, ccb, round_ = people
    begin = time.perf_counter()
    built = build_tenancies(n, window, round_=round_, ccb=ccb, today=today)
    print(f"built tenancies in {time.perf_counter() - begin:.1f}s: {built}", flush=True)
    out = {"data": {**built, "build_seconds": round(time.perf_counter() - begin, 1)}}
    if "arrears" in only:
        first = timed("arrears, first run", lambda: tenancy.detect_arrears(on=today))
        second = timed("arrears, second run", lambda: tenancy.detect_arrears(on=today))
        assert second["result"] == 0, second
        assert Violation.objects.filter(ground=Violation.Ground.ARREARS).count() == first["result"]
        out["arrears"] = {"first_run": first, "second_run": second}
    if "renewals" in only:
        first = timed("renewal reminders, first run", lambda: renewals.send_renewal_reminders(today=today))
        second = timed("renewal reminders, second run", lambda: renewals.send_renewal_reminders(today=today))
        assert second["result"] == 0, second
        assert first["result"] == built["active_in_renewal_window"], (first, built)
        assert Reminder.objects.filter(kind=Reminder.Kind.RENEWAL).count() == first["result"]
        out["renewals"] = {"first_run": first, "second_run": second}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subsidies", type=int, default=20_000)
    parser.add_argument("--history-months", type=int, default=6, help="exported batches before this month")
    parser.add_argument("--tenancies", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=300, help="about how many leases end within 3 months")
    parser.add_argument("--only", nargs="+", choices=("subsidies", "arrears", "renewals"),
                        default=["subsidies", "arrears", "renewals"])
    parser.add_argument("--json", type=Path, help="also write the result to this file (bench/results/ is ignored)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        sys.exit("bench_jobs.py measures the jobs on PostgreSQL only: set DATABASE_URL=postgres://… (e.g. "
                 "postgres://postgres@127.0.0.1:5432/helper_bench); a throw-away test_<name> database is used.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    if connection.vendor != "postgresql":
        sys.exit(f"DATABASE_URL gave a {connection.vendor} database; bench_jobs.py needs PostgreSQL.")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    only = set(args.only)
    today = timezone.localdate()
    result = {"benchmark": "scheduled_jobs_issue_6", "today": today.isoformat(), "goal_seconds": GOAL_SECONDS}
    try:
        people = _setup()
        if "subsidies" in only:
            result["subsidies"] = bench_subsidies(args.subsidies, args.history_months, today, people)
        if only & {"arrears", "renewals"}:
            result["tenancies"] = bench_tenancies(args.tenancies, args.window, today, people, only)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result.update({"database": connection.vendor, "python": platform.python_version(), "cpus": os.cpu_count(),
                   "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")})
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
