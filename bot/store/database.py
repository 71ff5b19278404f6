"""Which database to use and how to open it: SQLite under var/ unless DATABASE_URL is set.

Opening it brings its tables to the latest migration (bot/store/migrations, Alembic), one process
at a time: every process that uses the project database migrates it when it starts.
"""

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import VAR_DIR, settings
from bot.store.models import Base

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The schema create_all made before there were migrations: a database that has it is stamped so.
FIRST_REVISION = "0001"
# Any number, the same in every process: PostgreSQL's lock that lets one process migrate at a time.
MIGRATION_LOCK = 24_0001


def database_url(url: Optional[str] = None) -> str:
    """DATABASE_URL (e.g. postgresql://user:password@localhost/frontdoor) or the SQLite default."""
    if url:
        return url
    VAR_DIR.mkdir(exist_ok=True)
    return settings().project_database_url


def ours(name: Optional[str], type_: str, parent_names: dict) -> bool:
    """Alembic compares and migrates only the tables bot/store/models.py declares (not Rasa's)."""
    return type_ != "table" or name in Base.metadata.tables


def alembic_config(connection: Optional[Connection] = None) -> Config:
    """Alembic's settings for our migrations, using `connection` if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Brings the project tables to the latest migration; waits while another process does it."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        elif engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, held until commit
        config = alembic_config(connection)
        tables = sa.inspect(connection).get_table_names()
        if "handovers" in tables and "alembic_version" not in tables:
            command.stamp(config, FIRST_REVISION)
        command.upgrade(config, "head")


class Database:
    """An engine and a session factory; the tables are migrated to the latest schema on opening."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = make_url(database_url(url))
        # hide_parameters: a failed write must not print a resident's details into the logs
        options = {"pool_pre_ping": True, "future": True, "hide_parameters": True}
        if self.url.get_backend_name() == "sqlite":
            options["connect_args"] = {"timeout": 30}
        self.engine: Engine = sa.create_engine(self.url, **options)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed if it finishes, rolled back if not."""
        with self.sessions() as session, session.begin():
            yield session

    def describe(self) -> str:
        """Where the data is, without a password (for logs and health output)."""
        return self.url.render_as_string(hide_password=True)


@lru_cache(maxsize=None)
def shared_database() -> Database:
    """The process's one Database, opened on first use (after the environment is read)."""
    return Database()
