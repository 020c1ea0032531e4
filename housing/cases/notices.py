"""R-16.d: the applicant is told each step in plain words, and the notice is sent to them (docs/decisions/0031)."""

from django.db import IntegrityError, transaction

from housing.messaging.services import send_to_applicant
from housing.models import ApplicantNotice, ApplicationHistory, OutgoingMessage
from housing.cases.citations import cite_all, without_rids
from housing.cases.plain_words import plain_words


def deliver_notice(notice: ApplicantNotice) -> list[OutgoingMessage]:
    """The notice's Chinese text by SMS to the contact phone (and by e-mail when one is on file), once per channel
    however often this runs."""
    return send_to_applicant(application=notice.application, text=notice.message_zh,
                             purpose=f"notice:{notice.history.event}", notice=notice)


def write_applicant_notice(*, history_id: int) -> bool:
    """Write the notice for one history entry and send it; running it twice writes and sends nothing more."""
    row = ApplicationHistory.objects.select_related("application").filter(pk=history_id).first()
    if row is None:
        return False
    existing = ApplicantNotice.objects.select_related("application", "history").filter(history_id=history_id).first()
    if existing is not None:  # written by an earlier run, or beside the row (housing.office.reminders): send it
        deliver_notice(existing)
        return False
    # Articles as people cite them (第十六条第（二）项 / Art. 16(2)), never the R-ids code keeps (R-16.d).
    group = row.application.group
    articles_zh, articles_en = cite_all(row.articles, group)
    context = {
        "number": row.application.number,
        "notice_ends_on": row.payload.get("notice_ends_on", "-"),
    }
    zh, _en = plain_words(row.event, {**context, "articles": "、".join(articles_zh) or "-",
                                      "reason": without_rids(row.reason, chinese=True, group=group) or "-"})
    _zh, en = plain_words(row.event, {**context, "articles": ", ".join(articles_en) or "-",
                                      "reason": without_rids(row.reason, chinese=False, group=group) or "-"})
    if not zh:
        return False
    try:
        with transaction.atomic():
            notice = ApplicantNotice.objects.create(application=row.application, history=row, message_zh=zh,
                                                    message_en=en)
    except IntegrityError:  # a concurrent run wrote it first (and sends it)
        return False
    deliver_notice(notice)
    return True
