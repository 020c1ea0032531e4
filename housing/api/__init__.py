"""The public JSON API (docs/contracts/README.md): the eligibility check and the ranking preview.

Promises to outsiders: the shapes change only by adding optional fields. Nothing is stored.
"""
