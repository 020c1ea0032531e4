"""A long list is built by a real Celery worker on Redis (R-6, R-38): progress on the job's row, the file offered
on "my exports" to the staff member who asked and nobody else, deleted when its time is up. Runs when REDIS_URL is
set (CI), skipped otherwise."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from config.schedule import BEAT_SCHEDULE
from housing.exports import build, files, writers
from housing.models import ExportJob, OfficeAction
from tests.factories import ApplicationFactory, staff
from tests.housing.exports.helpers import body, export, read
from tests.markers import redis_only
from tests.support.beat import wait_until

pytestmark = [redis_only, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
Status = ExportJob.Status


@pytest.fixture
def worker():
    celery_app.control.purge()  # nothing left over from earlier runs or earlier tests
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as w:
        yield w
    connection.close()


@pytest.fixture
def long_list(settings, monkeypatch, tmp_path):
    """Five applications of C6 and one of C4; "long" means more than 2 rows here, progress every 2 rows."""
    settings.EXPORT_INLINE_MAX_ROWS = 2
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(writers, "CHUNK", 2)
    reported = []
    original = writers.write

    def spying_write(table, rows, fmt, out, progress=None):
        def report(done):
            reported.append(done)
            progress(done)
        return original(table, rows, fmt, out, report if progress else None)

    monkeypatch.setattr(build, "write", spying_write)
    apps = [ApplicationFactory(c6=True) for _ in range(5)]
    ApplicationFactory(c4=True)
    return apps, reported


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_list_is_built_in_the_background_for_its_owner_only(client, worker, long_list, fmt):
    apps, reported = long_list
    owner = staff("econ_services", "clerk")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(owner)
    response = export(client, "applications", fmt)
    assert response.status_code == 302 and response.url == reverse("housing:my_exports")
    job = ExportJob.objects.get()
    assert job.background and job.rows_total == 5  # the unit's own five, not the C4 one

    wait_until(lambda: ExportJob.objects.get(pk=job.pk).status == Status.DONE, what="the export to be built")
    job.refresh_from_db()
    assert reported == [2, 4, 5] and (job.rows_done, job.rows_total) == (5, 5)
    assert job.expires_at - job.finished_at == datetime.timedelta(hours=24)
    page = client.get(reverse("housing:my_exports")).content.decode()
    link = reverse("housing:export_download", args=[job.pk])
    assert link in page and "5 rows" in page and "export-progress.js" not in page  # finished: no more polling

    download = client.get(link)
    assert download.status_code == 200
    assert f'filename="applications-{timezone.localdate():%Y-%m-%d}.{fmt}"' in download["Content-Disposition"]
    rows = read(body(download), fmt)
    assert sorted(r[0] for r in rows[1:]) == sorted(a.number for a in apps)
    action = OfficeAction.objects.get(action="export_list")
    assert action.actor == owner and action.data["background"] is True and action.data["rows"] == 5

    # another staff member, even of the same unit, and anyone signed out: as if there were no file
    client.force_login(staff("econ_services", "reviewer"))
    assert client.get(link).status_code == 404
    assert link not in client.get(reverse("housing:my_exports")).content.decode()
    client.logout()
    assert client.get(link).status_code == 302

    # a second run of the task changes nothing, and writes no second staff action
    assert build.build_export(job.pk) == "nothing to do"
    assert OfficeAction.objects.filter(action="export_list").count() == 1


def test_progress_is_shown_and_the_page_polls_while_the_export_is_built(client, long_list):
    owner = staff("ccb", "clerk")
    client.force_login(owner)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    export(client, "applications")  # no worker running: the job waits
    ExportJob.objects.update(status=Status.RUNNING, rows_done=2)
    page = client.get(reverse("housing:my_exports")).content.decode()
    assert "2 of 6 rows" in page and '<progress max="100" value="33">' in page
    assert "js/export-progress.js" in page and "<script>" not in page  # no inline script (CSP)


def test_expired_files_are_deleted_by_the_hourly_job(long_list):
    owner = staff("ccb", "clerk")
    job = ExportJob.objects.create(requested_by=owner, table="applications", format="csv", params={},
                                   language="en", background=True)
    assert build.build_export(job.pk) == "done"
    job.refresh_from_db()
    path = files.path_of(job.file_name)
    assert path.exists()
    assert build.purge_expired_exports() == 0
    assert build.purge_expired_exports(now=job.expires_at + datetime.timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.status == Status.EXPIRED and job.file_name == "" and not path.exists()
    assert BEAT_SCHEDULE["export-files"]["task"] == "housing.jobs.exports.purge_expired_exports"


def test_a_requester_who_lost_the_right_to_read_the_list_gets_no_file(long_list):
    user = staff("ccb", "clerk")
    job = ExportJob.objects.create(requested_by=user, table="audit_trail", format="csv", params={},
                                   language="en", background=True)
    user.unit = staff("org_personnel", "clerk").unit
    user.save()
    assert build.build_export(job.pk) == "refused"
    job.refresh_from_db()
    assert job.status == Status.FAILED and not job.file_name
    assert not OfficeAction.objects.filter(action="export_list").exists()
