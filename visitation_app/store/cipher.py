"""Encryption at rest with SQLCipher: connections with a key, and re-keying a whole file.

Every connection of the program goes through `connect` (SQLCipher's build of SQLite, also
for unencrypted files, so one SQLite version serves both). A file is encrypted when it does
not start with SQLite's plain header. The passphrase is never stored anywhere; it is given
to SQLCipher (which derives the key with PBKDF2) on every new connection.

Encrypting a plain file, or changing the passphrase, writes a new encrypted copy beside the
file (`sqlcipher_export`), checks it (integrity, the same rows in every table), and only then
moves it over the old file; the old file's bytes are overwritten before it is removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from visitation_app.atomic_files import fsync_folder, temporary_beside
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
Error = sqlcipher.Error
DatabaseError = sqlcipher.DatabaseError
OperationalError = sqlcipher.OperationalError
MIN_PASSPHRASE_LENGTH = 8


class PassphraseError(UserError):
    """The passphrase is missing, wrong, or not good enough; the message says which."""


class PassphraseRequiredError(PassphraseError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphraseError(PassphraseError):
    """The passphrase does not open the file (or the file is not a database at all)."""


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase cannot be used (a sentence), or None when it is fine."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        return _("The passphrase must have at least {count} characters.").format(
            count=MIN_PASSPHRASE_LENGTH
        )
    if any(ord(character) < 32 or ord(character) == 127 for character in passphrase):
        return _("The passphrase cannot contain control characters such as tab or line break.")
    return None


# Files this process has open as databases, with whether each is encrypted. POSIX drops
# every lock a process holds on a file when the process closes ANY descriptor of that file,
# so reading the header of an open database with Python's open() would silently take away
# SQLite's locks (another program could then delete its write-ahead log). Such a file's
# header is never read again: this registry answers instead.
_open_here: dict[str, tuple[bool, int]] = {}


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(str(Path(path).expanduser().resolve()))


def note_opened(path: str | os.PathLike[str], encrypted: bool) -> None:
    """This process has the database at `path` open (a Database was made for it)."""
    key = _key(path)
    _state, count = _open_here.get(key, (encrypted, 0))
    _open_here[key] = (encrypted, count + 1)


def note_closed(path: str | os.PathLike[str]) -> None:
    key = _key(path)
    encrypted, count = _open_here.get(key, (False, 0))
    if count <= 1:
        _open_here.pop(key, None)
    else:
        _open_here[key] = (encrypted, count - 1)


def is_open_here(path: str | os.PathLike[str]) -> bool:
    """Whether this process has the file open as a database (its header must not be read)."""
    return _key(path) in _open_here


PLAIN, ENCRYPTED, EMPTY, OTHER = "plain", "encrypted", "empty", "other"


def file_kind(path: str | os.PathLike[str]) -> str:
    """PLAIN (an SQLite file), ENCRYPTED (whole pages, not starting like a plain SQLite file:
    an SQLCipher file begins with a random salt), EMPTY, or OTHER. A database this process
    has open is answered from memory, never read. OSError if the file cannot be read."""
    known = _open_here.get(_key(path))
    if known is not None:
        return ENCRYPTED if known[0] else PLAIN
    with Path(path).open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
        size = os.fstat(handle.fileno()).st_size
    if not header:
        return EMPTY
    if header == SQLITE_HEADER:
        return PLAIN
    return ENCRYPTED if size % 512 == 0 else OTHER


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """Whether the file looks like an SQLCipher database (False when it cannot be read)."""
    try:
        return file_kind(path) == ENCRYPTED
    except OSError:
        return False


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(connection: sqlcipher.Connection, passphrase: str | None) -> None:
    """Give a fresh connection its key (nothing for a plain file); silence SQLCipher's log."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    if passphrase:
        connection.execute(f"PRAGMA key = {_quoted(passphrase)}")


def connect(
    path: str | os.PathLike[str],
    passphrase: str | None = None,
    *,
    timeout: float = 5.0,
    read_only: bool = False,
    isolation_level: str | None = "",
) -> sqlcipher.Connection:
    """A DB-API connection to the file with its key applied (checked on first use)."""
    target = f"{Path(path).as_uri()}?mode=ro" if read_only else str(path)
    connection = sqlcipher.connect(
        target, timeout=timeout, uri=read_only, isolation_level=isolation_level
    )
    try:
        apply_key(connection, passphrase)
    except BaseException:
        connection.close()
        raise
    return connection


def verify_passphrase(path: Path, passphrase: str | None) -> None:
    """WrongPassphraseError unless the passphrase opens the file; PassphraseRequiredError if
    the file is encrypted and none was given."""
    if is_encrypted(path) and not passphrase:
        raise PassphraseRequiredError(
            _("The database {path} is encrypted. Enter its passphrase.").format(path=path)
        )
    # Not read-only: a read-only connection to a WAL file leaves its -wal and -shm behind.
    connection = connect(path, passphrase)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlcipher.DatabaseError as error:
        if "not a database" not in str(error).lower():
            raise
        if passphrase:
            raise WrongPassphraseError(
                _(
                    "The passphrase does not open {path}. Check it (capital letters, "
                    "keyboard layout) and try again."
                ).format(path=path)
            ) from error
        raise
    finally:
        connection.close()


def _table_counts(connection: sqlcipher.Connection, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
        for name in names
    }


def overwrite_and_remove(path: Path) -> None:
    """Overwrite a file's bytes with zeros before removing it (best effort on SSDs)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as stream:
            block = b"\0" * (1 << 20)
            remaining = size
            while remaining > 0:
                chunk = block[: min(remaining, len(block))]
                stream.write(chunk)
                remaining -= len(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        log.warning("could not overwrite %s before removing it", path, exc_info=True)
        with contextlib.suppress(OSError):
            path.unlink()


def _export_verified(source: Path, old: str | None, temporary: Path, new: str) -> None:
    """Write `source` re-encrypted with `new` into `temporary`, and check the copy."""
    connection = connect(source, old, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        expected = _table_counts(connection)
        connection.execute(f"ATTACH DATABASE ? AS rekeyed KEY {_quoted(new)}", (str(temporary),))
        connection.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
        connection.execute("DETACH DATABASE rekeyed")
    finally:
        connection.close()
    copy = connect(temporary, new)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        found = _table_counts(copy)
    finally:
        copy.close()
    if problems != ["ok"] or found != expected:
        raise UserError(
            _(
                "The encrypted copy of {path} did not match the original; the original was "
                "left as it was."
            ).format(path=source)
        )


def rekey_file(path: str | os.PathLike[str], old: str | None, new: str) -> None:
    """Encrypt a plain database file, or give an encrypted one a new passphrase.

    No connection may hold the file open. The new copy is verified before it replaces the
    file; the old bytes are then overwritten and removed. PassphraseError if `new` is not
    good enough or `old` does not open the file.
    """
    target = Path(path).resolve()
    problem = passphrase_problem(new)
    if problem:
        raise PassphraseError(problem)
    verify_passphrase(target, old)
    temporary = temporary_beside(target, suffix=".rekey")
    try:
        _export_verified(target, old, temporary, new)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        old_copy = temporary_beside(target, suffix=".old")
        old_copy.unlink()
        os.link(target, old_copy)  # the old bytes, to be overwritten once the new file is in
        os.replace(temporary, target)
        fsync_folder(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    overwrite_and_remove(old_copy)
    log.info("re-encrypted %s", target)
