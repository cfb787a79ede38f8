"""Alembic environment: runs on the connection handed over by ``dragoman.store.migrate``."""

from __future__ import annotations

from alembic import context

from dragoman.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Dragoman migrations run through dragoman.store.migrate(), which passes a connection.")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
