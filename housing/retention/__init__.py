"""R-X.2: how long personal data is kept after a case or an exchange is closed, and the nightly purge
(docs/decisions/0043-retention.md)."""
