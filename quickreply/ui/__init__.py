"""The Qt widgets of QuickReply: tray, search palette, settings, translations.

The public surface is `quickreply.ui.app.main` (what `quickreply run` calls)
and `quickreply.ui.controller.QuickReplyApp`; everything else is internal:

- `app`: the composition root, building the real backends and wiring them;
- `controller`: the paste path (hotkey, palette, lint, paste, usage) and the tray;
- `startup`: the display check and the signals that quit cleanly;
- `palette/`: the search palette (query, results, preview, fill-in form, lint gate);
- `tray`: the tray icon and menu; `settings_dialog`: generated from the table
  in `quickreply.core.settings`;
- `resources`: the one loader of icons, styles and translations;
- `eventlog`: the `--log-json` event stream.

Importing this package imports no Qt; the modules do.
"""
