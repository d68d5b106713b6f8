# LeaveDesk: `make run` serves the portal with demo data; `make test` runs lint, types and every test.
# Each install step leaves a stamp, so a second run reinstalls nothing unless its lock file changed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Browser tests mostly wait on the browser, so a few more workers than cores pays off.
PYTEST_WORKERS ?= 3
VENDOR := static/vendor

.PHONY: run prod test lint types pytest topology deps chromium nginx pango bench bench-tools clean

run: deps
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py send_reminders
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production topology on this machine (config/prod.py): nginx on PORT (default 8080 here) before two gunicorn
# instances, a Celery worker and beat, PostgreSQL, Redis and a local S3 endpoint. Ctrl-C stops it all.
prod: deps nginx
	$(BIN)/python -m config.prod --demo

test: deps chromium lint types pytest

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: deps
	DEBUG=1 $(BIN)/mypy .

pytest: deps chromium
	$(BIN)/pytest -n $(PYTEST_WORKERS)

deps: pango $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENDOR)/.installed: node_modules/.installed
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/uswds $(VENDOR)/htmx $(VENDOR)/axe-core
	cp -R node_modules/@uswds/uswds/dist/css node_modules/@uswds/uswds/dist/js \
	      node_modules/@uswds/uswds/dist/fonts node_modules/@uswds/uswds/dist/img $(VENDOR)/uswds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe-core/
	touch $@

# Browser tests drive Debian's Chromium. Install it when absent and we are root; otherwise say what to do.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium package for the browser tests"; \
		apt-get install -y chromium || (apt-get update && apt-get install -y chromium); \
	else \
		echo "The browser tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2; \
		exit 1; \
	fi

# The topology tests (pytest -m topology) start that same topology on free ports.
topology: deps nginx
	$(BIN)/pytest -m topology

# make prod's load balancer is Debian's nginx, run on a configuration of its own. Install it when absent.
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's nginx package for make prod"; \
		apt-get install -y nginx || (apt-get update && apt-get install -y nginx); \
	else \
		echo "make prod needs Debian's nginx: run 'sudo apt-get install nginx'." >&2; \
		exit 1; \
	fi

# The speed benches (docs/performance.md): LeaveDesk's pages against the floor, then submissions. Each starts its own
# gunicorn on fresh PostgreSQL databases (dropped after) and needs PostgreSQL and Redis on this machine.
bench: deps bench-tools
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/submissions.py

# bench/pages.py drives Debian's wrk. Install it when absent and we are root; otherwise say what to do.
bench-tools:
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's wrk package for the benches"; \
		apt-get install -y wrk || (apt-get update && apt-get install -y wrk); \
	else \
		echo "The benches need Debian's wrk: run 'sudo apt-get install wrk'." >&2; \
		exit 1; \
	fi

# The PDF letters (WeasyPrint) lay out text with Pango and the DejaVu fonts.
PANGO_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pango:
	@if dpkg -s $(PANGO_PACKAGES) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's Pango and DejaVu fonts for the PDF letters"; \
		apt-get install -y $(PANGO_PACKAGES) || (apt-get update && apt-get install -y $(PANGO_PACKAGES)); \
	else \
		echo "The PDF letters need Debian's Pango and fonts: run 'sudo apt-get install $(PANGO_PACKAGES)'." >&2; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
