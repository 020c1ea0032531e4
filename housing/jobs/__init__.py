"""Scheduled jobs (R-X.6), one module per area; housing.tasks imports them so the worker registers them."""
