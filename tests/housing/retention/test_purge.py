"""R-X.2: personal data past its period is purged exactly the day after the period ends (by the portal's date,
Asia/Shanghai, also when the clock reads 23:30 UTC); open cases and guarantees are never touched; the history still
verifies, the figures do not move, each run is recorded, and a second run purges nothing more."""

import datetime
from pathlib import Path

import pytest
from django.db.models import Count

from housing.cases.history import find_broken_chains
from housing.models import (Application, ApplicationHistory, Document, HouseholdMember, PurgedApplication,
                            PurgeRecord, StageCount)
from housing.retention.purge import purge_past_retention
from housing.retention.rules import keyed_id_number
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, reload
from tests.factories.subsidies import running_subsidy
from tests.factories.workflow import latest_notice
from tests.housing.retention.conftest import TODAY, ended, inquiry, message, objection, shanghai, with_document

pytestmark = pytest.mark.django_db

# The defaults: 60 months after the final decision; 6 months for contacts; 12 months for messages.
LAST_KEPT_CASE_DAY = datetime.date(2023, 3, 2)  # 2 March 2028 less five years: still kept on 2 March 2028


def _records():
    return {r.category: r for r in PurgeRecord.objects.filter(run_on=TODAY)}


def test_a_refused_case_is_kept_on_its_last_day_and_purged_from_the_day_after(clock, media, clerk):
    # 00:10 in Shenzhen on the last day is still the previous evening in UTC: the portal's date decides.
    kept = ended(Stage.REFUSED, shanghai(LAST_KEPT_CASE_DAY, 0, 10), clerk)
    purged = ended(Stage.REFUSED, shanghai(LAST_KEPT_CASE_DAY - datetime.timedelta(days=1), 23, 50), clerk)
    file_of = {a.pk: Path(media) / Document.objects.filter(application=a).order_by('pk').first().file.name for a in (kept, purged)}
    members_before = {m.pk: m.id_number for m in HouseholdMember.objects.filter(application=purged)}

    purge_past_retention()

    assert not PurgedApplication.objects.filter(application=kept).exists()
    assert file_of[kept.pk].exists() and Document.objects.filter(application=kept).order_by('pk').first().file
    assert reload(kept).applicant_id_number[0] != "~" and reload(kept).contact_phone
    assert PurgedApplication.objects.get(application=purged).purged_on == TODAY
    doc = Document.objects.filter(application=purged).order_by('pk').first()
    assert not doc.file and doc.original_name and not file_of[purged.pk].exists()
    gone = reload(purged)
    assert gone.stage == Stage.REFUSED and gone.contact_phone == "" and gone.applicant_id_number.startswith("~")
    for member in HouseholdMember.objects.filter(application=purged):
        assert member.id_number == keyed_id_number(members_before[member.pk]) and len(member.id_number) == 18
    record = _records()["closed_case_files"]
    files_of_purged = Document.objects.filter(application=purged).count()  # every material handed in at intake
    assert (record.items, record.files, record.months) == (1, files_of_purged, 60) and files_of_purged > 1
    assert not Document.objects.filter(application=purged).exclude(file="").exists()
    assert record.closed_before == LAST_KEPT_CASE_DAY
    assert record.first_closed_on == record.last_closed_on == LAST_KEPT_CASE_DAY - datetime.timedelta(days=1)


@pytest.mark.parametrize("stage", [Stage.WITHDRAWN, Stage.REMOVED_AT_RECHECK])
def test_withdrawn_and_removed_cases_are_purged_too(clock, media, clerk, stage):
    app = ended(stage, shanghai(LAST_KEPT_CASE_DAY - datetime.timedelta(days=1)), clerk)
    purge_past_retention()
    assert PurgedApplication.objects.filter(application=app).exists()


def test_open_cases_and_running_guarantees_are_never_purged(clock, media, clerk):
    long_ago = shanghai(datetime.date(2015, 1, 1))
    open_case = ApplicationFactory()
    with_document(open_case, clerk)
    subsidy = running_subsidy(start_month=datetime.date(2028, 1, 1)).application
    with_document(subsidy, clerk)
    Application.objects.filter(pk__in=[open_case.pk, subsidy.pk]).update(stage_changed_at=long_ago)
    # removed on objection but the objection still under investigation (a second one): kept
    frozen = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE, notice_over=False)
    frozen = advance(frozen, Stage.REMOVED_ON_OBJECTION)
    objection(frozen, long_ago, status="open")
    Application.objects.filter(pk=frozen.pk).update(stage_changed_at=long_ago)

    purge_past_retention()

    assert not PurgedApplication.objects.exists()
    assert all(d.file for d in Document.objects.all())
    assert _records()["closed_case_files"].items == 0


def test_the_history_still_verifies_and_the_figures_do_not_move(clock, media, clerk):
    apps = [ended(Stage.REFUSED, shanghai(datetime.date(2020, 5, 1)), clerk) for _ in range(2)]
    apps.append(ended(Stage.WITHDRAWN, shanghai(datetime.date(2021, 6, 30)), clerk))
    counts = list(StageCount.objects.order_by("pk").values_list("round_id", "group", "form", "stage", "count"))
    stages = dict(Application.objects.values_list("stage").annotate(n=Count("pk")))
    history = list(ApplicationHistory.objects.order_by("pk").values_list("pk", "hash", "payload", "reason"))

    purge_past_retention()

    assert PurgedApplication.objects.count() == 3
    assert find_broken_chains() == {}
    assert list(ApplicationHistory.objects.order_by("pk").values_list("pk", "hash", "payload", "reason")) == history
    assert list(StageCount.objects.order_by("pk").values_list("round_id", "group", "form", "stage", "count")) == counts
    assert dict(Application.objects.values_list("stage").annotate(n=Count("pk"))) == stages
    record = _records()["closed_case_files"]
    assert (record.first_closed_on, record.last_closed_on) == (datetime.date(2020, 5, 1), datetime.date(2021, 6, 30))


def test_contacts_and_messages_are_blanked_the_day_after_their_period(clock, clerk):
    app = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE, notice_over=False)
    last_kept = datetime.date(2027, 9, 2)  # six months before 2 March 2028
    kept_objection = objection(app, shanghai(last_kept, 0, 5))
    gone_objection = objection(app, shanghai(last_kept - datetime.timedelta(days=1), 23, 55))
    kept_inquiry = inquiry(latest_notice(app), shanghai(last_kept, 0, 5))
    gone_inquiry = inquiry(latest_notice(app), shanghai(last_kept - datetime.timedelta(days=1), 23, 55))
    message_day = datetime.date(2027, 3, 2)  # twelve months before
    kept_message = message(shanghai(message_day, 0, 5))
    gone_message = message(shanghai(message_day - datetime.timedelta(days=1), 23, 55))

    purge_past_retention()

    for row in (kept_objection, gone_objection, kept_inquiry, gone_inquiry, kept_message, gone_message):
        row.refresh_from_db()
    assert kept_objection.objector_contact and gone_objection.objector_contact == ""
    assert gone_objection.objector_name and gone_objection.reasons  # the decision's record stays
    assert kept_inquiry.asker_contact and gone_inquiry.asker_contact == "" and gone_inquiry.answer
    assert kept_message.recipient and kept_message.text
    assert (gone_message.recipient, gone_message.text, gone_message.state) == ("", "", "sent")
    records = _records()
    assert [records[c].items for c in ("objector_contacts", "inquiry_contacts", "message_recipients")] == [1, 1, 1]


def test_an_open_objection_keeps_its_contact(clock):
    app = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE, notice_over=False)
    row = objection(app, shanghai(datetime.date(2020, 1, 1)), status="open")
    purge_past_retention()
    row.refresh_from_db()
    assert row.objector_contact == "13900139000"


def test_a_second_run_purges_nothing_more_and_is_recorded_with_nothing(clock, media, clerk):
    ended(Stage.REFUSED, shanghai(datetime.date(2020, 5, 1)), clerk)
    message(shanghai(datetime.date(2020, 5, 1)))
    first = {r.category: r.items for r in purge_past_retention()}
    snapshot = list(HouseholdMember.objects.order_by("pk").values_list("id_number", flat=True))
    second = {r.category: r.items for r in purge_past_retention()}
    assert first["closed_case_files"] == 1 and first["message_recipients"] == 1
    assert set(second.values()) == {0}
    assert list(HouseholdMember.objects.order_by("pk").values_list("id_number", flat=True)) == snapshot
    assert PurgeRecord.objects.count() == 8  # four categories, two runs


def test_the_job_stops_when_its_time_is_up_and_the_next_night_goes_on(clock, media, clerk):
    ended(Stage.REFUSED, shanghai(datetime.date(2020, 5, 1)), clerk)
    assert _records() == {} and purge_past_retention(budget_seconds=0)[0].items == 0
    assert purge_past_retention()[0].items == 1


def test_the_purge_record_carries_no_personal_data(clock, media, clerk):
    app = ended(Stage.REFUSED, shanghai(datetime.date(2020, 5, 1)), clerk)
    number, name = app.applicant_id_number, app.applicant_name
    purge_past_retention()
    text = repr(list(PurgeRecord.objects.values()))
    assert number not in text and name not in text and app.number not in text


def test_the_case_page_says_the_file_was_deleted_and_its_link_finds_nothing(clock, media, clerk, client):
    app = ended(Stage.REFUSED, shanghai(datetime.date(2020, 5, 1)), clerk)
    doc = Document.objects.filter(application=app).order_by('pk').first()
    purge_past_retention()
    client.force_login(clerk)
    client.cookies["django_language"] = "en"
    page = client.get(f"/applications/{app.number}/")
    assert page.status_code == 200
    assert "File deleted on 2028-03-02, at the end of its retention period." in page.content.decode()
    assert client.get(f"/applications/{app.number}/documents/{doc.pk}/").status_code == 404
