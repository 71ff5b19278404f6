"""Handovers and their outbox, on SQLite and on a real PostgreSQL server, with a real SMTP server."""

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest
import sqlalchemy as sa

from bot.outbox.worker import Outbox, OutboxSettings, email_text
from bot.store.database import Database
from bot.store.handovers import (
    add_note,
    conversation_handovers,
    create_handover,
    find_handover,
    forget_conversation,
    list_handovers,
)
from bot.store.models import Base
from bot.store.spool import import_spool, store_or_spool
from tests.conftest import postgres_url

FIELDS = {
    "topic": "Needs assessment",
    "urgency": "routine",
    "channel": "rest",
    "communication_needs": "BSL interpreter",
    "full_name": "Margaret Hill",
    "phone": "07700 900123",
    "postcode": "RM17 6SL",
    "need": "Help to get washed",
    "summary": "- Asked: needs assessment",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield Database(f"sqlite:///{tmp_path / 'store.db'}")
        return
    database = Database(postgres_url())
    yield database
    Base.metadata.drop_all(database.engine)
    with (
        database.engine.begin() as connection
    ):  # and the migrations' record, so the next test migrates afresh
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def settings(mailbox, **overrides):
    values = dict(
        email_to="thurrock.first@example.test",
        smtp_host="127.0.0.1",
        smtp_port=mailbox.port,
        first_retry_seconds=10,
        longest_retry_seconds=40,
    )
    values.update(overrides)
    return OutboxSettings(**values)


def test_references_count_up_each_day_and_never_repeat(database):
    day = datetime(2030, 11, 22, 10, 0)  # a day no live test uses
    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(lambda i: create_handover(database, f"web:{i}", FIELDS, [], now=day), range(8)))
    references = sorted(h.reference for h in made)
    assert references == [f"TF-20301122-{n:04d}" for n in range(1, 9)]
    assert (
        create_handover(database, "web:x", FIELDS, [], now=day + timedelta(days=1)).reference
        == "TF-20301123-0001"
    )


def test_every_field_is_kept_and_listed_oldest_first(database):
    first = create_handover(database, "web:a", FIELDS, ["email"], now=datetime(2026, 1, 1))
    create_handover(
        database, "web:b", {**FIELDS, "full_name": "Priya Patel"}, ["email"], now=datetime(2026, 1, 2)
    )
    listed = list_handovers(database)
    assert [h["full_name"] for h in listed] == ["Margaret Hill", "Priya Patel"]
    shown = find_handover(database, first.reference.lower())
    assert {k: shown[k] for k in FIELDS} == FIELDS
    assert shown["status"] == "pending" and shown["deliveries"][0]["method"] == "email"


def test_delivery_fails_while_smtp_is_down_then_is_sent_once_it_is_back(database, mailbox):
    handover = create_handover(database, "web:a", FIELDS, ["email"], now=datetime(2026, 1, 1, 9))
    mailbox.stop()
    try:
        outbox = Outbox(database, settings(mailbox))
        assert outbox.deliver_due(now=datetime(2026, 1, 1, 9, 0, 1)) == 0
        failed = find_handover(database, handover.reference)
        assert failed["status"] == "failed" and failed["deliveries"][0]["attempts"] == 1
        assert failed["deliveries"][0]["next_attempt_at"] == "2026-01-01T09:00:11Z"
        # Not due yet: nothing is tried; the wait then doubles after a second failure.
        assert outbox.deliver_due(now=datetime(2026, 1, 1, 9, 0, 5)) == 0
        assert find_handover(database, handover.reference)["deliveries"][0]["attempts"] == 1
        outbox.deliver_due(now=datetime(2026, 1, 1, 9, 0, 11))
        assert (
            find_handover(database, handover.reference)["deliveries"][0]["next_attempt_at"]
            == "2026-01-01T09:00:31Z"
        )
    finally:
        mailbox.start()
    before = len(mailbox.messages)
    assert outbox.deliver_due(now=datetime(2026, 1, 1, 9, 1)) == 1
    sent = find_handover(database, handover.reference)
    assert sent["status"] == "sent" and sent["deliveries"][0]["last_error"] is None
    assert len(mailbox.messages) == before + 1
    body = mailbox.messages[-1].get_content()
    assert body.startswith("COMMUNICATION NEEDS: BSL interpreter")
    assert "Margaret Hill" in body and "RM17 6SL" in body and "07700 900123" in body
    # Sent once: a later run sends nothing again.
    assert outbox.deliver_due(now=datetime(2026, 1, 1, 10)) == 0


def test_forget_withdraws_unsent_requests_keeps_those_with_thurrock_first_and_never_reuses_a_reference(
    database, mailbox
):
    """A request already sent, or saved for staff (nothing delivers it), stays with Thurrock First, as
    the resident is told; one not yet sent is withdrawn: what they said is gone, nothing is sent, and
    its reference is never given to the next resident (it was, and staff found someone else's)."""
    day = datetime(2026, 1, 3, 9)
    sent = create_handover(database, "web:forget", FIELDS, ["email"], now=day)
    Outbox(database, settings(mailbox)).deliver_due(now=day)
    waiting = create_handover(database, "web:forget", FIELDS, ["email"], now=day + timedelta(hours=1))
    saved = create_handover(database, "web:forget", FIELDS, [], now=day + timedelta(hours=2))
    create_handover(database, "web:other", FIELDS, [], now=day)
    assert forget_conversation(database, "web:forget") == {"sent": 1, "saved": 1}
    assert find_handover(database, sent.reference)["full_name"] == "Margaret Hill"
    assert find_handover(database, saved.reference)["full_name"] == "Margaret Hill"
    withdrawn = find_handover(database, waiting.reference)
    assert withdrawn["status"] == "withdrawn" and withdrawn["deliveries"] == []
    assert not any(
        value == FIELDS.get(name)
        for name, value in withdrawn.items()
        if name in ("full_name", "phone", "postcode", "need")
    )
    assert Outbox(database, settings(mailbox)).deliver_due(now=day + timedelta(hours=3)) == 0
    after = create_handover(database, "web:next", FIELDS, [], now=day + timedelta(hours=4))
    assert after.reference not in (sent.reference, waiting.reference, saved.reference)


def test_urgent_handovers_say_so_first():
    text = email_text(
        {**FIELDS, "urgency": "urgent", "reference": "TF-1", "created_at": "now", "communication_needs": ""}
    )
    assert text.startswith("URGENT")


class Receiver(BaseHTTPRequestHandler):
    """A stand-in for Thurrock First's case system: accepts handovers as JSON, or refuses them."""

    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Authorization") != "Bearer case-system-token":
            self.send_response(401)
        else:
            type(self).received.append(json.loads(body))
            self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_webhook_delivery_is_retried_until_the_case_system_accepts_it(database):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/handovers"
        handover = create_handover(database, "web:hook", FIELDS, ["webhook"], now=datetime(2030, 2, 1, 9))
        outbox = Outbox(
            database,
            OutboxSettings(webhook_url=url, webhook_token="case-system-token", first_retry_seconds=5),
        )
        Receiver.status = 503
        assert outbox.deliver_due(now=datetime(2030, 2, 1, 9, 0, 1)) == 0
        failed = find_handover(database, handover.reference)
        assert failed["status"] == "failed" and "503" in failed["deliveries"][0]["last_error"]
        Receiver.status = 200
        assert outbox.deliver_due(now=datetime(2030, 2, 1, 9, 1)) == 1
        assert find_handover(database, handover.reference)["status"] == "sent"
        posted = Receiver.received[-1]
        assert posted["reference"] == handover.reference
        assert (posted["full_name"], posted["phone"], posted["postcode"]) == (
            "Margaret Hill",
            "07700 900123",
            "RM17 6SL",
        )
        assert posted["communication_needs"] == "BSL interpreter" and posted["summary"]
    finally:
        server.shutdown()


def test_a_handover_made_while_the_database_is_down_is_spooled_then_stored_and_sent(
    tmp_path, monkeypatch, mailbox
):
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))

    def down():
        return Database("postgresql://nobody:x@127.0.0.1:1/none")  # nothing listens on port 1

    reference = store_or_spool(down, "web:spooled", FIELDS, ["email"], datetime(2030, 3, 1, 9))
    assert re.fullmatch(r"TF-20300301-S[0-9A-F]{4}", reference)
    assert [p.name for p in (tmp_path / "spool").iterdir()] == [f"{reference}.json"]

    database = Database(f"sqlite:///{tmp_path / 'back.db'}")  # the database is back
    assert import_spool(database) == 1 and not list((tmp_path / "spool").glob("*.json"))
    Outbox(database, settings(mailbox)).deliver_due(now=datetime(2030, 3, 1, 9, 5))
    stored = find_handover(database, reference)
    assert stored["status"] == "sent" and stored["full_name"] == "Margaret Hill"
    assert any(reference in m["Subject"] for m in mailbox.messages)


def test_a_note_added_after_sending_follows_its_handover_by_email(database, mailbox):
    day = datetime(2026, 1, 5, 9)
    handover = create_handover(database, "web:note", FIELDS, ["email"], now=day)
    create_handover(database, "web:someone-else", FIELDS, ["email"], now=day)
    add_note(database, handover.reference, "He is on insulin, twice a day", now=day)
    mine = conversation_handovers(database, "web:note")
    assert [h["reference"] for h in mine] == [handover.reference]
    assert mine[0]["notes"][0]["text"] == "He is on insulin, twice a day"
    assert mine[0]["notes"][0]["status"] == "pending"
    before = len(mailbox.messages)
    outbox = Outbox(database, settings(mailbox))
    mailbox.stop()
    try:  # the handover cannot go, so its note waits: Thurrock First never gets a note first
        outbox.deliver_due(now=day)
        assert find_handover(database, handover.reference)["notes"][0]["status"] == "pending"
    finally:
        mailbox.start()
    outbox.deliver_due(now=day + timedelta(minutes=5))
    outbox.deliver_due(now=day + timedelta(minutes=5))
    subjects = [m["Subject"] for m in mailbox.messages[before:]]
    assert any(s.startswith("Front Door handover " + handover.reference) for s in subjects)
    follow_up = next(m for m in mailbox.messages[before:] if m["Subject"].startswith("Follow-up"))
    assert handover.reference in follow_up["Subject"] and "He is on insulin" in follow_up.get_content()
    assert find_handover(database, handover.reference)["notes"][0]["status"] == "sent"
    assert outbox.deliver_due(now=day + timedelta(hours=1)) == 0  # each sent once
