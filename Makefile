# Everything needs only python3: the first target run makes .venv and installs Comptoir in it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run demo test invariants bench lint i18n clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/comptoir $(ARGS)

# The demo database lives beside the checkout so it never touches the real one.
DEMO_DB ?= demo.db
demo: $(STAMP)
	test -f $(DEMO_DB) || $(BIN)/comptoir --db $(DEMO_DB) demo --customers 5000
	$(BIN)/comptoir --db $(DEMO_DB) $(ARGS)

# One worker more than the 2 cores of CI: the screen tests spend part of their time
# waiting on timers, and a third worker fills that (measured 4:26 against 5:25).
TEST_WORKERS ?= 3
test: $(STAMP)
	$(BIN)/ruff check tui models screens exports tests bench
	$(BIN)/mypy --strict models exports
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The ledger's property tests at length: thousands of random sequences of invoices,
# credit notes, payments, reversals, refunds and moves (CI runs it after `make test`).
invariants: $(STAMP)
	COMPTOIR_LEDGER_EXAMPLES=3000 COMPTOIR_LEDGER_STEPS=10 $(BIN)/python -m pytest -p no:xdist -q tests/models/test_ledger_invariants.py

bench: $(STAMP)
	$(BIN)/python -m bench

# Re-extract the strings, merge them into the catalogs and compile them.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F tui/locale/babel.cfg -k N_ -o tui/locale/comptoir.pot --no-location --sort-output --project comptoir tui models screens exports
	for lang in fr; do test -f tui/locale/$$lang/LC_MESSAGES/comptoir.po || $(BIN)/pybabel init -i tui/locale/comptoir.pot -d tui/locale -D comptoir -l $$lang; done
	$(BIN)/pybabel update -i tui/locale/comptoir.pot -d tui/locale -D comptoir --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d tui/locale -D comptoir --statistics

clean:
	rm -rf $(VENV) build *.egg-info
