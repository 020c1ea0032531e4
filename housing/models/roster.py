"""R-9–11, R-16.8: employers' accounts and the rosters they submit."""

__all__: list[str] = []
