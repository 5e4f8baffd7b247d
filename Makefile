# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: install run test lint unit integration e2e browser bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Install and run the server on http://127.0.0.1:8000 (SQLite and the in-process bus).
run: install
	$(VENV)/bin/mythosmud serve

## Install everything the tests need and run the whole suite with the checks.
test: install
	scripts/install-test-deps
	$(MAKE) lint
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests
	$(PY) -m mypy
	$(PY) -m mythosmud content check

unit: install
	$(PY) -m pytest tests/unit

integration: install
	$(PY) -m pytest tests/integration

e2e: install
	$(PY) -m pytest tests/e2e

browser: install
	scripts/install-test-deps
	$(PY) -m pytest tests/browser

## The benchmark suite against a raw FastAPI echo app (not part of `make test`; ~15 min,
## numbers in docs/performance.md). `make bench-quick` is a shorter smoke run.
bench: install
	$(PY) bench/run.py

bench-quick: install
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
