"""`python -m bot purge --older-than 90d`: old personal data goes; recent data and pending handovers stay."""

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.store.database import Database
from bot.store.feedback import list_feedback, record_feedback
from bot.store.handovers import create_handover, list_handovers
from tests.conftest import PROJECT_DIR

FIELDS = {
    "topic": "Needs assessment",
    "summary": "- Asked: washing",
    "full_name": "Margaret Hill",
    "phone": "07700 900123",
    "postcode": "RM17 6SL",
    "need": "Help to wash",
}


def add_events(store: SQLTrackerStore, sender: str, days_ago: float, count: int = 3) -> None:
    with store.session_scope() as session:
        for _ in range(count):
            when = time.time() - days_ago * 86400
            session.add(
                store.SQLEvent(
                    sender_id=sender,
                    type_name="user",
                    timestamp=when,
                    data=json.dumps({"event": "user", "timestamp": when, "text": "hi"}),
                )
            )
        session.commit()


def test_purge_removes_only_what_is_older_than_the_retention_period(tmp_path):
    url = f"sqlite:///{tmp_path / 'all.db'}"
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "all.db"))
    add_events(store, "web:old", days_ago=120)
    add_events(store, "web:recent", days_ago=120)
    add_events(store, "web:recent", days_ago=2, count=1)  # still talking: the whole conversation stays
    standby = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "standby.db"))  # kept during an outage
    add_events(standby, "web:outage-old", days_ago=100, count=2)
    add_events(store, "web:outage-recent", days_ago=120)
    add_events(standby, "web:outage-recent", days_ago=1, count=1)  # its latest turn waits in the standby
    database = Database(url)
    old, recent = datetime.utcnow() - timedelta(days=100), datetime.utcnow() - timedelta(days=5)
    sent_old = create_handover(database, "web:old", FIELDS, [], now=old)
    pending_old = create_handover(database, "web:old", FIELDS, ["email"], now=old)
    sent_recent = create_handover(database, "web:recent", FIELDS, [], now=recent)
    saved_old = create_handover(
        database, "web:old", FIELDS, [], now=old
    )  # for staff to read, nothing delivers it
    with database.session() as session:
        session.execute(
            sa.text("update handovers set status = 'sent' where reference in (:a, :b)"),
            {"a": sent_old.reference, "b": sent_recent.reference},
        )
    record_feedback(database, "web:old", "rating", now=old, rating=4, comment="fine", contact="Margaret Hill")
    record_feedback(database, "web:recent", "rating", now=recent, rating=5, contact="Priya Patel")

    done = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "90d"],
        cwd=PROJECT_DIR,
        env={
            "DATABASE_URL": url,
            "TRACKER_STANDBY_PATH": str(tmp_path / "standby.db"),
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Removed 5 events of 2 conversation(s)" in done.stdout

    with store.session_scope() as session:
        senders = sorted(session.execute(sa.text("select sender_id from events")).scalars())
    assert senders == ["web:outage-recent"] * 3 + ["web:recent"] * 4
    with standby.session_scope() as session:
        senders = sorted(session.execute(sa.text("select sender_id from events")).scalars())
    assert senders == ["web:outage-recent"], "the standby file is purged too"
    handovers = {h["reference"]: h for h in list_handovers(database)}
    assert (
        handovers[sent_old.reference]["full_name"] is None and handovers[sent_old.reference]["phone"] is None
    )
    assert handovers[sent_old.reference]["topic"] == "Needs assessment"
    assert handovers[pending_old.reference]["full_name"] == "Margaret Hill", "not yet with Thurrock First"
    assert handovers[saved_old.reference]["full_name"] is None, "saved for staff: with Thurrock First, purged"
    assert handovers[sent_recent.reference]["phone"] == "07700 900123"
    feedback = list_feedback(database)
    assert [(f["rating"], f["contact"]) for f in feedback] == [(4, None), (5, "Priya Patel")]


def test_a_wrong_age_is_refused_clearly():
    done = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "ninety"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "like 90d" in done.stderr


def test_without_an_age_purge_keeps_the_retention_period_the_privacy_notice_states(tmp_path):
    url = f"sqlite:///{tmp_path / 'all.db'}"
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "all.db"))
    add_events(store, "web:a-month-ago", days_ago=31)
    add_events(store, "web:last-week", days_ago=7)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "purge"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        env={"DATABASE_URL": url, "RETENTION_DAYS": "30", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    with store.session_scope() as session:
        assert set(session.execute(sa.text("select sender_id from events")).scalars()) == {"web:last-week"}
