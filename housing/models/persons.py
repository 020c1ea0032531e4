"""R-3.2: persons named on applications and the guarantees they hold."""

__all__: list[str] = []
