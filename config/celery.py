import os

from celery import Celery, signals

from config.job_runs import record_finished

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("longhua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_without_secret_key(**kwargs):
    from config.startup import require_secret_key

    require_secret_key()


@signals.task_success.connect
def record_periodic_job(sender=None, **kwargs):
    """The health check tells whether each nightly job ran (config/health.py)."""
    record_finished(sender.name)
