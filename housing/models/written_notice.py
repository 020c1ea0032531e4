"""R-16.d: written notices to applicants, numbered and archived with the case."""

__all__: list[str] = []
