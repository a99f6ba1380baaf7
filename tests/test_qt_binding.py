"""The Qt binding itself must survive a long meeting: thousands of autosaves emit signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    relayed = Signal()


def test_emitting_signals_does_not_leak_references_to_true(qtbot):
    """PySide6 6.12.0 dropped a reference to True on every emit; after a few thousand
    autosaves Python aborted with 'bool_dealloc'. pyproject.toml excludes that release."""
    source, relay = _Emitter(), _Emitter()
    source.changed.connect(relay.relayed.emit)
    before = sys.getrefcount(True)
    for _ in range(5_000):
        source.changed.emit()
    assert sys.getrefcount(True) >= before - 10
