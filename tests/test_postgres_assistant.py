"""The whole assistant on PostgreSQL (DATABASE_URL): conversations, details and handovers kept there."""

import pytest
import sqlalchemy as sa

from tests.conftest import assistant_environment, postgres_url, start_assistant, stop_assistant, texts
from tests.test_tell_us_once import MARGARET, REFERENCE

RASA_PORT, ACTIONS_PORT = 5106, 5156


@pytest.fixture(scope="module")
def postgres_assistant(tmp_path_factory, mailbox):
    url = postgres_url()
    workdir = tmp_path_factory.mktemp("postgres-assistant")
    running = start_assistant(workdir, assistant_environment(url, mailbox), RASA_PORT, ACTIONS_PORT)
    yield running
    stop_assistant(running)


def test_on_postgresql_details_and_handovers_are_kept_across_a_restart(postgres_assistant, sender):
    assistant = postgres_assistant
    for line in (
        MARGARET,
        "what is a needs assessment",
        "call me back",
        "yes",
        "for myself",
        "mornings",
        "/deny",
        "Help at home",
    ):
        assistant.say(sender, line)
    reference = REFERENCE.search(texts(assistant.say(sender, "yes"))).group(0)

    engine = sa.create_engine(assistant.env["DATABASE_URL"])
    with engine.connect() as connection:
        events = connection.execute(
            sa.text("select count(*) from events where sender_id = :s"), {"s": sender}
        ).scalar_one()
        row = connection.execute(
            sa.text("select full_name, postcode, phone from handovers where reference = :r"), {"r": reference}
        ).one()
    assert events > 10, "the conversation is in PostgreSQL"
    assert tuple(row) == ("Margaret Hill", "RM17 6SL", "07700 900123")
    assert not (assistant.workdir / "front_door.db").exists()

    stop_assistant(assistant)
    restarted = start_assistant(assistant.workdir, assistant.env, *assistant.ports)
    assistant.process = restarted.process
    shown = texts(assistant.say(sender, "what do you know about me"))
    assert "Margaret Hill" in shown and "07700 900123" in shown
