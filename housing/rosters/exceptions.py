"""The refusals of the employers' rosters, in the one exception family (housing.exceptions)."""

from django.utils.translation import gettext_lazy as _

from housing.exceptions import ApplicationError, InvalidInput


class RosterRefused(InvalidInput):
    """Nothing was submitted or registered; ``problems`` names every row and column to fix (R-X.5)."""

    article = "R-16.2"
    default_message = _("Nothing was saved. Correct the file and upload it again (Art. 16(2)).")

    def __init__(self, message=None, *, problems=None):
        super().__init__(message)
        self.problems = list(problems or [])


class StaleRoster(ApplicationError):
    status = 409
    article = "R-16.e"
    default_message = _("Someone else decided this roster while you were looking at it. Reload the page to see "
                        "its current state.")
