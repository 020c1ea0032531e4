"""Skip markers for tests that need the real PostgreSQL or Redis of CI (CONVENTIONS, Tests)."""

import os

import pytest
from django.db import connection

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL=postgres://…)"
)
redis_only = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL=redis://…)")
