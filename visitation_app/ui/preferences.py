"""The chair's settings (QSettings), read and written in one place with their defaults."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from visitation_app.services.retention import DEFAULT_YEARS

CHAIR_NAME_KEY = "preferences/chair_name"
SHOW_FULL_CPR_KEY = "preferences/show_full_cpr"
IDLE_LOCK_MINUTES_KEY = "preferences/idle_lock_minutes"
RETENTION_YEARS_KEY = "preferences/retention_years"

DEFAULT_IDLE_LOCK_MINUTES = 10  # 0: never lock
MAX_IDLE_LOCK_MINUTES = 240
DEFAULT_RETENTION_YEARS = DEFAULT_YEARS
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 30


def _int(key: str, default: int, low: int, high: int) -> int:
    value = QSettings().value(key, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def _bool(key: str, default: bool) -> bool:
    value = QSettings().value(key, default)
    if isinstance(value, str):  # QSettings' ini files give strings back
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def chair_name() -> str:
    """The name written into the audit trail for changes made in this window."""
    return str(QSettings().value(CHAIR_NAME_KEY, "") or "").strip()


def set_chair_name(name: str) -> None:
    QSettings().setValue(CHAIR_NAME_KEY, name.strip())


def show_full_cpr() -> bool:
    """Whether lists, agendas and minutes show whole CPR numbers (default: masked)."""
    return _bool(SHOW_FULL_CPR_KEY, False)


def set_show_full_cpr(show: bool) -> None:
    QSettings().setValue(SHOW_FULL_CPR_KEY, bool(show))


def idle_lock_minutes() -> int:
    """Minutes without input before the window locks; 0 means never."""
    return _int(IDLE_LOCK_MINUTES_KEY, DEFAULT_IDLE_LOCK_MINUTES, 0, MAX_IDLE_LOCK_MINUTES)


def set_idle_lock_minutes(minutes: int) -> None:
    QSettings().setValue(IDLE_LOCK_MINUTES_KEY, int(minutes))


def retention_years() -> int:
    """Years after a citizen's last case activity before their data may be deleted."""
    return _int(
        RETENTION_YEARS_KEY, DEFAULT_RETENTION_YEARS, MIN_RETENTION_YEARS, MAX_RETENTION_YEARS
    )


def set_retention_years(years: int) -> None:
    QSettings().setValue(RETENTION_YEARS_KEY, int(years))
