"""The library manager and the windows around it.

- `window`: the manager (tree + search + reply editor, undo/redo);
- `tree`: the tree model of packs, scenarios and replies, and its search filter;
- `editor`, `lintedit`, `hotkeyedit`: the reply editor, the live-lint text box,
  press-to-record hotkeys;
- `commands`: one undoable edit of the personal pack, and the one writer of it;
- `flowrunner`: walking a talk script; `checktext`: 检查文本;
- `welcome`: the no-tray note and the palette's ☰ menu; `names`: labels for ids;
- `windows`: all of them around the running app (what the controller builds).
"""
