"""The policy parameters the rules need (SPEC §13), as plain data.

The ORM keeps them as dated versions (housing.models.policy.PolicyVersion, edited by the
system administrator); housing.policy.policy_in_force reads the one in force on a
day into this snapshot. Figures the measures leave to the district (the low-income line,
the asset limit, the C2 subsidy standard: Arts. 18, 26) are not shipped: None until entered.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from housing.rules.subsidy import TALENT_MONTHLY_SUBSIDY


@dataclass(frozen=True)
class PolicySnapshot:
    version: str = "default"
    notice_days: int = 7
    announcement_days: int = 7
    transfer_lookback_years: int = 5  # "一定年限"
    low_income_line_by_year: Mapping[int, Decimal] = field(default_factory=dict)  # per capita per year
    asset_limit: Decimal | None = None
    c2_subsidy_standard: Decimal | None = None  # R-26, monthly
    # R-27, monthly, by title (senior) or degree (mid/junior).
    talent_subsidies: Mapping[str, Decimal] = field(default_factory=lambda: dict(TALENT_MONTHLY_SUBSIDY))
    employer_quota_cap: int = 50
    give_up_limit: int = 3
    # SPEC §13, R-16.8c: unit types a household of each size may choose ({"1": [...], ...}); days to sign.
    unit_types_by_household_size: Mapping[str, list] = field(default_factory=lambda: {
        "1": ["studio", "one_bedroom"], "2": ["one_bedroom", "two_bedroom"], "3": ["two_bedroom", "three_bedroom"]})
    sign_within_days: int = 7
    buy_back_depreciation_rate: Decimal = Decimal("0.0200")
    # SPEC §13: masking on public pages (R-16.4b).
    mask_id_head: int = 6
    mask_id_tail: int = 4
    mask_name_keeps_last: bool = True


# The one set of shipped defaults (SPEC §13): the model's field defaults and every fallback read these.
DEFAULTS = PolicySnapshot()
