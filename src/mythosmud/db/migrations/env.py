"""Alembic environment: runs on the connection that `mythosmud.db.engine.upgrade` passes in."""

from __future__ import annotations

from alembic import context

from mythosmud.db.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with 'mythosmud db upgrade'")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
