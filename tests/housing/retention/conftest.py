import datetime
import zoneinfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from housing.models import Document, OutgoingMessage
from publicity.models import Inquiry, Objection, PublicNotice
from tests.factories import ApplicationFactory, advance
from tests.factories.staff import staff
from tests.factories.workflow import latest_notice

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# 23:30 UTC on 1 March is 07:30 on 2 March in Shenzhen: the portal's date is 2 March (a leap-year February behind).
NOW = datetime.datetime(2028, 3, 1, 23, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2028, 3, 2)


def shanghai(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def clock(db):
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


def with_document(application, clerk) -> Document:
    doc = Document(application=application, kind="id_card", original_name="身份证.pdf", extension="pdf", size=3,
                   sha256="0" * 64, uploaded_by=clerk, uploaded_at=timezone.now())
    doc.file.save("x.pdf", ContentFile(b"pdf"), save=False)
    doc.save()
    return doc


def ended(stage: str, closed_at: datetime.datetime, clerk, **kwargs):
    """An application ended at ``stage`` on ``closed_at``, with one document and a contact phone."""
    app = advance(ApplicationFactory(**kwargs), stage)
    with_document(app, clerk)
    type(app).objects.filter(pk=app.pk).update(stage_changed_at=closed_at)
    return app


def objection(application, decided_at, *, status=Objection.Status.NOT_UPHELD) -> Objection:
    notice = latest_notice(application)
    return Objection.objects.create(
        receipt_number=f"YY{Objection.objects.count() + 1:06d}", notice=notice, application=application,
        objector_name="王五", objector_contact="13900139000", reasons="不符合条件", filed_at=decided_at,
        status=status, decided_at=decided_at if status != Objection.Status.OPEN else None)


def inquiry(notice: PublicNotice, answered_at) -> Inquiry:
    return Inquiry.objects.create(receipt_number=f"ZX{Inquiry.objects.count() + 1:06d}", notice=notice,
                                  asker_name="赵六", asker_contact="zhao@example.cn", question="?",
                                  filed_at=answered_at, answer="答复", answered_at=answered_at)


def message(sent_at) -> OutgoingMessage:
    return OutgoingMessage.objects.create(channel="sms", recipient="13700137000", text="【龙华区住房保障】通知",
                                          purpose="test", state=OutgoingMessage.State.SENT, sent_at=sent_at)
