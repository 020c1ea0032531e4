"""Demo: the Joint Meeting's decisions (R-5, R-7.3, R-17.2), recorded by its own login through the real service.

    seed(users=users)   # after the demo round and the employer quotas exist

A quota above the cap for the first employer of the talents of agencies and public institutions (first recorded at
70 homes, then corrected to 60), which the Organisation and Personnel Bureau cites on that employer's share; a
case-by-case provision for one talent of that group; one other matter. Idempotent: a decision whose minutes number
exists is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from housing.demo.accounts import DEMO_YEAR
from housing.groups import EMPLOYER_KINDS, Group
from housing.joint_meeting.selectors import quota_decision_in_force
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.models import Application, Employer, EmployerQuota, JointMeetingDecision, SupplyPlan
from housing.plan.services import split_employer_quota

Kind = JointMeetingDecision.Kind


def _record(actor, data: DecisionInput, **correction) -> JointMeetingDecision:
    existing = JointMeetingDecision.objects.filter(minutes_number=data.minutes_number).first()
    return existing or record_decision(actor=actor, data=data, **correction)


@transaction.atomic
def seed(*, users: dict, year: int = DEMO_YEAR) -> str:
    actor = users["joint_meeting"]
    today = timezone.localdate()
    day = min(datetime.date(year, 2, 10), today)
    made = []
    employer = (Employer.objects.filter(kind__in=EMPLOYER_KINDS[Group.INSTITUTION_TALENT]).order_by("id").first())
    if employer is not None:
        first = _record(actor, DecisionInput(
            kind=Kind.EMPLOYER_QUOTA, minutes_number=f"龙华联席会议纪要〔{year}〕2号", meeting_date=day,
            text="同意该单位本年度人才住房配额放宽至70套（一事一议）。", employer=employer, year=year, homes=70))
        corrected = _record(actor, DecisionInput(
            kind=Kind.EMPLOYER_QUOTA, minutes_number=f"龙华联席会议纪要〔{year}〕4号",
            meeting_date=min(day + datetime.timedelta(days=14), today),
            text="经复议，该单位本年度人才住房配额调整为60套。", employer=employer, year=year, homes=60),
            supersedes=first, correction_reason="第2号纪要套数有误，经复议更正为60套。")
        made.append(corrected.minutes_number)
        _cite(users["org_head"], employer, corrected, year)
    talent = (Application.objects.filter(group=Group.INSTITUTION_TALENT).order_by("-leading_talent", "id").first())
    if talent is not None:
        made.append(_record(actor, DecisionInput(
            kind=Kind.CASE_BY_CASE, minutes_number=f"龙华联席会议纪要〔{year}〕3号", meeting_date=day,
            text="该高层次引进人才住房保障按“一人一策”原则办理：由新区组织人事局按本办法受理，优先安排审核。",
            application_number=talent.number)).minutes_number)
    made.append(_record(actor, DecisionInput(
        kind=Kind.OTHER, minutes_number=f"龙华联席会议纪要〔{year}〕5号", meeting_date=day,
        subject="保障性住房分配工作年度部署", text="审议通过本年度保障性住房分配工作安排。")).minutes_number)
    return f"Joint Meeting decisions: {', '.join(made)}."


def _cite(actor, employer: Employer, decision: JointMeetingDecision, year: int) -> None:
    """The Organisation and Personnel Bureau gives the employer the decided homes where its quota leaves room."""
    plan = SupplyPlan.objects.filter(year=year, status=SupplyPlan.Status.APPROVED).first()
    quota = plan.quotas.filter(unit=actor.unit).first() if plan else None
    if quota is None or quota_decision_in_force(employer_id=employer.pk, year=year) != decision:
        return
    share = EmployerQuota.objects.filter(plan_quota=quota, employer=employer).first()
    if share is not None and share.decision_id == decision.pk:
        return
    others = sum(e.rental_units for e in quota.employer_quotas.exclude(employer=employer))
    # the demo's stock is small: where the decided homes do not fit, the unit cites the decision on its share
    homes = decision.homes if others + decision.homes <= quota.rental_units else (share.rental_units if share else 0)
    if homes:
        split_employer_quota(actor=actor, plan_quota=quota, employer=employer, rental_units=homes, sale_units=0,
                             decision=decision)
