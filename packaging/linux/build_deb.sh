#!/usr/bin/env bash
# Build dist/jixiao_<version>_amd64.deb from the PyInstaller folder dist/jixiao/ (scripts/package.sh
# builds both). Layout: /opt/jixiao (the app), /usr/bin/jixiao (a link to it), the menu entry
# /usr/share/applications/jixiao.desktop ("绩效自评助手", Office) and the icon in the hicolor theme.
# Depends: every system package whose libraries the app's files link to (found with ldd and dpkg -S,
# the way dpkg-shlibdeps does), so Qt's xcb/X11/GL/fontconfig libraries come from the system.
set -euo pipefail
cd "$(dirname "$0")/../.."
app=dist/jixiao
[ -x "$app/jixiao" ] || { echo "build_deb: $app/jixiao missing: run scripts/package.sh" >&2; exit 1; }
version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
root=build/deb/root
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications"
cp -a "$app" "$root/opt/jixiao"
ln -s /opt/jixiao/jixiao "$root/usr/bin/jixiao"
install -m 644 packaging/linux/jixiao.desktop "$root/usr/share/applications/jixiao.desktop"
for png in build/icons/jixiao-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/jixiao.png"
done
install -D -m 644 resources/icons/jixiao.svg "$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg"
install -D -m 644 LICENSE "$root/usr/share/doc/jixiao/copyright"

# -- Depends, from the libraries the app's ELF files need that it does not carry itself ----------------
declare -A packages=()
while IFS= read -r lib; do
  owner=""
  for candidate in "$lib" "$(readlink -f "$lib")" "${lib/#\/lib\//\/usr\/lib\/}" "${lib/#\/usr\/lib\//\/lib\/}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1) || true
    [ -n "$owner" ] && break
  done
  if [ -z "$owner" ]; then echo "build_deb: no package owns $lib" >&2; exit 1; fi
  packages[$owner]=1
done < <(
  find "$root/opt/jixiao" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
    xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$PWD/" | sort -u
)
# The xcb platform plugin's libraries are needed for a window although ldd cannot see dlopen() users.
depends="libc6 (>= 2.34)"
for package in $(printf '%s\n' "${!packages[@]}" | sort); do
  case "$package" in
    libc6) ;;
    # Debian 13 / newer UOS renamed some libraries for the 64-bit time_t transition
    libglib2.0-0|libcups2|libpng16-16|libssl3) depends+=", $package | ${package}t64" ;;
    *) depends+=", $package" ;;
  esac
done
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: jixiao
Version: $version
Architecture: $arch
Maintainer: jixiao developers <jixiao@users.noreply.invalid>
Installed-Size: $size
Depends: $depends
Section: office
Priority: optional
Homepage: https://pypi.org/project/jixiao/
Description: 绩效自评助手 — department performance self-evaluation reports
 Records, through the year, what a government department does (meetings, trainings,
 visits, cases), its budget, projects and indicators, and writes its 部门整体支出绩效自评报告
 and score table as PDF, offline. Self-contained: Python and Qt are inside /opt/jixiao.
CONTROL
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
SCRIPT
cat > "$root/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
# The clerk's data (~/.local/share/jixiao) is never touched: it belongs to the user, not the package.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
SCRIPT
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
deb="dist/jixiao_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "package: $deb $(du -h "$deb" | cut -f1) (installed $(( size / 1024 )) MB); Depends: $depends"
