# CollabTrack: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check pytest install bench loadtest browser-deps load-deps clean

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
	@echo "CollabTrack starts at http://$(HOST):$(PORT)/ - log in with one of the demo logins above."
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests; Playwright's own browser download is not reachable here.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

pytest: install browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint check pytest

bench: install
	$(PY) -m reports.bench

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
	rm -rf $(VENV) db.sqlite3 staticfiles
