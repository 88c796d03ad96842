# The project's commands. Each one creates the virtual environment in .venv
# and installs the pinned dependencies first when needed, so on a fresh
# machine with Python 3.11.5+ they are all that is required.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed
# Root installs system packages directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve check annotate test quick lint browser-deps bench codeowners schema cms format messages lock constraints audit fuzz clean help

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

# Every download is checked against the hashes in the lock (--require-hashes),
# the build backend (setuptools) included. The project itself is then installed
# from this folder with that locked setuptools (--no-build-isolation: pip would
# otherwise fetch the newest setuptools, unchecked) and --no-deps (everything it
# needs came from the lock).
LOCK := requirements/main.txt
PIP := $(BIN)/pip --disable-pip-version-check
PIP_LOCKED := $(PIP) install --quiet --require-hashes
PIP_PROJECT := $(PIP) install --quiet --no-deps --no-build-isolation -e .

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r $(LOCK)
	$(PIP_PROJECT)
	@touch $(STAMP)

site: $(STAMP) $(NODE_STAMP) ## check the dossiers and build the whole site into site/ (Dutch at /, English at /en/, the browser editor at /admin/)
	$(BIN)/dossiers build

PORT ?= 8000

serve: $(STAMP) ## serve the site (Dutch at /, English at /en/) on http://127.0.0.1:$(PORT) with live reload on dossier changes; stop with Ctrl+C
	@$(BIN)/dossiers serve --port $(PORT)

# A problem makes check exit 1, as `dossiers check` does, so scripts and hooks can
# trust it; make then adds its own "make: *** [...] Error 1" line after the summary.
check: $(STAMP) ## check every dossier in coalitions/ and report all problems (exit 1 when there are any)
	@$(BIN)/dossiers check

annotate: $(STAMP) ## check the dossiers, problems as GitHub annotations (for the workflow)
	$(BIN)/dossiers check --format github

lint: $(STAMP) ## ruff and mypy --strict
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $(NODE_STAMP)

browser-deps: $(NODE_STAMP) ## Debian's chromium and LibreOffice Calc, and axe-core, for the browser and spreadsheet tests
	@command -v chromium >/dev/null && command -v soffice >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium libreoffice-calc-nogui; }

test: lint browser-deps ## the whole test suite: lint, types, all tests including the browser
	$(BIN)/pytest

quick: $(STAMP) ## the fast tests, for the inner loop (lint not included)
	$(BIN)/pytest -m "not slow"

BENCH_SIZES ?= 100 1000 5000

bench: $(STAMP) ## print timings: loader, charts, and whole builds of BENCH_SIZES coalitions (about an hour)
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_charts.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/bench_build.py $(BENCH_SIZES) --engine
	$(BIN)/python benchmarks/bench_history.py 1000 20

codeowners: $(STAMP) ## rewrite .github/CODEOWNERS from the partners' reviewers
	$(BIN)/dossiers codeowners

messages: $(STAMP) ## compile the Dutch messages (generator/locale/nl/LC_MESSAGES/dossiers.po) into dossiers.mo
	$(BIN)/pybabel compile --use-fuzzy -d generator/locale -D dossiers

schema: $(STAMP) ## rewrite schema/dossier.schema.json from the model
	$(BIN)/dossiers schema

cms: $(STAMP) ## rewrite admin/config.yml, the browser editor's configuration, from the model
	$(BIN)/dossiers cms

format: $(STAMP) ## put every dossier into the canonical layout (what the browser editor's pull requests get)
	$(BIN)/dossiers format

audit: $(STAMP) ## check every pinned version against known advisories (PyPI; needs the network)
	$(PIP_LOCKED) -r requirements/audit.txt
	$(BIN)/pip-audit --strict --require-hashes --disable-pip $(foreach lock,$(LOCKS),-r $(lock))

FUZZ_TIME ?= 600
fuzz: $(STAMP) ## fuzz the loader with atheris for FUZZ_TIME seconds (Linux x86-64)
	$(PIP_LOCKED) -r requirements/fuzz.txt
	$(BIN)/python -m tests.fuzz_atheris -max_total_time=$(FUZZ_TIME)

# The locks, written by uv from pyproject.toml (and requirements/build.in for
# the build backend): every package with the sha256 of each of its files on
# PyPI, resolved for Python 3.11.5+ (pymdown-extensions 13 needs it) on every
# platform (--universal). The extras
# for `make fuzz` and `make audit` have their own locks, held to main.txt's
# versions (-c). A pin kept in the lock stays; UPGRADE=--upgrade re-resolves
# what pyproject.toml does not pin (or --upgrade-package NAME for one).
LOCKS := requirements/main.txt requirements/fuzz.txt requirements/audit.txt
UPGRADE ?=
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11.5 \
	--no-header --annotation-style line $(UPGRADE)

lock: $(STAMP) ## after changing pyproject.toml: re-pin everything with hashes into requirements/*.txt (UPGRADE=--upgrade bumps the unpinned)
	$(UV_COMPILE) pyproject.toml requirements/build.in --extra dev -o requirements/main.txt
	$(UV_COMPILE) pyproject.toml --extra fuzz -c requirements/main.txt -o requirements/fuzz.txt
	$(UV_COMPILE) pyproject.toml --extra audit -c requirements/main.txt -o requirements/audit.txt

constraints: lock ## the old name of `make lock`

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache .hypothesis site
