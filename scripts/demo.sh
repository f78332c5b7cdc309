#!/usr/bin/env bash
# The main job: install what the demo needs, then scan a local lab of exposed servers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo >&2
exec .venv/bin/unguarded demo "$@"
