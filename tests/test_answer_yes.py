"""A yes with nothing to agree to: the one topic just offered is answered, else the menu."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import ActionAnswerYes


def said(text, buttons=None):
    return {"event": "bot", "text": text, "data": {"buttons": buttons or []}}


def user(text, intent="affirm"):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def answered(*events):
    """The latest message as the action server gets it: with the events Rasa adds after it."""
    return [*events, {"event": "user_featurization"}, {"event": "action", "name": "action_listen"}]


def answer(*events):
    tracker = Tracker.from_dict({"sender_id": "yes", "slots": {}, "events": list(events)})
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerYes().run(dispatcher, tracker, {}))
    return [message["response"] for message in dispatcher.messages]


def test_yes_to_the_one_topic_offered_answers_it():
    offer = said(
        "You also asked about direct payments:", [{"title": "Direct payments", "payload": "/dp_what"}]
    )
    assert answer(user("two questions", "assessment_carer"), offer, user("yes that one too")) == [
        "utter_dp_what"
    ]


def test_a_person_button_beside_the_topic_does_not_stop_the_yes():
    offer = said(
        "Did you mean one of these?",
        [
            {"title": "Telecare", "payload": "/telecare"},
            {"title": "Talk to a person", "payload": "/talk_to_person"},
            {"title": "Something else", "payload": "/nlu_fallback"},
        ],
    )
    assert answer(user("the alarm thing", "nlu_fallback"), offer, user("yes")) == ["utter_telecare"]


def test_yes_to_several_topics_or_an_offer_made_earlier_shows_the_menu():
    several = said(
        "Did you mean one of these?",
        [{"title": "Direct payments", "payload": "/dp_what"}, {"title": "Telecare", "payload": "/telecare"}],
    )
    assert answer(user("hm", "nlu_fallback"), several, user("yes")) == ["utter_menu"]
    earlier = said(
        "You also asked about direct payments:", [{"title": "Direct payments", "payload": "/dp_what"}]
    )
    later = said("Thank you.")
    assert answer(earlier, user("ok", "thank"), later, user("yes")) == ["utter_menu"]


def test_yes_to_an_offer_to_pass_it_on_starts_the_request():
    """ "I'll pass it on to Thurrock First if you want me to" - "yes": the request starts (it showed
    the menu, and a neighbour's worry was never passed on)."""
    offer = said(
        "Thank you for telling me more. I'll pass it on to Thurrock First if you want me to.",
        [
            {"title": "Ask someone to contact me", "payload": "/request_callback"},
            {"title": "Main menu", "payload": "/show_menu"},
        ],
    )
    tracker = Tracker.from_dict(
        {
            "sender_id": "yes",
            "slots": {},
            "events": [user("nobody has seen her", "safeguarding_concern"), offer, user("yes")],
        }
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerYes().run(dispatcher, tracker, {}))
    assert events == [{"event": "followup", "name": "action_start_handover", "timestamp": None}]
    assert dispatcher.messages == []


def test_a_yes_while_a_request_waits_for_its_yes_shows_the_read_back_again():
    """A bare "yes" after a question at the read-back: what waits for the yes, never the menu."""
    tracker = Tracker.from_dict(
        {"sender_id": "yes", "slots": {"handover_stage": "confirming"}, "events": [user("yes")]}
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerYes().run(dispatcher, tracker, {}))
    assert dispatcher.messages == []
    assert events == [{"event": "followup", "timestamp": None, "name": "action_confirm_handover"}]


def test_yes_naming_another_topic_answers_the_one_named():
    """Rosa: offered "What a direct payment can pay for", she said "yes please the carers one" and was
    given the direct payment answer."""
    offer = said(
        "You also asked about this:",
        [{"title": "What a direct payment can pay for", "payload": "/dp_spending"}],
    )
    latest = {
        "text": "yes please the carers one",
        "intent": {"name": "affirm", "confidence": 0.53},
        "intent_ranking": [
            {"name": "affirm", "confidence": 0.53},
            {"name": "assessment_carer", "confidence": 0.27},
        ],
    }
    events = [user("two questions", "assessment_carer"), offer, user("yes please the carers one")]
    tracker = Tracker.from_dict({"sender_id": "yes", "slots": {}, "events": events, "latest_message": latest})
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerYes().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_assessment_carer"]
