"""Alembic environment: always run on a connection handed in by visitation_app.store.database."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import visitation_app.store.models  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded so `alembic` on the CLI fails plainly
    raise RuntimeError("Run migrations through visitation_app.store.database.upgrade().")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
