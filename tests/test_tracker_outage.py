"""The conversation database (PostgreSQL) unreachable at start, mid-conversation and across a restart.

Rasa 3.6 would quietly start such conversations again in memory. Ours says so loudly, remembers
what residents told it, and copies every turn back into the database, in order, when it returns.
"""

import json
from typing import List

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.conftest import assistant_environment, postgres_url, start_assistant, stop_assistant, texts
from tests.tcp_switch import TcpSwitch

RASA_PORT, ACTIONS_PORT = 5108, 5159
INTRODUCTION = "Hello, my name is Margaret Hill and my postcode is RM17 6SL"


@pytest.fixture(scope="module")
def database_link():
    url = make_url(postgres_url())
    link = TcpSwitch((url.host, url.port or 5432))
    yield link, url
    link.close()


@pytest.fixture(scope="module")
def assistant_without_database(tmp_path_factory, mailbox, database_link):
    """An assistant whose PostgreSQL is unreachable when it starts."""
    link, url = database_link
    workdir = tmp_path_factory.mktemp("tracker-outage")
    env = assistant_environment(str(url.set(host="127.0.0.1", port=link.port)), mailbox)
    env["TRACKER_STANDBY_PATH"] = str(workdir / "tracker-standby.db")
    env["SPOOL_DIR"] = str(workdir / "spool")
    running = start_assistant(workdir, env, RASA_PORT, ACTIONS_PORT)
    yield running
    stop_assistant(running)


def user_messages(url, sender: str) -> List[str]:
    """What one resident said, in the order the database holds it."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("select data from events where sender_id = :s and type_name = 'user' order by id"),
            {"s": sender},
        ).scalars()
        said = [json.loads(row)["text"] for row in rows]
    engine.dispose()
    return said


def test_unreachable_at_start_is_loud_and_nothing_said_meanwhile_is_lost(
    assistant_without_database, database_link, sender
):
    assistant, (link, url) = assistant_without_database, database_link
    health = assistant.http.get("/webhooks/rest/")
    assert health.status_code == 503 and health.json()["tracker_store"] == "unreachable"

    said = [INTRODUCTION, "what is a direct payment", "what do you know about me"]
    replies = [texts(assistant.say(sender, line)) for line in said]
    assert "Margaret Hill" in replies[-1] and "RM17 6SL" in replies[-1], "still remembered"
    assert "CONVERSATION DATABASE UNREACHABLE" in assistant.log()
    assert assistant.http.get("/webhooks/rest/").json()["conversations_in_standby"] >= 1

    assistant.say(sender, "forget me")
    refused = assistant.say(sender, "/affirm")
    assert "can't delete" in texts(refused), "never claims to have deleted what it could not"
    assert not any((r.get("custom") or {}).get("conversation_forgotten") for r in refused)
    said += ["forget me", "/affirm"]

    link.turn_on()
    health = assistant.http.get("/webhooks/rest/")
    assert health.status_code == 200, "the health check copies the standby back once it can"
    assert user_messages(url, sender) == said, "every turn in the database, once, in order"


def test_cut_mid_conversation_and_restarted_during_the_outage_it_carries_on(
    assistant_without_database, database_link, sender
):
    assistant, (link, url) = assistant_without_database, database_link
    link.turn_on()
    assistant.say(sender, INTRODUCTION)

    link.turn_off()
    during = ["what is a carer's assessment", "what do you know about me"]
    shown = [texts(assistant.say(sender, line)) for line in during][-1]
    assert "Margaret Hill" in shown, "what was said before the outage is not asked again"

    stop_assistant(assistant)  # restarted while the database is still away
    link.turn_on()
    restarted = start_assistant(assistant.workdir, assistant.env, *assistant.ports)
    assistant.process = restarted.process
    assert assistant.http.get("/webhooks/rest/").status_code == 200
    assert user_messages(url, sender) == [INTRODUCTION, *during]
    shown = texts(assistant.say(sender, "what do you know about me"))
    assert "Margaret Hill" in shown and "RM17 6SL" in shown
