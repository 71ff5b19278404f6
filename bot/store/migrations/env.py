"""Alembic's entry point for the project database: our tables only (Rasa keeps its own).

Run by `Database.migrate()` when a process opens the database (with the connection it holds),
or by the `alembic` command (`alembic.ini`; the database is DATABASE_URL, else var/front_door.db).
When DATABASE_URL is shared with Rasa's tracker store, Rasa's tables are left alone.
"""

import sqlalchemy as sa
from alembic import context

from bot.store.database import database_url, ours
from bot.store.models import Base


def run_migrations(connection: sa.engine.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=ours,
        compare_type=True,
        render_as_batch=True,  # SQLite changes a column by copying its table: batch mode does that
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = sa.create_engine(database_url(), future=True)
    with engine.begin() as connection:
        run_migrations(connection)
    engine.dispose()


run()
