"""Demo data for a fresh installation (docs/decisions/0005-demo-data.md).

Everything here goes through the real services (intake, reviews, notices,
objections, selection, contracts, subsidies), exactly as clerks and reviewers
would, so the demo shows real histories, stage counts and applicant notices.
Nothing assigns a stage.

Identity data is synthetic but valid: resident ID numbers carry a correct
GB 11643 check digit and unified social credit codes a correct GB 32100 check
character (and GB 11714 for the embedded organisation code), so they pass the
same validation as real ones (R-X.3). No real person or employer is meant.
"""

from housing.demo.accounts import DEMO_C2_MONTHLY_SUBSIDY, DEMO_PASSWORD, DEMO_ROUND_NAME, ensure_demo_accounts, logins_table
from housing.demo.identities import REGIONS_ELSEWHERE, REGIONS_SHENZHEN, SURNAMES, birth_between, credit_code, id_number, person_name
from housing.demo.walkthrough import build_demo, demo_round_exists, describe

__all__ = [
    "DEMO_C2_MONTHLY_SUBSIDY", "DEMO_PASSWORD", "DEMO_ROUND_NAME", "REGIONS_ELSEWHERE", "REGIONS_SHENZHEN", "SURNAMES",
    "birth_between", "build_demo", "credit_code", "demo_round_exists", "describe", "ensure_demo_accounts", "id_number",
    "logins_table", "person_name",
]
