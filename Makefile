# Two commands for a fresh machine: `make run` and `make test`. See README.md.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Django 6.1 needs Python 3.12+: take the first one found (pyenv installs count).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute URLs (feeds, sitemaps, canonical, previews) on the address served; on a wildcard
# address they follow each request's host instead.
export NEWSROOM_SITE_URL ?= $(if $(filter 0.0.0.0 ::,$(HOST)),,http://$(HOST):$(PORT))

.PHONY: run serve test lint bench soak clean

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "ERROR: Python 3.12 or newer is required (set PYTHON=/path/to/python3.12)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@$(MAKE) --no-print-directory serve

serve:
	@echo
	@echo "  Public site:  http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/   (login: admin / newsroom-demo)"
	@if [ -n "$$REDIS_URL" ]; then echo "  Jobs:         RQ worker on $$REDIS_URL"; else echo "  Jobs:         background threads in the web server (REDIS_URL unset)"; fi
	@if [ -n "$$OPENAI_BASE_URL$$OPENAI_API_KEY" ]; then echo "  Drafting:     LLM $${NEWSROOM_LLM_MODEL:-(set NEWSROOM_LLM_MODEL)}"; else echo "  Drafting:     offline extractive backend (no LLM configured)"; fi
	@echo
	@# Ctrl-C or SIGTERM: stop the children (TERM, once) and wait for them; exit quietly.
	@stop() { trap - EXIT INT TERM; kill $$(jobs -p) 2>/dev/null; wait; }; \
	trap stop EXIT; trap 'exit 0' INT TERM; \
	if [ -n "$$REDIS_URL" ]; then \
		$(PY) manage.py rqworker --with-scheduler default drafting factcheck ingest & \
		$(PY) manage.py rqcron newsroom.cron & \
	else \
		$(PY) manage.py run_periodic & \
	fi; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT) & \
	wait -n

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@bash tests/run_suites.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(VENV)/.dev-installed
	$(PY) bench/drafting.py
	$(PY) bench/factcheck.py
	$(PY) bench/llm_calls.py
	$(PY) bench/ingest.py
	$(PY) bench/public_pages.py

soak: $(VENV)/.dev-installed
	$(PY) tests/soak.py --seconds $${SOAK_SECONDS:-60} --editors 20

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts db.sqlite3*
