from tests.api.dossiers import policy  # noqa: F401  (fixture, registered explicitly)
