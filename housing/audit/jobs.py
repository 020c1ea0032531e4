"""R-X.1, R-6: the nightly check of the staff-action log's chain (the case histories' is housing.cases.tasks).
Idempotent: a second run on the same night records another check and raises nothing new."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.audit.chains import verify_staff_action_chain
from housing.models import ChainCheck
from housing.models.audit import Chain

log = logging.getLogger(__name__)


@shared_task(name="housing.jobs.audit.verify_staff_action_chain",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def verify_staff_action_chain_job() -> int:
    broken = verify_staff_action_chain()
    if broken:
        log.error("The staff-action log fails its hash chain at entries %s (R-X.1)", broken)
    ChainCheck.objects.record(chain=Chain.STAFF_ACTIONS, broken={"seqs": broken} if broken else {})
    return len(broken)
