# framescope: `make` lists the targets. Every target sets up .venv itself.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5006

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), f"framescope needs Python >= 3.11, found {sys.version}"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install framescope with its dev tools

build: $(STAMP) ## build data/processed from the seed corpus (incremental)
	$(BIN)/framescope build

dashboard: build ## build the seed corpus and serve the dashboard at http://127.0.0.1:$(PORT)
	$(BIN)/framescope serve --port $(PORT)

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) chromium ## benchmark against a baseline pipeline; writes benchmarks/README.md
	$(BIN)/python -m benchmarks.run --sizes 1000,5000,20000,100000 --skip-baseline-above 5000 \
	  --dask-size 20000 --profile-size 5000 \
	  --families dense,light,realistic,stubs,sampled --family-sizes 20000 --realistic-size 100000 \
	  --load-size 100000 --load-sessions 20,50 --browser-size 100000 --browser-runs 5

evaluate: $(STAMP) ## score a build of the annotated real articles (tests/evaluation); writes benchmarks/EVALUATION.md
	$(BIN)/python -m benchmarks.evaluate

screenshots: build chromium ## the README's screenshots of the dashboard on the seed build (docs/start, docs/dashboard.png)
	$(BIN)/python -m docs.screenshots

chromium: ## install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-liberation; }

test: $(STAMP) lint chromium ## lint and run every test (browser tests included)
	$(BIN)/python -m pytest

test-fast: $(STAMP) lint ## lint and the fast tests (no slow, no browser tests): under a minute
	$(BIN)/python -m pytest -m "not slow and not browser" -n auto

lint: $(STAMP) ## ruff lint and format check; mypy on src/framescope
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## remove built tables and caches (keeps .venv)
	rm -rf data/processed/*.parquet data/processed/manifest.json .pytest_cache .ruff_cache

.PHONY: help install build dashboard lab bench evaluate chromium test test-fast lint format clean
