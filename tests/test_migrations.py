"""The project database's schema is under Alembic: an empty database migrates to the latest
schema, the migrations build exactly what bot/store/models.py declares, they undo cleanly, and a
database made before there were migrations is taken over. SQLite and PostgreSQL alike."""

import uuid

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.store.database import FIRST_REVISION, Database, alembic_config, ours
from bot.store.models import Base
from tests.conftest import postgres_url

HOW_TO_ADD_ONE = (
    "bot/store/models.py and the migrations in bot/store/migrations/versions/ disagree. After changing "
    "a model, add a migration: `.venv/bin/alembic revision --autogenerate -m 'what changed'`, read it, "
    "then run this test again (docs/development.md, 'Changing the database')."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """The URL of an empty database: a new SQLite file, or a new schema in the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = sa.engine.make_url(postgres_url())
    schema = f"migrations_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, future=True)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revision(engine) -> str:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
        return compare_metadata(context, Base.metadata)


def test_an_empty_database_is_migrated_to_the_latest_schema_which_matches_the_models(empty_url):
    database = Database(empty_url)
    assert revision(database.engine) == head()
    assert set(Base.metadata.tables) <= set(sa.inspect(database.engine).get_table_names())
    assert differences(database.engine) == [], (
        f"{HOW_TO_ADD_ONE}\nDifferences: {differences(database.engine)}"
    )
    database.engine.dispose()


def test_opening_again_changes_nothing_and_the_migrations_undo_cleanly(empty_url):
    database = Database(empty_url)
    Database(empty_url).engine.dispose()  # a second process opening it finds it up to date
    assert revision(database.engine) == head()
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert not set(Base.metadata.tables) & set(sa.inspect(database.engine).get_table_names())
    Database(empty_url).engine.dispose()  # and up again
    assert revision(database.engine) == head()
    database.engine.dispose()


def test_a_database_made_before_migrations_is_taken_over_with_its_rows(empty_url):
    engine = sa.create_engine(empty_url, future=True)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), FIRST_REVISION)  # the tables create_all made
        connection.execute(sa.text("DROP TABLE alembic_version"))
        connection.execute(
            sa.text(
                "INSERT INTO handovers (reference, created_at, conversation_key, channel, topic, urgency, "
                "communication_needs, summary, status) VALUES ('TF-20261203-0001', '2026-12-03 10:00:00', "
                "'k', 'rest', 'Needs assessment', 'routine', '', '- Asked: washing', 'pending')"
            )
        )
    database = Database(empty_url)
    assert revision(database.engine) == head()
    with database.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT reference FROM handovers")).scalars().all() == [
            "TF-20261203-0001"
        ]
    database.engine.dispose()
    engine.dispose()


def test_a_changed_model_without_its_migration_is_reported(empty_url):
    """What a colleague sees if they add a column and forget the migration."""
    database = Database(empty_url)
    column = sa.Column("planted_for_this_test", sa.Text)
    Base.metadata.tables["handovers"].append_column(column)
    try:
        found = differences(database.engine)
    finally:
        Base.metadata.tables["handovers"]._columns.remove(column)
    assert [(change[0], change[3].name) for change in found] == [("add_column", "planted_for_this_test")]
    assert differences(database.engine) == []
    database.engine.dispose()
