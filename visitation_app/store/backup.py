"""Backups, checks and restores of a database file, whole or not at all.

A backup is taken with SQLite's online backup API, so it is a consistent snapshot even while
the window is open and writing: it sees what was committed, never half a transaction. Every
file is written beside its target under a temporary name, checked with
`PRAGMA integrity_check`, and only then moved into place, so a full disk or a crash leaves
the old file as it was. A restore keeps the current database aside under a name of its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from visitation_app.atomic_files import fsync_folder, temporary_beside
from visitation_app.i18n import _
from visitation_app.store import cipher, migrate
from visitation_app.store.database import StoreError, explain
from visitation_app.store.types import utc_now

log = logging.getLogger(__name__)

# How many problems of each kind a report lists before it says "and N more".
MAX_LISTED = 20
BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class CheckReport:
    """The result of checking a database file: plain lines for a person, and the verdict."""

    path: Path
    integrity_ok: bool
    foreign_keys_ok: bool
    revision: str | None
    lines: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.integrity_ok and self.foreign_keys_ok


@dataclass(frozen=True)
class RestoreResult:
    """Where the database was restored, and where the file it replaced was kept."""

    path: Path
    kept_aside: Path | None


def _require_sqlite_file(path: Path, not_ours: str | None = None) -> None:
    """StoreError unless `path` is a readable file that starts like an SQLite database.

    `not_ours` is the message (with {path}) for a file that is not an SQLite database.
    """
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        raise StoreError(
            _("There is no database at {path}. Check the path, or create one.").format(path=path)
        )
    try:
        kind = cipher.file_kind(path)
    except OSError as error:
        raise StoreError(
            _("The database {path} cannot be read (no permission).").format(path=path)
        ) from error
    if kind in (cipher.EMPTY, cipher.OTHER):
        message = not_ours or _("The file {path} is not a visitation database.")
        raise StoreError(message.format(path=path))


def _connect_read_only(path: Path, passphrase: str | None) -> cipher.sqlcipher.Connection:
    """A read-only connection; the passphrase is checked first for an encrypted file."""
    key = None
    if cipher.is_encrypted(path):
        key = passphrase
        cipher.verify_passphrase(path, key)
    return cipher.connect(path, key, read_only=True, timeout=BUSY_TIMEOUT_S)


def _listed(problems: list[str]) -> list[str]:
    lines = [f"  {problem}" for problem in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append("  " + _("… and {count} more.").format(count=len(problems) - MAX_LISTED))
    return lines


def _integrity_problems(connection: cipher.sqlcipher.Connection) -> list[str]:
    """What `PRAGMA integrity_check` finds (empty: none); a file too damaged to read says so."""
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except cipher.DatabaseError as error:
        return [_("The file cannot be read: {reason}").format(reason=error)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def _foreign_key_problems(connection: cipher.sqlcipher.Connection) -> list[str]:
    try:
        rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    except cipher.DatabaseError as error:
        return [_("The references cannot be read: {reason}").format(reason=error)]
    return [
        _("Table {table}, row {row}, points to a row in {parent} that does not exist.").format(
            table=table, row=rowid, parent=parent
        )
        for table, rowid, parent, _index in rows
    ]


def _revision(connection: cipher.sqlcipher.Connection) -> str | None:
    """The schema version (Alembic revision) of the file; None if it has none."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.DatabaseError:
        return None
    return None if row is None else str(row[0])


def check_database(path: str | os.PathLike[str], *, passphrase: str | None = None) -> CheckReport:
    """Check the file's integrity and its references between tables; nothing is changed.

    StoreError if the file is missing or is not an SQLite database at all; PassphraseError
    if it is encrypted and the passphrase is missing or wrong.
    """
    path = Path(path).expanduser().resolve()
    _require_sqlite_file(path)
    try:
        connection = _connect_read_only(path, passphrase)
    except cipher.Error as error:
        raise explain(error, path) from error
    try:
        integrity = _integrity_problems(connection)
        foreign_keys = _foreign_key_problems(connection) if not integrity else []
        revision = _revision(connection)
    finally:
        connection.close()
    lines = [_("Database: {path}").format(path=path)]
    if revision is None and integrity:
        lines.append(_("Schema version: unknown (it cannot be read from the damaged file)"))
    elif revision is None:
        lines.append(_("Schema version: none (this is not a visitation database)"))
    elif migrate.is_known_revision(revision):
        lines.append(_("Schema version: {revision}").format(revision=revision))
    else:
        lines.append(
            _("Schema version: {revision} (made by a newer version of this program)").format(
                revision=revision
            )
        )
    if integrity:
        lines.append(_("Integrity check: problems found ({count}):").format(count=len(integrity)))
        lines.extend(_listed(integrity))
        lines.append(_("Foreign key check: not run, because the file is damaged."))
    else:
        lines.append(_("Integrity check: OK"))
        if foreign_keys:
            lines.append(
                _("Foreign key check: {count} rows point to rows that do not exist:").format(
                    count=len(foreign_keys)
                )
            )
            lines.extend(_listed(foreign_keys))
        else:
            lines.append(_("Foreign key check: OK"))
    return CheckReport(
        path=path,
        integrity_ok=not integrity,
        foreign_keys_ok=not integrity and not foreign_keys,
        revision=revision,
        lines=tuple(lines),
    )


def _remove_temporary(temporary: Path) -> None:
    for leftover in (temporary, *(Path(f"{temporary}{end}") for end in ("-journal", "-wal"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _copy_verified(source_path: Path, target: Path, passphrase: str | None) -> None:
    """Copy the database at `source_path` onto `target` through a checked temporary file.

    The copy is a single self-contained file (rollback journal, not WAL), readable by its
    owner only, encrypted with the same passphrase as the source; `target` is replaced only
    when the copy passed its integrity check.
    """
    temporary = temporary_beside(target, suffix=".tmp")
    try:
        source = cipher.connect(source_path, passphrase, timeout=BUSY_TIMEOUT_S)
        try:
            copy = cipher.connect(temporary, passphrase)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                problems = _integrity_problems(copy)
            finally:
                copy.close()
        finally:
            source.close()
        if problems:
            raise StoreError(
                _(
                    "The copy of {path} did not pass its integrity check ({reason}); nothing "
                    "was written. Run the 'check' command on the database."
                ).format(path=source_path, reason=problems[0])
            )
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        fsync_folder(target.parent)
    except cipher.Error as error:
        _remove_temporary(temporary)
        raise explain(error, source_path) from error
    except OSError as error:
        _remove_temporary(temporary)
        raise StoreError(
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)
        ) from error
    except BaseException:
        _remove_temporary(temporary)
        raise


def backup_database(
    db_path: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
) -> Path:
    """Write a consistent, checked copy of the database to `target` (replaced if it exists).

    The copy of an encrypted database is encrypted with the same passphrase.
    """
    source = Path(db_path).expanduser().resolve()
    _require_sqlite_file(source)
    key = None
    if cipher.is_encrypted(source):
        key = passphrase
        cipher.verify_passphrase(source, key)
    destination = Path(target).expanduser()
    if destination.is_dir():
        raise StoreError(_("{path} is a folder. Give a file name.").format(path=destination))
    destination = destination.resolve()
    if destination == source:
        raise StoreError(
            _("A backup cannot be written over the database itself; give another file name.")
        )
    _copy_verified(source, destination, key)
    log.info("backed up %s to %s", source, destination)
    return destination


def _check_backup(backup: Path, passphrase: str | None) -> None:
    """StoreError unless `backup` is an undamaged visitation database this program knows."""
    not_ours = _("The file {path} is not a visitation database; nothing was restored.")
    _require_sqlite_file(backup, not_ours)
    try:
        connection = _connect_read_only(backup, passphrase)
    except cipher.Error as error:
        raise explain(error, backup) from error
    try:
        problems = _integrity_problems(connection)
        revision = _revision(connection)
    finally:
        connection.close()
    if problems:
        raise StoreError(
            _(
                "The backup {path} is damaged ({reason}); nothing was restored. "
                "Choose another backup."
            ).format(path=backup, reason=problems[0])
        )
    if revision is None:
        raise StoreError(not_ours.format(path=backup))
    if not migrate.is_known_revision(revision):
        raise StoreError(
            _(
                "The backup {path} was made by a newer version of this program; nothing was "
                "restored. Update the program to restore it."
            ).format(path=backup)
        )


def _settle(db_path: Path, passphrase: str | None) -> None:
    """Fold the current database's WAL into the file; StoreError if another program has it open.

    A damaged file (or one the passphrase does not open) cannot be settled; it is kept aside
    as it is.
    """
    key = passphrase if cipher.is_encrypted(db_path) else None
    try:
        connection = cipher.connect(db_path, key, timeout=BUSY_TIMEOUT_S)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
    except cipher.DatabaseError as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            raise explain(error, db_path) from error
        log.warning("restoring over a damaged database %s: %s", db_path, error)
        return
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise explain(cipher.OperationalError("database is locked"), db_path)


def _keep_aside(db_path: Path) -> Path:
    """Copy the current file (and a WAL it has) to a new `<name>.before-restore-<stamp>.bak`."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
    for source, copy in ((db_path, aside), (Path(f"{db_path}-wal"), Path(f"{aside}-wal"))):
        if source == db_path or (source.exists() and source.stat().st_size > 0):
            descriptor = os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(descriptor, "wb") as out, source.open("rb") as inp:
                while chunk := inp.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
    fsync_folder(db_path.parent)
    return aside


def restore_database(
    backup_file: str | os.PathLike[str],
    db_path: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
) -> RestoreResult:
    """Replace the database at `db_path` with the backup, keeping the current file aside.

    The backup is checked first (a visitation database, undamaged, not from a newer version
    of the program, opened by `passphrase` if it is encrypted); if it fails, nothing is
    changed. The restored file has the backup's encryption and passphrase.
    """
    backup = Path(backup_file).expanduser().resolve()
    target = Path(db_path).expanduser().resolve()
    if backup == target:
        raise StoreError(_("The backup and the database are the same file; nothing was restored."))
    _check_backup(backup, passphrase)
    key = passphrase if cipher.is_encrypted(backup) else None
    if target.is_dir():
        raise StoreError(_("{path} is a folder, not a database file.").format(path=target))
    kept_aside = None
    try:
        if target.exists():
            _settle(target, passphrase)
            kept_aside = _keep_aside(target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    except OSError as error:
        raise StoreError(
            _("Cannot write {path}: {reason}").format(path=target.parent, reason=error.strerror)
        ) from error
    _copy_verified(backup, target, key)
    log.info("restored %s from %s; the old file is %s", target, backup, kept_aside)
    return RestoreResult(path=target, kept_aside=kept_aside)
