# The README's two commands: `make demo` and `make test`.
SWIFT ?= swift
# The release binary links the Swift runtime and Foundation statically: a process then starts
# in about 10 ms of CPU instead of 23 (no symbol binding of thirty shared libraries), which the
# « valider + audit under 100 ms » target of BENCHMARKS.md needs.
RELEASE = $(SWIFT) build -c release --static-swift-stdlib --product registre

.PHONY: demo test build bench paquet sanitizers fuzz schemas dependances-demo dependances-test dependances-bench dependances-paquet

demo: dependances-demo
	$(RELEASE)
	.build/release/registre demo

# The release binary too: the Debian package's test (PaquetDebianTests) packs it, installs it and runs its demo.
test: dependances-test
	$(SWIFT) build --build-tests
	$(RELEASE)
	REGISTRE_REQUIRE_CHECKERS=1 $(SWIFT) test --skip-build --parallel

# The Debian package registre_<version>_amd64.deb, in this folder (scripts/paquet.sh, docs/paquet.md).
paquet: dependances-paquet
	$(RELEASE)
	scripts/paquet.sh

build:
	$(SWIFT) build

# Benchmark suite (issue 8): release build, then Benchmarks/banc.py writes the table of BENCHMARKS.md.
bench: dependances-bench
	$(RELEASE)
	python3 Benchmarks/banc.py
	python3 Benchmarks/serveur.py

dependances-demo:
	@scripts/dependances.sh demo

dependances-test:
	@scripts/dependances.sh test

dependances-bench:
	@scripts/dependances.sh bench

dependances-paquet:
	@scripts/dependances.sh paquet

# Rewrites the files derived from Sources/RegistreFormats/Format.swift.
schemas:
	$(SWIFT) run registre developpeur generer

# The whole suite again under AddressSanitizer, then ThreadSanitizer (docs/fuzzing.md).
# Each has its own build folder so the normal build is not invalidated. LeakSanitizer is
# off: it reports the Swift runtime's one-time allocations, not leaks of ours.
sanitizers: dependances-test
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan --parallel
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan --parallel

# Ten minutes of fuzzing for each parser (scripts/fuzz.sh, docs/fuzzing.md).
fuzz:
	scripts/fuzz.sh yaml 600
	scripts/fuzz.sh xml 600
	scripts/fuzz.sh pdf 600
	scripts/fuzz.sh modele 600
	scripts/fuzz.sh import 600
