"""Which database to use and how to open it: SQLite under var/ unless DATABASE_URL is set."""

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import VAR_DIR, settings
from bot.store.models import Base



def database_url(url: Optional[str] = None) -> str:
    """DATABASE_URL (e.g. postgresql://user:password@localhost/frontdoor) or the SQLite default."""
    if url:
        return url
    VAR_DIR.mkdir(exist_ok=True)
    return settings().project_database_url


class Database:
    """An engine and a session factory; creates the tables on first use."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = make_url(database_url(url))
        options = {"pool_pre_ping": True, "future": True}
        if self.url.get_backend_name() == "sqlite":
            options["connect_args"] = {"timeout": 30}
        self.engine: Engine = sa.create_engine(self.url, **options)
        Base.metadata.create_all(self.engine)
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
