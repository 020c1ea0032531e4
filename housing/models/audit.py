"""R-6, R-38: records of sign-ins and of reads of personal data."""

__all__: list[str] = []
