"""R-16.d: the written notice (告知书) of a return for supplement, a refusal or a removal (docs/decisions/0032).

``issue_written_notice`` is called by housing.cases.workflow.take_step, inside the step's transaction, for every
step of NOTICE_OF_STEP: the notice is numbered, dated with the portal's date and written out in full, in Chinese and
in English, from the history entry of the step; nothing outside that transaction can leave a step without its
notice or a notice without its step.
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from departments.models import Unit, official_name
from housing.cases.checklists import MATERIALS
from housing.cases.citations import cite, cite_all, article_and_item, without_rids
from housing.events import ABOUT, CCB, Event
from housing.groups import RESPONSIBLE_UNIT
from housing.models import Application, ApplicationHistory, WrittenNotice, WrittenNoticeSequence
from housing.rules.catalogue import CONDITIONS, RECHECK_ITEMS

Kind = WrittenNotice.Kind

# R-16.d: the steps that end with a written notice, and its kind. Give-up and withdrawal are the applicant's own
# acts and decide nothing against them; every other step lets the application go on.
NOTICE_OF_STEP = {
    Event.RETURN_FOR_SUPPLEMENT.value: Kind.RETURN,
    Event.REFUSE.value: Kind.REFUSAL,
    Event.REMOVE_AT_RECHECK.value: Kind.REMOVAL,
    Event.UPHOLD_OBJECTION.value: Kind.REMOVAL,
}

# the measures set no period for handing in a supplement and the policy has none (housing.rules.policy):
# the reviewer sets the day on the return, offered this many days after the portal's date (decision 0032).
SUPPLEMENT_DAYS = 15

NUMBER_FORMAT = "龙华住保告〔{year}〕{serial:04d}号"

TITLES = {
    Event.RETURN_FOR_SUPPLEMENT.value: _("Notice of return for supplement"),
    Event.REFUSE.value: _("Notice of refusal"),
    Event.REMOVE_AT_RECHECK.value: _("Notice of removal at recheck"),
    Event.UPHOLD_OBJECTION.value: _("Notice of removal after an upheld objection"),
}
BODIES = {
    Event.RETURN_FOR_SUPPLEMENT.value: _(
        "Your application for affordable housing, number %(number)s, received on %(received)s, was checked for "
        "completeness (formal review). The materials listed below are missing or incomplete, so the application is "
        "returned to you for supplement."),
    Event.REFUSE.value: _(
        "Your application for affordable housing, number %(number)s, was reviewed against the conditions of your "
        "applicant group (substantive review). It does not meet the conditions listed below and is refused."),
    Event.REMOVE_AT_RECHECK.value: _(
        "Your application for affordable housing, number %(number)s, was on the proposed list. At recheck the facts "
        "listed below were found not to be as declared, and the application is removed from the list."),
    Event.UPHOLD_OBJECTION.value: _(
        "Your application for affordable housing, number %(number)s, was published in a public notice. An objection "
        "to it was investigated and upheld, and the application is removed from the list."),
}
LABELS = {
    "to": _("Addressee"),
    "id_number": _("Resident ID number"),
    "application": _("Application number"),
    "reasons": _("Reasons for this decision"),
    "statement": _("Explanation"),
    "basis": _("Legal basis"),
    "deadline": _("Supplement deadline"),
    "review": _("If you disagree"),
    "number": _("Notice number"),
    "issued": _("Date of issue"),
    "seal": _("(seal)"),
}
REASON_WITH_ARTICLE = _("%(reason)s (%(article)s)")
NOT_MET = _("Condition not met: %(condition)s")
UNTRUE_FACT = _("%(fact)s: not as declared")
BASIS = _("This notice rests on %(articles)s of the Interim Measures of Longhua New District, Shenzhen, for the "
          "Allocation and Management of Affordable Housing.")
DEADLINE = _("Please hand in the materials listed above at the service window of the City Construction Bureau by "
             "%(date)s, together with this notice.")
RETURN_IS_NOT_REFUSAL = _("A return is not a refusal: once the missing materials are handed in, the review of your "
                          "application continues.")
# The measures say nothing of review; the Administrative Reconsideration Law (Art. 20: sixty days) and the
# Administrative Litigation Law (Art. 46: six months) give every addressee of an administrative act these two ways.
REVIEW_RIGHTS = _("If you disagree with this notice, you may apply for administrative reconsideration within 60 days "
                  "of receiving it, or bring an administrative lawsuit before the people's court within 6 months of "
                  "receiving it.")
LANGUAGES = (("zh", "zh-hans"), ("en", "en"))


def supplement_default(today: datetime.date) -> datetime.date:
    """The supplement deadline a return offers (decision 0032)."""
    return today + datetime.timedelta(days=SUPPLEMENT_DAYS)


def format_date(day: datetime.date, *, chinese: bool) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if chinese else day.isoformat()


def notice_number(year: int, serial: int) -> str:
    return NUMBER_FORMAT.format(year=year, serial=serial)


def next_serial(year: int) -> int:
    """The next serial of ``year``. The sequence row stays locked until the step's transaction ends: two notices
    issued at once get consecutive numbers, and a step rolled back gives its number back."""
    WrittenNoticeSequence.objects.bulk_create([WrittenNoticeSequence(year=year)], ignore_conflicts=True)
    sequence = WrittenNoticeSequence.objects.select_for_update().get(year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return sequence.last_serial


def issuing_unit(step: str, group: str) -> str:
    unit = ABOUT[Event(step)].unit
    return CCB if unit == CCB else RESPONSIBLE_UNIT[group]


def _staff_words(row: ApplicationHistory, composed: list[str]) -> str:
    """The reviewer's own words: the reason of the step without the list the service appended to it (the failed
    conditions or untrue facts, in the reviewer's language), which the notice lists item by item instead."""
    text = (row.reason or "").strip()
    for tail in composed:
        if tail and text.endswith(f"({tail})"):
            return text[: -len(tail) - 2].strip()
    if row.event == Event.REFUSE.value and " (R-" in text:  # the list was written in a language no longer offered
        return text.rsplit(" (R-", 1)[0].strip()
    return text


def _composed_lists(row: ApplicationHistory) -> list[str]:
    """The lists housing.review.services.reviews appends to a refusal's or removal's reason, in both languages."""
    out = []
    for _key, language in LANGUAGES:
        with translation.override(language):
            if row.event == Event.REFUSE.value:
                out.append("; ".join(f"{cid} {CONDITIONS[cid]}" for cid in row.payload.get("failed", [])
                                     if cid in CONDITIONS))
            elif row.event == Event.REMOVE_AT_RECHECK.value:
                out.append("; ".join(str(RECHECK_ITEMS[i][0]) for i in row.payload.get("untrue", [])
                                     if i in RECHECK_ITEMS))
    return out


def _reasons(row: ApplicationHistory, group: str) -> list[str]:
    """The reasons item by item, in the active language, each condition with the article it rests on."""
    payload = row.payload or {}
    if row.event == Event.RETURN_FOR_SUPPLEMENT.value:
        return [str(MATERIALS.get(code, code)) for code in payload.get("missing", [])]
    if row.event == Event.REFUSE.value:
        out = []
        chinese = translation.get_language().startswith("zh")
        for cid in payload.get("failed", []):
            place = article_and_item(cid, group)
            text = str(NOT_MET) % {"condition": CONDITIONS.get(cid, "")}
            out.append(str(REASON_WITH_ARTICLE) % {"reason": text, "article": cite(*place)[0 if chinese else 1]}
                       if place else text)
        return out
    if row.event == Event.REMOVE_AT_RECHECK.value:
        return [str(UNTRUE_FACT) % {"fact": RECHECK_ITEMS[i][0]} for i in payload.get("untrue", [])
                if i in RECHECK_ITEMS]
    return []


def _text(*, row: ApplicationHistory, application: Application, unit: Unit, number: str, issued_on: datetime.date,
          supplement_by: datetime.date | None, statement: str, chinese: bool) -> dict:
    """The whole notice in the active language, as it is kept."""
    zh_articles, en_articles = cite_all(row.articles, application.group)
    articles = ("、" if chinese else ", ").join(zh_articles if chinese else en_articles)
    text = {
        "heading": official_name(unit.code),
        "title": str(TITLES[row.event]),
        "number": number,
        "issued_on": format_date(issued_on, chinese=chinese),
        "labels": {key: str(label) for key, label in LABELS.items()},
        "body": str(BODIES[row.event]) % {
            "number": application.number,
            "received": format_date(timezone.localdate(application.submitted_at), chinese=chinese)},
        "reasons": _reasons(row, application.group),
        "statement": without_rids(statement, chinese=chinese, group=application.group),
        "articles": zh_articles if chinese else en_articles,
        "basis": str(BASIS) % {"articles": articles} if articles else "",
        "deadline": "",
        "review": [str(REVIEW_RIGHTS)],
    }
    if supplement_by is not None:
        text["deadline"] = str(DEADLINE) % {"date": format_date(supplement_by, chinese=chinese)}
        text["review"].insert(0, str(RETURN_IS_NOT_REFUSAL))
    return text


def _supplement_by(row: ApplicationHistory, today: datetime.date) -> datetime.date:
    given = (row.payload or {}).get("supplement_by")
    if given:
        return datetime.date.fromisoformat(given)
    return supplement_default(today)


def issue_written_notice(*, application: Application, history: ApplicationHistory) -> WrittenNotice | None:
    """The written notice of the step recorded in ``history``, or None for a step that has none. Called inside the
    step's transaction (the caller holds the application's row lock)."""
    kind = NOTICE_OF_STEP.get(history.event)
    if kind is None:
        return None
    now = timezone.now()
    today = timezone.localdate(now)
    supplement_by = _supplement_by(history, today) if kind == Kind.RETURN else None
    unit = Unit.objects.get(code=issuing_unit(history.event, application.group))
    statement = _staff_words(history, _composed_lists(history))
    if history.event == Event.RETURN_FOR_SUPPLEMENT.value:
        statement = (history.payload or {}).get("note", "")
    serial = next_serial(today.year)
    number = notice_number(today.year, serial)
    texts = {}
    for key, language in LANGUAGES:
        with translation.override(language):
            texts[key] = _text(row=history, application=application, unit=unit, number=number, issued_on=today,
                               supplement_by=supplement_by, statement=statement, chinese=key == "zh")
    return WrittenNotice.objects.create(
        kind=kind, number=number, year=today.year, serial=serial, issued_on=today, issued_at=now,
        application=application, history=history, unit=unit.code, articles=list(history.articles),
        supplement_by=supplement_by, addressee_name=application.applicant_name,
        addressee_id_number=application.applicant_id_number, text_zh=texts["zh"], text_en=texts["en"],
    )

