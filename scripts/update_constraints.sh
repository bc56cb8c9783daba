#!/usr/bin/env bash
# Rewrite constraints.txt from the tested .venv: every installed package at its exact version, so that
# scripts/setup.sh and scripts/package.sh install what the suite passed with (a new ruff or PySide6
# release cannot break ./test.sh with no change to the code). Run after changing dependencies in
# pyproject.toml, once ./test.sh (and scripts/package.sh, which adds the "package" extra) pass.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Versions the test suite and the packages were built with; used as pip -c by scripts/setup.sh"
  echo "# and scripts/package.sh. Regenerate with scripts/update_constraints.sh."
  .venv/bin/python -m pip freeze --all --exclude-editable | grep -v -i '^jixiao[= ]' || true
} > constraints.txt.new
mv constraints.txt.new constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages"
