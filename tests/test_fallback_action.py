"""The two-stage fallback never loops: did-you-mean once, then the menu and a person."""

import asyncio
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionHandleFallback


def user(intent: str, ranking: List = ()) -> dict:
    return {"event": "user", "parse_data": {"intent": {"name": intent}, "intent_ranking": list(ranking)}}


def bot(response: str) -> dict:
    return {"event": "bot", "text": response, "metadata": {"utter_action": response}}


def run_fallback(*events: dict) -> List[dict]:
    latest = events[-1]["parse_data"]
    tracker = Tracker("resident", {}, latest, list(events), False, None, {}, None)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHandleFallback().run(dispatcher, tracker, {}))
    return dispatcher.messages


RANKING = [
    {"name": "nlu_fallback", "confidence": 0.45},
    {"name": "dp_spending", "confidence": 0.30},
    {"name": "greet", "confidence": 0.20},
    {"name": "financial_will_i_pay", "confidence": 0.10},
    {"name": "healthwatch", "confidence": 0.01},
]


def test_first_unclear_message_offers_the_likeliest_topics_a_person_and_something_else():
    [message] = run_fallback(user("dp_what"), user("nlu_fallback", RANKING))
    assert message["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in message["buttons"]] == [
        "/dp_spending",
        "/financial_will_i_pay",
        "/talk_to_person",
        "/nlu_fallback",
    ]
    assert message["buttons"][-1]["title"] == "Something else"


def test_second_unclear_message_in_a_row_shows_the_menu_and_a_person():
    first = [user("nlu_fallback", RANKING), bot("utter_did_you_mean")]
    [message] = run_fallback(*first, user("nlu_fallback", RANKING))
    assert message["response"] == "utter_fallback_menu"
    taken_by_a_form = [user("nlu_fallback", RANKING), bot("utter_ask_feedback_contact_consent")]
    [message] = run_fallback(*taken_by_a_form, user("nlu_fallback", RANKING))
    assert message["response"] == "utter_did_you_mean", "a comment a form took was understood"


def test_pressing_something_else_shows_the_menu():
    pressed = user("nlu_fallback", [{"name": "nlu_fallback", "confidence": 1.0}])
    pressed["text"] = pressed["parse_data"]["text"] = "/nlu_fallback"
    [message] = run_fallback(user("dp_what"), pressed)
    assert message["response"] == "utter_fallback_menu"


def test_a_first_unclear_message_with_nothing_likely_is_asked_again_never_still_not_understood():
    [message] = run_fallback(user("nlu_fallback", [{"name": "nlu_fallback", "confidence": 0.9}]))
    assert message["response"] == "utter_fallback_rephrase", "a first miss is not 'I still didn't understand'"
    second = run_fallback(
        user("nlu_fallback", [{"name": "nlu_fallback", "confidence": 0.9}]),
        bot("utter_fallback_rephrase"),
        user("nlu_fallback", [{"name": "nlu_fallback", "confidence": 0.9}]),
    )
    assert second[0]["response"] == "utter_fallback_menu", (
        "the second in a row offers a person and the number"
    )


def test_more_unclear_messages_in_a_row_never_get_the_same_reply_as_either_of_the_last_two():
    unclear = user("nlu_fallback", RANKING)
    events, replies = [], []
    for _ in range(6):
        events.append(unclear)
        [message] = run_fallback(*events)
        events.append(bot(message["response"]))
        replies.append(message["response"])
    assert replies[1] == "utter_fallback_menu"  # the second offers a person, with number and hours
    for number, reply in enumerate(replies[2:], 2):
        assert reply not in replies[number - 2 : number], replies


def at_the_read_back(text: str, **slots):
    """The fallback for `text`, typed just after the request was read back."""
    said = {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": "nlu_fallback"}}}
    events = [{"event": "action", "name": "action_confirm_handover"}, said]
    tracker = Tracker(
        "resident",
        {"handover_stage": "confirming", **slots},
        said["parse_data"],
        events,
        False,
        None,
        {},
        None,
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionHandleFallback().run(dispatcher, tracker, {}))
    return [m.get("response") for m in dispatcher.messages], result


def test_an_unclear_message_at_the_read_back_never_drops_the_request():
    said, result = at_the_read_back("hmm I dunno about that bit")
    assert said == ["utter_readback_unclear"]
    assert result[-1]["name"] == "action_confirm_handover", "read back again"
    said, result = at_the_read_back("its not urgent, nobody is in danger", handover_urgency="urgent")
    assert said == ["utter_readback_urgent_kept"] and result[-1]["name"] == "action_confirm_handover"


def test_what_they_need_typed_at_the_read_back_fills_it_when_it_was_empty():
    """A housing officer's "hoarding in his flat, he wont accept help clearing it…", typed at the
    read-back after answering "none" to what they need, got "Sorry, I didn't follow that"."""
    text = "hoarding in his flat, he wont accept help clearing it and the smell is affecting neighbours"
    said, result = at_the_read_back(text, need="declined")
    assert said == ["utter_detail_updated"]
    assert {"event": "slot", "timestamp": None, "name": "need", "value": text} in result
    said, _ = at_the_read_back(text, need="help with washing")
    assert said == ["utter_readback_unclear"], "what they need is never written over"


def test_a_detail_named_at_the_read_back_is_changed():
    said, result = at_the_read_back("communication needs should say none", communication_needs=["i said no"])
    assert said == []
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "detail_to_change",
        "value": "communication_needs",
    } in result
    assert result[-1] == {"event": "followup", "timestamp": None, "name": "detail_form"}


def test_dont_send_it_yet_at_the_read_back_keeps_it_waiting():
    said, result = at_the_read_back("hmm nah dont send it yet, gonna ask my social worker first")
    assert said == ["utter_readback_not_yet"] and result[-1]["name"] == "action_confirm_handover"


def test_a_fall_spelt_any_way_gets_what_to_do_after_a_fall_not_did_you_mean():
    """Joan, 81, alone: "what do i do if i fall agen, im on my own" was "not sure I understood"."""
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "transition_18", "confidence": 0.41},
        {"name": "telecare", "confidence": 0.30},
    ]
    latest = user("nlu_fallback", ranking)
    latest["parse_data"]["text"] = latest["text"] = "what do i do if i fall agen, im on my own"
    [message] = run_fallback(user("greet"), latest)
    assert message["response"] == "utter_telecare"
    other = user("nlu_fallback", ranking)
    other["parse_data"]["text"] = other["text"] = "whats the thing for when you get old"
    [message] = run_fallback(user("greet"), other)
    assert message["response"] == "utter_did_you_mean"


def test_is_it_really_gone_after_deleting_is_answered():
    """Tyler, after "yes delete": "is it actually gone? will anyone see what i said" was "not understood"."""
    for text in ("is it actually gone? will anyone see what i said", "have you deleted everything"):
        latest = user("nlu_fallback", RANKING)
        latest["parse_data"]["text"] = latest["text"] = text
        [message] = run_fallback(latest)
        assert message["response"] == "utter_deleted_check", text


def test_you_said_that_already_gets_a_sorry_and_a_way_on():
    """Gemma: "ugh this is pointless, you're not answering" and "you said that already" got "Sorry, I
    didn't understand that"."""
    for text in ("you said that already", "ugh this is pointless, you're not answering"):
        latest = user("nlu_fallback", RANKING)
        latest["parse_data"]["text"] = latest["text"] = text
        [message] = run_fallback(user("greet"), latest)
        assert message["response"] == "utter_sorry_not_what_you_asked", text


def test_a_half_yes_half_request_to_the_offer_of_contact_starts_the_request():
    """Paul: "yes please pass it on", after the urgent answer offered "Ask someone to contact me",
    read between yes and a request and so not understood. Either way it means the same there; the
    same unsure reading without that offer is still not understood."""
    torn = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "affirm", "confidence": 0.49},
        {"name": "request_callback", "confidence": 0.48},
    ]
    offer = {
        "event": "bot",
        "text": "...",
        "metadata": {"utter_action": "utter_risk_abuse"},
        "data": {"buttons": [{"title": "Ask someone to contact me", "payload": "/request_callback"}]},
    }
    events = (user("safeguarding_concern"), offer, user("nlu_fallback", torn))
    tracker = Tracker("resident", {}, events[-1]["parse_data"], list(events), False, None, {}, None)
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionHandleFallback().run(dispatcher, tracker, {}))
    assert result == [{"event": "followup", "timestamp": None, "name": "action_start_handover"}]
    assert not dispatcher.messages
    messages = run_fallback(user("greet"), bot("utter_menu"), user("nlu_fallback", torn))
    assert messages and messages[0]["response"].startswith("utter_fallback")


def test_did_you_delete_it_with_the_chat_still_here_is_a_plain_no():
    """Dave asked "did you delete it or not" having never deleted anything, and was told "Did you
    ask me to delete this chat, and say yes? Then it is gone": no use to him."""
    latest = user("nlu_fallback", RANKING)
    latest["parse_data"]["text"] = latest["text"] = "did you delete it or not"
    earlier = {"event": "user", "text": "i lost it and shoved him", "parse_data": {"intent": {"name": "x"}}}
    [message] = run_fallback(earlier, bot("utter_risk_carer_harm"), latest)
    assert message["response"] == "utter_not_deleted"


def test_the_fallback_never_answers_twice_for_one_message():
    """A step taken for the message (the out-of-hours answer, after a rating left), then this: it
    listens, never the same answer again and again in one turn."""
    said = user("nlu_fallback")
    again = Tracker(
        "resident",
        {},
        said["parse_data"],
        [said, {"event": "action", "name": "action_handle_fallback"}],
        False,
        None,
        {},
        None,
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionHandleFallback().run(dispatcher, again, {}))
    assert dispatcher.messages == [] and events[-1]["name"] == "action_listen"
    assert run_fallback(said), "answered once"


def test_did_you_mean_twice_within_two_replies_is_never_the_same_reply():
    """Dev: "i cant ring during the day…" and, after an answer between, "ok i will give them to my
    sister" got the same "did you mean" with the same choices."""
    earlier = [
        user("nlu_fallback", RANKING),
        bot("utter_did_you_mean"),
        user("dp_what"),
        bot("utter_dp_what"),
    ]
    [message] = run_fallback(*earlier, user("nlu_fallback", RANKING))
    assert message["response"] != "utter_did_you_mean"
