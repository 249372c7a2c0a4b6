# The README's two commands: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test build bench dependances-demo dependances-test dependances-bench

demo: dependances-demo
	$(SWIFT) build -c release --product registre
	.build/release/registre demo

test: dependances-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

build:
	$(SWIFT) build

# Benchmark suite (issue 8): release build, then Benchmarks/banc.py writes the table of BENCHMARKS.md.
bench: dependances-bench
	$(SWIFT) build -c release --product registre
	python3 Benchmarks/banc.py

dependances-demo:
	@scripts/dependances.sh demo

dependances-test:
	@scripts/dependances.sh test

dependances-bench:
	@scripts/dependances.sh bench

# Rewrites the files derived from Sources/RegistreFormats/Format.swift.
schemas:
	$(SWIFT) run registre developpeur generer
