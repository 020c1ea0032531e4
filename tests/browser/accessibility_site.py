"""The site the accessibility walk reads: the demo data of `manage.py seed_demo` (docs/decisions/0005) in the test
database, served by a live server of its own, with a signed-in session for each login the walk needs.

The demo takes seconds to build, so it is built once for the whole walk instead of once per page: the data is
committed outside any test transaction, and the database is emptied again afterwards (as a transactional test
leaves it, with the units and the shipped policy put back), so the tests that run after it see what they expect.
"""

import importlib
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from departments.models import StaffUser
from departments.second_factor import DEVICE_NAME
from housing.groups import Group
from housing.models import (
    Application, Contract, FlaggedSet, JointMeetingDecision, Roster, SelectionNotice, Subsidy, SubsidyBatch,
    SupplyNotice, SupplyPlan, Tenancy, VerificationRequest, WrittenNotice,
)
from housing.models.stock import HousingUnit
from housing.ranking.services import propose_ranked, rank_round
from housing.selection.services import call_next, open_session
from housing.stages import Stage
from publicity.models import Objection, PublicNotice
from tests.support import both_factors

# The logins whose pages are read; a head's session carries both factors (docs/decisions/0029).
LOGINS = ("ccb_clerk", "ccb_reviewer", "ccb_head", "finance_clerk", "finance_reviewer", "joint_meeting",
          "discipline", "social_head", "org_reviewer", "econ_reviewer", "employer_c4", "planning_clerk")
VERIFYING_AGENCY = "planning_clerk"
ROSTER_EMPLOYER = "employer_c4"
TWO_FACTOR_HEAD = "ccb_head"  # a head with an authenticator app, signed in with the password only
NEW_HEAD = "org_head"  # a head without one yet: the setup page


@dataclass
class Site:
    url: str
    ids: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)


def restore_shipped_rows():
    """What the data migrations ship and a flush removes (tests/conftest.py, units_of_the_measures)."""
    importlib.import_module("departments.migrations.0002_units").create_units(apps, None)
    importlib.import_module("housing.migrations.0003_default_policy").ship_defaults(apps, None)


def session_of(user, *, both: bool = True) -> str:
    client = Client()
    if both:
        client.force_login(user)
    else:
        both_factors._force_login(client, user)  # the password only: the second factor is still to come
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _first(queryset, what):
    row = queryset.first()
    assert row is not None, f"the demo data has no {what}"
    return row


def _published_ranking():
    """The demo stops before any ranking; rank the round's eligible C1 applications and send the proposed list
    (R-16.3, R-23), which publishes the draw on the lottery page."""
    eligible = _first(Application.objects.filter(stage=Stage.ELIGIBLE, group=Group.LOW_INCOME_NO_HOUSING),
                      "eligible C1 application")
    reviewer = StaffUser.objects.get(username="ccb_reviewer")
    ranking = rank_round(actor=reviewer, round=eligible.round, group=Group.LOW_INCOME_NO_HOUSING,
                         seed="2026-LH-0001", rule_text="按轮候时间排序")
    propose_ranked(actor=reviewer, ranking=ranking)
    return ranking


def _selection_session():
    """Selection day with one household called to choose (R-26)."""
    waiting = _first(Application.objects.filter(stage=Stage.SELECTION).order_by("number"), "selection notice")
    clerk = StaffUser.objects.get(username="ccb_clerk")
    session = open_session(actor=clerk, round_id=waiting.round_id, group=waiting.group)
    call_next(actor=clerk, session=session)
    return session


def build() -> dict:
    call_command("seed_demo", force=True, stdout=io.StringIO())
    ranking = _published_ranking()
    session = _selection_session()
    apps_in = {stage: _first(Application.objects.filter(stage=stage, group=Group.LOW_INCOME_NO_HOUSING)
                             .order_by("number"), stage)
               for stage in (Stage.SUBMITTED, Stage.SUBSTANTIVE_REVIEW, Stage.PROPOSED, Stage.PUBLIC_NOTICE)}
    running = _first(PublicNotice.objects.filter(announced_at__isnull=True, group=Group.LOW_INCOME_NO_HOUSING),
                     "running notice")
    announced = _first(PublicNotice.objects.filter(announced_at__isnull=False), "announcement")
    objection = _first(Objection.objects.filter(notice=running, status=Objection.Status.OPEN), "open objection")
    contract = _first(Contract.objects.order_by("application__number"), "contract")
    written = _first(WrittenNotice.objects.order_by("pk"), "written notice")
    notice = _first(SelectionNotice.objects.order_by("application__number"), "selection notice")
    return {
        "ranking": ranking.pk, "session": session.pk, "round": ranking.round_id,
        "submitted": apps_in[Stage.SUBMITTED], "substantive": apps_in[Stage.SUBSTANTIVE_REVIEW],
        "proposed": apps_in[Stage.PROPOSED].number, "noticed": apps_in[Stage.PUBLIC_NOTICE].number,
        "contracted": contract.application.number,
        "notice": running.pk, "announcement": announced.pk, "objection": objection,
        "supply_notice": _first(SupplyNotice.objects.order_by("pk"), "supply notice").pk,
        "written": (written.application.number, written.pk),
        "selection_notice": notice.application.number, "selection_group": notice.application.group,
        "home": _first(HousingUnit.objects.order_by("pk"), "home").pk,
        "subsidy": _first(Subsidy.objects.order_by("pk"), "subsidy").pk,
        "batch": _first(SubsidyBatch.objects.order_by("-month"), "subsidy batch").month.strftime("%Y-%m"),
        "tenancy": _first(Tenancy.objects.order_by("pk"), "tenancy").pk,
        "verification": _first(VerificationRequest.objects.filter(agency__staff__username=VERIFYING_AGENCY)
                               .order_by("pk"), "verification request of the agency").pk,
        "roster": _first(Roster.objects.filter(employer__accounts__user__username=ROSTER_EMPLOYER)
                         .order_by("number"), "roster of the employer").number,
        "flagged": _first(FlaggedSet.objects.order_by("pk"), "flagged set").pk,
        "decision": _first(JointMeetingDecision.objects.order_by("pk"), "Joint Meeting decision").pk,
        "plan_year": _first(SupplyPlan.objects.order_by("-year"), "supply plan").year,
    }


def sessions() -> dict:
    users = {u.username: u for u in StaffUser.objects.filter(username__in=LOGINS + (TWO_FACTOR_HEAD, NEW_HEAD))}
    made = {login: session_of(users[login]) for login in LOGINS}
    TOTPDevice.objects.create(user=users[TWO_FACTOR_HEAD], name=DEVICE_NAME, confirmed=True)
    made["password only"] = session_of(users[TWO_FACTOR_HEAD], both=False)
    made["no authenticator yet"] = session_of(users[NEW_HEAD], both=False)
    return made


def serve() -> LiveServer:
    return LiveServer("localhost")


def empty():
    call_command("flush", interactive=False, verbosity=0)
    restore_shipped_rows()
    # Playwright's greenlet is a context of its own, with connections of its own: close them, or the test
    # database cannot be dropped at the end of the run.
    connections.close_all()
