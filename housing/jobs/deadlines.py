"""Scheduled jobs: deadlines (config/schedule.py runs them; each is idempotent, R-X.6)."""
