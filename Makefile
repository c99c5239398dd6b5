# Two commands on a fresh machine with Python 3.11:
#   make scan   sets up .venv and scans the bundled Belgrade case into belgrade.db
#   make test   sets up .venv and runs lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup system-deps scan test lint bench clean corpus judge

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build first and pinned: an unpinned torch would pull a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed system-deps

# Debian packages the tool uses when present: Apertium (English form of Serbian claims) and
# Tesseract (OCR). Installed when apt-get can run; otherwise one line says what is missing.
system-deps:
	@if command -v apertium >/dev/null 2>&1 && dpkg -s apertium-hbs-eng >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apertium apertium-hbs-eng >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apertium apertium-hbs-eng >/dev/null) || \
	  echo "notice: could not install apertium apertium-hbs-eng; Serbian claims will have no English form"; \
	else echo "notice: apertium-hbs-eng is not installed (sudo apt-get install apertium apertium-hbs-eng); Serbian claims will have no English form"; fi

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

# retrain the shipped judge from ../shared/nli (about 40 minutes on 2 cores; models/judge/README.md)
judge: setup
	$(BIN)/python -m contradict.judge.train --nli ../shared/nli --out models/judge --lr 8e-5 --eval-limit 4000

corpus: setup
	$(BIN)/python corpora/build_corpus.py

clean:
	rm -rf $(VENV) belgrade.db belgrade.db-* test-artifacts
