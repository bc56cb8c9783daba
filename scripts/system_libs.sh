#!/usr/bin/env bash
# Print the Debian packages (space-separated, one line; empty when none) that hold system libraries Qt
# needs and this machine lacks. Needs no root, no sudo and no particular PATH.
#   scripts/system_libs.sh          libraries for headless use (tests, the CLI)
#   scripts/system_libs.sh --gui    plus the X11/xcb libraries a real window needs
#
# It reads the dynamic linker's cache once, through ldconfig's absolute path (/sbin or /usr/sbin is off
# an ordinary user's PATH), and falls back to looking in the usual library folders. The cache is
# captured before it is searched: `ldconfig -p | grep -q` under pipefail fails at random when grep exits
# early and ldconfig gets SIGPIPE.
set -euo pipefail

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
[ "${1:-}" = "--gui" ] && libs+=("${gui_libs[@]}")

linker_cache=""
for candidate in /sbin/ldconfig /usr/sbin/ldconfig "$(command -v ldconfig || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    linker_cache=$("$candidate" -p 2>/dev/null || true)
    [ -n "$linker_cache" ] && break
  fi
done
multiarch="$(uname -m)-linux-gnu"
lib_dirs=("/lib/$multiarch" "/usr/lib/$multiarch" /lib64 /usr/lib64 /lib /usr/lib)

has_library() {  # $1 = soname; true when the dynamic linker can find it
  local soname=$1 dir
  case "$linker_cache" in *"	$soname ("*) return 0 ;; esac
  for dir in "${lib_dirs[@]}"; do
    [ -e "$dir/$soname" ] && return 0
  done
  return 1
}

missing=()
for entry in "${libs[@]}"; do
  soname=${entry%%:*}; package=${entry#*:}
  has_library "$soname" || missing+=("$package")
done
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=("python3-venv")
echo "${missing[*]}"
