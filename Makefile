# The README's two commands: `make run` and `make test`. Everything else helps them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint browser bench chat i18n i18n-extract i18n-update clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up, migrate the database and serve http://127.0.0.1:8000 (and Telegram when a token is set)
run: $(STAMP)
	$(PY) -m bot db upgrade
	$(PY) -m bot run

## Set up and run the whole test suite (SQLite, and PostgreSQL when one is reachable), a
## worker per core (pytest-xdist; PYTEST_ARGS="-n 0" runs it in one process)
test: $(STAMP) browser
	$(PY) -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

## Style and types: ruff (lint, format) and mypy --strict
lint: $(STAMP)
	$(VENV)/bin/ruff check bot handlers tests bench
	$(VENV)/bin/ruff format --check bot handlers tests bench
	$(VENV)/bin/mypy

## Debian's Chromium headless shell for the browser tests (installed when we may; else they skip)
browser:
	@command -v chromium-headless-shell >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium-headless-shell >/dev/null; \
		else echo "chromium-headless-shell not installed: browser tests will be skipped"; fi; }

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
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete \
		-i locales/messages.pot -d locales -D messages
	@# English msgids are the English text: copy them into empty English msgstrs (GNU msgen).
	@command -v msgen >/dev/null 2>&1 && msgen -o locales/en/LC_MESSAGES/messages.po \
		locales/en/LC_MESSAGES/messages.po || echo "msgen not found: English catalog left as is"

clean:
	rm -rf $(VENV) .pytest_cache
