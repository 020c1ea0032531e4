"""Background work of the housing app: thin, idempotent, ids in, services called."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.cases.history import find_broken_chains
from housing.cases.notices import write_applicant_notice
from housing.models import ChainCheck
from housing.models.audit import Chain

log = logging.getLogger(__name__)


# The name is the one queued messages carry since before the move (it must never change with the module).
@shared_task(name="housing.tasks.send_applicant_notice", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_applicant_notice(history_id: int) -> bool:
    return write_applicant_notice(history_id=history_id)


@shared_task(name="housing.tasks.verify_history_chains",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def verify_history_chains() -> int:
    broken = find_broken_chains()
    for number, seqs in broken.items():
        log.error("History of %s fails its hash chain at entries %s (R-X.1)", number, seqs)
    # an urgent item in discipline inspection's and the CCB head's work queues (docs/decisions/0042)
    ChainCheck.objects.record(chain=Chain.HISTORY, broken=broken)
    return len(broken)
