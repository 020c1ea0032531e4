"""R-X.2: the retention schedule and the record of what was purged."""

__all__: list[str] = []
