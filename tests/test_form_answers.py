"""Answers to the request's questions that answer something else: kept, said to be kept, never looped.

Seen in whole conversations: "for my mum" typed where the form asked for her name, a phone number or
"mornings" typed there, what they need typed at "when is a good time?". Each used to be stored in the
wrong place ("Their name: Mornings") or to get the same question again with no word of what was kept.
The validators run as the action server runs them (`Tracker.from_dict`, a `CollectingDispatcher`).
"""

import asyncio
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.details import DECLINED, ValidateDetailForm, contact_slots, their_postcode_corrected
from actions.feedback import ValidateFeedbackForm
from actions.handover import ValidateHandoverForm
from bot.details import find_details


def asked(slot: str, text: str, slots: Dict[str, Any], intent: str = "give_details") -> Tracker:
    """The tracker as the form sees it: `slot` asked for, `text` just typed, read by our extractor
    (a list when the slot's mapping gives one)."""
    text = text if isinstance(text, str) else " ".join(text)
    entities: List[Dict[str, Any]] = [
        {"entity": found.kind, "value": found.value, **({"role": found.role} if found.role else {})}
        for found in find_details(text)
    ]
    return Tracker.from_dict(
        {
            "sender_id": "web:form-answers",
            "slots": {"requested_slot": slot, **slots},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.9},
                "entities": entities,
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "handover_form"},
            "latest_action_name": "action_listen",
        }
    )


def validate(slot: str, text: str, intent: str = "give_details", **slots: Any):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateHandoverForm(), f"validate_{slot}")(
        text, dispatcher, asked(slot, text, slots, intent), {}
    )
    return result, [message.get("response") for message in dispatcher.messages], dispatcher.messages


def test_who_the_help_is_for_given_where_their_name_was_asked_is_kept_and_their_name_asked_again():
    for text, relation in [("for my mum", "mum"), ("it's for my dad", "dad"), ("my husband", "husband")]:
        result, responses, messages = validate("cared_for_name", text, cared_for="mum", asking_for="family")
        assert result["cared_for_name"] is None, text
        assert responses == ["utter_cared_for_name_still_needed"], (text, responses)
        assert messages[0]["relation"] == relation
        assert "failed_answers" not in result, "not counted as a wrong answer"
    result, _, _ = validate("cared_for_name", "it's for my dad", cared_for="mum", asking_for="family")
    assert result["cared_for"] == "dad", "a different relation corrects the one guessed before"


def test_a_time_of_day_is_never_taken_as_a_name():
    for text in ("mornings", "Afternoons", "weekends", "lunchtime"):
        for slot in ("cared_for_name", "full_name"):
            result, responses, _ = validate(slot, text, cared_for="mum")
            assert result[slot] is None, (slot, text, result)
            assert responses and responses[0].startswith("utter_invalid"), responses
    result, responses, _ = validate("cared_for_name", "Amina Khan", cared_for="mum")
    assert result["cared_for_name"] == "Amina Khan" and responses == []


def test_another_detail_typed_at_a_question_is_said_to_be_kept_before_the_question_comes_again():
    result, responses, messages = validate("cared_for_name", "07700 900 111", phone="07700 900111")
    assert result == {"cared_for_name": None, "failed_answers": {"cared_for_name": 1}}, (
        "asked once more, not for ever"
    )
    again, _, _ = validate(
        "cared_for_name", "07700 900 111", phone="07700 900111", failed_answers=result["failed_answers"]
    )
    assert again["cared_for_name"] == "not given", "never the same question a third time"
    assert responses == ["utter_details_noted_in_passing"] and "phone number" in messages[0]["noted"]
    result, responses, _ = validate("contact_time", "RM17 5QT", postcode="RM17 5QT")
    assert result["contact_time"] is None and responses == ["utter_details_noted_in_passing"]
    said = "yes send it but my number is 07700 900 112"
    result, responses, _ = validate("communication_needs", said, phone="07700 900112")
    assert result["communication_needs"] is None, "a new phone number is not a communication need"
    assert responses == ["utter_details_noted_in_passing"]


def test_what_they_need_typed_at_when_is_a_good_time_is_kept_as_their_need():
    said = "mum has dementia and I want to arrange her care myself with a direct payment"
    result, responses, messages = validate("contact_time", said)
    assert result == {"contact_time": None, "need": said}
    assert (
        responses == ["utter_details_noted_in_passing"] and messages[0]["noted"] == "what you need help with"
    )
    for time in ("mornings", "after 6pm", "any time after the school run, before my shift at the hospital"):
        result, responses, _ = validate("contact_time", time)
        assert result["contact_time"] and "need" not in result, time
    result, _, _ = validate("contact_time", said, need="help with washing")
    assert "need" not in result, "a need already told is never overwritten"


def test_an_answer_that_starts_with_no_or_sounds_like_one_is_still_taken():
    """The intent "deny" skips a question only when nothing in the message answers it."""
    cases = [
        ("asking_for", "me obviously", "self"),
        ("phone", "no, it's 07700 900111", "07700 900111"),
        ("full_name", "no sorry, it's Tom Baker", "Tom Baker"),
    ]
    for slot, text, expected in cases:
        dispatcher = CollectingDispatcher()
        state = asked(slot, text, {})
        state.latest_message["intent"] = {"name": "deny", "confidence": 0.8}
        result = getattr(ValidateHandoverForm(), f"validate_{slot}")(text, dispatcher, state, {})
        assert result[slot] == expected, (slot, text, result)
    for text in ("no", "nah", "not telling", "/deny", "rather not say"):
        dispatcher = CollectingDispatcher()
        state = asked("full_name", text, {})
        state.latest_message["intent"] = {"name": "deny", "confidence": 0.9}
        assert ValidateHandoverForm().validate_full_name(text, dispatcher, state, {}) == {
            "full_name": "declined"
        }, text


def test_consent_to_share_is_read_in_a_residents_own_words():
    for text, consent in [
        ("yes, the patient has agreed", True),
        ("no problem, go ahead", True),
        ("I don't mind", True),
        ("please don't share it", False),
        ("I'd rather not", False),
        ("nope", False),
        ("actually no, I'll ring them myself about the rest", False),
        ("oh no leave it", False),
        ("I'll phone them myself thanks", False),
    ]:
        result, responses, _ = validate("share_consent", text)
        assert result == {"share_consent": consent} and responses == [], (text, result)


def test_a_yes_with_who_not_to_tell_is_a_yes_whatever_the_classifier_read():
    """Maureen, whose son takes her bank card: "yes but not with my son" got "That's fine, I haven't
    shared anything" (the classifier read a no)."""
    dispatcher = CollectingDispatcher()
    state = asked("share_consent", "yes but not with my son", {})
    result = ValidateHandoverForm().validate_share_consent(False, dispatcher, state, {})
    assert result == {"share_consent": True, "sharing_limit": "yes but not with my son"}
    state = asked("share_consent", "/deny", {})
    assert ValidateHandoverForm().validate_share_consent(False, CollectingDispatcher(), state, {}) == {
        "share_consent": False
    }


def test_consent_never_loops_on_the_bare_question():
    """A name typed instead is said to be kept; an unclear answer is told what is needed; the third
    unclear answer ends the request kindly (nothing is shared) instead of asking for ever."""
    result, responses, messages = validate("share_consent", "Claire Dunn", full_name="Claire Dunn")
    assert result["share_consent"] is None and responses == ["utter_consent_before_details"]
    assert messages[0]["noted"] == "your name"
    result, responses, _ = validate("share_consent", "not sure", failed_answers={"share_consent": 1})
    assert result["share_consent"] is None and responses == ["utter_consent_yes_or_no"]
    result, responses, _ = validate("share_consent", "hmm", failed_answers={"share_consent": 2})
    assert result["share_consent"] is False and responses == []
    # still giving details after two unclear answers: kept, and the question stays open
    result, responses, _ = validate(
        "share_consent", "07700 900461", phone="07700 900461", failed_answers={"share_consent": 2}
    )
    assert result["share_consent"] is None and responses == ["utter_consent_before_details"]


def test_the_callers_own_full_name_where_the_other_persons_was_asked_is_taken_as_hers():
    result, responses, messages = validate(
        "cared_for_name", "Claire Dunn", full_name="Claire", asking_for="professional"
    )
    assert result == {"cared_for_name": None, "full_name": "Claire Dunn"}
    assert responses == ["utter_details_noted_in_passing"] and messages[0]["noted"] == "your name"
    result, _, _ = validate(
        "cared_for_name", "Mrs Edna Vale", full_name="Claire Dunn", asking_for="professional"
    )
    assert result["cared_for_name"] == "Mrs Edna Vale"


def test_what_they_need_told_at_any_other_question_is_kept_not_lost():
    said = (
        "90 year old lady living alone, struggling with meals and medication, GP requests a needs assessment"
    )
    for slot in ("email", "phone", "communication_needs", "cared_for_postcode", "share_consent"):
        result, responses, _ = validate(slot, said)
        assert result == {slot: None, "need": said}, (slot, result)
        assert responses == ["utter_details_noted_in_passing"]
    result, _, _ = validate("email", "how long will it take them to ring me back after this?")
    assert "need" not in result, "a question is not what they need"


def test_who_the_help_is_for_is_not_changed_by_a_passing_mention_at_a_later_question():
    said = "I need a break, my husband has Parkinson's and I'm up at night with him"
    dispatcher = CollectingDispatcher()
    state = asked("need", said, {"asking_for": "family"})
    state.events = [{"event": "slot", "name": "asking_for", "value": "self"}, {"event": "user", "text": said}]
    assert ValidateHandoverForm().validate_asking_for("family", dispatcher, state, {}) == {
        "asking_for": "self"
    }
    state = asked("asking_for", "it's for my husband", {"asking_for": "family"})
    state.events = [{"event": "slot", "name": "asking_for", "value": "self"}, {"event": "user", "text": "x"}]
    assert ValidateHandoverForm().validate_asking_for("family", dispatcher, state, {}) == {
        "asking_for": "family"
    }


def test_me_typed_where_the_other_persons_name_was_asked_makes_the_help_for_the_caller():
    for text in ("me", "it's for me", "myself"):
        result, responses, _ = validate("cared_for_name", text, asking_for="family", cared_for="husband")
        assert result == {"cared_for_name": None, "asking_for": "self"}, (text, result)
        assert responses == ["utter_details_noted_in_passing"]


def test_an_answer_that_makes_its_own_question_unneeded_is_not_kept_as_its_answer():
    """'me' where her husband's name was asked: the help is for her, and no 'Their name: me'."""
    import asyncio

    from rasa_sdk.events import SlotSet

    state = asked(
        "cared_for_name", "me", {"asking_for": "self", "cared_for_name": "me", "share_consent": True}
    )
    state.events = [
        {"event": "slot", "name": "asking_for", "value": "family"},
        {"event": "user", "text": "me"},
        {"event": "slot", "name": "asking_for", "value": "self"},
        {"event": "slot", "name": "cared_for_name", "value": "me"},
    ]
    domain = {"slots": {}, "forms": {"handover_form": {"required_slots": []}}}
    events = asyncio.run(ValidateHandoverForm().get_validation_events(CollectingDispatcher(), state, domain))
    kept = {event["name"]: event["value"] for event in events if event["event"] == "slot"}
    assert kept.get("cared_for_name", "me") is None and kept.get("asking_for", "self") == "self", events
    assert SlotSet("cared_for_name", None) in events


def test_whenever_is_a_time_even_when_it_reads_as_a_no():
    """'whenever' or 'any time, I don't mind' can be classified as deny: they still answer "when is a
    good time?"; a plain "no" or "skip" does not."""
    for text in ("whenever", "any time really", "weekends only"):
        result, _, _ = validate("contact_time", text, intent="deny")
        assert result["contact_time"] not in (None, DECLINED), (text, result)
    for text in ("no", "skip", "rather not say"):
        result, _, _ = validate("contact_time", text, intent="deny")
        assert result["contact_time"] == DECLINED, (text, result)


def test_an_email_given_where_the_phone_was_asked_is_the_way_to_reach_them_not_their_need():
    text = "t.gill@example.gov.uk, email is best, I'm rarely at my desk"
    # the slots as Rasa's mappings fill them from the message's entities
    result, responses, _ = validate(
        "phone", text, email="t.gill@example.gov.uk", contact_preference=["email"]
    )
    assert result.get("phone") is None and "need" not in result, result
    assert responses == ["utter_details_noted_in_passing"], responses
    assert {"email", "contact_preference"} <= {f.kind for f in find_details(text)}
    wishes = Tracker.from_dict({"sender_id": "x", "slots": {"email": "t.gill@example.gov.uk"}, "events": []})
    assert contact_slots(wishes) == ["email"], "no phone number asked after an email address"
    rung = Tracker.from_dict(
        {"sender_id": "x", "slots": {"email": "a@b.org", "contact_preference": ["phone call"]}, "events": []}
    )
    assert contact_slots(rung) == ["phone"], "'ring me' still asks for the number"


def test_only_a_detail_typed_where_the_need_was_asked_is_noted_and_the_need_asked_again():
    for text in ["BSL interpreter", "my number is 07700 900123", "I need a BSL interpreter please"]:
        result, responses, _ = validate(
            "need", text, communication_needs=["BSL interpreter"], phone="07700 900123"
        )
        assert result["need"] is None, (text, result)
        assert responses == ["utter_details_noted_in_passing"], (text, responses)
    for text in [
        "help with cooking and post, I am Deaf and need BSL",
        "she needs help washing, call 07700 900123",
    ]:
        result, _, _ = validate("need", text)
        assert result["need"] == text, "a need with a detail in it is their need"


def rate(text: str, intent: str, confidence: float = 0.9, **slots: Any):
    tracker = asked("feedback_rating", text, slots, intent)
    tracker.latest_message["intent"]["confidence"] = confidence
    dispatcher = CollectingDispatcher()
    domain = {"responses": {"utter_healthwatch": [{"text": "Healthwatch Thurrock is independent."}]}}
    result = ValidateFeedbackForm().validate_feedback_rating(text, dispatcher, tracker, domain)
    return result, [message.get("response") for message in dispatcher.messages]


def test_a_question_at_the_rating_is_answered_and_the_rating_left():
    result, responses = rate("is there anyone independent I can talk to", "healthwatch")
    assert responses == ["utter_healthwatch"] and result["feedback_rating"] == "left", (result, responses)
    result, responses = rate("can someone ring me back", "request_callback")
    assert responses == [] and result["feedback_rating"] == "left", "the call back is started after the form"


def test_the_rating_is_asked_again_once_then_left_never_a_loop():
    result, responses = rate("it was alright I suppose", "give_feedback")
    assert responses == ["utter_invalid_rating"] and result["feedback_rating"] is None
    result, responses = rate("dunno really", "give_feedback", failed_answers=result["failed_answers"])
    assert responses == ["utter_rating_left"] and result["feedback_rating"] == "left"
    assert result["feedback_comment"] == "none", "every question answered, so the form ends"
    result, responses = rate("4", "give_feedback", failed_answers={"feedback_rating": 1})
    assert result == {"feedback_rating": 4, "failed_answers": {}}
    result, responses = rate("10", "give_feedback", failed_answers={"feedback_rating": 1})
    assert responses == ["utter_invalid_rating"], "a number out of range is asked again, not left"


def test_what_they_want_to_tell_the_council_typed_at_the_rating_is_kept_as_their_comment():
    for text in [
        "when i ring them nobody answers",
        "3 times this week nobody turned up for the lunch call",
        "no, I just want them to know the carers are always late",
    ]:
        result, responses = rate(text, "nlu_fallback", 0.45)
        assert result["feedback_comment"] == text and result["feedback_rating"] == "skipped", (text, result)
        assert responses == [], "not asked for a number again"
    result, responses = rate("why does nobody ever answer the phone there", "nlu_fallback", 0.45)
    assert result.get("feedback_comment") in (None, "none"), "a question is not filed as their comment"
    assert responses == ["utter_rating_left"], "nor asked for a number: the rating is left for it"


def test_not_wanting_to_rate_skips_the_rating_and_asks_what_they_want_to_say():
    for text in [
        "i dont want to give a star rating, i just want to say something",
        "no rating thanks",
        "I'd rather not give a score",
    ]:
        result, responses = rate(text, "deny" if text.startswith("no") else "give_feedback", 0.6)
        assert result["feedback_rating"] == "skipped" and "feedback_comment" not in result, (text, result)
        assert responses == [], "never asked for a number again"
    text = "no stars, the carers are always late and nobody rings"
    result, _ = rate(text, "give_feedback", 0.6)
    assert result["feedback_rating"] == "skipped" and result["feedback_comment"] == text, (
        "their words kept whole"
    )


def test_a_score_said_in_a_few_words_is_the_rating():
    for text, score in [("i'd give it a 3", 3), ("4 out of 5", 4), ("about a two", 2), ("five stars", 5)]:
        result, _ = rate(text, "give_feedback")
        assert result["feedback_rating"] == score, (text, result)
    result, _ = rate("3 times this week nobody came", "give_feedback")
    assert result["feedback_rating"] != 3


def test_more_about_their_need_at_the_communication_question_is_added_to_their_need():
    text = "I'm exhausted caring for Paulo after his stroke and need help for me and him"
    result, responses, _ = validate("communication_needs", [text], need="help for my husband")
    assert result["communication_needs"] is None and result["need"].endswith(text), result
    assert responses == ["utter_details_noted_in_passing"]
    said = "I can't hear very well on the phone so please write to me instead"
    result, _, _ = validate("communication_needs", [said], need="help for my husband")
    assert result["communication_needs"] == ["deaf or hard of hearing"], (
        "a need told in words is a communication need"
    )
    assert ("contact_preference", "letter") in {(f.kind, f.value) for f in find_details(said)}, (
        "and written to"
    )


def test_a_bare_yes_where_the_need_was_asked_is_not_their_need():
    for text in ["yes", "ok thanks"]:
        result, _, _ = validate("need", text, intent="affirm")
        assert result["need"] is None, (text, result)
    result, _, _ = validate("need", "yes send it", intent="affirm")
    assert result["need"] == "not given"  # a wish to be done: on to the read-back, not asked again


def test_their_postcode_is_the_callers_when_they_live_together():
    def extracted(said: str, **slots: Any) -> Dict[str, Any]:
        tracker = Tracker.from_dict(
            {"sender_id": "x", "slots": slots, "events": [{"event": "user", "text": said}]}
        )
        return asyncio.run(
            ValidateHandoverForm().extract_cared_for_postcode(CollectingDispatcher(), tracker, {})
        )

    for said in ["We live in Stanford-le-Hope SS17 8JJ", "my son lives with me", "we both live together"]:
        assert extracted(said, postcode="SS17 8JJ") == {"cared_for_postcode": "SS17 8JJ"}, said
    for said in ["she lives on her own in Tilbury", "I live in Grays, mum lives in Chadwell"]:
        assert extracted(said, postcode="RM17 6SL") == {}, said
    assert extracted("we live in Grays", postcode=DECLINED) == {}
    assert extracted("we live in Grays", postcode="RM17 6SL", cared_for_postcode=DECLINED) == {}


def test_we_all_live_together_at_their_postcode_question_is_one_postcode_for_both():
    result, responses, _ = validate("cared_for_postcode", "we all live together", postcode="RM17 6SL")
    assert result["cared_for_postcode"] == "RM17 6SL" and responses == ["utter_details_noted_in_passing"]
    result, _, _ = validate("cared_for_postcode", "we all live together")
    assert result["cared_for_postcode"] is None, "asked again: their postcode is the one we need"
    result, _, _ = validate("cared_for_postcode", "we live together, RM16 2QR")
    assert result["cared_for_postcode"] == "RM16 2QR" and result["postcode"] == "RM16 2QR"


def test_a_question_at_the_read_back_is_answered_and_the_request_shown_again_to_send():
    from actions.feedback import ActionAskHelpful

    def after(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        tracker = Tracker.from_dict(
            {
                "sender_id": "web:read-back",
                "slots": {"handover_stage": "confirming"},
                "latest_message": {
                    "text": "will she have to pay?",
                    "intent": {"name": "financial_will_i_pay"},
                },
                "events": events,
            }
        )
        return asyncio.run(ActionAskHelpful().run(CollectingDispatcher(), tracker, {}))

    read_back = [
        {"event": "user", "text": "she can't get up the stairs"},
        {"event": "action", "name": "action_confirm_handover"},
        {"event": "user", "text": "will she have to pay?"},
    ]
    assert after(read_back) == [{"event": "followup", "name": "action_confirm_handover", "timestamp": None}]
    assert after(read_back[:1] + read_back[2:]) == [], "no read-back where none was waiting"
    result, _, _ = validate("cared_for_postcode", "same as mine hes next door", postcode="RM17 6SL")
    assert result["cared_for_postcode"] == "RM17 6SL"


def test_a_relative_named_in_passing_is_not_the_person_the_help_is_for_when_it_is_for_the_caller():
    for text, slot in [
        ("07700900218 but ring my mum first pls she helps me. her name is grace", "postcode"),
        ("i havent got email. my neighbour jean has", "email"),
    ]:
        tracker = asked(slot, text, {"asking_for": "self"}, "give_details")
        tracker.events = [
            {"event": "slot", "name": "asking_for", "value": "self"},
            {"event": "user", "text": text, "parse_data": tracker.latest_message},
        ]
        name = next(tracker.get_latest_entity_values("person_name", entity_role="cared_for"), None)
        assert name, f"the relative's name is read ({text})"
        result = ValidateHandoverForm().validate_cared_for_name(name, CollectingDispatcher(), tracker, {})
        assert result == {"cared_for_name": None}, (text, result)
    result, _, _ = validate(
        "cared_for_name", "her name is Grace Okafor", asking_for="family", cared_for="mum"
    )
    assert result["cared_for_name"] == "Grace Okafor", "when the help is for her, her name is kept"


def test_a_postcode_corrected_at_a_later_question_corrects_the_one_it_names():
    text = "sorry its RM17 not RM16. RM17 4XY. and no none"
    tracker = asked("communication_needs", text, {"cared_for_postcode": "RM16 4XY"})
    tracker.events = [
        {"event": "slot", "name": "cared_for_postcode", "value": "RM16 4XY"},
        {"event": "user", "text": text, "parse_data": tracker.latest_message},
        {"event": "slot", "name": "postcode", "value": "RM17 4XY"},  # as the entity mapping sets it
    ]
    events = their_postcode_corrected(tracker, CollectingDispatcher())
    assert [(e["name"], e["value"]) for e in events] == [
        ("postcode", None),
        ("cared_for_postcode", "RM17 4XY"),
    ]
    result, _, _ = validate(
        "communication_needs", text, need="help for dad after hospital", postcode="RM17 4XY"
    )
    assert result["communication_needs"] == ["none"] and "need" not in result, result
    result = ValidateHandoverForm().validate_postcode(
        "RM17 4XY", CollectingDispatcher(), asked("need", "RM17 4XY", {}), {}
    )
    assert result == {"postcode": "RM17 4XY"}, "a postcode with nothing before it is the caller's"


def test_their_own_full_name_typed_where_who_the_help_is_for_was_asked_is_their_name():
    result, responses, _ = validate("asking_for", "danny okafor", full_name="Danny")
    assert result == {"asking_for": None, "full_name": "Danny Okafor"}, result
    assert responses == ["utter_details_noted_in_passing"]
    result, _, _ = validate("asking_for", "for me", full_name="Danny")
    assert result["asking_for"] == "self"


def test_a_complaint_about_this_conversation_is_never_taken_as_their_need():
    for text in [
        "you didnt answer me. do i have to give it",
        "i told you already no phone calls at all please",
        "dunno its on the fridge. 01375 8 something",  # an answer not to hand yet
        "hang on let me find it, my daughter wrote it down somewhere",
    ]:
        result, _, _ = validate("full_name", text)
        assert "need" not in result, (text, result)


def test_none_said_again_at_the_communication_question_is_none():
    for text in ["i said no none already", "none thanks", "no, none at all"]:
        result, _, _ = validate("communication_needs", text)
        assert result["communication_needs"] == ["none"], (text, result)


def test_none_for_the_caller_and_a_need_for_the_other_person_at_the_communication_question():
    for text, theirs in [
        (
            "not for me but mum's speech is a bit slurred since the stroke so best to ring me not her",
            "speech difficulty",
        ),
        ("none for me. Mrs Okafor may need an advocate though", "an advocate"),
    ]:
        result, _, _ = validate("communication_needs", text)
        assert result["communication_needs"] == ["none"], (text, result)
        assert result["cared_for_needs"] == [theirs], (text, result)


def test_no_none_while_changing_communication_needs_clears_them():
    tracker = asked("communication_needs", "/deny", {"communication_needs": None}, "deny")
    tracker.events = [
        {"event": "slot", "name": "communication_needs", "value": ["an advocate"]},
        {"event": "user", "text": "/deny", "parse_data": tracker.latest_message},
    ]
    result = ValidateDetailForm().validate_communication_needs("/deny", CollectingDispatcher(), tracker, {})
    assert result == {"communication_needs": ["none"]}, result


def test_text_refused_while_changing_a_detail_is_never_kept_as_it():
    """'i dont want to give an email' refused as an email, then Skip: the old email stays, never the
    refused words ('It's still: i dont want to give an email' was sent to Thurrock First)."""
    tracker = asked("email", "/deny", {"email": None}, "deny")
    refused = "i dont want to give an email"
    tracker.events = [
        {"event": "slot", "name": "email", "value": "sarah@example.com"},
        {"event": "user", "text": '/update_detail{"detail":"email"}'},
        {"event": "slot", "name": "email", "value": None},
        {"event": "active_loop", "name": "detail_form"},
        {"event": "user", "text": refused},
        {"event": "slot", "name": "email", "value": refused},
        {"event": "slot", "name": "email", "value": None},
        {"event": "user", "text": "/deny", "parse_data": tracker.latest_message},
    ]
    dispatcher = CollectingDispatcher()
    result = ValidateDetailForm().validate_email("/deny", dispatcher, tracker, {})
    assert result == {"email": "sarah@example.com"}, result
    assert dispatcher.messages[0]["value"] == "sarah@example.com"


def test_text_only_dont_ring_keeps_the_number_for_texts():
    """'07700 900461 but please text only dont ring' at the phone question: the number is how to text
    them, so it is kept and used for texts (it was dropped, and they were told nobody could reach them)."""
    from actions.details import how_we_contact

    wishes = ["text message", "not by phone"]
    texter = Tracker.from_dict({"sender_id": "x", "slots": {"contact_preference": wishes}, "events": []})
    assert contact_slots(texter) == ["phone"]
    told = how_we_contact({"phone": "07700 900461", "contact_preference": wishes})
    assert "by text message to 07700 900461" in told and "not by phone" in told
    never_rung = Tracker.from_dict(
        {"sender_id": "x", "slots": {"contact_preference": ["not by phone"]}, "events": []}
    )
    assert contact_slots(never_rung) == ["email"]


def test_how_to_contact_them_typed_at_the_communication_needs_question_is_an_answer():
    """'text messages only please, no phone calls' at 'any communication needs?': their wish is
    noted and the question is not asked again (it was asked three times)."""
    for text in ("text messages only please, no phone calls", "i said TEXT ONLY. contact me by text"):
        result, responses, messages = validate(
            "communication_needs", text, contact_preference=["text message", "not by phone"]
        )
        assert result == {"communication_needs": "not given"}, (text, result)
        assert responses == ["utter_details_noted_in_passing"], (text, responses)


def test_a_rating_with_words_after_it_keeps_both():
    """'1. obviously. but do i have to pay…' and '2 - they never ring back' were refused ('please
    choose a number') or lost their rating."""
    result, responses = rate("2 - they never ring back", "give_feedback")
    assert result["feedback_rating"] == 2 and result["feedback_comment"] == "they never ring back", result
    result, responses = rate(
        "1. obviously. but do i have to pay the bill while im complaining?", "give_feedback"
    )
    assert result["feedback_rating"] == 1 and "pay the bill" in result["feedback_comment"], result
    assert responses == []
    result, responses = rate("3 out of 5, the carers are lovely but always late", "give_feedback")
    assert result["feedback_rating"] == 3 and result["feedback_comment"].startswith("the carers"), result


def test_what_did_i_tell_you_at_the_need_question_shows_the_details_and_is_never_the_need():
    result, responses, _ = validate(
        "need", "what did i tell you", full_name="Albert Dunn", phone="01375 384429"
    )
    assert result == {"need": None} and responses == ["utter_your_details"], (result, responses)


def test_yes_send_it_at_the_communication_question_is_never_a_communication_need():
    result, _, _ = validate("communication_needs", "yes send it")
    assert result == {"communication_needs": "not given"}, result


def test_a_name_withheld_at_any_point_of_the_request_is_never_asked_for():
    def extracted(*said: str, **slots: Any):
        tracker = Tracker.from_dict(
            {"sender_id": "x", "slots": slots, "events": [{"event": "user", "text": s} for s in said]}
        )
        dispatcher = CollectingDispatcher()
        result = asyncio.run(ValidateHandoverForm().extract_full_name(dispatcher, tracker, {}))
        return result, [m.get("response") for m in dispatcher.messages]

    told_first = extracted("can someone check on her? I'd rather not give my name", "yes")
    assert told_first == ({"full_name": DECLINED}, []), "kept from the first message, said once only"
    assert extracted("I don't want her to know it was me") == (
        {"full_name": DECLINED},
        ["utter_name_withheld"],
    )
    assert extracted("can someone ring me", "yes") == ({}, [])
    assert extracted("keep my name out of it", full_name="Ann Lee") == ({}, []), "a name given stays"


def test_a_shared_postcode_corrected_is_corrected_for_both():
    """ "We both live there", then "sorry the postcode is wrong, its RM16 6AB": his is corrected too;
    a postcode of his own, told apart, is left alone."""
    from rasa_sdk.events import SlotSet

    def corrected(their_postcode: str):
        said = "sorry the postcode is wrong, its RM16 6AB"
        state = asked(
            "contact_time",
            said,
            {"postcode": "RM16 6AB", "cared_for_postcode": their_postcode, "share_consent": True},
        )
        state.events = [
            {"event": "slot", "name": "postcode", "value": "RM16 6BA"},
            {"event": "slot", "name": "cared_for_postcode", "value": their_postcode},
            {"event": "user", "text": said},
            {"event": "slot", "name": "postcode", "value": "RM16 6AB"},
        ]
        domain = {"slots": {}, "forms": {"handover_form": {"required_slots": []}}}
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ValidateHandoverForm().get_validation_events(dispatcher, state, domain))
        return events, [m.get("response") for m in dispatcher.messages]

    events, responses = corrected("RM16 6BA")
    assert SlotSet("cared_for_postcode", "RM16 6AB") in events and "utter_detail_updated" in responses
    events, _ = corrected("SS17 0LN")
    assert not any(e.get("name") == "cared_for_postcode" for e in events), "his own postcode stays"


def test_a_yes_or_a_word_or_two_at_the_time_question_is_not_a_time():
    """ "yes" typed at "when is a good time?" was kept as "Best time to contact you: yes"."""
    for text, intent in [("yes", "affirm"), ("ok", "affirm"), ("BSL", "give_details")]:
        result, _, _ = validate("contact_time", text, intent=intent)
        assert result["contact_time"] is None, (text, result)
    result, _, _ = validate("contact_time", "when the kids are at school")
    assert result["contact_time"] == "when the kids are at school", "a time in their own words is kept"


def test_a_correction_typed_where_the_need_was_asked_is_not_their_need():
    """ "sorry dads postcode is wrong, its RM17 6YX" was kept as "What you need: sorry dads…"."""
    result, _, _ = validate("need", "sorry dads postcode is wrong, its RM17 6YX", cared_for="dad")
    assert result["need"] is None, result
    said = "his carers didnt come and hes not had his tablets"
    result, _, _ = validate("need", said)
    assert result["need"] == said


def test_easy_read_chosen_in_the_chat_is_a_communication_need_never_asked_for():
    def extracted(**slots: Any):
        tracker = Tracker.from_dict({"sender_id": "x", "slots": slots, "events": []})
        return asyncio.run(
            ValidateHandoverForm().extract_communication_needs(CollectingDispatcher(), tracker, {})
        )

    assert extracted(easy_read=True) == {"communication_needs": ["Easy Read"]}
    assert extracted(easy_read=True, communication_needs=["BSL interpreter"]) == {}, "told already: kept"
    assert extracted(easy_read=False) == {}


def test_communication_needs_told_in_different_messages_are_kept_together():
    """ "I am deaf, BSL user" then "no phone, I am deaf": the BSL interpreter was lost from the request."""
    from actions.details import known_details

    def needs(*values):
        events = [
            event
            for v in values
            for event in (
                {"event": "user", "text": "…"},
                {"event": "slot", "name": "communication_needs", "value": v},
            )
        ]
        tracker = Tracker.from_dict(
            {"sender_id": "x", "slots": {"communication_needs": values[-1]}, "events": events}
        )
        return known_details(tracker).get("communication_needs")

    told = needs(["BSL interpreter", "deaf or hard of hearing"], ["deaf or hard of hearing"])
    assert told == ["BSL interpreter", "deaf or hard of hearing"]
    assert needs(["large print"], None, ["Easy Read"]) == ["Easy Read"], "a need taken away stays away"
    assert needs(["none"]) == ["none"]


def test_a_need_counts_as_the_message_left_it_not_as_typed():
    from actions.details import known_details

    events = [
        {"event": "user", "text": "I am deaf"},
        {"event": "slot", "name": "communication_needs", "value": ["deaf or hard of hearing"]},
        {"event": "user", "text": "/deny"},
        {"event": "slot", "name": "communication_needs", "value": ["/deny"]},  # as typed
        {"event": "slot", "name": "communication_needs", "value": ["none"]},  # as checked
    ]
    tracker = Tracker.from_dict(
        {"sender_id": "x", "slots": {"communication_needs": ["none"]}, "events": events}
    )
    assert known_details(tracker)["communication_needs"] == ["deaf or hard of hearing"]
    events[-1]["value"] = "not given"
    tracker = Tracker.from_dict(
        {"sender_id": "x", "slots": {"communication_needs": "not given"}, "events": events}
    )
    assert known_details(tracker)["communication_needs"] == "not given"


@pytest.mark.parametrize(
    "text, corrected",
    [
        ("sorry the postcode is SS17 9BJ not BL", "SS17 9BJ"),  # the end said wrong
        ("sorry the postcode is SS17 9BJ", "SS17 9BJ"),  # only theirs held: a correction of theirs
        ("my postcode is SS17 9BJ", None),  # their own, said as theirs, without a correction
        ("sorry it's RM20 3AB", None),  # another district: not a typo of theirs
    ],
)
def test_a_nurse_correcting_the_patients_postcode_corrects_the_patients(text, corrected):
    """Leanne (a district nurse) wrote "sorry the postcode is SS17 9BJ not BL": it went into her own."""
    tracker = asked("communication_needs", text, {"cared_for_postcode": "SS17 9BL"})
    new = next((f.value for f in find_details(text) if f.kind == "postcode"), None)
    tracker.events = [
        {"event": "slot", "name": "cared_for_postcode", "value": "SS17 9BL"},
        {"event": "user", "text": text, "parse_data": tracker.latest_message},
        {"event": "slot", "name": "postcode", "value": new},
    ]
    events = their_postcode_corrected(tracker, CollectingDispatcher())
    assert ([e["value"] for e in events if e["name"] == "cared_for_postcode"] or [None])[0] == corrected


def test_a_time_said_at_the_communication_needs_question_is_the_time_never_a_need():
    """Leanne answered "weekdays" there, and the read-back said "Communication needs: weekdays"."""
    result, responses, _ = validate("communication_needs", "weekdays")
    assert result == {"contact_time": "weekdays", "communication_needs": None}
    assert responses == ["utter_details_noted_in_passing"]
    result, _, _ = validate("communication_needs", "large print please")
    assert "contact_time" not in result and result["communication_needs"]
    # Sharon: "mornings when hes at college, before 12" was sent as her communication needs
    result, _, _ = validate("communication_needs", "mornings when hes at college, before 12")
    assert result["communication_needs"] is None and "morning" in result["contact_time"]


def test_can_i_complain_for_her_at_the_rating_is_answered_and_the_rating_asked_again():
    """Terry's "can i complain on her behalf tho?" was kept as his feedback and the form ended."""
    result, responses = rate("can i complain on her behalf tho? she cant do it herself", "give_feedback")
    assert responses == ["utter_complain_for_someone"] and result["feedback_rating"] is None


def test_i_told_you_in_my_first_message_with_a_question_takes_the_story_and_answers_the_question():
    """Priya: "i told you already in my first message... you didn't answer me - does she need to
    consent?" was saved as what she needs; her story was in her first message."""
    story = "referring mrs ellis, 81, fractured hip, lives alone, needs four calls a day before discharge on friday"
    text = "i told you already in my first message. does she need to consent?"
    tracker = asked("need", text, {}, intent="professional_referral")
    tracker.events = [
        {"event": "user", "text": story, "parse_data": {"intent": {"name": "professional_referral"}}},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_professional_referral"}},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "professional_referral"}}},
    ]
    dispatcher = CollectingDispatcher()
    result = ValidateHandoverForm().validate_need(text, dispatcher, tracker, {})
    assert result == {"need": story}
    assert "utter_professional_referral" in [m.get("response") for m in dispatcher.messages]


def test_a_question_or_a_denial_at_the_consent_question_is_never_a_yes():
    """Sam asked "You said it is not sent... is it ok to share it. Which one is true." and was asked
    his name: the question had been taken as a yes. "I did not say yes" was then a name."""
    from actions.handover import consent_in

    assert consent_in("you said it isnt sent. then you ask is it ok to share. which one is true") is None
    assert consent_in("is it ok if i say no?") is None
    assert consent_in("i did not say yes") is False
    assert consent_in("i never agreed to that") is False
    assert consent_in("yes, will they ring me today?") is True


@pytest.mark.parametrize(
    "text",
    [
        "yes but only about the day centre",
        "ok, but leave out the bit about his drinking",
        "yeah go on. just dont mention the money side",
        "only if you don't tell my son",
        "yes, except the part about the fall",
    ],
)
def test_a_yes_with_a_limit_on_what_is_shared_keeps_the_limit_in_their_words(text):
    """Rosa said "yes but only about the day centre" and everything went, as if she had said yes."""
    result, responses, _ = validate("share_consent", text)
    assert result == {"share_consent": True, "sharing_limit": text}
    assert responses == ["utter_sharing_limit_noted"]


@pytest.mark.parametrize(
    "text, consent",
    [
        ("yes just send it", True),
        ("yes please", True),
        ("yes, will they ring me today?", True),
        ("please don't share it", False),
        ("is it ok if it's only about the day centre?", None),
    ],
)
def test_a_yes_without_a_limit_or_a_no_or_a_question_keeps_no_limit(text, consent):
    result, _, _ = validate("share_consent", text)
    assert result.get("share_consent") is consent and "sharing_limit" not in result, (text, result)


def test_the_limit_is_read_back_and_sent_first_in_the_summary():
    from actions.handover import sharing_said

    limit = "yes but only about the day centre"
    tracker = asked("need", "x", {"sharing_limit": limit})
    assert limit in sharing_said(tracker)
    assert sharing_said(asked("need", "x", {})) == ""


@pytest.mark.parametrize("text", ["i give up", "whatever", "i dont get it"])
def test_giving_up_at_a_question_is_let_go_never_told_it_is_not_a_phone_number(text):
    """Leon typed "i give up" at the phone question and was told "That is not a UK phone number"."""
    result, responses, _ = validate("phone", text)
    assert responses == ["utter_moving_on"] and result["phone"] is not None, (result, responses)


def test_a_relative_there_in_passing_is_not_who_the_help_is_for():
    """A girl who looks after her mum wrote "my little brother is crying": the request became about
    her brother. Said to be for him, it is."""

    def said_after_mum(text: str) -> Tracker:
        return Tracker.from_dict(
            {
                "sender_id": "web:form-answers",
                "slots": {"requested_slot": "phone", "cared_for": "brother", "asking_for": "family"},
                "latest_message": {"text": text, "intent": {"name": "give_details"}, "entities": []},
                "events": [
                    {"event": "user", "text": "i look after my mum"},
                    {"event": "slot", "name": "cared_for", "value": "mum"},
                    {"event": "user", "text": text},
                    {"event": "slot", "name": "cared_for", "value": "brother"},
                ],
                "active_loop": {"name": "handover_form"},
            }
        )

    for text, kept in [
        ("my little brother is crying and i dont know what to do", "mum"),
        ("sorry my brother keeps asking me things", "mum"),
        ("its actually for my brother, mum is ok", "brother"),
        ("i look after my brother too, he needs help as well", "brother"),
    ]:
        result = ValidateHandoverForm().validate_cared_for(
            "brother", CollectingDispatcher(), said_after_mum(text), {}
        )
        assert result == {"cared_for": kept}, text


def test_no_rating_with_a_question_is_never_asked_for_a_number():
    """Tom, furious that his mum's carers did not come: "i dont want to rate anything. whats she
    supposed to do tonight?" got "Sorry, please choose a number from one to five"."""
    said = "i dont want to rate anything. whats she supposed to do tonight? the agency goes to voicemail"
    result, responses = rate(said, "out_of_hours", confidence=0.3)
    assert responses == ["utter_rating_left"] and result["feedback_rating"] == "left"
    result, responses = rate("i dont want to rate it. is there anyone independent?", "healthwatch")
    assert responses == ["utter_healthwatch"] and result["feedback_rating"] == "left"


def test_what_is_not_a_time_is_never_the_best_time():
    result, _, _ = validate("contact_time", "i like football")
    assert result["contact_time"] is None, "asked again, never 'Best time: i like football'"
    for text, kept in [
        ("after the school run", "after the school run"),
        ("not when im at work", "not when im at work"),
    ]:
        result, _, _ = validate("contact_time", text)
        assert result["contact_time"] == kept, text


def test_a_correction_at_the_need_question_is_never_their_need():
    said = "no wait my name is Sam Whitfeld not Whitfield and my postcode is RM19 1QS"
    result, _, _ = validate("need", said, full_name="Sam Whitfield", postcode="RM19 1QA")
    assert result["need"] is None, "the details are changed, and what they need is asked again"


@pytest.mark.parametrize(
    "said, kept",
    [
        (
            "yes. patient is Mr Derek Holt, 79, lives alone, struggling with stairs",
            "patient is Mr Derek Holt",
        ),
        ("ok can you just refer her then. Mrs Joan Pike, 84, discharge tomorrow", "Mrs Joan Pike, 84"),
        ("i dont want to rate anything. my carer didnt come last night", "my carer didnt come"),
    ],
)
def test_their_need_is_kept_without_what_was_said_to_something_else(said, kept):
    result, _, _ = validate("need", said)
    assert result["need"].startswith(kept), result


def test_no_phone_number_is_asked_of_someone_who_does_not_use_the_phone():
    tracker = asked("email", "", {"communication_needs": ["clear, literal language", "no phone calls"]})
    assert contact_slots(tracker) == ["email"]


@pytest.mark.parametrize("text", ["i already said no", "I said no", "u asked me that b4. no"])
def test_no_needs_said_again_is_none_never_their_words(text):
    result, _, _ = validate("communication_needs", text, intent="inform")
    assert result["communication_needs"] == ["none"]
