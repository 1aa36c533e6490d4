# Two commands for a fresh machine with Python 3.11+:
#   make run    install the app from requirements.lock, migrate, load the seed, collect
#               static files and serve on http://127.0.0.1:$(PORT) with gunicorn
#   make test   install the app and test tools from requirements-dev.lock and run pytest
#               (against $DATABASE_URL when it is set, else SQLite)
#
# Both are idempotent and quick when nothing changed: pip runs only when a lock file is
# newer than its stamp file inside .venv (.venv/.installed-app, .venv/.installed-dev), and
# the secret key is created once in .secret_key (ignored by git) and reused.
# `make help` lists every target.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
PORT ?= 8000
GUNICORN_WORKERS ?= 3
PYTEST_ARGS ?=
PIP_COMPILE_ARGS ?=

VENV := .venv
BIN := $(VENV)/bin
VENV_PY := $(BIN)/python
APP_STAMP := $(VENV)/.installed-app
DEV_STAMP := $(VENV)/.installed-dev

# The environment of the local plain-HTTP server. Debug is off, so the settings insist on a
# real secret key: the one in .secret_key unless DJANGO_SECRET_KEY is set. Every other value
# here is only a default that the caller's environment overrides.
RUN_ENV = DJANGO_DEBUG=0 \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-0}" \
	DJANGO_HSTS_SECONDS="$${DJANGO_HSTS_SECONDS:-0}" \
	PORT="$(PORT)"

# Access log to stdout. Three workers suit the two cores this project is sized for. Request
# lines up to 8190 bytes leave room for long filter query strings (permalinks).
GUNICORN = @echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)" && \
	$(RUN_ENV) exec $(BIN)/gunicorn cooperation.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers $(GUNICORN_WORKERS) --access-logfile - --error-logfile - --no-control-socket \
		--limit-request-line 8190

.PHONY: help run serve test lint format check-migrations check-deploy lock clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 26

# --- the virtual environment -------------------------------------------------------------

$(VENV_PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "error: Python 3.11 or newer is required; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
		echo "       Install it, or point make at it: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)

# pip reruns only when the lock file is newer than the stamp. --require-hashes refuses any
# package that the lock does not pin with a hash, so a clean venv reproduces the lock.
$(APP_STAMP): requirements.lock | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $@

# requirements-dev.lock is compiled with requirements.lock as its constraint, so it holds
# the app's pins plus the test tools; it is reinstalled when either lock changes.
$(DEV_STAMP): requirements-dev.lock requirements.lock | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# Created once, never overwritten: sessions and signed links survive restarts.
.secret_key:
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.tmp && mv $@.tmp $@
	@echo "Created a random secret key in $@ (ignored by git)."

# --- the two commands ----------------------------------------------------------------------

run: $(APP_STAMP) .secret_key ## install, migrate, load the seed, collect static files and serve on 127.0.0.1:PORT (default 8000)
	@echo "make run: migrate" && $(RUN_ENV) $(VENV_PY) manage.py migrate --noinput
	@echo "make run: load_seed" && $(RUN_ENV) $(VENV_PY) manage.py load_seed
	@echo "make run: collectstatic" && $(RUN_ENV) $(VENV_PY) manage.py collectstatic --noinput --verbosity 0
	$(GUNICORN)

serve: $(APP_STAMP) .secret_key ## serve with gunicorn, skipping migrate, load_seed and collectstatic
	$(GUNICORN)

test: $(DEV_STAMP) ## install the test tools and run pytest (DATABASE_URL selects the database; PYTEST_ARGS passes options)
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

# --- checks ------------------------------------------------------------------------------------

lint: $(DEV_STAMP) ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(DEV_STAMP) ## fail if the models have changes without a migration
	DJANGO_SETTINGS_MODULE=tests.settings $(VENV_PY) manage.py makemigrations --check --dry-run

# Production-like values: a fresh random key, a real host name, debug off, and the secure
# settings left at their defaults (the caller's overrides are removed).
check-deploy: $(APP_STAMP) ## manage.py check --deploy with production-like values; any warning fails
	env -u DJANGO_SECURE_SSL_REDIRECT -u DJANGO_SECURE_COOKIES -u DJANGO_HSTS_SECONDS -u DJANGO_SETTINGS_MODULE \
		DJANGO_SECRET_KEY="$$($(VENV_PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		DJANGO_ALLOWED_HOSTS=example.org DJANGO_DEBUG=0 \
		$(VENV_PY) manage.py check --deploy --fail-level WARNING

# --- maintenance -------------------------------------------------------------------------------

# pip-tools runs in a throwaway venv so it never enters the project's. The existing pins are
# kept unless PIP_COMPILE_ARGS=--upgrade (or --upgrade-package NAME) asks otherwise. Index
# and find-links options are not written into the locks: they belong to the machine's pip
# configuration, not to the project.
lock: ## recompile requirements.lock and requirements-dev.lock from pyproject.toml (pip-tools)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet --upgrade pip pip-tools && \
	"$$tmp/bin/pip-compile" --quiet --strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links \
		$(PIP_COMPILE_ARGS) -o requirements.lock pyproject.toml && \
	"$$tmp/bin/pip-compile" --quiet --strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links \
		--extra test -c requirements.lock $(PIP_COMPILE_ARGS) -o requirements-dev.lock pyproject.toml
	@echo "Updated requirements.lock and requirements-dev.lock; the next make run/test reinstalls."

clean: ## remove the venv, collected static files and caches (keeps db.sqlite3 and .secret_key)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and also remove the local SQLite database and the secret key
	rm -f db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm .secret_key
