# The README's commands. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast bench lint format admin gazetteer clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_demo
	@echo "Serving Conflictmap on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

admin: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createsuperuser

test: $(DEV_STAMP)
	@sh scripts/ensure-chromium.sh
	$(PY) -m pytest

test-fast: $(DEV_STAMP)
	$(PY) -m pytest -m "not browser"

# Benchmarks run on a throwaway SQLite database, never on db.sqlite3.
BENCH_DB := /tmp/conflictmap-bench.sqlite3
bench: $(DEV_STAMP)
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py bench

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

gazetteer: $(STAMP)
	$(PY) manage.py build_gazetteer

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
