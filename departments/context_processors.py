from departments.permissions import can_read_audit


def staff_navigation(request):
    """What the page header offers this user (the views check again on every request)."""
    user = getattr(request, "user", None)
    return {"can_read_audit": bool(user and user.is_authenticated and can_read_audit(user))}
