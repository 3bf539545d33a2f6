#!/usr/bin/env bash
# Drop what PyInstaller's PySide6 hook collects but QuickReply never loads:
# Qt's catalogues for languages the UI does not have (it is Chinese and English)
# and the platform plugins a desktop app does not use.
set -euo pipefail
Q=$1/_internal/PySide6
find "$Q/translations" -name '*.qm' ! -name '*_zh_CN.qm' ! -name '*_en.qm' -delete
rm -f "$Q/plugins/platforms/qdirect2d.dll" "$Q/plugins/platforms/qminimal.dll" \
  "$Q/plugins/generic/qtuiotouchplugin.dll" "$Q"/opengl32sw.dll
du -sh "$1"
