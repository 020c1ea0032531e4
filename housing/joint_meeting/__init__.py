"""The Joint Meeting's own acts (R-5, R-7.3, R-17.2): its decisions recorded by its own accounts, read and cited by
the units (docs/decisions/0039-joint-meeting-decisions.md)."""
