# The README's two commands: `make run` and `make test`. Everything else helps them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench chat i18n i18n-extract i18n-update clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up, migrate the database and serve http://127.0.0.1:8000 (and Telegram when a token is set)
run: $(STAMP)
	$(PY) -m bot db upgrade
	$(PY) -m bot run

## Set up and run the whole test suite (SQLite, and PostgreSQL when one is reachable)
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Terminal chat with the bot
chat: $(STAMP)
	$(PY) -m bot db upgrade
	$(PY) -m bot chat

## Benchmarks: numbers, not pass/fail
bench: $(STAMP)
	$(PY) -m bench

## Catalogs: extract the msgids, then merge them into every language
i18n: i18n-extract i18n-update

i18n-extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --add-comments=TRANSLATORS: \
		--no-location --sort-output --project=jamsostek-bot -o locales/messages.pot .

i18n-update: $(STAMP)
	$(VENV)/bin/pybabel update --quiet --no-fuzzy-matching --ignore-obsolete \
		-i locales/messages.pot -d locales -D messages

clean:
	rm -rf $(VENV) .pytest_cache
