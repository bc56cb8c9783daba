#!/usr/bin/env bash
# Install whatever is missing, then lint and run the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check src tests bench scripts
.venv/bin/mypy  # over src/jixiao, configured in pyproject.toml
exec .venv/bin/python -m pytest "$@"
