# Two commands for a fresh machine with Python 3.11:
#   make demo   install, migrate, load demo data and serve the example site (SQLite, no services)
#   make test   install and run the test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: demo test install install-test lint migrations-check messages-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# A stamp, so that a second `make test` (or two at once) does not reinstall:
# it is redone when pyproject.toml changes.
install-test: $(VENV)/.installed-testing

$(VENV)/.installed-testing: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[testing]"
	touch $@

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py gk_demo --host $(HOST)
	$(BIN)/python manage.py runserver $(HOST)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .

migrations-check: install-test
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media static
