"""The roster pages: the employer's own (employer.py) and the talent unit's (unit.py)."""
