"""The stages of SPEC §5 as machine values; the FSM in housing.models.application moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting formal review")
    RETURNED = "returned_for_supplement", _("Returned for supplement")
    SUBSTANTIVE_REVIEW = "substantive_review", _("Awaiting substantive review")
    ELIGIBLE = "eligible", _("Eligible, awaiting the proposed list")
    PROPOSED = "proposed", _("Proposed, awaiting recheck")
    RECHECKED = "rechecked", _("Rechecked, awaiting public notice")
    PUBLIC_NOTICE = "public_notice", _("In public notice")
    FROZEN = "frozen_by_objection", _("Frozen by an objection")
    ANNOUNCED = "announced", _("Announced")
    SELECTION = "selection", _("Selection notice issued")
    UNIT_SELECTED = "unit_selected", _("Unit selected")
    CONTRACTED = "contracted", _("Contract signed")
    FILED = "filed", _("Contract filed")
    SUBSIDY_RUNNING = "subsidy_running", _("Subsidy running")
    REFUSED = "refused", _("Refused")
    REMOVED_AT_RECHECK = "removed_at_recheck", _("Removed at recheck")
    REMOVED_ON_OBJECTION = "removed_on_objection", _("Removed on objection")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    GAVE_UP = "gave_up", _("Gave up selection or signing")


# R-16.b: withdrawal is possible at any stage before the contract.
WITHDRAWABLE = [
    Stage.SUBMITTED,
    Stage.RETURNED,
    Stage.SUBSTANTIVE_REVIEW,
    Stage.ELIGIBLE,
    Stage.PROPOSED,
    Stage.RECHECKED,
    Stage.PUBLIC_NOTICE,
    Stage.FROZEN,
    Stage.ANNOUNCED,
    Stage.SELECTION,
    Stage.UNIT_SELECTED,
]

# an entry can be objected to during the notice, also once frozen by an earlier objection.
OBJECTABLE = frozenset({Stage.PUBLIC_NOTICE, Stage.FROZEN})

CLOSED = frozenset(
    {
        Stage.FILED,
        Stage.REFUSED,
        Stage.REMOVED_AT_RECHECK,
        Stage.REMOVED_ON_OBJECTION,
        Stage.WITHDRAWN,
        Stage.GAVE_UP,
    }
)
