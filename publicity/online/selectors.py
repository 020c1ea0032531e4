"""Reads for the public forms and lookups (R-16.4b, R-16.5, R-16.6, R-X.2).

Each returns plain data holding only what the public page may show: names come out masked, an ID number
never comes out, and a lookup that does not match answers exactly like one that does not exist.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from housing.models import Application
from housing.policy import policy_or_defaults
from housing.stages import OBJECTABLE, Stage
from publicity.online.contacts import same_contact
from publicity.masking import mask_name
from publicity.models import Inquiry, Objection, PublicNotice
from publicity.online.written_notices import NoticeSummary, notice_summary
from publicity.online.status_texts import DEADLINE_LABELS, DEADLINE_OF_STAGE, INQUIRY_STATUS, STATUS_TEXTS


@dataclass(frozen=True)
class NoticeEntry:
    position: int  # the entry's place on the notice, 1 …: what the public forms submit
    application_id: int
    rank: int | None
    masked_name: str
    employer: str
    objectable: bool


def _masking_policy():
    return policy_or_defaults(timezone.localdate())


def notice_entries(notice: PublicNotice) -> list[NoticeEntry]:
    """The entries of a notice in the order it publishes them (rank, then registration), masked (R-16.4b).

    The positions count every entry the notice published, so they do not move when an entry leaves the list.
    """
    policy = _masking_policy()
    rows = (notice.entries.order_by(F("proposed_rank").asc(nulls_last=True), "id")
            .values_list("id", "proposed_rank", "applicant_name", "employer__name", "stage"))
    return [
        NoticeEntry(position=n, application_id=pk, rank=rank, masked_name=mask_name(name, policy),
                    employer=employer or "", objectable=stage in OBJECTABLE)
        for n, (pk, rank, name, employer, stage) in enumerate(rows, start=1)
    ]


def entry_of_application(notice: PublicNotice, application_id: int) -> NoticeEntry | None:
    return next((e for e in notice_entries(notice) if e.application_id == application_id), None)


@dataclass(frozen=True)
class FilingStatus:
    """What the objector or asker may read about their own filing."""

    kind: str  # "objection" | "inquiry"
    receipt_number: str
    filed_at: datetime.datetime
    notice: PublicNotice
    status_label: str
    decided: bool
    decided_at: datetime.datetime | None
    answer: str


def filing_status(receipt_number: str, contact: str) -> FilingStatus | None:
    """The objection or inquiry with this receipt number, if the contact matches the one given with it."""
    receipt_number = (receipt_number or "").strip().upper()
    objection = (Objection.objects.select_related("notice__round").filter(receipt_number=receipt_number)
                 .only("receipt_number", "filed_at", "status", "decided_at", "answer", "objector_contact",
                       "notice__group", "notice__starts_on", "notice__ends_on", "notice__round__name",
                       "notice__round__year")
                 .first())
    if objection is not None:
        if not same_contact(contact, objection.objector_contact):
            return None
        decided = objection.status != Objection.Status.OPEN
        return FilingStatus(kind="objection", receipt_number=objection.receipt_number, filed_at=objection.filed_at,
                            notice=objection.notice, status_label=str(objection.get_status_display()),
                            decided=decided, decided_at=objection.decided_at,
                            answer=objection.answer if decided else "")
    inquiry = (Inquiry.objects.select_related("notice__round").filter(receipt_number=receipt_number)
               .only("receipt_number", "filed_at", "answer", "answered_at", "asker_contact", "notice__group",
                     "notice__starts_on", "notice__ends_on", "notice__round__name", "notice__round__year")
               .first())
    if inquiry is None or not same_contact(contact, inquiry.asker_contact):
        return None
    answered = inquiry.answered_at is not None
    return FilingStatus(kind="inquiry", receipt_number=inquiry.receipt_number, filed_at=inquiry.filed_at,
                        notice=inquiry.notice, status_label=str(INQUIRY_STATUS[answered]), decided=answered,
                        decided_at=inquiry.answered_at, answer=inquiry.answer if answered else "")


@dataclass(frozen=True)
class ApplicantStatus:
    """The status lookup's whole answer: nothing about the household, the reviews or other applications."""

    number: str
    stage_label: str
    explanation: str
    next_step: str
    deadline_label: str
    deadline: datetime.date | None
    # R-16.8a: the selection notice, once issued.
    selection_date: datetime.date | None = None
    selection_place: str = ""
    selection_order: int | None = None
    # R-16.d: the written notice of a return, refusal or removal (publicity.online.written_notices).
    written_notice: NoticeSummary | None = None


def _normalise_id(id_number: str | None) -> str:
    return (id_number or "").strip().upper()


def normalise_lookup_code(code: str | None) -> str:
    """The code as printed (XXXX-XXXX), however it was typed: case, spaces and hyphens do not count."""
    letters = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


def applicant_status(number: str, id_number: str, lookup_code: str) -> ApplicantStatus | None:
    """The application with this number, if the applicant's ID number and the lookup code of the receipt both match
    (R-16.d; the ID number alone is half shown on the public notice, docs/decisions/0028); None otherwise."""
    row = (Application.objects.filter(number=(number or "").strip().upper())
           .values("id", "number", "stage", "applicant_name", "applicant_id_number", "lookup_code", "notice_ends_on",
                   "round__supply_notice__application_deadline", "selection_notice__selection_date",
                   "selection_notice__place", "selection_notice__order")
           .first())
    given = _normalise_id(id_number).encode()
    code = normalise_lookup_code(lookup_code).encode()
    if row is None or not given or not code:
        return None
    same_id = secrets.compare_digest(given, _normalise_id(row["applicant_id_number"]).encode())
    same_code = secrets.compare_digest(code, row["lookup_code"].encode())
    if not (same_id and same_code):
        return None
    stage = row["stage"]
    explanation, next_step = STATUS_TEXTS[stage]
    facts = {"notice_ends_on": row["notice_ends_on"],
             "application_deadline": row["round__supply_notice__application_deadline"]}
    deadline_key = DEADLINE_OF_STAGE.get(stage)
    deadline = facts.get(deadline_key) if deadline_key else None
    if deadline is not None and deadline < timezone.localdate():
        deadline = None  # a date already past is no deadline to watch
    return ApplicantStatus(number=row["number"], stage_label=str(Stage(stage).label), explanation=str(explanation),
                           next_step=str(next_step),
                           deadline_label=str(DEADLINE_LABELS[deadline_key]) if deadline else "", deadline=deadline,
                           # R-16.8a: where and when to select, while it is still to be done.
                           selection_date=row["selection_notice__selection_date"] if stage == Stage.SELECTION else None,
                           selection_place=row["selection_notice__place"] or "",
                           selection_order=row["selection_notice__order"],
                           written_notice=notice_summary(application_id=row["id"], stage=stage,
                                                         names=(row["applicant_name"],)))
