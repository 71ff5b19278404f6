"""Changes typed at the read-back that name no detail, and what residents said around them this round:
the topic, a part taken out, something put in, the help being for the writer; a correction never
kept as their need; a number refused never "still" theirs; "i like football" never a best time."""

import pytest

from actions.handover import ActionConfirmHandover, ActionChooseTopic
from actions.topics import TOPIC_TITLES
from bot.readback import ADD, FOR_ME, REMOVE, TOPIC, readback_edit, topics_named, with_addition, without_part
from bot.server.policies.yes_no_policy import answer_step
from tests.test_actions import run
from tests.test_request_actions import said, state
from tests.test_yes_no_policy import read_back_then

NEED = (
    "patient is Mr Derek Holt, 79, lives alone. hes struggling with the stairs and with bathing, "
    "and hes got gas bills unpaid. he knows im referring and hes agreed"
)
READY = {
    "handover_stage": "confirming",
    "share_consent": True,
    "handover_topic": "Direct payment responsibilities",
    "full_name": "Priya",
    "email": "priya.link@example.com",
    "asking_for": "professional",
    "cared_for_name": "Mr Derek Holt",
    "cared_for_postcode": "RM17 6SL",
    "need": NEED,
}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("take the gas bit out", REMOVE),
        ("leave out the bit about his son", REMOVE),
        ("dont mention the money please", REMOVE),
        ("put that he's 79 not 97", ADD),
        ("can you add that she is on insulin", ADD),
        ("and put number 14 on it or they wont know which house", ADD),
        ("its not about direct payments, its a complaint about the agency", TOPIC),
        ("it's a carers assessment, not direct payments", TOPIC),
        ("no its meant to be a COMPLAINT about the agency", TOPIC),
        ("NO the help is for ME not Susan", FOR_ME),
        ("not for my daughter, its for me", FOR_ME),
    ],
)
def test_a_change_in_their_words_is_read(text, kind):
    assert readback_edit(text).kind == kind


@pytest.mark.parametrize(
    "text", ["yes send it", "put it through please", "take it down here", "ok", "change"]
)
def test_a_yes_or_a_plain_change_is_no_edit(text):
    assert readback_edit(text) is None


def test_words_name_their_topics():
    assert topics_named("a complaint about the agency", TOPIC_TITLES) == ["give_feedback"]
    assert topics_named("needs assessment and direct payments", TOPIC_TITLES) == [
        "assessment_needs",
        "dp_how_to_get",
    ]
    assert topics_named("the thing we talked about", TOPIC_TITLES) == []


def test_a_part_is_taken_out_and_a_number_corrected():
    kept = without_part(NEED, "gas")
    assert "gas" not in kept and "stairs" in kept and "agreed" in kept
    assert without_part(NEED, "his son") is None  # not there: said so, nothing lost
    assert with_addition("he is 97, lives alone", "he's 79 not 97") == "he is 79, lives alone"
    assert with_addition(NEED, "he's 79 not 97") == NEED  # says 79 already
    assert with_addition("falls", "he is on insulin") == "falls. he is on insulin"


def test_typed_at_the_read_back_the_policy_makes_the_change_there():
    for text in ("take the gas bit out", "it's not direct payments it's an assessment"):
        assert answer_step(read_back_then(text)) == "action_confirm_handover"


def test_the_change_is_made_said_and_read_back():
    messages, events = run(
        ActionConfirmHandover(), state(dict(READY), said("take the gas bit out", "nlu_fallback"))
    )
    assert messages[0]["response"] == "utter_detail_updated" and "gas" not in messages[0]["value"]
    assert "gas" not in messages[-1]["readback"] and "stairs" in messages[-1]["readback"]
    assert {"event": "slot", "name": "need", "value": messages[0]["value"], "timestamp": None} in events

    messages, events = run(
        ActionConfirmHandover(),
        state(dict(READY), said("it's not direct payments it's an assessment", "review_challenge")),
    )
    assert "About: Needs assessment" in messages[-1]["readback"]
    messages, _ = run(
        ActionConfirmHandover(), state(dict(READY), said("take out the bit about his son", "deny"))
    )
    assert messages[0]["response"] == "utter_readback_part_not_found"
    assert "gas bills" in messages[-1]["readback"], "nothing taken out that they did not name"


def test_the_help_said_to_be_for_the_writer_moves_to_them():
    slots = {
        **READY,
        "asking_for": "family",
        "cared_for": "daughter",
        "cared_for_name": "Susan",
        "cared_for_postcode": "SS17 9BN",
        "cared_for_area": "Basildon",
    }
    messages, events = run(
        ActionConfirmHandover(), state(slots, said("NO the help is for ME not Susan", "deny"))
    )
    readback = messages[-1]["readback"]
    assert "Susan" not in readback and "Basildon" not in readback and "SS17 9BN" in readback
    assert {"event": "slot", "name": "asking_for", "value": "self", "timestamp": None} in events


def test_a_topic_chosen_at_the_read_back_keeps_the_concern_first():
    concern = {"kind": "someone_else", "their_words": ["he said i wont have to worry about him much longer"]}
    chose = said(
        "/update_detail", "update_detail", entities=[{"entity": "topic", "value": "assessment_needs"}]
    )
    _, events = run(
        ActionChooseTopic(), state({"handover_stage": "confirming", "concerns": [concern]}, chose)
    )
    topic = next(e["value"] for e in events if e.get("name") == "handover_topic")
    assert topic.startswith("Risk of suicide") and topic.endswith("Needs assessment")


def test_saying_whose_a_detail_is_changes_no_topic():
    """Ade: "just so it's clear the email is mine not Chloe's" showed the topics to choose from."""
    assert readback_edit("just so it's clear the email is mine not Chloe's, she doesn't have one") is None
    assert readback_edit("it's about his care, not the money").kind == TOPIC
