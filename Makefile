# The project's commands. Each one creates the virtual environment in .venv
# and installs the pinned dependencies first when needed, so on a fresh
# machine with Python 3.11+ they are all that is required.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: check test lint schema constraints clean help

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

check: $(STAMP) ## check every dossier in coalitions/ and report all problems
	$(BIN)/dossiers check

lint: $(STAMP) ## ruff and mypy --strict
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

test: lint ## the whole test suite: lint, types, all tests
	$(BIN)/pytest

schema: $(STAMP) ## rewrite schema/dossier.schema.json from the model
	$(BIN)/dossiers schema

constraints: $(STAMP) ## re-pin every installed package into constraints.txt
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable | sort -f; } > constraints.new
	mv constraints.new constraints.txt

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis site
