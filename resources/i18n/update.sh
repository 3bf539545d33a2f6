#!/bin/sh
# Refresh the translation sources from the code, then compile them.
# Source strings in the code are Simplified Chinese (the default UI); after
# running this, translate the new entries in quickreply_en.ts (Qt Linguist or
# by hand), run it again, and commit both the .ts and the .qm.
set -e
cd "$(dirname "$0")/../.."
for lang in en; do
    pyside6-lupdate quickreply/ui/*.py quickreply/ui/palette/*.py quickreply/ui/manager/*.py quickreply/core/settings.py \
        -ts "resources/i18n/quickreply_$lang.ts" \
        -source-language zh_CN -target-language "$lang" -no-obsolete
    pyside6-lrelease "resources/i18n/quickreply_$lang.ts" -qm "resources/i18n/quickreply_$lang.qm"
done
