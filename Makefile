# The two commands of the README:
#   make        set up .venv (with Anki's engine, for the readiness report's command line) and build the decks and the
#               add-on into dist/
#   make test   install what the tests need (Debian packages included), then ruff, mypy and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3
PIP := python -m pip install --quiet --disable-pip-version-check

# The add-on's logic is also tested on the oldest Anki that manifest.json claims (24.11), on the Python it bundles.
COMPAT_VENV := .venv-compat
COMPAT_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.9*/bin/python) $(shell command -v python3.9) $(PYTHON))

.PHONY: all build test lint types pytest compat system-deps screenshots property cards-sweep clean

all: build $(VENV)/.readiness-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/$(PIP) "pip==$(PIP_VERSION)"

$(VENV)/.build-deps: pyproject.toml | $(BIN)/python
	$(BIN)/$(PIP) --group build
	touch $@

$(VENV)/.readiness-deps: pyproject.toml | $(BIN)/python
	$(BIN)/$(PIP) --group readiness
	touch $@

$(VENV)/.dev-deps: pyproject.toml | $(BIN)/python
	$(BIN)/$(PIP) --group dev
	touch $@ $(VENV)/.build-deps $(VENV)/.readiness-deps

$(COMPAT_VENV)/.deps: tests/addon/requirements-compat.txt
	$(COMPAT_PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/$(PIP) --only-binary=:all: -r tests/addon/requirements-compat.txt
	touch $@

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

compat: $(COMPAT_VENV)/.deps
	$(COMPAT_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/addon

test: lint types compat pytest

# The generator's build-and-import invariant on many more random trees than `make test` runs (40): issue 11.
PROPERTY_EXAMPLES ?= 1000
property: $(VENV)/.dev-deps
	PROPERTY_EXAMPLES=$(PROPERTY_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/anki/test_property_build.py

# Refresh the README's screenshots: the GUI tests take them, scripts/screenshots.py files them under docs/img/.
screenshots: system-deps $(VENV)/.dev-deps
	rm -rf dist/screenshots
	MLE_ANKI_ARTIFACTS=$(CURDIR)/dist/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/gui
	$(BIN)/python scripts/screenshots.py dist/screenshots

# Every card of the deck, question and answer, in all five modes (390 px and 1100 px, light and night, and 320 px) in
# the real Anki desktop; `make test` renders every card at 390 px and a sample of 220 cards in the other four modes.
cards-sweep: system-deps $(VENV)/.dev-deps
	MLE_CARDS_SWEEP=full $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/gui/test_cards_desktop.py

clean:
	rm -rf dist .cache .pytest_cache .mypy_cache .ruff_cache
