"""Alembic environment: always run on a connection handed in by visitation_app.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import visitation_app.store.models  # noqa: F401  (registers the tables on the metadata)
from visitation_app.store.migrate import check_foreign_keys

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded so `alembic` on the CLI fails plainly
    raise RuntimeError("Run migrations through visitation_app.store.migrate.upgrade().")


def _after_each_step(ctx, step, heads, run_args) -> None:  # noqa: ANN001 - alembic's hook
    check_foreign_keys(ctx.connection)


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transaction_per_migration=True,
    on_version_apply=_after_each_step,
)
with context.begin_transaction():
    context.run_migrations()
