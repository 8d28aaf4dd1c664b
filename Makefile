# Waspada: `make run` serves the demo platform, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export WASPADA_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-postgres lint install install-test clean help

help:
	@echo "make run            install, prepare the demo database and serve http://127.0.0.1:$(PORT)"
	@echo "make test           install test tools and run lint, type checks and the whole suite"
	@echo "make test-postgres  run the suite against PostgreSQL at $(PG_URL)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Waspada needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# Runtime only: screening uses the model shipped in the package, so scikit-learn (the
# 'train' extra) is not needed to serve; the test extra includes it.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
	$(BIN)/waspada i18n compile

# axe-core (accessibility checks in the browser tests) from the npm registry, pinned, into a
# git-ignored folder; the tests inject it from there (nothing is fetched while they run).
# Without npm the axe tests are skipped locally and fail in CI.
AXE_VERSION := 4.10.3
AXE := .node/node_modules/axe-core/axe.min.js

$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .node axe-core@$(AXE_VERSION); \
	else echo "npm not found: the axe-core accessibility tests will be skipped"; fi

install-test: $(VENV)/.installed-test $(AXE)
	$(BIN)/waspada i18n compile

run: install
	WASPADA_DEMO=1 $(BIN)/waspada demo
	WASPADA_DEMO=1 $(BIN)/waspada demo-data --cases 2000 --seed 1 --if-empty
	WASPADA_DEMO=1 PORT=$(PORT) $(BIN)/waspada run

lint: install-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

test-postgres: install-test
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
