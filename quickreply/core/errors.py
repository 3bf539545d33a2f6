"""Errors every layer may raise for the person at the keyboard.

`UserError` is a problem with what the user asked for or with their machine
(no display, a file they named): the command line prints its message and
exits 1, never a traceback. It lives in core so the ui and desktop layers can
raise it without importing the command line.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with what the user asked for; printed without a traceback, exit 1."""
