#!/usr/bin/env bash
# Build the self-contained jixiao (PyInstaller, one folder: dist/jixiao/) and the Debian package
# (dist/jixiao_<version>_amd64.deb), then check the .deb in a scratch root with a bare environment.
#   scripts/package.sh            folder + .deb + check
#   scripts/package.sh --no-deb   the folder only
#   scripts/package.sh --no-check folder + .deb, no check
# Needs the .venv of scripts/setup.sh; installs PyInstaller into it (pinned by constraints.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pip install -q -c constraints.txt -e ".[test,package]"
start=$(date +%s)
rm -rf build/icons build/pyinstaller dist/jixiao
.venv/bin/python scripts/make_icons.py build/icons >/dev/null
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/jixiao.spec
echo "package: dist/jixiao/ $(du -sh dist/jixiao | cut -f1) (built in $(( $(date +%s) - start )) s)"
[ "${1:-}" = "--no-deb" ] && exit 0
packaging/linux/build_deb.sh
[ "${1:-}" = "--no-check" ] && exit 0
packaging/linux/check_deb.sh dist/jixiao_*_amd64.deb
