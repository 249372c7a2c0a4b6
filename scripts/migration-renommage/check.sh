#!/bin/sh
# check.sh TREE [--all]: French-looking declarations left in TREE (see check.py).
exec python3 "$(dirname "$0")/check.py" "$@"
