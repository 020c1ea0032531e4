import sys

from tests.api.dossiers import policy  # noqa: F401  (fixture, registered explicitly)

# schemathesis 4 needs Python 3.11: on Python 3.10 the fuzz test is not collected; CI runs it (decision 0027).
collect_ignore = ["test_fuzz.py"] if sys.version_info < (3, 11) else []
