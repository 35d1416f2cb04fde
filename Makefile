# mosaic_pipeline: `make run` on a fresh machine installs everything and processes seeds/.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
OUT     ?= data
STAMP   := $(VENV)/.installed
BUILT   := $(VENV)/.compiled
# the modules setup.py compiles with mypyc: a changed one is compiled again
COMPILED := $(shell sed -n 's/^ *"\(src\/[^"]*\.py\)",$$/\1/p' setup.py)

.PHONY: install system-deps run test gate lint bench clean

install: system-deps $(STAMP) $(BUILT)

# pure Python first (no compiler wait for the dependencies), then the compiled modules.
# tesserocr is built from source so that it links the system's tesseract, the one the
# `tesseract` command runs (its wheel bundles another, which the pipeline would not use)
$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip "setuptools>=77" wheel
	MOSAIC_MYPYC=0 $(BIN)/pip install -q -e ".[dev]"
	MOSAIC_MYPYC=0 $(BIN)/pip install -q --no-binary tesserocr -e ".[ocr]" || echo "mosaic:" \
	  "tesserocr was not built (it needs libtesseract-dev, libleptonica-dev, pkg-config, g++);" \
	  "OCR will run the tesseract command, ~10 % slower a page" >&2
	touch $(STAMP)

# mypyc of the venv's mypy, next to the sources (an editable install builds in place); old
# .so files go first, so that a module taken off setup.py's list is not shadowed by its past.
# Then byte-code for the rest, as pip writes it for installed packages (an editable install
# does not, and with PYTHONDONTWRITEBYTECODE every run would compile every module again)
$(BUILT): $(STAMP) $(COMPILED)
	find src -name '*.so' -delete
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q src
	touch $(BUILT)

system-deps:
	@PYTHON=$(PYTHON) bash scripts/install_system_deps.sh

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
	find src -name '*.so' -delete
