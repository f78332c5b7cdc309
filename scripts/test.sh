#!/usr/bin/env bash
# The test command: install servers and the venv on a fresh Debian machine, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec .venv/bin/python -m pytest -q "$@"
