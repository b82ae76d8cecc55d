# The two commands a newcomer needs: `make site` and `make test`. Each creates .venv on its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Byte-identical output: timestamps come from the last commit, never the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export PYTHONHASHSEED := 0

.PHONY: site serve test lint schema check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/synth build
	$(BIN)/mkdocs build --strict --quiet
	@echo "Site built: $(CURDIR)/site/index.html  (run 'make serve' to browse it)"

serve: site
	$(BIN)/mkdocs serve

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check synth tests bench

schema: $(STAMP)
	$(BIN)/synth schema

check: $(STAMP)
	$(BIN)/synth check

clean:
	rm -rf site .synth-cache build docs/reports docs/sources docs/index.md
