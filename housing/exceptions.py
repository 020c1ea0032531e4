"""The one exception family of the housing app; each carries its article and a translatable message."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    article = ""
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, article: str | None = None, field_errors: dict | None = None):
        self.message = message or self.default_message
        if article:
            self.article = article
        self.field_errors = field_errors or {}
        super().__init__(str(self.message))


class NotPermitted(ApplicationError):
    status = 403
    article = "R-16.c"
    default_message = _("Your unit does not hold this duty for this applicant group.")


class StaleApplication(ApplicationError):
    status = 409
    article = "R-16.e"
    default_message = _(
        "Someone else changed this application while you were working on it. "
        "Reload the page to see its current state."
    )


class StageNotAllowed(ApplicationError):
    status = 409
    article = "R-16.c"
    default_message = _("This step is not possible at the application's current stage; no stage can be skipped.")


class InvalidInput(ApplicationError):
    status = 400


class NoPolicyInForce(ApplicationError):
    """No policy version covers the day (SPEC §13: the shipped defaults are parameters an administrator enters as
    a dated version). A page shows the message; nothing is decided on figures nobody set."""

    status = 409
    article = "SPEC §13"

    def __init__(self, on=None, message=None, **kwargs):
        self.on = on
        if message is None and on is not None:
            message = _("No policy version is in force on %(day)s, so this cannot be done yet. The system "
                        "administrator enters one under Policy versions.") % {"day": on.isoformat()}
        super().__init__(message, **kwargs)


# --- records other than an application (R-16.e pattern: two clerks on one record) ----------------------------

class StalePlan(ApplicationError):
    """Two clerks on one supply plan; the second sees a reload notice instead of overwriting."""

    status = 409
    article = "R-16.e"
    default_message = _("Someone else changed this supply plan while you were working on it. "
                        "Reload the page to see its current state.")


class StaleTenancy(ApplicationError):
    status = 409
    article = "R-16.e"
    default_message = _("Someone else changed this tenancy while you were working on it. Reload the "
                        "page to see its current state.")


class StaleBatch(InvalidInput):
    status = 409
    article = "R-16.e"
    default_message = _("Someone else changed this batch while you were working on it. Reload the page.")


class StaleBankDetails(InvalidInput):
    status = 409
    article = "R-16.e"
    default_message = _("Someone else changed these bank details while you were editing them. Reload the page and "
                        "check them.")


class BatchClosed(InvalidInput):
    status = 409
    article = "R-8.2"


# --- selection day (R-16.8c, R-17, SPEC §13) -----------------------------------------------------------------

class UnitTaken(InvalidInput):
    article = "R-16.8c"
    status = 409
    default_message = _("This home has just been taken by another household (Art. 16(8)). Choose another home.")


class NotEntitled(InvalidInput):
    article = "R-16.8c"


class EmployerQuotaReached(InvalidInput):
    article = "R-17"


class GiveUpLimitReached(InvalidInput):
    article = "SPEC §13"
