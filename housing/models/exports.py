"""R-6, R-38: exports of staff lists, built in the background when long, with their progress."""

__all__: list[str] = []
