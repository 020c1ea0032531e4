"""Turning domain errors into what the user sees: 403, a form error, or a reload notice — never a 500."""

from django.core.exceptions import PermissionDenied

from housing.exceptions import ApplicationError, NotPermitted


def run_service(form, call):
    """Run ``call()``; on a domain error put its message on ``form`` and return (None, http_status).

    NotPermitted becomes a 403 (PermissionDenied). InvalidInput's field errors land on the
    matching form fields (or as non-field errors when the form has no such field); a stale
    version or an impossible stage is a non-field error with status 409.
    """
    try:
        return call(), 200
    except NotPermitted:
        raise PermissionDenied
    except ApplicationError as exc:
        placed = False
        for field, messages in exc.field_errors.items():
            name = field if field in form.fields else None
            for message in messages:
                form.add_error(name, message)
                placed = True
        if not placed or exc.status != 400:
            form.add_error(None, str(exc.message))
        elif exc.message:
            form.add_error(None, str(exc.message))
        return None, exc.status
