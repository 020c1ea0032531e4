"""R-16.d: the applicant is told each step in plain words."""

from django.db import IntegrityError, transaction

from housing.models import ApplicantNotice, ApplicationHistory
from housing.cases.plain_words import plain_words


def write_applicant_notice(*, history_id: int) -> bool:
    """Write the notice for one history entry; running it twice writes nothing more."""
    row = ApplicationHistory.objects.select_related("application").filter(pk=history_id).first()
    if row is None or ApplicantNotice.objects.filter(history_id=history_id).exists():
        return False
    context = {
        "number": row.application.number,
        "reason": row.reason or "-",
        "articles": ", ".join(row.articles) or "-",
        "notice_ends_on": row.payload.get("notice_ends_on", "-"),
    }
    zh, en = plain_words(row.event, context)
    if not zh:
        return False
    try:
        with transaction.atomic():
            ApplicantNotice.objects.create(application=row.application, history=row, message_zh=zh, message_en=en)
    except IntegrityError:  # a concurrent run wrote it first
        return False
    return True
