#!/usr/bin/env bash
# The test command: install servers and the venv on a fresh Debian machine, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# style and types first: a drift fails in seconds, before any server starts
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
