#!/usr/bin/env bash
# Check a built .deb without installing it: unpack it into a scratch root and, with a bare
# environment (env -i: no venv, no project, nothing on PATH but /usr/bin:/bin), run `jixiao sample`,
# `jixiao report` and the desktop app offscreen with its report preview (--jixiao-selfcheck).
#   packaging/linux/check_deb.sh dist/jixiao_<version>_amd64.deb
set -euo pipefail
deb=$(readlink -f "$1")
scratch=$(mktemp -d /tmp/jixiao-deb-check.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root home=$scratch/home
mkdir -p "$root" "$home"
dpkg-deb -x "$deb" "$root"
fail() { echo "check_deb: $*" >&2; exit 1; }
[ "$(readlink "$root/usr/bin/jixiao")" = /opt/jixiao/jixiao ] || fail "/usr/bin/jixiao is not a link to /opt/jixiao/jixiao"
[ -x "$root/opt/jixiao/jixiao" ] || fail "/opt/jixiao/jixiao missing"
desktop=$root/usr/share/applications/jixiao.desktop
grep -qx 'Name=绩效自评助手' "$desktop" || fail "menu entry without its name"
grep -qx 'Categories=Office;' "$desktop" || fail "menu entry not in Office"
[ -f "$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg" ] || fail "icon missing"
[ -f "$root/usr/share/icons/hicolor/48x48/apps/jixiao.png" ] || fail "48 px icon missing"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop"; fi
run() { env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$root/opt/jixiao/jixiao" "$@"; }
cd "$scratch"
run sample --db "$scratch/s.sqlite3"
run report --db "$scratch/s.sqlite3" --year 2022 --out "$scratch/r.pdf"
[ "$(head -c 5 "$scratch/r.pdf")" = "%PDF-" ] || fail "jixiao report wrote no PDF"
run --lang en score --db "$scratch/s.sqlite3" --year 2022
QT_QPA_PLATFORM=offscreen run --jixiao-selfcheck
echo "check_deb: $(basename "$deb") passed (sample, report $(du -h "$scratch/r.pdf" | cut -f1), GUI offscreen with preview)"
