"""Rasa's SQL tracker store, pointed at DATABASE_URL when it is set (else SQLite under var/).

One setting for both our tables and Rasa's conversations: `endpoints.yml` names this class, and
the database is chosen from the environment when the server starts.
"""

import os
from typing import Any, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url


class ProjectTrackerStore(SQLTrackerStore):
    """SQLTrackerStore on DATABASE_URL, or on the SQLite file named in endpoints.yml."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        event_broker: Optional[EventBroker] = None,
        db: Text = "var/tracker.db",
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)  # Rasa passes the endpoint's url as host; we use DATABASE_URL
        url = os.environ.get("DATABASE_URL")
        if not url:
            super().__init__(domain=domain, event_broker=event_broker, dialect="sqlite", db=db, **kwargs)
            return
        parsed = make_url(url)
        super().__init__(
            domain=domain,
            event_broker=event_broker,
            dialect=parsed.drivername,
            host=parsed.host,
            port=parsed.port,
            db=parsed.database,
            username=parsed.username,
            password=parsed.password,
            query=dict(parsed.query) or None,
            **kwargs,
        )

    def forget(self, sender_id: Text) -> int:
        """Deletes every event of one conversation; returns how many there were."""
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
            return deleted
