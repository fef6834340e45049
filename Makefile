# The two commands: `make run` (serve the demo city) and `make test` (the whole suite).
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

AXE := tests/e2e/.axe/node_modules/axe-core/axe.min.js

.PHONY: run test test-fast test-e2e lint bench migrate demo clean

$(BIN)/activate:
	@PYTHON=$$(.ci/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON"; \
	"$$PYTHON" -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Serving http://$(HOST):$(PORT)/ (HTTP and websockets)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests run in their own pytest process: Playwright's sync API and
# pytest-asyncio cannot share one event loop.
test: $(VENV)/.installed $(AXE)
	$(BIN)/pytest -m "not e2e" -q
	$(BIN)/pytest -m e2e -q || [ $$? -eq 5 ]

test-e2e: $(VENV)/.installed $(AXE)
	$(BIN)/pytest -m e2e tests/e2e -q

# axe-core (accessibility rules) is injected into pages by the browser tests; not committed.
$(AXE):
	npm install --prefix tests/e2e/.axe --no-audit --no-fund --no-save axe-core@4.14.1

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not e2e and not slow" -q -x

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

bench: $(VENV)/.installed
	@status=0; for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || status=1; done; exit $$status

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
