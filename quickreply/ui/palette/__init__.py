"""The search palette: query, results, preview, fill-in form and the lint gate.

It is built once at start-up and only shown and hidden afterwards, so the
hotkey opens it at once. It decides nothing about the operating system: when
the agent picks a reply it emits `chosen(reply, text, copy_only)` with the
final text, and the controller (`quickreply.ui.controller`) does the paste.

- `window`: the `Palette` widget: pages, the way a reply goes through them, keys;
- `query`: the query box, aware of input-method composition;
- `results`: the result list's model, the painter of highlights, the preview;
- `form`: the fill-in form for a reply's blanks, with a live preview of the text;
- `gate`: lint findings shown (underlines, summary) and the gate where they are fixed;
- `icons`: the lint levels' icons, drawn (no emoji font needed);
- `note`: the talk-script note, shown only in its flow's context;
- `placement`: where the palette opens (caret / focused window / mouse), on-screen.
"""

from quickreply.ui.palette.form import preview_text
from quickreply.ui.palette.window import PAGE_CONFIRM, PAGE_FORM, PAGE_RESULTS, Palette

__all__ = ["PAGE_CONFIRM", "PAGE_FORM", "PAGE_RESULTS", "Palette", "preview_text"]
