# The two commands of the README:
#   make        set up .venv and build the decks and the add-on into dist/
#   make test   install what the tests need (Debian packages included), then ruff, mypy and the whole pytest suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3

.PHONY: all build test lint types pytest system-deps clean

all: build

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"

$(VENV)/.build-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group build
	touch $@

$(VENV)/.dev-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group dev
	touch $@ $(VENV)/.build-deps

build: $(VENV)/.build-deps
	$(BIN)/python build.py build

system-deps:
	bash scripts/install-system-deps.sh

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.dev-deps
	$(BIN)/mypy

pytest: system-deps $(VENV)/.dev-deps
	$(BIN)/python -m pytest

test: lint types pytest

clean:
	rm -rf dist .cache .pytest_cache .mypy_cache .ruff_cache
