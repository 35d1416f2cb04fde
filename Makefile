# mosaic_pipeline: `make run` on a fresh machine installs everything and processes seeds/.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
OUT     ?= data
STAMP   := $(VENV)/.installed

.PHONY: install system-deps run test gate lint bench clean

install: $(STAMP) system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

system-deps:
	@bash scripts/install_system_deps.sh

run: install
	$(BIN)/mosaic run seeds/ --out $(OUT)

test: install
	$(BIN)/pytest -q

# The accuracy gate: the seed and the corpus copy scored against gold and the committed baseline.
gate: install
	bash scripts/gate.sh

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build out .pytest_cache .mypy_cache .ruff_cache
