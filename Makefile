# The README's two commands: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test build dependances-demo dependances-test

demo: dependances-demo
	$(SWIFT) build -c release --product registre
	.build/release/registre demo

test: dependances-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

build:
	$(SWIFT) build

dependances-demo:
	@scripts/dependances.sh demo

dependances-test:
	@scripts/dependances.sh test

# Rewrites the files derived from Sources/RegistreFormats/Format.swift.
schemas:
	$(SWIFT) run registre developpeur generer
