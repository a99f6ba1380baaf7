"""Alembic, driven from code: the schema is created and upgraded only by migrations.

Migrations run on an engine of their own, set up for schema changes on SQLite:
- pysqlite's own transaction handling is switched off and every transaction starts with
  BEGIN IMMEDIATE, so a migration step that fails leaves no half-made change behind
  (pysqlite would otherwise commit each CREATE/ALTER by itself);
- foreign keys are off while migrating, because Alembic's batch mode rebuilds a table by
  dropping it, and with foreign keys on that drop would cascade into the rows pointing at it.
  After each step `PRAGMA foreign_key_check` must find nothing, or the step is rolled back.
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

from visitation_app.store import cipher

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """A migration step left rows whose foreign keys point nowhere; it was rolled back."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return scripts().get_current_head()


def is_known_revision(revision: str) -> bool:
    """Whether this version of the program knows `revision` (False: made by a newer one)."""
    try:
        return scripts().get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migration_engine(path: Path, passphrase: str | None = None) -> Engine:
    """An engine for schema changes only: real transactions, foreign keys off."""
    engine = create_engine(
        f"sqlite:///{path}",
        module=cipher.sqlcipher,
        creator=lambda: cipher.connect(path, passphrase),
        hide_parameters=True,  # no personal data in the log's error texts
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def check_foreign_keys(connection: Connection) -> None:
    """Raise MigrationError (rolling back the step) if any row points to a missing row."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise MigrationError(f"foreign keys broken by a migration step: {broken[:5]}")


def upgrade(path: Path, target: str = "head", *, passphrase: str | None = None) -> None:
    """Run every pending migration on the file at `path`, each in its own transaction."""
    from alembic import command

    engine = migration_engine(path, passphrase)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), target)
    finally:
        engine.dispose()


def downgrade(path: Path, target: str, *, passphrase: str | None = None) -> None:
    """Undo migrations down to `target` (used by the tests of every migration)."""
    from alembic import command

    engine = migration_engine(path, passphrase)
    try:
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), target)
    finally:
        engine.dispose()
