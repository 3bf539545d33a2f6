#!/usr/bin/env bash
# What the app needs from Debian/Ubuntu to run and look right: Python's venv
# module (Debian's system Python refuses `pip install` outside a virtual
# environment), Qt's xcb plugin libraries, a CJK font and the colour-emoji font
# (without them Chinese text and the lint icons draw as empty boxes).
# Other distributions: install the same things by their own names.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS=(
  python3-venv python3-pip
  libxcb-icccm4 libxcb-keysyms1 libxcb-xkb1 libxkbcommon-x11-0 libxcb-xinerama0
  libxcb-shape0 libxcb-cursor0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libegl1 libgl1 libfontconfig1 libdbus-1-3
  fonts-noto-cjk fonts-noto-color-emoji
)
PKGS+=("$@")
if ! command -v dpkg-query >/dev/null; then
  echo "Not a Debian/Ubuntu system: install ${PKGS[*]} (or your distribution's names for them)." >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
