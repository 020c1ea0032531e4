"""The page-level refusals of the areas outside an application's steps (departments.permissions.OFFICE_DUTIES):
a 403 before the form is even shown. The services check the same duties again on every write."""

from django.core.exceptions import PermissionDenied

from departments.permissions import can_read_area, may_do


def require_area(user, area: str) -> None:
    if not can_read_area(user, area):
        raise PermissionDenied


def require_duty(user, duty: str) -> None:
    if not may_do(user, duty):
        raise PermissionDenied
