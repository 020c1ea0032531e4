from django.utils.translation import gettext_lazy as _

from housing.exceptions import ApplicationError


class OutsideNoticePeriod(ApplicationError):
    status = 400
    article = "R-16.6"
    default_message = _("Objections are accepted only during the notice period (Art. 16(6)).")


class NoticeNotOver(ApplicationError):
    status = 409
    article = "R-16.7"
    default_message = _("The list can be announced only after the notice period has ended (Art. 16(7)).")


class ObjectionsOpen(ApplicationError):
    status = 409
    article = "R-16.7"
    default_message = _("The list can be announced only when every objection has been decided (Art. 16(7)).")
