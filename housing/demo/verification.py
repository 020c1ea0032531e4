"""Demo: one login per verifying agency (a clerk), and verification requests on a few applications at recheck,
some answered, some still open (R-14).

    from housing.demo import verification as demo_verification
    demo_verification.seed(users=users)   # after the demo round is built

``users`` is what housing.demo.accounts.ensure_demo_accounts() returns. Idempotent: an existing login is left as
it is, and requests are opened and answered only when the demo round has none yet. Everything goes through the
real services, as the CCB clerk and the agencies' clerks would.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from departments.models import Unit
from housing.demo.accounts import DEMO_PASSWORD, DEMO_ROUND_NAME, DemoAccount
from housing.models import Application, VerificationRequest
from housing.stages import Stage
from housing.verification.services import Answer, answer_verification_request, open_verification_requests

# one clerk per verifying agency (SPEC §2).
AGENCY_ACCOUNTS = (
    DemoAccount("planning_clerk", "verify_planning_land", ("clerk",), "邓", "国土", "Planning & Land clerk: answers housing and land ownership"),
    DemoAccount("family_planning_clerk", "verify_family_planning", ("clerk",), "谢", "计生", "Population & Family Planning clerk: answers family planning"),
    DemoAccount("hrss_clerk", "verify_social_security", ("clerk",), "曾", "社保", "HR & Social Security clerk: answers education and social insurance"),
    DemoAccount("police_clerk", "verify_public_security", ("clerk",), "罗", "户政", "Public Security clerk: answers hukou"),
    DemoAccount("civil_affairs_clerk", "verify_civil_affairs", ("clerk",), "韩", "民政", "Civil Affairs clerk: answers marital status"),
    DemoAccount("subdistrict_clerk", "verify_subdistrict", ("clerk",), "唐", "街道", "Sub-district office clerk: no fact of the recheck today"),
)
REQUESTED = 3  # applications at recheck whose agencies are asked
# The first application: every agency but civil affairs has answered; the second: public security has.
REFERENCES = {
    "verify_planning_land": "深规土核〔2026〕0101号",
    "verify_family_planning": "龙计生核〔2026〕0007号",
    "verify_social_security": "深人社核〔2026〕0033号",
    "verify_public_security": "龙公户核〔2026〕0015号",
}


def ensure_agency_accounts() -> dict[str, object]:
    User = get_user_model()
    units = {u.code: u for u in Unit.objects.filter(code__in=[a.unit for a in AGENCY_ACCOUNTS])}
    users = {}
    for account in AGENCY_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(username=account.username, first_name=account.first_name, last_name=account.last_name,
                        unit=units[account.unit], roles=list(account.roles))
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
        users[account.username] = user
    return users


@transaction.atomic
def seed(*, users: dict) -> str:
    agencies = ensure_agency_accounts()
    by_unit = {a.unit: agencies[a.username] for a in AGENCY_ACCOUNTS}
    if VerificationRequest.objects.filter(application__round__name=DEMO_ROUND_NAME).exists():
        return f"Agency logins: {len(agencies)}; verification requests exist already."
    proposed = list(Application.objects.filter(round__name=DEMO_ROUND_NAME, stage=Stage.PROPOSED)
                    .order_by("number")[:REQUESTED])
    for application in proposed:
        open_verification_requests(actor=users["ccb_clerk"], application=application)
    for index, application in enumerate(proposed[:2]):
        for request in application.verification_requests.select_related("agency"):
            code = request.agency.code
            if code not in REFERENCES or (index == 1 and code != "verify_public_security"):
                continue
            answer_verification_request(
                actor=by_unit[code], request_id=request.pk, stands_by=True,
                answers={item: Answer(confirmed=True, reference=REFERENCES[code], remarks="与申报一致")
                         for item in request.items})
    return (f"Agency logins: {len(agencies)}; verification requested for {len(proposed)} applications at recheck, "
            f"some answered.")
