# Daicho — the two set-up commands are `make site` and `make test`.
SWIFT  ?= swift
CONFIG ?= release
BIN     = .build/$(CONFIG)/daicho

.PHONY: all deps build site check test browser-check bench clean

all: build

deps:
	@./scripts/install-deps

# The release program links the Swift runtime in when this machine can (see scripts/link-flags);
# should that link fail, it is built with the toolchain's shared libraries instead.
build: deps
	@flags="$$(SWIFT=$(SWIFT) ./scripts/link-flags)"; \
	echo "$(SWIFT) build -c $(CONFIG) --product daicho $$flags"; \
	$(SWIFT) build -c $(CONFIG) --product daicho $$flags || { [ -n "$$flags" ] && \
		echo "Swift ランタイムを組み込めませんでした。共有ライブラリを使って作り直します" >&2 && \
		$(SWIFT) build -c $(CONFIG) --product daicho; }

# Checks the sample inventory and builds the site into site/ (replaced only when complete).
site: build
	$(BIN) build .

# Opens the built site in headless Chromium, saves screenshots, fails on JavaScript errors.
browser-check: site
	./scripts/browser-check site

check: build
	$(BIN) check .

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks against Hugo and the I/O floor on 10,000 generated ledgers (100,000 with BENCH_LARGE=1).
bench: build
	./scripts/bench

clean:
	rm -rf .build site
