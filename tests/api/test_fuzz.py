"""Schemathesis against the OpenAPI document the portal serves at /api/schema/ (docs/api.md, Fuzzing).

Every operation of the document gets schema-valid and schema-invalid requests (both generation modes),
bounded and derandomized, sent through the WSGI application with the whole middleware stack. Every
check is on: no 5xx, statuses, content types and headers as documented, response bodies valid under
the response schemas, invalid requests refused, valid ones accepted (200, or the documented 413 and 422),
unsupported methods answered 405 with Allow. Shrinking is off, to keep the run bounded: a failure shows
the request as generated, as a curl command.

FUZZ_EXAMPLES=1000 runs it longer (docs/api.md, Fuzzing).
"""

import datetime
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from stdnum.cn import ric

from housing.api.openapi import CREDIT_CODE_FORMAT, ID_NUMBER_FORMAT
from tests.factories.identity import make_credit_code

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
PREVIEW = "/api/v1/rankings/preview"


def _id_number(region: str, birth: datetime.date, order: int) -> str:
    body = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


# The two formats the OpenAPI document names for what a pattern cannot say (check digits, a past birth date:
# fixed, not today, so that every run generates the same numbers).
schemathesis.openapi.format(ID_NUMBER_FORMAT, st.builds(
    _id_number, st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.dates(max_value=datetime.date(2025, 12, 31)), st.integers(0, 999)))
schemathesis.openapi.format(CREDIT_CODE_FORMAT, st.integers(0, 10**9 - 1).map(make_credit_code))

# Documented answers beside 200 and 400 that JSON Schema cannot predict: 422 for a valid dossier on whose
# application date no policy version is in force (before 2014), 413 for a body over the endpoint's limit
# (published as x-max-bytes; a schema-invalid preview of more than 2,000 dossiers is usually that large).
_REFUSED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
CONFIG = SchemathesisConfig.from_dict({"checks": {
    "positive_data_acceptance": {"expected-statuses": ["2xx", "413", "422"]},
    "negative_data_rejection": {"expected-statuses": _REFUSED},
}})

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


def unique_refs(body):
    """Refs unique in a preview, which JSON Schema cannot say: a repeat gets its index appended."""
    dossiers = body.get("dossiers") if isinstance(body, dict) else None
    seen = set()
    for i, dossier in enumerate(dossiers if isinstance(dossiers, list) else ()):
        ref = dossier.get("ref") if isinstance(dossier, dict) else None
        if isinstance(ref, str) and ref:
            if ref in seen:
                dossier["ref"] = ref = f"{ref}#{i}"
            seen.add(ref)


@pytest.fixture
def api(db, policy, settings):
    """The API as deployed, minus the rate limit (tested in test_limits.py), on the test transaction."""
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS,
                                   "api_eligibility": (10**9, 60), "api_preview": (10**9, 60)}
    # As django.test.Client does: a request must not close the connection holding the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                     phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_api_answers_as_its_schema_says(case, api):
    if case.operation.path == PREVIEW and case.meta.generation.mode.is_positive:
        unique_refs(case.body)
    case.call_and_validate()
