"""A forgotten conversation is deleted by the tracker store itself, whatever the channel.

The action puts the marker of bot/forget.py on its reply; saving that turn deletes every event of
the conversation, in the database and in the standby file, and keeps nothing. No model needed.
"""

import asyncio

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker

from bot.forget import FORGET_MARKER, forget_message
from bot.settings import settings
from bot.server.tracker_store import ProjectTrackerStore, asks_to_forget


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'conversations.db'}")
    monkeypatch.setenv("TRACKER_STANDBY_PATH", str(tmp_path / "standby.db"))
    return ProjectTrackerStore()


def conversation(sender: str, *turns) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, slots=[])
    for said, replies in turns:
        tracker.update(UserUttered(said))
        for reply in replies:
            tracker.update(reply)
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def stored_senders(store) -> list:
    with store.session_scope() as session:
        return sorted(set(session.execute(sa.text("select sender_id from events")).scalars()))


def test_the_turn_that_forgets_deletes_the_whole_conversation():
    store_turn = [BotUttered("I've deleted what you told me.", data={"custom": forget_message()})]
    assert asks_to_forget(conversation("a", ("forget me", store_turn)).events)
    assert not asks_to_forget(conversation("a", ("hello", [BotUttered("Hello")])).events)
    # the marker of an earlier turn does not forget the new conversation the resident started
    later = conversation("a", ("forget me", store_turn), ("hello again", [BotUttered("Hello")]))
    assert not asks_to_forget(later.events)
    # only the marker itself, not a look-alike
    look_alike = BotUttered("x", data={"custom": {FORGET_MARKER: "no"}})
    assert not asks_to_forget(conversation("a", ("x", [look_alike])).events)


def test_saving_a_forgotten_conversation_deletes_it_and_keeps_the_others(store):
    name = SlotSet("full_name", "Margaret Hill")
    asyncio.run(
        store.save(conversation("web:margaret", ("my name is Margaret Hill", [name, BotUttered("Thanks")])))
    )
    asyncio.run(store.save(conversation("web:priya", ("hello", [BotUttered("Hello")]))))
    assert stored_senders(store) == ["web:margaret", "web:priya"]

    tracker = asyncio.run(store.retrieve("web:margaret"))
    tracker.update(UserUttered("forget me"))
    tracker.update(BotUttered("Done: I've deleted what you told me.", data={"custom": forget_message()}))
    asyncio.run(store.save(tracker))

    assert stored_senders(store) == ["web:priya"]
    assert asyncio.run(store.retrieve("web:margaret")) is None
    fresh = asyncio.run(store.retrieve("web:priya"))
    assert fresh is not None and fresh.latest_message.text == "hello"


def test_a_conversation_kept_in_the_standby_is_forgotten_there_too(store, tmp_path):
    store.engine.dispose()
    store.engine = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'no.db'}")  # unreachable
    store.sessionmaker = sessionmaker(bind=store.engine)
    store._tables_ready = False
    asyncio.run(store.save(conversation("web:outage", ("my name is Margaret Hill", [BotUttered("Thanks")]))))
    assert "web:outage" in store.waiting

    tracker = conversation(
        "web:outage",
        ("my name is Margaret Hill", [BotUttered("Thanks")]),
        ("forget me", [BotUttered("Deleted.", data={"custom": forget_message()})]),
    )
    asyncio.run(store.save(tracker))
    assert "web:outage" not in store.waiting
    standby = store._standby_store()
    with standby.session_scope() as session:
        assert session.execute(sa.text("select count(*) from events")).scalar() == 0


def test_forget_me_reaches_a_conversation_another_replica_kept_during_an_outage(store, tmp_path, monkeypatch):
    """With replicas (make run-scaled) each keeps its own standby file beside TRACKER_STANDBY_PATH."""
    monkeypatch.setenv("TRACKER_STANDBY_PATH", str(tmp_path / "standby-5007.db"))
    settings.cache_clear()
    other_replica = ProjectTrackerStore()
    other_replica.engine.dispose()
    other_replica.engine = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'no.db'}")  # unreachable
    other_replica.sessionmaker = sessionmaker(bind=other_replica.engine)
    other_replica._tables_ready = False
    said = ("my name is Margaret Hill, RM17 6SL", [BotUttered("Thanks")])
    asyncio.run(other_replica.save(conversation("web:outage", said)))
    assert "web:outage" in other_replica.waiting and (tmp_path / "standby-5007.db").exists()

    assert store.forget("web:outage") == 3, "the events kept by the other replica were deleted"
    with other_replica._standby_store().session_scope() as session:
        assert session.execute(sa.text("select count(*) from events")).scalar() == 0
    assert store.last_message_times() == {}
