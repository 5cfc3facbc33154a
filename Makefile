# Daicho — the two set-up commands are `make site` and `make test`.
SWIFT  ?= swift
CONFIG ?= release
BIN     = .build/$(CONFIG)/daicho

.PHONY: all deps build site check test clean

all: build

deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build -c $(CONFIG) --product daicho

# Checks and analyses the sample inventory (the site itself comes with `daicho build`).
site: build
	$(BIN) check .
	$(BIN) analyze .

check: build
	$(BIN) check .

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build site
