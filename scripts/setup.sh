#!/usr/bin/env bash
# Idempotent set-up shared by run.sh and test.sh: system libraries Qt needs, a .venv with jixiao
# installed (editable, with test extras, versions pinned by constraints.txt), compiled message catalogs.
# Re-runs in about a second and touches neither apt nor the network when nothing is missing.
#   scripts/setup.sh          libraries for headless use (tests)
#   scripts/setup.sh --gui    plus the X11/xcb libraries a real window needs
#
# Missing libraries (scripts/system_libs.sh) are installed as root, or through sudo when it can ask;
# otherwise the exact apt-get command is printed for an administrator and the set-up stops.
set -euo pipefail
cd "$(dirname "$0")/.."

want_gui=0
[ "${1:-}" = "--gui" ] && want_gui=1

gui_flag=()
[ $want_gui = 1 ] && gui_flag=(--gui)
read -r -a missing <<< "$(scripts/system_libs.sh "${gui_flag[@]}")"

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: missing system libraries (install them with your package manager): ${missing[*]}" >&2
    exit 1
  fi
  policy=$(apt-cache policy libglib2.0-0t64 2>/dev/null || true)
  case "$policy" in *"Candidate: "[0-9]*) missing=("${missing[@]/libglib2.0-0/libglib2.0-0t64}") ;; esac
  install_cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    sudo=(sudo)
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: ask an administrator to run, as root:  apt-get update && $install_cmd" >&2
    echo "setup: then run this command again." >&2
    exit 1
  fi
  echo "setup: installing system packages: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jixiao needs Python 3.11 or newer")'

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.jixiao-installed
fingerprint=$(cat pyproject.toml constraints.txt scripts/hatch_build.py | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  # constraints.txt pins every package (ruff, pytest, PySide6 …) to the versions the suite was tested with.
  .venv/bin/python -m pip install -q -c constraints.txt --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[test]"
  echo "$fingerprint" > "$stamp"
fi
# Catalogs change more often than pyproject.toml: compile them every time (fast).
.venv/bin/python scripts/compile_catalogs.py i18n >/dev/null
