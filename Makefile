# Two commands on a fresh machine:
#   make demo   installs eventwire into .venv and runs it on the bundled sample story
#   make test   installs eventwire with its test dependencies and the Ray extra into .venv and runs the tests
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed-%: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[$*]'
	touch $@

demo: $(VENV)/.installed-dev
	$(VENV)/bin/eventwire demo

test: $(VENV)/.installed-dev,ray
	scripts/ensure-chromium
	$(PY) -m pytest

.PHONY: demo test
