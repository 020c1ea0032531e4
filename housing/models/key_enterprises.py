"""R-13, R-22.1: key-enterprise lists per year."""

__all__: list[str] = []
