"""The one door to the policy parameters (SPEC §13): the version in force on a day, read into the plain snapshot
the rules take, and the one set of shipped defaults.

Two reads, chosen by what a missing version means for the caller:
- ``policy_in_force(day)`` raises ``NoPolicyInForce``, an ordinary domain error that a page shows as a message
  (``housing.web.errors.run_service``): for decisions that must rest on figures an administrator set.
- ``policy_or_defaults(day)`` answers the shipped defaults instead: for what must never stop for want of a
  version (masking on the public pages, the screener, a page's help text).
Every parameter is read through one of them; no module keeps a figure of its own.
"""

import datetime

from django.db.models import Q

from housing.exceptions import NoPolicyInForce
from housing.models.policy import PolicyVersion
from housing.rules.policy import DEFAULTS, PolicySnapshot

__all__ = ["DEFAULTS", "NoPolicyInForce", "PolicySnapshot", "policy_in_force", "policy_or_defaults", "snapshot_of"]


def policy_in_force(on: datetime.date) -> PolicySnapshot:
    version = (
        PolicyVersion.objects.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on)
        .prefetch_related("low_income_lines")
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        raise NoPolicyInForce(on)
    return snapshot_of(version)


def policy_or_defaults(on: datetime.date) -> PolicySnapshot:
    try:
        return policy_in_force(on)
    except NoPolicyInForce:
        return DEFAULTS


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
