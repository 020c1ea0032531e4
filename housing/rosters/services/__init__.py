"""The writes of the employers' rosters: accounts, submission, the talent unit's decision."""
