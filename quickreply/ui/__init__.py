"""The Qt widgets of QuickReply: tray, search palette, settings, translations.

The public surface is `quickreply.ui.app.main` (what `quickreply run` calls)
and `QuickReplyApp`, the composition root; everything else is internal:

- `palette`: the search palette (results, preview, fill-in form, lint gate);
- `results_model`: its list model and the delegate that paints highlights;
- `tray`: the tray icon and menu; `settings_dialog`: generated from the table
  in `quickreply.core.settings`;
- `resources`: the one loader of icons, styles and translations;
- `eventlog`: the `--log-json` event stream.

Importing this package imports no Qt; the modules do.
"""
