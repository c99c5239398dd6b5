# Two commands on a fresh machine with Python 3.11:
#   make scan   sets up .venv and scans the bundled Belgrade case into belgrade.db
#   make test   sets up .venv and runs lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup scan test lint bench clean corpus

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build first and pinned: an unpinned torch would pull a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

scan: setup
	$(BIN)/contradict scan corpora/belgrade-surveillance --db belgrade.db
	$(BIN)/contradict eval corpora/belgrade-surveillance/gold.yaml --db belgrade.db
	$(BIN)/contradict findings belgrade.db --limit 10

lint: setup
	$(BIN)/ruff check contradict tests benchmarks
	$(BIN)/mypy contradict

test: lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/scan_speed.py

corpus: setup
	$(BIN)/python corpora/build_corpus.py

clean:
	rm -rf $(VENV) belgrade.db belgrade.db-* test-artifacts
