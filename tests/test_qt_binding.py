"""The Qt binding itself: defects in it that would crash an agent's long shift."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.qt

# Runs in a child process: if the binding has the defect, the child aborts
# (a fatal error), which must not take the test session down with it.
_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    fired = Signal()
source = Source()
before = sys.getrefcount(True)
for _ in range(20000):
    source.fired.emit()
print(sys.getrefcount(True) - before)
"""


def test_emitting_signals_does_not_leak_references_to_true() -> None:
    # PySide6 6.12.0's Signal.emit() returned True without a reference: every
    # emit dropped one, and a few thousand emits into a session the app
    # aborted with "bool_dealloc". An agent's day is far more than that.
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
