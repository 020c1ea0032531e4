"""Reads the policy parameters in force on a day into the plain snapshot the rules take (SPEC §13)."""

import datetime

from django.db.models import Q

from housing.models.policy import PolicyVersion
from housing.rules.policy import PolicySnapshot


class NoPolicyInForce(LookupError):
    """No policy version covers the day: the administrator must enter one."""


def policy_in_force(on: datetime.date) -> PolicySnapshot:
    version = (
        PolicyVersion.objects.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on)
        .prefetch_related("low_income_lines")
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        raise NoPolicyInForce(f"No policy version is in force on {on.isoformat()}.")
    return snapshot_of(version)


def snapshot_of(version: PolicyVersion) -> PolicySnapshot:
    return PolicySnapshot(
        version=version.version,
        notice_days=version.notice_days,
        announcement_days=version.announcement_days,
        transfer_lookback_years=version.transfer_lookback_years,
        low_income_line_by_year={line.year: line.amount for line in version.low_income_lines.all()},
        asset_limit=version.asset_limit,
        c2_subsidy_standard=version.c2_subsidy_standard,
        talent_subsidies={
            "full_senior": version.subsidy_full_senior,
            "deputy_senior": version.subsidy_deputy_senior,
            "doctorate": version.subsidy_doctorate,
            "master": version.subsidy_master,
            "bachelor": version.subsidy_bachelor,
        },
        employer_quota_cap=version.employer_quota_cap,
        give_up_limit=version.give_up_limit,
        unit_types_by_household_size=version.unit_types_by_household_size,
        sign_within_days=version.sign_within_days,
        buy_back_depreciation_rate=version.buy_back_depreciation_rate,
        mask_id_head=version.mask_id_head,
        mask_id_tail=version.mask_id_tail,
        mask_name_keeps_last=version.mask_name_keeps_last,
    )
