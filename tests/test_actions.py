"""Custom actions run on their own, as RasaHQ's financial-demo tests them: a tracker built with
`Tracker.from_dict`, a `CollectingDispatcher`, and the real project database (SQLite in a temporary
folder). No model, no server: what a resident would be told, and what would be stored."""

import asyncio
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.details import ActionForgetMe, ActionShowDetails, ActionUpdateDetail
from actions.feedback import ValidateFeedbackForm, ValidateMissingForm
from actions.handover import ActionConfirmHandover, ActionSubmitHandover
from bot.forget import FORGET_MARKER
from bot.settings import settings
from bot.store.database import Database, shared_database
from bot.store.handovers import create_handover, list_handovers

SENDER = "web:margaret"
MARGARET = {
    "full_name": "Margaret Hill",
    "postcode": "RM17 6SL",
    "phone": "07700 900123",
    "communication_needs": ["large print"],
}


def tracker(slots: Dict[str, Any], events: Optional[List[Dict]] = None, text: str = "") -> Tracker:
    latest = {"text": text, "intent": {"name": "", "confidence": 1.0}, "entities": []}
    return Tracker.from_dict(
        {
            "sender_id": SENDER,
            "slots": slots,
            "latest_message": latest,
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def run(action, state: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, state, {}))
    return dispatcher.messages, events


@pytest.fixture
def database(tmp_path, monkeypatch) -> Database:
    """The project database the actions open (DATABASE_URL), fresh for each test."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'front_door.db'}")
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    shared_database.cache_clear()
    yield shared_database()
    shared_database.cache_clear()


def test_show_details_lists_what_is_held_and_says_when_nothing_is():
    [message], _ = run(ActionShowDetails(), tracker(MARGARET))
    assert message["response"] == "utter_your_details"
    shown = message["details"]
    assert "Margaret Hill" in shown and "RM17 6SL" in shown and "large print" in shown
    [message], _ = run(ActionShowDetails(), tracker({"full_name": None, "communication_needs": []}))
    assert message["response"] == "utter_no_details"


def test_what_you_know_about_me_shows_a_worry_told_as_well(database):
    """Joan asked "what do you have saved about me": only "The help is for: your husband" was shown,
    and then the read-back quoted what she had said about him hitting her."""
    worry = {"kind": "abuse", "their_words": ["he hits me when hes confused, i have a bruise"]}
    messages, _ = run(ActionShowDetails(), tracker({"asking_for": "family", "concerns": [worry]}))
    shown = [m for m in messages if m["response"] == "utter_your_worries"]
    assert shown and "he hits me when hes confused" in shown[0]["worries"]


def test_change_something_pressed_after_seeing_the_details_asks_which_one():
    """'Change something' under 'what do you have about me': a button for each detail held, and
    never the form with nothing to ask (which answered with silence)."""
    [message], events = run(
        ActionUpdateDetail(), tracker({**MARGARET, "detail_to_change": None}, text="/update_detail")
    )
    assert message["response"] == "utter_ask_what_to_change"
    titles = [button["title"] for button in message["buttons"]]
    assert "Name" in titles and "Communication needs" in titles and "What it's about" not in titles
    assert not any(event.get("event") == "followup" for event in events)


def test_the_readback_needs_consent_and_shows_what_will_be_sent():
    [message], events = run(ActionConfirmHandover(), tracker({**MARGARET, "share_consent": False}))
    assert message["response"] == "utter_handover_not_shared"
    [message], events = run(
        ActionConfirmHandover(),
        tracker(
            {
                **MARGARET,
                "share_consent": True,
                "handover_topic": "Needs assessment",
                "handover_urgency": "urgent",
            }
        ),
    )
    assert message["response"] == "utter_handover_readback_saved"  # no delivery set up here
    assert message["readback"].startswith("• Urgent") and "Needs assessment" in message["readback"]
    assert "07700 900123" in message["readback"]
    assert {"event": "slot", "name": "handover_stage", "value": "confirming", "timestamp": None} in events


def test_with_nothing_to_deliver_it_the_readback_never_promises_a_call(monkeypatch):
    """No email or webhook set up: the read-back says the request is saved and they must phone, as
    the confirmation will (it said "I'll ask them to contact you by phone", then "please phone them")."""
    slots = {**MARGARET, "share_consent": True, "handover_topic": "Needs assessment"}
    for variable in ("HANDOVER_EMAIL_TO", "HANDOVER_WEBHOOK_URL"):
        monkeypatch.delenv(variable, raising=False)
    settings.cache_clear()
    [message], _ = run(ActionConfirmHandover(), tracker(slots))
    assert "isn't sent to Thurrock First by itself" in message["readback"]
    assert "ask them to contact you" not in message["readback"]
    assert message["response"] == "utter_handover_readback_saved"  # "I'll save", never "I'll send"
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")
    settings.cache_clear()
    [message], _ = run(ActionConfirmHandover(), tracker(slots))
    assert "I'll ask them to contact you by phone on 07700 900123" in message["readback"]
    assert message["response"] == "utter_handover_readback"
    settings.cache_clear()


def test_submitting_stores_the_handover_and_gives_its_reference(database, monkeypatch):
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")  # a delivery is configured
    settings.cache_clear()
    state = tracker(
        {
            **MARGARET,
            "share_consent": True,
            "handover_stage": "confirming",
            "handover_topic": "Needs assessment",
            "handover_urgency": "routine",
        }
    )
    messages, _ = run(ActionSubmitHandover(), state)
    [stored] = list_handovers(database)
    assert messages[0]["response"] == "utter_handover_sent"
    assert messages[0]["reference"] == stored["reference"]
    assert (stored["full_name"], stored["phone"], stored["postcode"]) == (
        "Margaret Hill",
        "07700 900123",
        "RM17 6SL",
    )
    assert stored["communication_needs"] == "large print" and stored["topic"] == "Needs assessment"


def test_nothing_is_sent_without_consent_or_outside_the_readback(database):
    for slots in (
        {"share_consent": False, "handover_stage": "confirming"},
        {"share_consent": True, "handover_stage": "collecting"},
    ):
        [message], _ = run(ActionSubmitHandover(), tracker({**MARGARET, **slots}))
        assert message["response"] == "utter_menu"
    assert list_handovers(database) == []


def test_forget_me_withdraws_unsent_handovers_and_marks_the_reply_for_the_tracker_store(database):
    create_handover(database, SENDER, {"topic": "Needs assessment", "full_name": "Margaret Hill"}, ["email"])
    messages, events = run(ActionForgetMe(), tracker(MARGARET))
    assert messages[0]["response"] == "utter_forgotten"
    assert messages[0]["custom"] == {FORGET_MARKER: True}, (
        "the tracker store deletes the conversation on this"
    )
    [withdrawn] = list_handovers(database)
    assert withdrawn["status"] == "withdrawn" and withdrawn["full_name"] is None
    assert [event["event"] for event in events] == ["reset_slots"]


def test_forget_me_says_plainly_that_a_request_saved_for_staff_is_kept_never_that_it_was_sent(database):
    """Jordan was told his request was "not sent", then after "delete it all": "Thurrock First already
    has the request you sent them". A saved one is kept (staff read it), and said to be saved."""
    create_handover(database, SENDER, {"topic": "Possible abuse", "full_name": "Jordan Lee"}, [])
    messages, _ = run(ActionForgetMe(), tracker(MARGARET))
    assert [message["response"] for message in messages] == ["utter_forgotten", "utter_forgotten_but_saved"]
    assert list_handovers(database)[0]["full_name"] == "Jordan Lee"


def test_forget_me_never_claims_it_forgot_when_the_database_is_away(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:x@127.0.0.1:1/none")  # nothing listens on port 1
    shared_database.cache_clear()
    try:
        messages, events = run(ActionForgetMe(), tracker(MARGARET))
    finally:
        shared_database.cache_clear()
    assert [message["response"] for message in messages] == ["utter_forget_failed"]
    assert not any(message.get("custom") for message in messages) and events == []


def test_details_given_inside_a_question_are_noted_after_the_answer_once():
    from actions.feedback import ActionAskHelpful

    question = "Hi I'm Raj Mistry, my dad Frank lives in Corringham and needs help with shopping"
    state = Tracker.from_dict(
        {
            "sender_id": SENDER,
            "slots": {"full_name": "Raj Mistry", "cared_for": "dad", "cared_for_name": "Frank"},
            "latest_message": {
                "text": question,
                "intent": {"name": "local_area_coordinators", "confidence": 0.9},
                "entities": [
                    {"entity": "person_name", "value": "Raj Mistry"},
                    {"entity": "cared_for", "value": "dad"},
                    {"entity": "person_name", "role": "cared_for", "value": "Frank"},
                ],
            },
            "events": [],
            "active_loop": {},
        }
    )
    messages, _ = run(ActionAskHelpful(), state)
    assert messages[0]["response"] == "utter_details_noted_in_passing"
    assert "your name" in messages[0]["noted"] and "your dad's name" in messages[0]["noted"]
    quiet = tracker({"full_name": "Raj Mistry"}, text="what is a direct payment")
    messages, _ = run(ActionAskHelpful(), quiet)
    assert all(m["response"] != "utter_details_noted_in_passing" for m in messages), (
        "nothing new: nothing said"
    )


def test_forget_one_detail_takes_off_that_detail_only():
    """'forget my email please, they can phone' takes the email off (never asked again), keeps the rest,
    and does not offer to delete everything."""
    state = tracker(
        {**MARGARET, "email": "m@example.com", "detail_to_change": "email"},
        text="can you forget my email please, i'd rather they just phone",
    )
    [message], events = run(ActionUpdateDetail(), state)
    assert message["response"] == "utter_detail_removed" and message["detail"] == "your email address"
    assert {"event": "slot", "timestamp": None, "name": "email", "value": "declined"} in events
    assert not any(event.get("name") == "phone" for event in events)


def test_a_change_and_send_it_in_one_message_changes_it_and_sends_it(database):
    """'my number is 07700 900999, then yes send it' at the read-back: changed, said, and sent; a
    plain change reads back again; 'don't send it yet' never sends."""
    slots = {
        **MARGARET,
        "phone": "07700 900999",
        "share_consent": True,
        "handover_stage": "confirming",
        "handover_topic": "Needs assessment",
    }

    def said(text):
        state = tracker(slots, text=text)
        state.latest_message["entities"] = [{"entity": "phone", "value": "07700 900999"}]
        return state

    _, events = run(ActionConfirmHandover(), said("my number is 07700 900999, then yes send it"))
    assert {"event": "followup", "timestamp": None, "name": "action_submit_handover"} in events
    messages, _ = run(ActionSubmitHandover(), said("my number is 07700 900999, then yes send it"))
    assert [m["response"] for m in messages][:2] == ["utter_detail_updated", "utter_handover_saved"]
    [stored] = list_handovers(database)
    assert stored["phone"] == "07700 900999"
    for text in ("my number is 07700 900999", "my number is 07700 900999, don't send it yet"):
        [message], events = run(ActionConfirmHandover(), said(text))
        assert message["response"] == "utter_handover_readback_saved", text


def test_an_urgent_request_keeps_what_the_person_asked_about_after_the_concern():
    from actions.handover import request_topic

    concern = {"kind": "self_harm", "urgency": "urgent", "their_words": ["some days"]}
    events = [
        {"event": "user", "text": "can i get a direct payment for my son"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_dp_what"}},
        {"event": "user", "text": "can someone call me"},
    ]
    state = tracker({"concerns": [concern]}, events=events, text="can someone call me")
    assert (
        request_topic(state)
        == "Risk of suicide or self-harm (the person writing), and What a direct payment is"
    )
    assert (
        request_topic(tracker({"concerns": [concern]})) == "Risk of suicide or self-harm (the person writing)"
    )


def test_what_was_missing_is_answered_only_when_it_asks_something():
    """After "No, not helpful": "if I can pay my son" is answered (and kept); "nobody ever rings back,
    it's a disgrace" is their comment, kept, and not answered with the complaints leaflet."""

    def missing(text: str, intent: str):
        state = Tracker.from_dict(
            {
                "sender_id": "x",
                "slots": {"feedback_topic": "What a direct payment is", "requested_slot": "missing_comment"},
                "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}},
                "events": [],
            }
        )
        dispatcher = CollectingDispatcher()
        result = ValidateMissingForm().validate_missing_comment(text, dispatcher, state, {})
        return result["missing_comment"], [m.get("response") for m in dispatcher.messages]

    assert missing("if I can pay my son to look after me", "dp_personal_assistant") == (
        "if I can pay my son to look after me",
        ["utter_dp_personal_assistant"],
    )
    assert missing("nobody ever rings back, it's a disgrace", "give_feedback") == (
        "nobody ever rings back, it's a disgrace",
        [],
    )


def test_a_rating_given_earlier_in_the_conversation_is_not_asked_for_again():
    def required(events):
        state = Tracker.from_dict({"sender_id": "x", "slots": {}, "events": events})
        slots = ValidateFeedbackForm().required_slots([], CollectingDispatcher(), state, {})
        return asyncio.run(slots)

    form = {"event": "active_loop", "name": "feedback_form"}
    rated = {"event": "slot", "name": "feedback_rating", "value": 2}
    assert required([form]) == ["feedback_rating", "feedback_comment"]
    assert required([form, rated]) == ["feedback_rating", "feedback_comment"], "rated in this form"
    assert required([form, rated, {"event": "active_loop", "name": None}, form]) == ["feedback_comment"]
    skipped = {"event": "slot", "name": "feedback_rating", "value": "skipped"}
    assert required([form, skipped, {"event": "active_loop", "name": None}, form])[0] == "feedback_rating", (
        "a comment typed instead of a rating is not a rating"
    )
    left = {"event": "slot", "name": "feedback_rating", "value": "left"}  # left for a question: not rated
    assert required([form, left, {"event": "active_loop", "name": None}, form])[0] == "feedback_rating"


def test_what_they_said_when_asking_to_complain_is_their_comment():
    """ "I want to complain that nobody called me back last month" then "tell the council what you
    think, in your own words" made Ron say it twice."""

    def extracted(said: str):
        events = [
            {"event": "user", "text": said, "parse_data": {"intent": {"name": "give_feedback"}}},
            {"event": "action", "name": "utter_give_feedback"},
            {"event": "active_loop", "name": "feedback_form"},
            {"event": "user", "text": "1", "parse_data": {"intent": {"name": "answer_feedback"}}},
        ]
        state = Tracker.from_dict({"sender_id": "x", "slots": {}, "events": events})
        return asyncio.run(ValidateFeedbackForm().extract_feedback_comment(CollectingDispatcher(), state, {}))

    long = "I want to complain that nobody called me back last month"
    assert extracted(long) == {"feedback_comment": long}
    assert extracted("I want to give feedback") == {}
    assert extracted("who do i complain to, the council or the care agency?") == {}, (
        "a question, not a comment"
    )


def test_easy_read_asked_for_in_words_says_the_last_answer_again():
    from actions.easy_read import ActionEasyReadOn
    from tests.test_request_actions import said, state

    answer = {"event": "bot", "metadata": {"utter_action": "utter_local_area_coordination"}}
    typed = said("wat does that mean. i need easy words", "easy_read_on")
    messages, _ = run(
        ActionEasyReadOn(), state({"easy_read": True}, said("i want to lern cookin", "x"), answer, typed)
    )
    assert [m["response"] for m in messages] == ["utter_easy_read_on", "utter_local_area_coordination"]
    pressed = said("/easy_read_on", "easy_read_on")
    messages, _ = run(ActionEasyReadOn(), state({"easy_read": True}, said("hi", "greet"), answer, pressed))
    assert [m["response"] for m in messages] == ["utter_easy_read_on"], "a button press: just switched on"
