"""Opening a database file safely: checks, pragmas, migrations with a copy aside, sessions."""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SqlDatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.store import audit as _audit  # noqa: F401 - records every change
from visitation_app.store import cipher, migrate
from visitation_app.store.types import utc_now

log = logging.getLogger(__name__)

SQLITE_HEADER = cipher.SQLITE_HEADER


class StoreError(UserError):
    """The database file cannot be used; the message says why and what to do."""


def _pragmas(busy_timeout_ms: int):
    def set_pragmas(dbapi_connection, _record: object) -> None:  # noqa: ANN001 - DB-API
        _set_pragmas(dbapi_connection, busy_timeout_ms)

    return set_pragmas


def _set_pragmas(dbapi_connection, busy_timeout_ms: int) -> None:  # noqa: ANN001 - DB-API
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives a power cut, not only a crash of the app.
    cursor.execute("PRAGMA synchronous = FULL")
    # Deleted rows are overwritten, so a citizen's data deleted after the retention period
    # does not linger in free pages of the file.
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def explain(error: Exception, path: Path) -> StoreError:
    """Turn an SQLite failure into a sentence a chair can act on."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        message = _("The database {path} is in use by another program. Close it and try again.")
    elif "readonly" in text or "read-only" in text:
        message = _(
            "The database {path} is read-only. Copy it to a folder you can write to, "
            "or change its permissions."
        )
    elif "disk is full" in text:
        message = _("The disk holding {path} is full. Free some space and try again.")
    elif "disk i/o" in text:
        message = _(
            "The disk holding {path} cannot be written to: it may have become read-only, "
            "been removed, or be failing. Check the disk and try again."
        )
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = _(
            "The file {path} is damaged or is not a visitation database. Restore it from a backup."
        )
    else:
        message = _("The database {path} could not be used: {reason}")
    return StoreError(message.format(path=path, reason=error))


class Database:
    """One database file: the engine and short-lived sessions for the services."""

    def __init__(self, engine: Engine, path: Path, passphrase: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self._passphrase = passphrase
        self._closed = False
        cipher.note_opened(path, bool(passphrase))
        # Who makes the changes, for the audit trail: the chair's name from the settings
        # in the window, $VISITATION_APP_USER or the login name on the command line.
        self.actor = ""

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        session = Session(self.engine, expire_on_commit=False)
        session.info["actor"] = self.actor
        try:
            yield session
            session.commit()
        except (OperationalError, SqlDatabaseError) as error:
            session.rollback()
            log.exception("database error")
            raise explain(error.orig or error, self.path) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def encrypted(self) -> bool:
        return bool(self._passphrase)

    @property
    def passphrase(self) -> str | None:
        """The key of every new connection, and of the backups made of this file."""
        return self._passphrase

    def passphrase_matches(self, attempt: str) -> bool:
        """Whether `attempt` is this database's passphrase (to unlock an idle window)."""
        if not self._passphrase:
            return False
        return hmac.compare_digest(attempt.encode("utf-8"), self._passphrase.encode("utf-8"))

    def close(self) -> None:
        self.engine.dispose()
        if not self._closed:
            self._closed = True
            cipher.note_closed(self.path)


def _check_file(path: Path, create: bool) -> bool:
    """Whether the file is new (absent or empty); StoreError if it cannot be ours."""
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        if not create:
            raise StoreError(
                _("There is no database at {path}. Check the path, or create one.").format(
                    path=path
                )
            )
        if not path.parent.exists():
            raise StoreError(_("The folder {folder} does not exist.").format(folder=path.parent))
        if not os.access(path.parent, os.W_OK):
            raise StoreError(
                _("Cannot create a database in {folder}: the folder is read-only.").format(
                    folder=path.parent
                )
            )
        return True
    if not path.is_file():
        raise StoreError(_("The file {path} is not a visitation database.").format(path=path))
    if not os.access(path, os.R_OK):
        raise StoreError(_("The database {path} cannot be read (no permission).").format(path=path))
    kind = cipher.file_kind(path)
    if kind == cipher.EMPTY:
        return True
    if kind == cipher.OTHER:
        raise StoreError(_("The file {path} is not a visitation database.").format(path=path))
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise explain(cipher.OperationalError("readonly"), path)
    return False


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only: it holds personal data."""
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)


def backup_before_migration(
    path: Path, revision: str | None, passphrase: str | None = None
) -> Path:
    """Copy the file aside (with its WAL folded in) before a schema change touches it.

    Every copy gets a name of its own, so a failed attempt never overwrites a good copy.
    """
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.before-migration-{revision or 'none'}-{stamp}.bak")
    _create_private_file(target)
    source = cipher.connect(path, passphrase)
    try:
        copy = cipher.connect(target, passphrase)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    log.info("copied %s to %s before migrating", path, target)
    return target


def _bring_up_to_date(engine: Engine, path: Path, is_new: bool, passphrase: str | None) -> None:
    tables = set(inspect(engine).get_table_names())
    if not is_new and tables and "alembic_version" not in tables:
        raise StoreError(_("The file {path} is not a visitation database.").format(path=path))
    current = migrate.current_revision(engine)
    if current is not None and not migrate.is_known_revision(current):
        raise StoreError(
            _(
                "The database {path} was made by a newer version of this program. "
                "Update the program to open it."
            ).format(path=path)
        )
    if current == migrate.head_revision():
        return
    copy = None if current is None else backup_before_migration(path, current, passphrase)
    try:
        migrate.upgrade(path, passphrase=passphrase)
    except migrate.MigrationError as error:
        log.exception("migration failed")
        raise StoreError(
            _(
                "The database {path} could not be upgraded to this version of the program; "
                "it was left as it was. A copy from before the attempt is at {copy}."
            ).format(path=path, copy=copy)
        ) from error


def _engine(path: Path, passphrase: str | None, busy_timeout_ms: int) -> Engine:
    """An engine whose every connection has its key applied before anything else runs."""

    def connect() -> object:
        return cipher.connect(path, passphrase, timeout=busy_timeout_ms / 1000)

    # hide_parameters: an error's text must not carry the typed values (names, CPR numbers,
    # the citizen's words) into the log file, which is not encrypted.
    engine = create_engine(
        f"sqlite:///{path}", module=cipher.sqlcipher, creator=connect, hide_parameters=True
    )
    event.listen(engine, "connect", _pragmas(busy_timeout_ms))
    return engine


def open_database(
    path: str | os.PathLike[str],
    *,
    create: bool = False,
    busy_timeout_ms: int = 5000,
    passphrase: str | None = None,
) -> Database:
    """Open (or with `create`, make) a database file and bring its schema up to date.

    A new file is encrypted when a `passphrase` is given; an encrypted file needs its
    passphrase (PassphraseRequiredError / WrongPassphraseError otherwise). A plain file
    opens without one. `busy_timeout_ms` is how long a write waits for another program's
    lock before it fails.
    """
    path = Path(path).expanduser().resolve()
    is_new = _check_file(path, create)
    if is_new and not path.exists():
        _create_private_file(path)
    if is_new:
        key = passphrase or None
        if key and (problem := cipher.passphrase_problem(key)):
            raise cipher.PassphraseError(problem)
    elif cipher.is_encrypted(path):
        key = passphrase
        try:
            cipher.verify_passphrase(path, key)
        except cipher.DatabaseError as error:
            raise explain(error, path) from error
    else:
        key = None
    engine = _engine(path, key, busy_timeout_ms)
    try:
        _bring_up_to_date(engine, path, is_new, key)
        if is_new:  # the new file holds its schema by itself, not only in its WAL
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except (OperationalError, SqlDatabaseError) as error:
        engine.dispose()
        raise explain(error.orig or error, path) from error
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, path, key)
