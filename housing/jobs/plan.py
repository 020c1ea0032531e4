"""Scheduled jobs: plan (config/schedule.py runs them; each is idempotent, R-X.6)."""
