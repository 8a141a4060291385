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
	$(BIN)/ruff check cli ecogram exports webapp tests
	$(BIN)/ruff format --check cli ecogram exports webapp tests
	# Security linting: any finding of medium severity or higher fails the build.
	$(BIN)/bandit -q -c pyproject.toml -r cli ecogram exports webapp --severity-level medium
	# The layers (cli -> webapp -> exports -> ecogram; no web framework in the core).
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# After changing UI text: extract, merge into the Dutch catalog, fill the new msgstr, compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F webapp/babel.cfg -k _l -k lazy_gettext --project=Ecogram --version=1 -o webapp/translations/messages.pot webapp
	$(BIN)/pybabel update -N --ignore-obsolete -i webapp/translations/messages.pot -d webapp/translations -l nl
	$(BIN)/pybabel compile -d webapp/translations
