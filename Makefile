# The portal's everyday commands (README.md, docs/operations.md).
#
#   make run                 SQLite + embedded Celery worker/beat + dev server on :8000, with demo data
#   make lock                requirements.lock from requirements*.txt (exact versions with hashes)
#   make test                the import contracts and the test suite (make test ARGS="-k intake -x")
#   make test-clock          the test suite at each instant of CLOCK_INSTANTS in turn (docs/decisions/0023)
#   make bench               staff list pages at 2,000 vs 200,000 applications (needs PostgreSQL)
#   make seed-large          generated applications in the configured database (N=200000)

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
HOST ?= 0.0.0.0
PORT ?= 8000
N ?= 200000
ARGS ?=
VAR_DIR := $(or $(PORTAL_VAR_DIR),var)
LOG_DIR := $(VAR_DIR)/log

.PHONY: help venv lock run test test-clock bench seed-large clean

help:
	@sed -n 's/^#   //p' Makefile

# The exact versions, with their hashes, for Python 3.10 to 3.13, from requirements.txt and requirements-dev.txt
# (docs/decisions/0030). Run after changing either; the venv then installs again.
lock: venv
	$(BIN)/python -m pip install --disable-pip-version-check -q "uv>=0.9,<1"
	$(BIN)/uv pip compile --universal --python-version 3.10 --generate-hashes -q requirements-dev.txt -o requirements.lock

# Re-runs only when the lock file changes (the stamp is older), or when the venv is gone.
venv: $(STAMP)

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; set PYTHON=python3.x")'
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV) || { echo "'$(PYTHON) -m venv' failed. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }; \
	fi
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes -r requirements.lock
	@touch $@

# Development server with everything a clerk sees: migrations, demo data, the background worker
# (kombu's filesystem transport under var/celery unless REDIS_URL is set; docs/decisions/0002).
# The worker runs in its own session, so Ctrl-C or a closed terminal reach only the server (Celery
# would restart itself on SIGHUP); the EXIT trap then stops the worker with a warm shutdown.
run: venv
	@set -euo pipefail; \
	export DJANGO_DEBUG=1; \
	mkdir -p $(LOG_DIR); \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py seed_demo; \
	$(BIN)/python -c 'import os, sys; os.setsid(); os.execv(sys.argv[1], sys.argv[1:])' \
	  $(BIN)/celery -A config worker -B -l info --concurrency 2 >> $(LOG_DIR)/worker.log 2>&1 & \
	worker=$$!; \
	stop_worker() { trap '' INT TERM HUP; kill -TERM $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true; echo "Worker stopped."; }; \
	trap stop_worker EXIT; \
	trap 'exit 130' INT TERM HUP; \
	echo; \
	echo "Portal:  http://127.0.0.1:$(PORT)/   (sign in with a demo login above)"; \
	echo "Admin:   http://127.0.0.1:$(PORT)/admin/   (login admin)"; \
	echo "Worker:  Celery worker with embedded beat, pid $$worker, log $(LOG_DIR)/worker.log"; \
	echo "Stop with Ctrl-C: the worker stops with the server."; \
	echo; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The import contracts of the floor plan first (.importlinter, docs/architecture.md), then the suite.
test: venv
	$(BIN)/lint-imports --no-cache
	SECRET_KEY="$${SECRET_KEY:-test-only-not-a-secret}" $(BIN)/pytest $(ARGS)

# The suite with the clock moved to instants where Shanghai's date is not UTC's: the next day, a month's end, the
# new year, 29 February in Shanghai only, and 29 February in both (tests/support/frozen_clock.py). Stops at the
# first instant that fails; prints the wall time of each run.
# The browser tests run once, in make test (docs/decisions/0023: the five frozen runs of the rest fit CI's time).
CLOCK_ARGS ?= --ignore=tests/browser
CLOCK_INSTANTS ?= 2026-12-06T23:30:00+00:00 2027-01-31T16:30:00+00:00 2026-12-31T16:30:00+00:00 \
                  2028-02-29T04:00:00+00:00 2028-02-28T16:30:00+00:00

test-clock: venv
	@for instant in $(CLOCK_INSTANTS); do \
	  echo "== PORTAL_FROZEN_AT=$$instant"; \
	  started=$$SECONDS; \
	  PORTAL_FROZEN_AT=$$instant SECRET_KEY="$${SECRET_KEY:-test-only-not-a-secret}" $(BIN)/pytest $(CLOCK_ARGS) $(ARGS) || exit $$?; \
	  echo "== $$instant: passed in $$((SECONDS - started))s"; \
	done

bench: venv
	$(BIN)/python bench/bench_staff_lists.py $(ARGS)
	$(BIN)/python bench/bench_notice_day.py

# Generated applications for load tests, in whatever DATABASE_URL points at (docs/decisions/0005).
seed-large: venv
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo --households $(N)

clean:
	rm -rf $(VAR_DIR)/celery $(VAR_DIR)/log $(VAR_DIR)/celerybeat-schedule* .pytest_cache
