# Everything runs inside .venv, which these targets create on a fresh machine and fill
# from the lock files: requirements.txt (runtime) and requirements-dev.txt (runtime + dev),
# exact versions with hashes. pyproject.toml keeps the ranges for people who install
# the package into an environment of their own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCKED := $(VENV)/.locked-stamp
STAMP := $(VENV)/.installed-stamp
CATALOGUES := ecogram/translations
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --universal --generate-hashes --python-version 3.11

.PHONY: run test lint typecheck pytest bench translations lock upgrade clean

# One install for both targets: the dev lock holds the runtime pins unchanged.
$(LOCKED): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $(LOCKED)

$(STAMP): $(LOCKED) pyproject.toml setup.py
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# Compiled catalogues are build outputs, never committed: made here for the checkout,
# and by setup.py for a wheel. Each is remade when its .po changes.
MO := $(patsubst %.po,%.mo,$(wildcard $(CATALOGUES)/*/LC_MESSAGES/*.po))
%.mo: %.po $(LOCKED)
	$(BIN)/pybabel --quiet compile -i $< -o $@

# The demo signs in with a password alone (docs/configuration.md); a deployment
# requires a second factor, as `ecogram serve` does without this setting.
run: $(STAMP) $(MO)
	$(BIN)/ecogram init
	$(BIN)/ecogram demo
	@echo "Demo: second factor not required (ECOGRAM_REQUIRE_SECOND_FACTOR=0)."
	ECOGRAM_REQUIRE_SECOND_FACTOR=0 $(BIN)/ecogram serve

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check cli ecogram exports webapp tests setup.py gunicorn.conf.py
	$(BIN)/ruff format --check cli ecogram exports webapp tests setup.py gunicorn.conf.py
	# Security linting: any finding of medium severity or higher fails the build.
	$(BIN)/bandit -q -c pyproject.toml -r cli ecogram exports webapp --severity-level medium
	# The layers (cli -> webapp -> exports -> ecogram; no web framework in the core).
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(MO)
	$(BIN)/pytest

bench: $(STAMP) $(MO)
	$(BIN)/python -m tests.bench

# After changing any text people read: extract from ecogram/, exports/ and webapp/ into the one
# catalogue and merge it into its Dutch; then fill the new msgstr (make compiles it).
KEYWORDS := -k _l -k lazy_gettext -k pN_:1c,2 -k nN_:1,2
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --project=Ecogram --version=1 -w 100 -o $(CATALOGUES)/messages.pot .
	$(BIN)/pybabel update -N --ignore-obsolete -w 100 -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) -l nl

# After adding or changing a dependency in pyproject.toml: resolve it into the lock,
# keeping every other pin as it is.
lock: $(LOCKED)
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --extra dev -c requirements.txt -o requirements-dev.txt

# On purpose only (for a security fix, or at the start of a release cycle): move every
# pin to the newest release the ranges allow, then run `make test` and commit both files.
upgrade: $(LOCKED)
	$(UV_COMPILE) --upgrade -o requirements.txt
	$(UV_COMPILE) --upgrade --extra dev -c requirements.txt -o requirements-dev.txt

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find $(CATALOGUES) -name '*.mo' -delete
