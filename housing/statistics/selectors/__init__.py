"""Aggregate reads of what the portal already keeps: stage counts, history timestamps, homes, quotas, payments,
ledgers and registers. Each answers a handful of grouped rows; none walks the applications in Python."""
