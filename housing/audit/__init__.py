"""R-6, R-38, R-X.1: the audit trail nothing escapes (docs/decisions/0042): reads of personal data recorded, the
staff-action chain checked every night, broken chains raised to discipline inspection and the CCB's head, and their
pages: sign-ins, reference-data history, personal-data reads, chain status."""
