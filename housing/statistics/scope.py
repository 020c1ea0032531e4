"""Who reads which figures (R-5, R-6, R-7–R-12) and the filters they chose, as plain values."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from departments.permissions import statistics_groups
from housing.groups import Group


@dataclass(frozen=True)
class Scope:
    """``groups`` None: every group, and the figures that belong to no group (homes, employers' register entries)."""

    groups: frozenset[str] | None

    @property
    def everything(self) -> bool:
        return self.groups is None

    @property
    def group_list(self) -> list[str]:
        return [g for g in Group.values if self.groups is None or g in self.groups]


@dataclass(frozen=True)
class Filters:
    year: int
    round_id: int | None = None
    group: str | None = None


def scope_of(user) -> Scope:
    groups = statistics_groups(user)
    return Scope(groups=None if groups is None else frozenset(groups))


def groups_shown(scope: Scope, filters: Filters) -> list[str] | None:
    """The groups a figure counts: the one filtered on, else the scope's (None: no restriction at all)."""
    if filters.group:
        return [filters.group]
    return None if scope.groups is None else scope.group_list


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year as aware instants of the portal's time zone (Asia/Shanghai)."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return start, end


def months_of(year: int) -> list[datetime.date]:
    return [datetime.date(year, m, 1) for m in range(1, 13)]
