# The two commands: `make run` (serve the demo city) and `make test` (the whole suite).
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

AXE := tests/e2e/.axe/node_modules/axe-core/axe.min.js

.PHONY: run serve test test-fast test-e2e lint bench migrate demo clean requirements

$(BIN)/activate:
	@PYTHON=$$(.ci/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON"; \
	"$$PYTHON" -m venv $(VENV)

# Runtime packages only (make run, production); every file's hash is checked.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	@touch $@

# Tests, benches and lint: the runtime set plus the tools (same pins, hashed), and the
# system packages the tests drive (Debian's Chromium, gettext, nginx).
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	.ci/system-packages
	@touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The ASGI server of production (uvicorn: HTTP and websockets; whitenoise serves the static
# files while DEBUG is on). The task worker (mail, deadlines every minute, the daily digest)
# runs in the background next to it and stops with it. WSPOLNOTA_DEMO=1: the login page
# lists the demo accounts and what to try with each.
run: demo
	$(PY) manage.py schedule_recurring
	@echo "Serving http://$(HOST):$(PORT)/ (HTTP and websockets) and the task worker"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	WSPOLNOTA_DEMO=1 $(PY) -m uvicorn config.asgi:application --host $(HOST) --port $(PORT)

# The production shape on this machine: two app processes behind a local nginx (Debian's
# package), sharing PostgreSQL and Redis (DATABASE_URL and REDIS_URL must be set).
serve: demo
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) -m deploy.local --port $(PORT)

# Browser tests run in their own pytest process: Playwright's sync API and
# pytest-asyncio cannot share one event loop.
# The page checks (axe on every page, screenshots) only read the demo: two workers, each
# with its own database and live server; the flows that drive websockets run alone.
PAGE_CHECKS := tests/e2e/test_accessibility.py tests/e2e/test_screenshots.py

test: $(VENV)/.installed-dev $(AXE)
	$(BIN)/pytest -m "not e2e" -q
	$(BIN)/pytest -m e2e -q -n 2 $(PAGE_CHECKS)
	$(BIN)/pytest -m e2e -q $(addprefix --ignore=,$(PAGE_CHECKS)) || [ $$? -eq 5 ]

test-e2e: $(VENV)/.installed-dev $(AXE)
	$(BIN)/pytest -m e2e tests/e2e -q

# axe-core (accessibility rules) is injected into pages by the browser tests; not committed.
$(AXE):
	npm install --prefix tests/e2e/.axe --no-audit --no-fund --no-save axe-core@4.14.1

test-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not e2e and not slow" -q -x

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

# Every bench in the production shape where it has one (nginx in front of two app
# processes), one after the other; any FAIL makes the target fail, after all have run.
BENCHES := "ballots.py --proxy" "fanout.py" "mixed.py --proxy" "meetings.py --strict" \
	"pages.py" "tally.py" "turnout.py"

bench: $(VENV)/.installed-dev
	@status=0; for b in $(BENCHES); do echo "== bench/$$b"; $(PY) bench/$$b || status=1; done; \
	exit $$status

# Re-pin after editing requirements.in or requirements-dev.in (needs pip-tools).
requirements:
	pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
