"""R-17: the Joint Meeting's decisions."""

__all__: list[str] = []
