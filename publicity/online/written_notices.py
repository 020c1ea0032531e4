"""R-16.d: what the status lookup shows of the written notice (告知书) that returned, refused or removed the
application: its number and date, the reasons and articles in plain words, the supplement deadline; nothing else
about the household (docs/decisions/0032)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import get_language

from housing.models import WrittenNotice
from housing.stages import Stage
from publicity.masking import mask_text

# The stages a written notice leaves the application in (housing.cases.written_notices.NOTICE_OF_STEP).
STAGES_WITH_NOTICE = frozenset({Stage.RETURNED, Stage.REFUSED, Stage.REMOVED_AT_RECHECK, Stage.REMOVED_ON_OBJECTION})


@dataclass(frozen=True)
class NoticeSummary:
    number: str
    issued_on: datetime.date
    title: str
    reasons: tuple[str, ...]
    statement: str
    articles: tuple[str, ...]
    supplement_by: datetime.date | None


def notice_summary(*, application_id: int, stage: str, names: tuple[str, ...] = ()) -> NoticeSummary | None:
    """The latest written notice of an application that a notice left where it is, in the reader's language.

    The reviewer's own words are published to the applicant only, but masked all the same (R-16.4b): a page
    reached with a number, an ID number and a code must not print a name or ID number in full.
    """
    if stage not in STAGES_WITH_NOTICE:
        return None
    notice = (WrittenNotice.objects.filter(application_id=application_id, history__to_stage=stage)
              .order_by("-issued_at", "-id").first())
    if notice is None:  # a step taken before written notices were issued
        return None
    text = notice.text_in(get_language() or "zh-hans")
    return NoticeSummary(
        number=notice.number, issued_on=notice.issued_on, title=text["title"],
        reasons=tuple(text["reasons"]), statement=mask_text(text["statement"], names=names),
        articles=tuple(text["articles"]), supplement_by=notice.supplement_by,
    )
