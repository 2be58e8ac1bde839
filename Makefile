# The two commands: `make site` builds the wiki from seeds/, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: install site test chromium serve lock clean vendor

install: $(VENV)/.installed

# pip is pinned and installed first: the one bundled with the interpreter re-resolves extras
# against the newest releases on the index, so a lock that installed last month can fail today.
$(VENV)/.installed: pyproject.toml requirements-bootstrap.lock requirements.lock
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-bootstrap.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

site: install
	$(BIN)/briefing build

test: install chromium
	$(BIN)/python -m pytest -q

# Debian's Chromium, which the browser tests drive through Playwright (never `playwright install`).
# `make test` installs it; run pytest directly without it and they skip, except under CI=true.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

serve: install
	$(BIN)/briefing serve

# Re-pin every dependency, with hashes, to the newest releases that pyproject.toml allows:
# run after changing pyproject.toml, or to upgrade on purpose, then `make test`.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --no-emit-index-url -o requirements-bootstrap.lock requirements-bootstrap.in
	$(BIN)/pip-compile --quiet --upgrade --generate-hashes --extra test --strip-extras --allow-unsafe --no-emit-index-url -o requirements.lock pyproject.toml

# The JavaScript the site ships (graph drawing, sortable tables), from the npm registry, each
# package checked against the version and integrity hash pinned in tools/vendor.json and copied to
# overrides/assets/vendor/. `make vendor UPGRADE=1` pins the newest releases instead.
vendor:
	$(PYTHON) tools/vendor.py $(if $(UPGRADE),--upgrade,)

clean:
	rm -rf site $(VENV) .briefing-cache
