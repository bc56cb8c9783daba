#!/usr/bin/env bash
# Idempotent set-up shared by run.sh and test.sh: system libraries Qt needs, a .venv with jixiao
# installed (editable, with test extras), compiled message catalogs. Re-runs in about a second.
#   scripts/setup.sh          libraries for headless use (tests)
#   scripts/setup.sh --gui    plus the X11/xcb libraries a real window needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_gui=0
[ "${1:-}" = "--gui" ] && want_gui=1

# soname -> Debian package (Debian 12 names; Debian 13 renames libglib2.0-0 to libglib2.0-0t64)
headless_libs=(
  "libglib-2.0.so.0:libglib2.0-0" "libEGL.so.1:libegl1" "libGL.so.1:libgl1" "libX11.so.6:libx11-6"
  "libdbus-1.so.3:libdbus-1-3" "libfontconfig.so.1:libfontconfig1" "libfreetype.so.6:libfreetype6"
  "libxkbcommon.so.0:libxkbcommon0"
)
gui_libs=(
  "libX11-xcb.so.1:libx11-xcb1" "libxcb-cursor.so.0:libxcb-cursor0" "libxcb-icccm.so.4:libxcb-icccm4"
  "libxcb-image.so.0:libxcb-image0" "libxcb-keysyms.so.1:libxcb-keysyms1" "libxcb-randr.so.0:libxcb-randr0"
  "libxcb-render-util.so.0:libxcb-render-util0" "libxcb-shape.so.0:libxcb-shape0" "libxcb-shm.so.0:libxcb-shm0"
  "libxcb-sync.so.1:libxcb-sync1" "libxcb-xfixes.so.0:libxcb-xfixes0" "libxcb-xkb.so.1:libxcb-xkb1"
  "libxkbcommon-x11.so.0:libxkbcommon-x11-0"
)
libs=("${headless_libs[@]}")
[ $want_gui = 1 ] && libs+=("${gui_libs[@]}")

missing=()
for entry in "${libs[@]}"; do
  soname=${entry%%:*}; package=${entry#*:}
  ldconfig -p 2>/dev/null | grep -q "$soname" || missing+=("$package")
done
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=("python3-venv")

if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if apt-cache policy libglib2.0-0t64 2>/dev/null | grep -q Candidate; then
    missing=("${missing[@]/libglib2.0-0/libglib2.0-0t64}")
  fi
  echo "setup: installing system packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jixiao needs Python 3.11 or newer")'

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.jixiao-installed
fingerprint=$(cat pyproject.toml scripts/hatch_build.py | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$fingerprint" > "$stamp"
fi
# Catalogs change more often than pyproject.toml: compile them every time (fast).
.venv/bin/python scripts/compile_catalogs.py i18n >/dev/null
