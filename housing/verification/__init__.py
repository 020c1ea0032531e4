"""Verification with the agencies (R-14): the CCB's requests at recheck, the agencies' answers, the batch exchange."""
