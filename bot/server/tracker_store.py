"""Rasa's SQL tracker store on DATABASE_URL (else var/tracker.db), that never quietly forgets.

One setting for both our tables and Rasa's conversations: `endpoints.yml` names this class, and
the database is chosen from the environment when the server starts.

Rasa 3.6 answers a database failure by starting the conversation again in memory (its
FailSafeTrackerStore): the resident is asked again for what they told us, and what they say
during the outage is gone when the server restarts. Here, instead, an unreachable database is
reported loudly (log and health check), conversations are kept in a standby SQLite file on local
disk, and they are copied back into the database, in order, as soon as it answers again.

A conversation whose latest turn carries the forget marker (bot/forget.py, put there by
`action_forget_me`) is deleted, wherever it is kept, instead of being saved: whatever channel it
came through. `python -m bot purge` deletes idle conversations with the same code.
"""

import logging
import re
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Text

import sqlalchemy
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot.forget import is_forget_message
from bot.settings import settings

logger = logging.getLogger(__name__)
# Conversations this process served last, kept (compressed: about 15 kB for 16 turns, where the
# tracker objects took about 70 kB for 5) so an outage does not restart them.
RECENT_CONVERSATIONS = 1000


class ProjectTrackerStore(SQLTrackerStore):
    """SQLTrackerStore on DATABASE_URL, with a local standby while the database is unreachable."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        for ignored in ("host", "db", "dialect"):  # endpoints.yml may name them; DATABASE_URL decides
            kwargs.pop(ignored, None)
        parsed = make_url(settings().tracker_database_url)
        if parsed.get_backend_name() == "sqlite":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
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
        # a database restart leaves dead connections in the pool: test each before use
        self.engine.dispose()
        self.engine = sqlalchemy.create_engine(
            self.engine.url,
            pool_pre_ping=True,
            hide_parameters=True,  # no resident's words in logs
            **create_engine_kwargs(self.engine.url),
        )
        self.sessionmaker = sessionmaker(bind=self.engine)
        self.standby_path = settings().tracker_standby_path
        self._standby: Optional[SQLTrackerStore] = None
        self._recent: "OrderedDict[Text, bytes]" = OrderedDict()
        self._tables_ready = False
        self.waiting: Set[Text] = set()  # conversations in the standby, not yet copied back
        if self.standby_path.exists():
            standby = self._standby_store()
            with standby.session_scope() as session:
                self.waiting = {row[0] for row in session.query(standby.SQLEvent.sender_id).distinct()}
        self.unreachable = bool(self.waiting)
        if self.waiting:
            logger.warning(
                "%d conversations kept during a database outage wait in %s; they will "
                "be copied back when the database answers",
                len(self.waiting),
                self.standby_path,
            )

    async def health(self) -> Dict[Text, Any]:
        """Whether conversations are kept in the database now; copies the standby back if it can."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            await self._reconnect()
        except SQLAlchemyError as error:
            self._report_unreachable(error)
            return {
                "status": "degraded",
                "tracker_store": "unreachable",
                "conversations_in_standby": len(self.waiting),
            }
        return {"status": "ok", "tracker_store": "ok"}

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrieve_or_standby(sender_id, full=False)

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrieve_or_standby(sender_id, full=True)

    async def _retrieve_or_standby(self, sender_id: Text, full: bool) -> Optional[DialogueStateTracker]:
        try:
            await self._reconnect()
            if full:
                return await super().retrieve_full_tracker(sender_id)
            return await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            self._report_unreachable(error)
        if sender_id in self.waiting:
            return await self._standby_store().retrieve(sender_id)
        kept = self._recent.get(sender_id)
        return None if kept is None else self.deserialise_tracker(sender_id, zlib.decompress(kept))

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asks_to_forget(tracker.events):
            self._forget_now(tracker.sender_id)
            return
        self._remember(tracker)
        try:
            await self._reconnect()
            if tracker.sender_id in self.waiting:  # the database came back during this turn
                await self._copy_back(tracker.sender_id)
            await super().save(tracker)
            return
        except SQLAlchemyError as error:
            self._report_unreachable(error)
        await self._standby_store().save(tracker)
        self.waiting.add(tracker.sender_id)

    def forget(self, sender_id: Text) -> int:
        """Deletes every event of one conversation, wherever it is kept; returns how many there were.

        Every replica's standby file is swept, not only this process's: a conversation may have
        been kept by another replica during an outage.
        """
        self._recent.pop(sender_id, None)
        self.waiting.discard(sender_id)
        deleted = sum(_delete_events(standby, sender_id) for standby in self._standby_stores())
        return deleted + _delete_events(self, sender_id)

    def last_message_times(self) -> Dict[Text, float]:
        """When each kept conversation last changed (database and every standby file), for the purge."""
        latest: Dict[Text, float] = {}
        for store in [self, *self._standby_stores()]:
            with store.session_scope() as session:
                rows = session.query(store.SQLEvent.sender_id, sqlalchemy.func.max(store.SQLEvent.timestamp))
                for sender_id, timestamp in rows.group_by(store.SQLEvent.sender_id):
                    latest[sender_id] = max(timestamp, latest.get(sender_id, timestamp))
        return latest

    def _forget_now(self, sender_id: Text) -> None:
        """A resident asked to be forgotten this turn: nothing of the conversation is kept."""
        try:
            self.forget(sender_id)
        except SQLAlchemyError as error:
            self._report_unreachable(error)
            logger.error(
                "A resident asked to be forgotten but the conversation database cannot be "
                "reached (%s): delete it by hand when it returns",
                type(error).__name__,
            )
            return
        logger.info("A conversation was deleted at the resident's request")

    async def _reconnect(self) -> None:
        """Creates the tables if the database was down at start; copies the standby back after an outage."""
        if not self._tables_ready:
            self.Base.metadata.create_all(self.engine)
            self._tables_ready = True
        if self.unreachable:
            for sender_id in sorted(self.waiting):
                await self._copy_back(sender_id)
            self.unreachable = False
            logger.warning(
                "The conversation database answers again; conversations kept meanwhile were copied back"
            )

    async def _copy_back(self, sender_id: Text) -> None:
        """Appends what was said during the outage to the conversation in the database."""
        kept = await self._standby_store().retrieve_full_tracker(sender_id)
        stored = await super().retrieve(sender_id)
        if kept is not None:
            if stored is None:
                await super().save(kept)
            else:
                latest = stored.events[-1].timestamp if stored.events else 0.0
                for event in kept.events:
                    if event.timestamp > latest:
                        stored.update(event)
                await super().save(stored)
        _delete_events(self._standby_store(), sender_id)
        self.waiting.discard(sender_id)

    def _report_unreachable(self, error: SQLAlchemyError) -> None:
        if not self.unreachable:
            logger.error(
                "CONVERSATION DATABASE UNREACHABLE (%s): conversations are kept in the standby "
                "file %s until it answers, then copied back. Check the database now.",
                type(error).__name__,
                self.standby_path,
            )
        self.unreachable = True

    def _remember(self, tracker: DialogueStateTracker) -> None:
        self._recent[tracker.sender_id] = zlib.compress(self.serialise_tracker(tracker).encode(), 1)
        self._recent.move_to_end(tracker.sender_id)
        while len(self._recent) > RECENT_CONVERSATIONS:
            self._recent.popitem(last=False)

    def _standby_store(self) -> SQLTrackerStore:
        if self._standby is None:
            self.standby_path.parent.mkdir(parents=True, exist_ok=True)
            self._standby = _sqlite_store(self.standby_path, self.domain)
        self._standby.domain = self.domain
        return self._standby

    def _standby_stores(self) -> List[SQLTrackerStore]:
        """This process's standby file and those of the other replicas that exist beside it."""
        stores = [self._standby_store()] if self.standby_path.exists() else []
        for path in replica_standby_files(self.standby_path):
            if path != self.standby_path:
                stores.append(_sqlite_store(path, self.domain))
        return stores


def replica_standby_files(path: Path) -> List[Path]:
    """The standby files of every replica: `<name>.db` and `<name>-<port>.db` in one folder.

    `make run-scaled` gives each replica `<TRACKER_STANDBY_PATH without .db>-<port>.db`, so that
    "forget me" and the purge, wherever they run, find conversations any replica kept.
    """
    base = re.sub(r"-\d+$", "", path.stem)
    name = re.compile(rf"{re.escape(base)}(-\d+)?{re.escape(path.suffix)}")
    if not path.parent.is_dir():
        return []
    return sorted(found for found in path.parent.iterdir() if name.fullmatch(found.name))


def _sqlite_store(path: Path, domain: Optional[Domain]) -> SQLTrackerStore:
    """Rasa's SQL tracker store on a local SQLite file, with no resident's words in error logs."""
    store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))
    store.engine.dispose()
    store.engine = sqlalchemy.create_engine(store.engine.url, hide_parameters=True)
    store.sessionmaker = sessionmaker(bind=store.engine)
    return store


def asks_to_forget(events: Iterable[Event]) -> bool:
    """Whether the latest turn (since the resident last spoke) said the conversation was forgotten."""
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and is_forget_message(event.data.get("custom")):
            return True
    return False


def _delete_events(store: SQLTrackerStore, sender_id: Text) -> int:
    with store.session_scope() as session:
        deleted = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
        session.commit()
        return deleted
