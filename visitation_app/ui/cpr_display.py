"""CPR numbers in the window: the birth date only (010190-xxxx), or whole when the chair
has chosen 'Vis fulde CPR-numre' in the settings.

A widget that shows a CPR number reads it through `shown_cpr` and, to follow the setting
when it changes, connects a slot to `cpr_display_changed()`; the settings dialog calls
`announce_cpr_display_changed()` after saving. The citizen's screen never shows a CPR
number at all, whatever the setting (domain/citizen_view.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance

from visitation_app.domain.validation import display_cpr
from visitation_app.ui import preferences


class _CprDisplay(QObject):
    changed = Signal()


_notifier: _CprDisplay | None = None


def _the_notifier() -> _CprDisplay:
    """One notifier for the whole window, made the first time it is asked for."""
    global _notifier
    if _notifier is None:
        _notifier = _CprDisplay()
    return _notifier


def shown_cpr(cpr: str) -> str:
    """`cpr` as the window shows it now: masked, or whole with the setting on."""
    return display_cpr(cpr, full=preferences.show_full_cpr())


def cpr_display_changed() -> SignalInstance:
    """The signal emitted when the setting changes (connect a slot of a QObject to it)."""
    return _the_notifier().changed


def announce_cpr_display_changed() -> None:
    """Tell every widget showing a CPR number to show it again under the current setting."""
    _the_notifier().changed.emit()
