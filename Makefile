# CollabTrack: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check pytest install bench loadtest browser-deps redis-deps load-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install whenever the declared dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "CollabTrack starts at http://$(HOST):$(PORT)/ with one worker for background jobs - log in with one of the demo logins above. Ctrl-C stops both."
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

# Debian's Chromium drives the browser tests; Playwright's own browser download is not reachable here.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; \
	fi

# The worker tests run a real worker against Redis on 127.0.0.1:6379 (and against the SQLite queue).
redis-deps:
	@if ! command -v redis-server >/dev/null; then \
		echo "Installing Debian's redis-server for the worker tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server; \
	fi
	@if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
		echo "Starting redis-server on 127.0.0.1:6379"; \
		redis-server --bind 127.0.0.1 --port 6379 --save "" --appendonly no --daemonize yes; \
		for _ in 1 2 3 4 5 6 7 8 9 10; do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

pytest: install browser-deps redis-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint check pytest

bench: install
	$(PY) -m reports.bench
	$(PY) -m reports.bench_district

# Debian's wrk drives the load test (loopback only); PostgreSQL must be running on 127.0.0.1:5432.
load-deps:
	@if ! command -v wrk >/dev/null; then \
		echo "Installing Debian's wrk for the load test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; \
	fi

loadtest: install load-deps
	$(PY) tests/load/run.py

clean:
	rm -rf $(VENV) db.sqlite3 huey.sqlite3* staticfiles
