"""Moving an application through SPEC §5 with the real services, step by step.

``take(step, application, actor=...)`` performs one step of
``departments.permissions.DUTIES`` through the service a user's form would call
(reviews, steps, publicity), with valid input and, unless given, an actor of the
unit that holds the duty. ``advance(application, Stage.X)`` takes every step
from where the application is to stage X, in order.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from housing.cases.checklists import REQUIRED
from housing.models import Application, PolicyVersion
from housing.rules.catalogue import CONDITIONS_BY_GROUP, RECHECK_ITEMS
from housing.models import GiveUp
from housing.selection.selectors import announcement_of, entitled_unit_types, selection_policy
from housing.review.services import reviews
from housing.selection import services as selection_day
from housing.cases import steps as case_steps
from housing.selection import contracts
from housing.subsidies import start as subsidy_start
from housing.policy import policy_in_force
from housing.stages import Stage
from publicity import services as publicity
from publicity.models import Objection, PublicNotice
from tests.factories.staff import actor_for
from tests.factories.stock import HousingUnitFactory
from tests.support.materials import hand_in

# The main road of a housing application and where a subsidy leaves it (R-16.a).
HOUSING_ROAD = [
    Stage.SUBMITTED, Stage.SUBSTANTIVE_REVIEW, Stage.ELIGIBLE, Stage.PROPOSED, Stage.RECHECKED,
    Stage.PUBLIC_NOTICE, Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED,
]
SUBSIDY_ROAD = HOUSING_ROAD[: HOUSING_ROAD.index(Stage.ANNOUNCED) + 1] + [Stage.SUBSIDY_RUNNING]
FORWARD_STEP = {
    Stage.SUBMITTED: "pass_formal_review",
    Stage.SUBSTANTIVE_REVIEW: "approve_eligibility",
    Stage.ELIGIBLE: "propose",
    Stage.PROPOSED: "pass_recheck",
    Stage.RECHECKED: "publish_in_notice",
    Stage.PUBLIC_NOTICE: "announce",
    Stage.SELECTION: "record_selection",
    Stage.UNIT_SELECTED: "sign_contract",
    Stage.CONTRACTED: "file_contract",
}
# Stages off the main road: (the stage they branch from, the step that leads there).
BRANCHES = {
    Stage.RETURNED: (Stage.SUBMITTED, "return_for_supplement"),
    Stage.REFUSED: (Stage.SUBSTANTIVE_REVIEW, "refuse"),
    Stage.REMOVED_AT_RECHECK: (Stage.PROPOSED, "remove_at_recheck"),
    Stage.FROZEN: (Stage.PUBLIC_NOTICE, "freeze_for_objection"),
    Stage.REMOVED_ON_OBJECTION: (Stage.FROZEN, "uphold_objection"),
    Stage.GAVE_UP: (Stage.SELECTION, "give_up"),  # SPEC §13 弃选
}


def ensure_c2_standard(amount: Decimal = Decimal("800.00")) -> None:
    """R-26: a C2 subsidy starts only at the approved standard; the policy versions without one get ``amount``."""
    PolicyVersion.objects.filter(c2_subsidy_standard__isnull=True).update(c2_subsidy_standard=amount)


def reload(application: Application) -> Application:
    # Not refresh_from_db(): the stage field is protected and cannot be re-assigned.
    return Application.objects.get(pk=application.pk)


def notice_days(on: datetime.date | None = None) -> int:
    """The notice period of the policy version in force (SPEC §13), as the notice service reads it."""
    return policy_in_force(on or timezone.localdate()).notice_days


def past_notice_start() -> datetime.date:
    """A start date whose notice period has ended yesterday, so the list may be announced today (R-16.7)."""
    return timezone.localdate() - datetime.timedelta(days=notice_days())


def publish_notice_on(*, actor, round, group: str, starts_on: datetime.date) -> PublicNotice:
    """The notice a clerk published on ``starts_on``, a day gone by, to start that day: published today through the
    service (a notice never starts before it is published, docs/decisions/0040), then its days moved back by the
    days since, as if it had been published then."""
    notice = publicity.publish_public_notice(actor=actor, round=round, group=group)
    return days_pass_since_notice(notice, (timezone.localdate() - starts_on).days)


def days_pass_since_notice(notice: PublicNotice, days: int) -> PublicNotice:
    """The notice as if published ``days`` ago on the day it started: its days and publication moved back."""
    if days > 0:
        shift = datetime.timedelta(days=days)
        notice.starts_on -= shift
        notice.ends_on -= shift
        notice.published_at -= shift
        notice.save(update_fields=["starts_on", "ends_on", "published_at"])
        Application.objects.filter(public_notices=notice).update(notice_ends_on=notice.ends_on)
    return notice


def latest_notice(application: Application) -> PublicNotice:
    return application.public_notices.order_by("-published_at", "-id").first()


def open_objection(application: Application) -> Objection:
    return application.objections.filter(status=Objection.Status.OPEN).order_by("-filed_at", "-id").first()


def wait_out_announcement(application: Application) -> None:
    """Test set-up: let the announcement period (SPEC §13) pass, as if the list had been announced that many days
    ago; selection notices may be issued only after it (R-16.8a)."""
    notice = announcement_of(application)
    if notice is None:
        return
    days = selection_policy().announcement_days
    latest = timezone.now() - datetime.timedelta(days=days)
    if notice.announced_at > latest:
        PublicNotice.objects.filter(pk=notice.pk).update(announced_at=latest)


def home_for(application: Application):
    """An available home from the stock that the household may choose (R-16.8c)."""
    types = entitled_unit_types(selection_policy().unit_types_by_household_size, application.household_size)
    economic = application.form == "economic_housing"
    return HousingUnitFactory(unit_type=types[0], economic=economic)


def take(step: str, application: Application, *, actor=None, **options) -> Application:
    """Take one step through its service; returns the application as stored afterwards.

    ``options``: ``missing`` (formal review), ``failed`` and ``override_reasons`` (substantive review),
    ``untrue`` (recheck), ``starts_on`` (publish), ``reason``.
    """
    actor = actor or actor_for(step, application.group)
    app = application
    v = app.version
    if step in ("pass_formal_review", "return_for_supplement"):
        missing = options.get("missing", ("id_cards",) if step == "return_for_supplement" else ())
        items = {code: code not in missing for code in REQUIRED[app.group]}
        hand_in(app, [code for code, present in items.items() if present], actor=actor)  # a file per item
        reviews.conclude_formal_review(actor=actor, application=app, expected_version=v, items=items,
                                       note=options.get("reason", ""))
    elif step == "resubmit":
        case_steps.resubmit_application(actor=actor, application=app, expected_version=v, note="补正材料已收到")
    elif step in ("approve_eligibility", "refuse"):
        failed = set(options.get("failed", ("R-4",) if step == "refuse" else ()))
        decisions = {cid: (cid not in failed, f"核查记录 {cid}") for cid in CONDITIONS_BY_GROUP[app.group]}
        # where these decisions differ from the eligibility check's, they override it with a reason.
        overrides = options.get("override_reasons",
                                {cid: f"经核对原件，改判 {cid}" for cid in CONDITIONS_BY_GROUP[app.group]})
        reviews.conclude_substantive_review(actor=actor, application=app, expected_version=v, decisions=decisions,
                                            reason=options.get("reason", "不符合条件" if failed else ""),
                                            override_reasons=overrides)
    elif step == "propose":
        case_steps.propose_application(actor=actor, application=app, expected_version=v, rank=options.get("rank", 1))
    elif step in ("pass_recheck", "remove_at_recheck"):
        untrue = set(options.get("untrue", ("housing",) if step == "remove_at_recheck" else ()))
        results = {item: (item not in untrue, "已核实") for item in RECHECK_ITEMS}
        reviews.conclude_recheck(actor=actor, application=app, expected_version=v, results=results,
                                 reason=options.get("reason", "核查不实" if untrue else ""))
    elif step == "publish_in_notice":
        starts_on = options.get("starts_on")
        if starts_on is not None and starts_on < timezone.localdate():
            publish_notice_on(actor=actor, round=app.round, group=app.group, starts_on=starts_on)
        else:
            publicity.publish_public_notice(actor=actor, round=app.round, group=app.group, starts_on=starts_on)
    elif step == "freeze_for_objection":
        publicity.record_objection(actor=actor, application=app, expected_version=v, objector_name="李四",
                                   objector_contact="13900139000", reasons=options.get("reason", "申请人名下有房产"))
    elif step in ("dismiss_objection", "uphold_objection"):
        objection = options.get("objection") or open_objection(app)
        publicity.decide_objection(actor=actor, objection=objection, expected_version=v,
                                   upheld=step == "uphold_objection", reason=options.get("reason", "经调查核实"),
                                   answer="调查结果已答复异议人")
    elif step == "announce":
        publicity.announce_notice(actor=actor, notice=options.get("notice") or latest_notice(app))
    elif step == "issue_selection_notice":
        if options.get("wait_out_announcement", True):
            wait_out_announcement(app)
        contracts.issue_selection_notice(actor=actor, application=app, expected_version=v,
                                     selection_date=options.get("selection_date"), place=options.get("place", ""))
    elif step == "record_selection":
        contracts.record_selection(actor=actor, application=app, expected_version=v,
                               unit=options.get("unit") or home_for(app), selected_on=timezone.localdate(),
                               session=options.get("session"))
    elif step == "give_up":
        selection_day.record_give_up(actor=actor, application=app, expected_version=v,
                                     kind=options.get("kind", GiveUp.Kind.NO_SHOW),
                                     note=options.get("reason", "未按时到场选房"))
    elif step == "sign_contract":
        today = timezone.localdate()
        rental = app.form == "public_rental"
        contracts.sign_contract(actor=actor, application=app, expected_version=v, number=f"HT-{app.number}",
                            property_owner="深圳市龙华区住房保障中心", signatory=app.applicant_name, signed_on=today,
                            term_start=today, term_end=today + datetime.timedelta(days=3 * 365) if rental else None,
                            monthly_rent=Decimal("1200.00") if rental else None,
                            price=None if rental else Decimal("650000.00"))
    elif step == "file_contract":
        contracts.file_contract(actor=actor, application=app, expected_version=v, filing_number=f"BA-{app.number}",
                            filed_on=timezone.localdate())
    elif step == "start_subsidy":
        if app.group == "minimum_allowance":
            ensure_c2_standard(options.get("monthly_amount", Decimal("800.00")))
        subsidy_start.start_subsidy(actor=actor, application=app, expected_version=v, start_month=timezone.localdate(),
                            monthly_amount=options.get("monthly_amount", Decimal("800.00")))
    elif step == "withdraw":
        case_steps.withdraw_application(actor=actor, application=app, expected_version=v,
                                   reason=options.get("reason", "申请人书面申请撤回"))
    else:
        raise KeyError(step)
    return reload(app)


def advance(application: Application, to: str, *, notice_over: bool | None = None) -> Application:
    """Take every step from the application's stage to ``to`` through the services.

    The public notice starts today when the road ends in it (objections are possible),
    and a full period ago when the road goes past it (the list can be announced);
    ``notice_over`` overrides that. Publishing puts every rechecked application of the
    round and group into the notice.
    """
    app = reload(application)
    if to == Stage.WITHDRAWN:  # withdrawn where it stands; advance first to withdraw from a later stage
        return take("withdraw", app)
    if to in BRANCHES:
        parent, step = BRANCHES[to]
        app = advance(app, parent, notice_over=notice_over)
        return take(step, app)
    road = SUBSIDY_ROAD if app.is_subsidy else HOUSING_ROAD
    if to not in road:
        raise ValueError(f"{to} is not on the road of a {app.form} application")
    if app.stage == Stage.FROZEN:
        app = take("dismiss_objection", app)
    if app.stage not in road or road.index(app.stage) > road.index(to):
        raise ValueError(f"cannot go from {app.stage} to {to}")
    if notice_over is None:
        notice_over = road.index(to) > road.index(Stage.PUBLIC_NOTICE)
    while app.stage != to:
        if app.stage == Stage.ANNOUNCED:
            step = "start_subsidy" if app.is_subsidy else "issue_selection_notice"
        else:
            step = FORWARD_STEP[app.stage]
        options = {}
        if step == "publish_in_notice":
            options["starts_on"] = past_notice_start() if notice_over else timezone.localdate()
        app = take(step, app, **options)
    return app
