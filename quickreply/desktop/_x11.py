"""Shared python-xlib helpers: opening a display, keysyms, modifier masks.

Imported only on X11 sessions (python-xlib is a Linux-only dependency).
"""

from __future__ import annotations

import gc
import os
import warnings
from typing import Any

from quickreply.core.ports import DesktopError


def open_display(name: str | None = None) -> Any:
    """A new connection to the X server (`name` defaults to $DISPLAY)."""
    try:
        from Xlib import display as xdisplay
        from Xlib import error as xerror
    except ImportError as exc:  # pragma: no cover - python-xlib is a Linux dependency
        raise DesktopError("python-xlib is not installed; run `pip install python-xlib`") from exc
    target = name or os.environ.get("DISPLAY")
    if not target:
        raise DesktopError("no X display (DISPLAY is not set)")
    problem = ""
    # python-xlib leaks its socket when the connection fails; the warning about
    # it would only confuse, the DesktopError below says what went wrong.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return xdisplay.Display(target)
        except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as exc:
            problem = str(exc)
        gc.collect()
    raise DesktopError(f"cannot connect to the X display {target}: {problem}")


def keycode_for(display: Any, keysym_name: str) -> int:
    """The keycode that types `keysym_name` on this keyboard layout, or DesktopError."""
    from Xlib import XK

    keysym = XK.string_to_keysym(keysym_name)
    if keysym == 0:
        raise DesktopError(f"the X server does not know the key {keysym_name!r}")
    keycode = int(display.keysym_to_keycode(keysym))
    if keycode == 0:
        raise DesktopError(f"no key on this keyboard layout types {keysym_name!r}")
    return keycode


def modifier_mask_of(display: Any, keysym_names: tuple[str, ...]) -> int:
    """The modifier bit (Mod1..Mod5) a key like Num_Lock is mapped to, 0 when none."""
    from Xlib import XK

    wanted = set()
    for name in keysym_names:
        keysym = XK.string_to_keysym(name)
        code = display.keysym_to_keycode(keysym) if keysym else 0
        if code:
            wanted.add(int(code))
    for index, codes in enumerate(display.get_modifier_mapping()):
        if wanted & {int(c) for c in codes if c}:
            return 1 << index
    return 0


def modifier_masks(display: Any) -> dict[str, int]:
    """X modifier masks of ctrl/alt/shift/super on this server (Alt and Super vary)."""
    from Xlib import X

    return {
        "ctrl": X.ControlMask,
        "shift": X.ShiftMask,
        "alt": modifier_mask_of(display, ("Alt_L", "Alt_R", "Meta_L")) or X.Mod1Mask,
        "super": modifier_mask_of(display, ("Super_L", "Super_R")) or X.Mod4Mask,
    }


def lock_variants(display: Any) -> list[int]:
    """Every combination of CapsLock, NumLock and ScrollLock masks.

    X grabs match the exact modifier state, so a hotkey grabbed without these
    would silently stop working whenever NumLock is on.
    """
    from Xlib import X

    locks = [X.LockMask]
    for names in (("Num_Lock",), ("Scroll_Lock",)):
        mask = modifier_mask_of(display, names)
        if mask and mask not in locks:
            locks.append(mask)
    variants = {0}
    for lock in locks:
        variants |= {v | lock for v in variants}
    return sorted(variants)
