from departments.permissions import can_read_audit, can_read_overrides


def staff_navigation(request):
    """What the page header offers this user (the views check again on every request)."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {"can_read_audit": signed_in and can_read_audit(user),
            "can_read_overrides": signed_in and can_read_overrides(user)}
