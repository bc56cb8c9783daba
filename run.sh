#!/usr/bin/env bash
# Install whatever is missing, then start jixiao (arguments are passed on, e.g. ./run.sh --db my.sqlite3).
# On first start the welcome page offers to open the sample year (FY2022).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --gui
exec .venv/bin/jixiao "$@"
