"""Every whole conversation in tests/conversations/*.yml, held with the trained assistant.

One test a file; each also checks the properties every conversation must have (see
tests/conversation_runner.py). A failure shows the whole transcript and what was stored.
"""

from pathlib import Path

import pytest

from tests.conftest import start_assistant, stop_assistant
from tests.conversation_runner import (
    Outcome,
    Turn,
    asked_twice_problems,
    conversation_files,
    invented_problems,
    load,
    loop_problems,
    run_conversation,
    stored_problems,
    turn_problems,
)

FILES = conversation_files()


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_conversation(assistant, path):
    def restart():
        stop_assistant(assistant)
        assistant.process = start_assistant(assistant.workdir, assistant.env, *assistant.ports).process

    outcome = run_conversation(path, assistant.http, assistant.env, restart)
    known_failure = load(path).get("known_failure")
    if known_failure and not outcome.passed:
        pytest.xfail(f"{known_failure}\n{outcome.report()}")
    assert outcome.passed, outcome.report()


def test_every_conversation_file_follows_the_format():
    for path in FILES:
        conversation = load(path)
        turns = [turn for turn in conversation["turns"] if "say" in turn]
        assert 6 <= len(turns) <= 20, f"{path.name}: a whole conversation has 6 to 20 turns"
        assert "stored" in conversation, (
            f"{path.name}: say what is stored at the end ('stored: []' for nothing)"
        )


def fake(*turns, stored=()):
    outcome = Outcome(Path("fake.yml"), [Turn(said, [{"text": text}]) for said, text in turns])
    outcome.stored = list(stored)
    return outcome


def test_the_checks_catch_a_loop_a_detail_asked_twice_and_a_value_never_said():
    looping = fake(
        ("help", "Sorry, I didn't get that."),
        ("what?", "Here is the menu."),
        ("eh", "sorry, I didn't get  that."),
    )
    assert loop_problems(looping.turns) and not loop_problems(looping.turns[:2])

    events = [
        {"event": "user", "parse_data": {"intent": {"name": "inform"}}},
        {"event": "slot", "name": "phone", "value": "07700 900123"},
        {"event": "user", "parse_data": {"intent": {"name": "affirm"}}},
        {"event": "bot", "metadata": {"utter_action": "utter_ask_phone"}},
    ]
    assert asked_twice_problems(events, fake(("x", "y"), ("z", "w")))
    never_given = [event for event in events if event["event"] != "slot"]
    assert not asked_twice_problems(never_given, fake(("x", "y"), ("z", "w")))

    said = fake(("I'm Pat, ring me in the afternoon", "Hello"))
    assert (
        invented_problems(
            Outcome(said.path, said.turns, [{"full_name": "Pat", "contact_time": "afternoons"}])
        )
        == []
    )
    assert invented_problems(Outcome(said.path, said.turns, [{"full_name": "Pat Smith"}]))
    assert invented_problems(Outcome(said.path, said.turns, [{"phone": "07700 900123"}]))
    typed = fake(("aftanoons", "noted"))  # their spelling put right is what they said; another word is not
    assert invented_problems(Outcome(typed.path, typed.turns, [{"contact_time": "afternoons"}])) == []
    assert invented_problems(Outcome(typed.path, typed.turns, [{"contact_time": "evenings"}]))


def test_the_checks_read_what_a_person_notices_and_what_was_stored():
    turn = Turn(
        "hi", [{"text": "Hello! I\u2019m an automated assistant.", "buttons": [{"title": "Direct payments"}]}]
    )
    assert not turn_problems({"contains": ["i'm an AUTOMATED"], "buttons": ["direct payments"]}, turn)
    assert turn_problems({"lacks": ["automated"]}, turn)
    assert turn_problems({"buttons": ["Talk to a person"]}, turn)
    assert turn_problems({"urgent": True}, turn)
    assert not stored_problems(
        [{"full_name": "margaret", "email": None}], [{"full_name": "Margaret Hill", "email": ""}]
    )
    assert stored_problems([], [{"full_name": "Margaret Hill"}])
    assert stored_problems([{"full_name": "Joan"}], [{"full_name": "Margaret Hill"}])
