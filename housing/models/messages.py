"""R-16.d: messages the portal sends (SMS, e-mail) and their delivery state."""

__all__: list[str] = []
