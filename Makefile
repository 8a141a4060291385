# Everything runs inside .venv, which these targets create on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest bench translations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ecogram init
	$(BIN)/ecogram demo
	$(BIN)/ecogram serve

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check ecogram exports webapp tests
	$(BIN)/ruff format --check ecogram exports webapp tests
	# Security linting: any finding of medium severity or higher fails the build.
	$(BIN)/bandit -q -c pyproject.toml -r ecogram exports webapp --severity-level medium

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# After changing any text people read: extract from ecogram/, exports/ and webapp/ into the one
# catalogue, merge into its Dutch, fill the new msgstr, compile.
KEYWORDS := -k _l -k lazy_gettext -k pN_:1c,2 -k nN_:1,2
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --project=Ecogram --version=1 -w 100 -o ecogram/translations/messages.pot .
	$(BIN)/pybabel update -N --ignore-obsolete -w 100 -i ecogram/translations/messages.pot -d ecogram/translations -l nl
	$(BIN)/pybabel compile -d ecogram/translations
