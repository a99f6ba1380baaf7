"""A damaged database at start: offer the chair its newest good backup.

The backups looked for are the ones the program makes by itself beside the database: the
automatic copies in `backups/` (rotating_backups.py), and the copies taken before a schema
upgrade or a restore (`<name>.before-migration-….bak`, `<name>.before-restore-….bak`).
Only copies that pass the integrity check are offered, the newest first. Restoring keeps
the damaged file aside (store.backup.restore_database), so nothing is thrown away.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.formatting import format_timestamp
from visitation_app.i18n import _, current_language
from visitation_app.store import cipher, migrate
from visitation_app.store.backup import check_database, restore_database
from visitation_app.store.database import StoreError
from visitation_app.store.rotating_backups import backups_folder, backups_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupChoice:
    """One good backup of the database: the file, when it was made, its size and kind."""

    path: Path
    made: dt.datetime
    size: int
    kind: str

    def describe(self) -> str:
        """'3. december 2026 kl. 14:05 · 1,2 MB · Automatic backup at start'."""
        return " · ".join((format_timestamp(self.made), size_text(self.size), self.kind))


def size_text(size: int) -> str:
    """A file size as a person reads it: '840 kB', '1,2 MB'."""
    locale = "da_DK" if current_language() == "da" else "en_GB"
    if size < 1_000_000:
        return _("{size} kB").format(size=format_decimal(max(1, round(size / 1000)), locale=locale))
    return _("{size} MB").format(size=format_decimal(round(size / 1_000_000, 1), locale=locale))


# The moment a copy was made, as its name gives it (UTC): 'visitation-20261203-140512-123456.bak'
# (at start), 'visitation.db.before-migration-0005-20261203T140512123456Z.bak' (before a
# migration or a restore). A copied folder loses the files' times; the names keep them.
_STAMPS = (
    re.compile(r"-(\d{8})-(\d{6})-(\d{6})\.bak$"),
    re.compile(r"-(\d{8})T(\d{6})(\d{6})Z\.bak$"),
)


def _made(copy: Path) -> dt.datetime:
    for stamp in _STAMPS:
        if found := stamp.search(copy.name):
            day, time, micro = found.groups()
            try:
                moment = dt.datetime.strptime(day + time, "%Y%m%d%H%M%S")
            except ValueError:
                break
            return moment.replace(microsecond=int(micro), tzinfo=dt.UTC)
    return dt.datetime.fromtimestamp(copy.stat().st_mtime, dt.UTC)


def _candidates(path: Path) -> list[tuple[Path, str]]:
    found = [(copy, _("Automatic backup at start")) for copy in backups_of(path)]
    found += [
        (copy, _("Copy made before a program update"))
        for copy in path.parent.glob(f"{path.name}.before-migration-*.bak")
    ]
    found += [
        (copy, _("Copy kept aside by an earlier restore"))
        for copy in path.parent.glob(f"{path.name}.before-restore-*.bak")
    ]
    return found


def _usable(copy: Path, passphrase: str | None) -> bool:
    """Whether `copy` is an undamaged database this program can open (with `passphrase`)."""
    try:
        report = check_database(copy, passphrase=passphrase)
    except UserError:
        return False
    return report.ok and report.revision is not None and migrate.is_known_revision(report.revision)


def usable_backups(path: Path, passphrase: str | None = None) -> list[BackupChoice]:
    """The good backups of the database at `path`, the newest first.

    An encrypted backup counts only if `passphrase` opens it.
    """
    path = Path(path).expanduser().resolve()
    choices = []
    for copy, kind in _candidates(path):
        if not copy.is_file() or not _usable(copy, passphrase):
            log.info("not offering %s: missing, damaged, locked or not a visitation database", copy)
            continue
        choices.append(BackupChoice(copy, _made(copy), copy.stat().st_size, kind))
    return sorted(choices, key=lambda choice: choice.made, reverse=True)


def _kind(path: Path) -> str | None:
    """cipher.file_kind, or None for a file that cannot be read."""
    try:
        return cipher.file_kind(path)
    except OSError:
        return None


def passphrase_opens_a_backup(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens one of the file's backups: then it is the right one, and a
    file it does not open is damaged (SQLCipher cannot tell a wrong key from a broken page)."""
    return any(_usable(copy, passphrase) for copy, _kind in _candidates(path.resolve()))


def is_damaged(path: Path, passphrase: str | None = None) -> bool:
    """Whether the file at `path` is a damaged database (rather than in use or read-only).

    A file that does not start like a database, or an empty one, counts when backups of it
    exist: it was a database once, and has been overwritten or cut to nothing. An encrypted
    file is checked with `passphrase`.
    """
    path = Path(path).expanduser()
    kind = _kind(path) if path.is_file() else None
    if kind is None:
        return False
    if kind != cipher.PLAIN and not _candidates(path.resolve()):
        return False
    if kind == cipher.EMPTY:
        return True  # empty, with backups beside it: not a new database
    try:
        return not check_database(path, passphrase=passphrase).integrity_ok
    except cipher.PassphraseError:
        return bool(passphrase) and passphrase_opens_a_backup(path, passphrase)
    except UserError:
        return True  # not even its first page can be read


def _reason(error: BaseException | None) -> str:
    """What went wrong, as the chair is told it above the backups."""
    if isinstance(error, UserError):
        return str(error)
    if error is None:
        return _("The database file is empty: what it held is gone.")
    return _("It cannot be read.")


class RecoveryDialog(QDialog):
    """The damaged file, what happened, and the good backups to restore from."""

    def __init__(
        self,
        error: BaseException | None,
        choices: list[BackupChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("The database is damaged"))
        self.choices = choices
        reason = _reason(error)
        intro = QLabel(
            _(
                "{reason}\n\nYou can go on from a backup of it. Choose one (the newest is at "
                "the top) and press Restore. The damaged file is kept beside it, under a name "
                "ending in .before-restore-….bak, so it can be examined later. What was "
                "entered after the backup was made is not in it."
            ).format(reason=reason)
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        for choice in choices:
            item = QListWidgetItem(choice.describe())
            item.setToolTip(str(choice.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            _("&Restore the chosen backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(_("Do not restore"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.restore_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def chosen(self) -> BackupChoice | None:
        row = self.list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None


def _say_no_backup(parent: QWidget | None, path: Path, error: BaseException | None) -> None:
    reason = _reason(error)
    QMessageBox.warning(
        parent,
        _("The database is damaged"),
        _(
            "{reason}\n\nThere is no usable backup of it in {folder} or beside the file. "
            "Look for a copy elsewhere: a backup you made yourself (for example with the "
            "command visitation-app backup), the file on another computer or a USB stick, or "
            "your IT department's backup of the folder, and open it instead (Choose another "
            "file… or File ▸ Open database…). The damaged file is left as it is."
        ).format(reason=reason, folder=backups_folder(path)),
    )


def _passphrase_for(parent: QWidget | None, path: Path, given: str | None) -> str | None:
    """The passphrase to look into an encrypted file and its backups (asked if not given)."""
    kind = _kind(path)
    if given or kind is None or kind == cipher.PLAIN:
        return given
    candidates = _candidates(path.resolve())
    if not candidates:
        return None  # nothing to look into: no backups of it
    if kind == cipher.EMPTY and not any(cipher.is_encrypted(copy) for copy, _kind in candidates):
        return None  # an empty file with plain backups
    from visitation_app.ui.passphrase_dialogs import ask_passphrase

    return ask_passphrase(
        parent,
        path,
        _("The file cannot be opened. Type its passphrase to look for a backup of it."),
    )


def offer_recovery(
    parent: QWidget | None,
    path: Path,
    error: Exception | None,
    *,
    passphrase: str | None = None,
) -> bool:
    """If `path` could not be opened because it is damaged, offer its newest good backups.

    True when a backup was restored over it (the damaged file kept aside): the caller opens
    the file again. False, with nothing changed, when the file is not damaged (it failed
    for another reason), when there is no usable backup (the chair is told where else to
    look), or when the chair chose not to restore. `passphrase` is the one the chair typed
    for an encrypted file (asked here when it is not given). `error` is None for a file
    found empty before anything tried to open it (see `is_damaged`).
    """
    if isinstance(error, UserError) and not isinstance(error, StoreError):
        return False  # in use by another window, a passphrase not given: nothing is broken
    path = Path(path).expanduser()
    if not path.is_file():
        return False
    key = _passphrase_for(parent, path, passphrase)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        damaged = is_damaged(path, key)
        choices = usable_backups(path, key) if damaged else []
    finally:
        QApplication.restoreOverrideCursor()
    if not damaged:
        return False
    log.warning("%s is damaged (%s); %d usable backups", path, error, len(choices))
    if not choices:
        _say_no_backup(parent, path, error)
        return False
    dialog = RecoveryDialog(error, choices, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or (chosen := dialog.chosen()) is None:
        log.info("the chair chose not to restore %s", path)
        return False
    try:
        result = restore_database(chosen.path, path, passphrase=key)
    except UserError as problem:
        QMessageBox.warning(parent, _("The backup was not restored"), str(problem))
        return False
    log.info("restored %s from %s; the damaged file is %s", path, chosen.path, result.kept_aside)
    QMessageBox.information(
        parent,
        _("The backup was restored"),
        _(
            "The database was restored from the backup of {made}. What was entered after "
            "that is not in it. The damaged file was kept as {aside}."
        ).format(made=format_timestamp(chosen.made), aside=result.kept_aside),
    )
    return True
