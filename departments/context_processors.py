from departments.permissions import (
    OFFICE_READERS, can_read_area, can_read_audit, can_read_audit_records, can_read_overrides, may_do,
)


def staff_navigation(request):
    """What the page header offers this user (the views check again on every request)."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    reads = {area: signed_in and can_read_area(user, area) for area in OFFICE_READERS}
    return {"can_read_audit": signed_in and can_read_audit(user),
            "can_read_overrides": signed_in and can_read_overrides(user),
            # sign-ins, reference-data history, reads of personal data, chains (decision 0042)
            "can_read_audit_records": signed_in and can_read_audit_records(user),
            "reads_area": reads,
            # R-14: the verifying agencies' queue of the CCB's requests
            "answers_verification": signed_in and may_do(user, "answer_verification")}
