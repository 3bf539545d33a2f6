#!/usr/bin/env bash
# Build the Windows installer on Linux:  bash packaging/windows/build.sh
#
#   1. wine_python.sh: a Wine prefix with a Windows CPython 3.13 and the app's
#      win_amd64 wheels plus PyInstaller (its wheel carries the bootloader)
#   2. the app as a wheel (built here), unpacked for the Windows Python
#   3. PyInstaller under Wine freezes it into build/windows/frozen/QuickReply/
#   4. Debian's makensis wraps that into dist/QuickReply-Setup-<version>.exe
#
# Needs wine, wine64, nsis, gcc-mingw-w64-x86-64 (.ci/windows-deps installs
# them) and an X server: $DISPLAY, or an Xvfb started here for the build.
# Prints the installer's path on the last line.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PYTHON=${PYTHON:-python3}
cd "$ROOT"

XVFB_PID=""
cleanup() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  # Xvfb picks a free display and writes its number once it accepts clients.
  NUMBER_FILE=$(mktemp)
  Xvfb -displayfd 5 -screen 0 1024x768x24 -nolisten tcp 5>"$NUMBER_FILE" >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do [ -s "$NUMBER_FILE" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$NUMBER_FILE")"
  rm -f "$NUMBER_FILE"
fi

bash "$HERE/wine_python.sh" >&2
QR_WINE_SOURCE_ONLY=1 source "$HERE/wine_python.sh"
export WINEPREFIX=$PREFIX

VERSION=$($PYTHON -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
STAGE=$QR_WINE/stage
rm -rf "$STAGE" && mkdir -p "$STAGE/wheel" "$STAGE/app"
# 2. The app as the wheel pip would install: package, built-in library, resources.
$PYTHON -m pip wheel -q --no-deps --no-build-isolation -w "$STAGE/wheel" "$ROOT" >&2
unzip -q "$STAGE"/wheel/quickreply-*.whl -d "$STAGE/app"
$PYTHON "$HERE/make_ico.py" resources/icons/quickreply.png resources/icons/quickreply@2x.png \
  "$STAGE/quickreply.ico"
cp "$HERE/quickreply_win.py" "$STAGE/"

# 3. Freeze under Wine. Paths as Wine sees them (Z: is /).
winpath() { echo "Z:${1//\//\\}"; }
FROZEN=$QR_WINE/frozen
rm -rf "$FROZEN"
cp "$HERE/quickreply.spec" "$STAGE/"
# The api-ms-win-* "not found" warnings are API sets of Windows 10 and later (the UCRT among them).
QR_STAGE=$(winpath "$STAGE") WINEDEBUG=-all wine 'C:\py313\python.exe' -m PyInstaller \
  --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$FROZEN")" --workpath "$(winpath "$QR_WINE/pyi-work")" \
  "$(winpath "$STAGE/quickreply.spec")" 2>&1 | grep -v "api-ms-win-" >&2 || true
[ -f "$FROZEN/QuickReply/QuickReply.exe" ] || { echo "PyInstaller made no QuickReply.exe" >&2; exit 1; }
"$HERE/prune_frozen.sh" "$FROZEN/QuickReply" >&2

# 4. The installer.
mkdir -p dist
OUT=$ROOT/dist/QuickReply-Setup-$VERSION.exe
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSRCDIR="$FROZEN/QuickReply" \
  -DICON="$STAGE/quickreply.ico" -DOUTFILE="$OUT" "$HERE/installer.nsi" >&2
echo "$OUT"
