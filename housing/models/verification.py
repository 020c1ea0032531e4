"""R-14: what the verifying agencies are asked and what they answer."""

__all__: list[str] = []
