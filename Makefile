# Fair Hearing: the two commands a new user needs are `make run` and `make test`.
# Everything is installed from the committed, hash-pinned requirements/*.txt into ./.venv, using the
# machine's Python (uv never downloads a Python: UV_PYTHON_DOWNLOADS=never).

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install install-dev migrate demo serve email reminders lint lock assets bench clean

# uv lives in its own small virtual environment so `uv sync` never removes it.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(PY): | $(UV)
	$(UV) venv --quiet --python $(PYTHON) $(VENV)

install: $(PY)
	$(UV) pip sync --quiet --require-hashes --python $(PY) requirements/base.txt

install-dev: $(PY)
	$(UV) pip sync --quiet --require-hashes --python $(PY) requirements/dev.txt

## make lock: re-resolve pyproject.toml and rewrite the pinned requirements files.
lock: $(UV)
	$(UV) lock --python $(PYTHON)
	$(UV) export --frozen --no-dev --no-emit-project --format requirements-txt -o requirements/base.txt
	$(UV) export --frozen --no-emit-project --format requirements-txt -o requirements/dev.txt

migrate:
	$(PY) manage.py migrate --no-input

demo:
	$(PY) manage.py load_demo_council

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

## make email: send the emails waiting in the outbox (in development they are printed here).
email: install
	$(PY) manage.py send_email

## make reminders: queue today's reminders to staff (nothing on weekends and bank holidays).
reminders: install
	$(PY) manage.py send_reminders

## make run: build the environment, migrate SQLite, load the demo council, serve on :8000.
run: install migrate demo serve

## make test: install test dependencies and run the whole suite in parallel.
test: install-dev
	FAIRHEARING_ENV=test $(PY) manage.py makemigrations --check --dry-run
	FAIRHEARING_ENV=test $(PY) -m pytest -n auto $(PYTEST_ARGS)

## make bench: time the dashboard, case list and case page with 100,000 synthetic complaints on
## SQLite, and on PostgreSQL when DATABASE_URL names one (docs/performance.md). First run loads data.
bench: install-dev
	$(PY) manage.py bench

## make assets: rebuild the committed GOV.UK Frontend CSS/JS (needs Node; users never do).
assets:
	bash frontend/build.sh

lint: install-dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) $(TOOLS)
