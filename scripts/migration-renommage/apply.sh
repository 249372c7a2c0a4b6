#!/bin/sh
# apply.sh TREE: renames French identifiers, modules and files of TREE to English (see apply.py).
# Idempotent; run it from anywhere. Then: swift build --build-tests, fix what the compiler says.
exec python3 "$(dirname "$0")/apply.py" "$@"
