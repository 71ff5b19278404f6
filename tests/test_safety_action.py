"""action_respond_to_risk on its own (Tracker.from_dict, as RasaHQ's financial-demo tests actions):
graded answers, never the same block twice, follow-ups, safe contact, the form paused, the concern
kept in the person's own words."""

import asyncio
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionRespondToRisk


def user(text: str, risk: Optional[str] = None) -> Dict[str, Any]:
    entities = [{"entity": "risk", "value": risk}] if risk else []
    return {"event": "user", "text": text, "parse_data": {"text": text, "entities": entities, "intent": {}}}


def bot(action: str) -> Dict[str, Any]:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": action}}


def run(
    events: List[Dict],
    slots: Optional[Dict] = None,
    active_loop: Optional[Dict] = None,
    domain: Optional[Dict] = None,
):
    tracker = Tracker.from_dict(
        {
            "sender_id": "t",
            "slots": slots or {},
            "latest_message": events[-1]["parse_data"],
            "events": events,
            "active_loop": active_loop or {},
        }
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionRespondToRisk().run(dispatcher, tracker, domain or {}))
    said = [m.get("response") for m in dispatcher.messages]
    set_slots = {e["name"]: e["value"] for e in result if e.get("event") == "slot"}
    return said, set_slots, result, dispatcher.messages


@pytest.fixture(autouse=True)
def weekday_afternoon(monkeypatch):
    monkeypatch.setenv("CLOCK_OVERRIDE", "2026-12-03T14:00")


def test_imminent_self_harm_gets_999_and_are_you_safe():
    said, slots, _, _ = run([user("i have the pills here and i'm taking them tonight", "self_harm:imminent")])
    assert said[0] == "utter_risk_self_harm_imminent"
    assert "utter_thurrock_first_open" in said
    assert slots["concerns"][0]["their_words"] == ["i have the pills here and i'm taking them tonight"]
    assert slots["concerns"][0]["urgency"].startswith("immediate")
    assert slots["handover_urgency"] == "urgent"


def test_the_report_abuse_button_gets_the_abuse_answer_and_what_they_say_next_is_kept():
    said, slots, _, _ = run([user("/safeguarding_concern")])
    assert said[0] == "utter_risk_abuse"
    assert slots["concerns"][0]["their_words"] == [], "a button press is not the person's words"
    events = [
        user("/safeguarding_concern"),
        bot("utter_risk_abuse"),
        user("my neighbour's son takes his pension", "abuse"),
    ]
    said, slots, _, _ = run(events, {"concerns": slots["concerns"], "last_risk_answer": "abuse"})
    assert slots["concerns"][0]["their_words"] == ["my neighbour's son takes his pension"]


def test_the_same_kind_again_is_never_the_same_block():
    first_said, first_slots, _, _ = run([user("my carer hits me", "abuse")])
    events = [
        user("my carer hits me", "abuse"),
        bot("utter_risk_abuse"),
        user("she hit me again today", "abuse"),
    ]
    said, slots, _, _ = run(events, {"concerns": first_slots["concerns"], "last_risk_answer": "abuse"})
    assert "utter_risk_abuse" not in said and said[0] == "utter_risk_more"
    assert slots["concerns"][0]["their_words"] == ["my carer hits me", "she hit me again today"]
    events += [bot("utter_risk_more"), user("she hit me once more", "abuse")]
    said, _, _, _ = run(events, {"concerns": slots["concerns"], "last_risk_answer": "utter_risk_more"})
    assert said[0] == "utter_risk_offer_contact"


def test_a_follow_up_question_gets_its_own_answer():
    concerns = [{"kind": "abuse", "urgency": "urgent", "their_words": ["my carer takes my money"]}]
    events = [
        user("my carer takes my money", "abuse"),
        bot("utter_risk_abuse"),
        bot("utter_thurrock_first_open"),
        user("will they stop my care if I report her?"),
    ]
    said, _, _, _ = run(events, {"concerns": concerns, "last_risk_answer": "abuse"})
    assert said == ["utter_risk_followup_care_continues"]


def test_not_by_phone_is_kept_and_honoured():
    concerns = [
        {"kind": "abuse", "urgency": "urgent", "their_words": ["my partner hits me"], "safe_to_contact": None}
    ]
    events = [
        user("my partner hits me", "abuse"),
        bot("utter_risk_abuse"),
        bot("utter_risk_domestic_abuse"),
        user("not by phone, he will answer it"),
    ]
    said, slots, _, _ = run(events, {"concerns": concerns, "last_risk_answer": "abuse"})
    assert said == ["utter_risk_contact_noted"]
    assert "not by phone" in slots["contact_preference"]
    assert slots["concerns"][0]["safe_to_contact"].startswith("not by phone")


def test_a_form_is_paused_and_can_be_carried_on():
    events = [user("help with washing", None), user("nobody would notice if I was gone", "self_harm")]
    said, slots, result, messages = run(events, active_loop={"name": "handover_form"})
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in result
    ]
    assert slots["paused_form"] == "handover_form"
    titles = [b["title"] for b in messages[-1]["buttons"]]
    assert titles[0] == "Carry on where we were" and "Ask someone to contact me" in titles


def test_closed_at_night_says_when_they_open(monkeypatch):
    monkeypatch.setenv("CLOCK_OVERRIDE", "2026-12-05T22:30")
    said, _, _, messages = run([user("the carer never came and mum is stuck in her chair", "missed_care")])
    assert said[:2] == ["utter_risk_missed_care", "utter_thurrock_first_closed"]
    assert messages[1]["opens"] == "7am tomorrow (Sunday)"
    assert "utter_emergency_duty_team" not in said
    monkeypatch.setenv("EMERGENCY_DUTY_TEAM_PHONE", "01375 000 999")
    from bot.settings import settings

    settings.cache_clear()
    said, _, _, _ = run([user("the carer never came and mum is stuck in her chair", "missed_care")])
    assert "utter_emergency_duty_team" in said


def test_a_concern_described_again_for_its_request_is_taken_down_but_a_new_risk_is_answered():
    from bot.safety.dialogue import SafetyTurn, told_again_for_the_request
    from bot.safety.risk import Risk

    abuse = [{"kind": "abuse", "urgency": "urgent", "their_words": ["one of her carers hit her"]}]
    assert told_again_for_the_request(SafetyTurn(Risk("abuse")), abuse)
    assert not told_again_for_the_request(SafetyTurn(Risk("self_harm")), abuse), "a new kind of risk"
    assert not told_again_for_the_request(SafetyTurn(Risk("self_harm", imminent=True)), abuse)
    assert not told_again_for_the_request(SafetyTurn(Risk("abuse"), followup="anonymous"), abuse)
    assert not told_again_for_the_request(SafetyTurn(Risk("abuse")), []), "never answered yet"


def test_who_may_be_causing_harm_named_after_the_concern_is_kept_and_post_is_asked_about():
    first = "he takes my pension and shouts at me, im scared he will find out"
    _, slots, _, _ = run([user(first, "abuse")])
    assert slots["concerns"][0]["who_may_be_causing_harm"] is None, "only 'he' so far"
    events = [user(first, "abuse"), bot("utter_risk_abuse"), user("will he find out it was me? its my son")]
    said, slots, _, _ = run(events, {"concerns": slots["concerns"], "last_risk_answer": "abuse"})
    assert said[0] == "utter_risk_followup_anonymous"
    assert slots["concerns"][0]["who_may_be_causing_harm"] == "my son"
    events += [bot("utter_risk_followup_anonymous"), user("will anything be posted to my house?")]
    said, slots, _, _ = run(events, {"concerns": slots["concerns"], "last_risk_answer": "followup:anonymous"})
    assert said[0] == "utter_risk_followup_contact_safely"
    events += [bot("utter_risk_followup_contact_safely"), user("email only please, no letters")]
    said, slots, _, _ = run(
        events, {"concerns": slots["concerns"], "last_risk_answer": "followup:contact_safely"}
    )
    assert slots["concerns"][0]["safe_to_contact"].startswith("not by letter; email only"), slots["concerns"]


@pytest.mark.parametrize(
    "answer",
    [
        "yes im safe, im not going to do anything, im just tired. can we carry on with jamies thing please",
        "oh god no im fine, im safe, i didnt mean like that. i meant the money",
        "no im not going to do anything",
    ],
)
def test_im_safe_with_a_reassuring_not_is_heard_as_safe(answer):
    """The answer to "are you safe right now?" with "not going to do anything" or "no, I'm fine" in
    it was read as no answer at all ("did you mean"), and never reached the request."""
    events = [
        user("some days i think everyone would be better off without me", "self_harm"),
        bot("utter_risk_self_harm"),
        user(answer),
    ]
    said, _, _, _ = run(events, {"last_risk_answer": "self_harm"})
    assert said[0] == "utter_risk_safe_now", said


def test_carry_on_takes_up_the_paused_request_where_it_was():
    events = [
        user("some days i think everyone would be better off without me", "self_harm"),
        bot("utter_risk_self_harm"),
        user("yes im safe. can we carry on with jamies thing please"),
    ]
    said, slots, result, _ = run(events, {"paused_form": "handover_form", "share_consent": True})
    assert said == ["utter_risk_safe_now", "utter_carry_on"], said
    assert {"event": "followup", "timestamp": None, "name": "handover_form"} in result
    assert slots["paused_form"] is None and "share_consent" not in slots, "consent is never asked again"
    events[-1] = user("carry on where we were")
    said, _, result, _ = run(events, {"paused_form": "feedback_form"})
    assert (
        said == ["utter_carry_on"]
        and {"event": "followup", "timestamp": None, "name": "feedback_form"} in result
    )


def test_a_husband_asking_whether_a_safeguarding_referral_means_trouble_is_answered_not_reported():
    """'the policeman said it's a safeguarding thing, am I in trouble?', before any concern: his
    question is answered (and his other question), never an abuse report about him."""
    text = "could she go somewhere for a week so i can sleep. the policeman said it was a safeguarding thing, am i in trouble"
    event = user(text)
    event["parse_data"]["intent"] = {"name": "carer_breaks", "confidence": 0.8}
    said, slots, _, _ = run([event])
    assert said[:2] == ["utter_risk_followup_carer_in_trouble", "utter_carer_breaks"], said
    assert not slots.get("concerns"), "no concern raised"


def test_no_its_not_me_its_my_dad_moves_the_concern_to_him_and_gives_the_advice_for_a_worried_relative():
    events = [
        user("hes been really low, whats the point of going on", "self_harm"),
        bot("utter_risk_self_harm"),
        user("no its not me, its my dad saying it. im fine. what should i do about him"),
    ]
    concern = {
        "kind": "self_harm",
        "what": "x",
        "their_words": ["hes been really low"],
        "who_may_be_at_risk": "the person writing",
    }
    said, slots, _, _ = run(events, {"concerns": [concern], "last_risk_answer": "self_harm"})
    assert said[0] == "utter_risk_someone_else", said
    [moved] = slots["concerns"]
    assert moved["kind"] == "someone_else" and moved["who_may_be_at_risk"] != "the person writing", moved


def test_lol_no_im_not_suicidal_i_havent_finished_my_feedback_goes_back_to_the_feedback():
    events = [
        user("honestly i cant keep going like this, im exhausted", "self_harm"),
        bot("utter_risk_self_harm"),
        user("lol no im not suicidal, fed up with the council. im safe. i havent finished my feedback tho"),
    ]
    said, _, result, _ = run(events, {"paused_form": "feedback_form"})
    assert said == ["utter_risk_safe_now", "utter_carry_on"], said
    assert {"event": "followup", "timestamp": None, "name": "feedback_form"} in result


def test_self_harm_said_again_gets_the_ways_to_help_each_time_never_only_thanks():
    first_said, first_slots, _, _ = run(
        [user("i dont see the point in carrying on without her", "self_harm")]
    )
    assert first_said[0] == "utter_risk_self_harm"
    events = [
        user("i dont see the point in carrying on without her", "self_harm"),
        bot("utter_risk_self_harm"),
        user("theres nothing left for me here if she goes", "distress"),
    ]
    said, slots, _, _ = run(events, {"concerns": first_slots["concerns"], "last_risk_answer": "self_harm"})
    assert said[0] == "utter_risk_self_harm_again", "Samaritans and 'are you safe?' again"
    assert slots["concerns"][0]["their_words"][-1] == "theres nothing left for me here if she goes"
    events += [bot("utter_risk_self_harm_again"), user("i wont be here much longer anyway", "self_harm")]
    said, _, _, _ = run(
        events, {"concerns": slots["concerns"], "last_risk_answer": "utter_risk_self_harm_again"}
    )
    assert said[0] == "utter_risk_self_harm_again_contact", "never the same reply twice running"


@pytest.mark.parametrize(
    "answer", ["I DONT KNOW", "dont know", "not sure", "i really dont know anymore", "maybe"]
)
def test_not_knowing_whether_they_are_safe_is_not_a_yes(answer):
    first_said, first_slots, _, _ = run([user("i dont see the point in carrying on", "self_harm")])
    events = [
        user("i dont see the point in carrying on", "self_harm"),
        bot("utter_risk_self_harm"),
        user(answer),
    ]
    said, _, _, _ = run(events, {"concerns": first_slots["concerns"], "last_risk_answer": "self_harm"})
    assert said[0] == "utter_risk_not_safe_now"


def test_the_concern_told_again_at_the_read_back_is_kept_and_the_read_back_comes_again():
    first_said, first_slots, _, _ = run(
        [user("my brother came home from the day centre with bruises", "abuse")]
    )
    events = [
        user("my brother came home from the day centre with bruises", "abuse"),
        bot("utter_risk_abuse"),
        user("the help isnt for me its for my brother daniel harris, well the bruises bit is", "abuse"),
    ]
    slots = {"concerns": first_slots["concerns"], "last_risk_answer": "abuse", "handover_stage": "confirming"}
    said, slots, result, _ = run(events, slots)
    assert said == [], "no 'thank you for telling me more' instead of the read-back"
    assert {"event": "followup", "name": "action_confirm_handover"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in result
    ]
    assert slots["concerns"][0]["their_words"][-1].startswith("the help isnt for me")


def test_back_to_my_question_with_no_paused_form_answers_the_question():
    first_said, first_slots, _, _ = run(
        [user("my brother came home from the day centre with bruises", "abuse")]
    )
    back = user(
        "so back to my question from before, does the carers assessment need daniel there or just me?"
    )
    back["parse_data"]["intent"] = {"name": "assessment_carer", "confidence": 0.9}
    events = [
        user("my brother came home from the day centre with bruises", "abuse"),
        bot("utter_risk_abuse"),
        back,
    ]
    said, _, _, _ = run(events, {"concerns": first_slots["concerns"], "last_risk_answer": "abuse"})
    assert said == ["utter_assessment_carer"]


def test_fear_said_after_how_can_we_contact_you_safely_is_more_of_the_concern_not_the_answer():
    first_said, first_slots, _, _ = run([user("my support worker shouts at me sometimes", "abuse")])
    events = [
        user("my support worker shouts at me sometimes", "abuse"),
        bot("utter_risk_abuse"),
        user("i am scared of her", "abuse"),
    ]
    said, slots, _, _ = run(events, {"concerns": first_slots["concerns"], "last_risk_answer": "abuse"})
    assert "utter_risk_contact_noted" not in said and said[0] == "utter_risk_more"
    assert not slots["concerns"][0].get("safe_to_contact")


def concern(kind: str, words: str) -> Dict[str, Any]:
    return {
        "kind": kind,
        "what": kind,
        "urgency": "urgent",
        "their_words": [words],
        "who_may_be_at_risk": "x",
    }


def test_a_label_said_to_be_wrong_comes_off_and_their_words_stay():
    """Bev asked for respite; "i snapped at him" put "someone in danger" on her request and "nobody
    is hurt, take that off" was refused. Now it comes off (the request is no longer urgent, nor about
    it), and what she said, both times, stays for Thurrock First to read."""
    events = [user("i shouted at him today", "carer_harm"), bot("utter_risk_carer_harm")]
    events.append(user("nobody is hurt, take that off please"))
    slots = {
        "concerns": [concern("carer_harm", "i shouted at him today")],
        "last_risk_answer": "carer_harm",
        "handover_stage": "confirming",
        "handover_topic": "A carer at breaking point: afraid of harming or leaving the person they look after, and Breaks for carers",
    }
    said, set_slots, result, _ = run(events, slots)
    assert said[0] == "utter_risk_label_removed"
    kept = set_slots["concerns"][0]
    assert kept["withdrawn"] and "wrong" in kept["urgency"]
    assert kept["their_words"] == ["i shouted at him today", "nobody is hurt, take that off please"]
    assert set_slots["handover_urgency"] is None
    assert set_slots["handover_topic"] == "Breaks for carers"
    assert {"event": "followup", "timestamp": None, "name": "action_confirm_handover"} in result


def test_a_risk_to_their_own_life_is_never_taken_off_but_explained():
    events = [
        user("i want to end it all", "self_harm"),
        bot("utter_risk_self_harm"),
        user("you got it wrong, take that off"),
    ]
    said, set_slots, _, _ = run(events, {"concerns": [concern("self_harm", "i want to end it all")]})
    assert said[0] == "utter_risk_followup_why_flagged"
    assert not set_slots["concerns"][0].get("withdrawn")
    assert set_slots["handover_urgency"] == "urgent"


def test_strain_heard_as_a_risk_to_life_comes_off_when_they_say_they_are_safe():
    """Mick, worn out: "im knackered and cant carry on like this" was asked "are you safe?"; "yes
    im safe", "I AM SAFE. i am not suicidal, take that off" left "Risk of suicide" on his request."""
    words = "im knackered and cant carry on like this"
    events = [user(words, "self_harm"), bot("utter_risk_self_harm"), user("yes im safe")]
    events += [bot("utter_risk_safe_now"), user("I AM SAFE. i am not suicidal. take that off")]
    said, set_slots, _, _ = run(events, {"concerns": [concern("self_harm", words)]})
    assert said[0] == "utter_risk_label_removed"
    kept = set_slots["concerns"][0]
    assert kept["withdrawn"] and "safe" in kept["urgency"] and kept["their_words"][0] == words
    for explicit in (
        "i cant carry on like this, i want to end it all",
        "i have thought about killing myself",
    ):
        events = [
            user(explicit, "self_harm"),
            bot("utter_risk_self_harm"),
            user("you got it wrong, take that off"),
        ]
        said, set_slots, _, _ = run(events, {"concerns": [concern("self_harm", explicit)]})
        assert said[0] == "utter_risk_followup_why_flagged", explicit
        assert not set_slots["concerns"][0].get("withdrawn")


def test_a_victim_asking_us_not_to_tell_is_answered_about_their_wishes():
    """Lee, after telling us his support worker takes his money: "dont tell anyone. pls. she wil be
    cross" and "wil you tell her wat i said?" were "I did not understand"."""
    first = "she shouts at me. and she taks my mony"
    for text in (
        "dont tell anyone. pls. she wil be cross",
        "wil you tell her wat i said?",
        "i dont want her in trubble",
    ):
        events = [user(first, "abuse"), bot("utter_risk_abuse"), user(text)]
        said, _, _, _ = run(events, {"concerns": [concern("abuse", first)], "last_risk_answer": "abuse"})
        assert said[0] == "utter_risk_followup_keep_private", (text, said)


def test_a_denial_with_a_new_disclosure_answers_the_new_one_and_never_fails():
    """Pat, after the abuse answer: "its not abuse shes ill... i pushed her away hard" failed four times
    ("Sorry, I can't answer right now"): the denial was looked up as a follow-up question."""
    events = [user("my mum hits me when i wash her", "abuse"), bot("utter_risk_abuse")]
    events.append(user("its not abuse shes ill. i lost it and i pushed her away hard", "carer_harm"))
    said, set_slots, _, _ = run(
        events, {"concerns": [concern("abuse", "my mum hits me")], "last_risk_answer": "abuse"}
    )
    assert said[0] == "utter_risk_carer_harm"
    assert [c["kind"] for c in set_slots["concerns"]] == ["abuse", "carer_harm"]


def test_a_victim_saying_it_is_not_abuse_keeps_the_concern():
    """Ray: "NO NO ITS NOT ABUSE, HES MY BOY" of his son taking his pension: a typical retraction."""
    held = {**concern("abuse", "my son takes my pension"), "who_may_be_at_risk": "the person writing"}
    events = [
        user("my son takes my pension", "abuse"),
        bot("utter_risk_abuse"),
        user("NO NO ITS NOT ABUSE, HES MY BOY"),
    ]
    said, set_slots, _, _ = run(events, {"concerns": [held], "last_risk_answer": "abuse"})
    assert said[0] == "utter_risk_followup_why_flagged"
    assert not set_slots["concerns"][0].get("withdrawn") and set_slots["handover_urgency"] == "urgent"
    assert "utter_risk_contact_noted" not in said, "a denial is not an answer about how to contact them"


def test_no_phone_of_their_own_said_later_is_noted_with_the_ways_that_need_none():
    """Lee, a few messages after "is it safe for us to contact you? how?": "i cant fone. she has my
    fone" was "Sorry, I did not understand"."""
    first = "she shouts at me. and she taks my mony"
    events = [
        user(first, "abuse"),
        bot("utter_risk_abuse"),
        bot("utter_risk_ask_safe_contact"),
        user("dont tell anyone. pls. she wil be cross"),
        bot("utter_risk_followup_keep_private"),
        user("i cant fone. she has my fone"),
    ]
    said, slots, _, _ = run(events, {"concerns": [concern("abuse", first)], "last_risk_answer": "abuse"})
    assert said == ["utter_risk_contact_noted", "utter_risk_ways_without_a_phone"]
    assert slots["concerns"][0]["safe_to_contact"].startswith("not by phone")


def test_asked_again_straight_after_the_answer_is_shorter_never_the_same_text():
    first = "she shouts at me. and she taks my mony"
    events = [
        user(first, "abuse"),
        bot("utter_risk_abuse"),
        user("dont tell anyone. pls. she wil be cross"),
        bot("utter_risk_followup_keep_private"),
        user("wil you tell her wat i said?"),
    ]
    domain = {"responses": {"utter_risk_followup_keep_private_again": [{"text": "No."}]}}
    said, _, _, _ = run(
        events, {"concerns": [concern("abuse", first)], "last_risk_answer": "abuse"}, domain=domain
    )
    assert said == ["utter_risk_followup_keep_private_again"]


def test_playing_it_down_unasked_after_a_risk_answer_gets_the_safe_for_now_answer():
    """Frank, widowed: "no one would notice if I went", then "don't worry, I'm not going to do anything
    daft. I'm not calling 999." was "Sorry, I'm not sure I understood"."""
    first = "no one would notice if I went"
    events = [
        user(first, "self_harm"),
        bot("utter_risk_self_harm"),
        user("don't worry, I'm not going to do anything daft. I'm not calling 999."),
    ]
    said, _, _, _ = run(events, {"concerns": [concern("self_harm", first)], "last_risk_answer": "self_harm"})
    assert said[0] == "utter_risk_safe_now"


def test_a_neighbour_asking_us_not_to_say_who_told_is_answered_about_staying_anonymous():
    """Pat, a neighbour, said "please dont tell him it was me" and was told she was not in trouble (the
    answer for someone harmed). A person reporting someone else is told about staying anonymous; the
    person harmed still gets the answer about their own wishes."""
    events = [user("i knocked, no answer but i can hear the telly, not seen him for days", "neglect")]
    events += [bot("utter_risk_neglect"), user("please dont tell him it was me")]
    reporter = {**concern("neglect", "i knocked"), "who_may_be_at_risk": "someone the person writing knows"}
    said, _, _, _ = run(events, {"concerns": [reporter], "last_risk_answer": "neglect"})
    assert "utter_risk_followup_anonymous" in said and "utter_risk_followup_keep_private" not in said
    victim = {**concern("abuse", "he hits me"), "who_may_be_at_risk": "the person writing"}
    events = [user("he hits me", "abuse"), bot("utter_risk_abuse"), user("please dont tell him it was me")]
    said, _, _, _ = run(events, {"concerns": [victim], "last_risk_answer": "abuse"})
    assert "utter_risk_followup_keep_private" in said


def test_a_relative_named_in_a_disclosure_never_becomes_the_person_helped():
    """Edna said the help was for her; "its my grandson, he has my pension card" made the form ask for
    "the name of the person the help is for". The relative is who may be causing harm."""
    events = [
        {"event": "slot", "name": "asking_for", "value": "self"},
        user("its my grandson. he has my pension card and i dont get the money back", "abuse"),
    ]
    _, set_slots, _, _ = run(events, {"asking_for": "family", "cared_for": "grandson"})
    assert set_slots["asking_for"] == "self" and set_slots["cared_for"] is None


def test_a_question_asked_with_im_safe_is_answered_too():
    """Kayla: "yeah im safe… how do i get a carers assessment" got only "I'm glad you're safe"."""
    from actions.safety import asked_too

    def tracker(text, intent, confidence, entities=()):
        message = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": list(entities),
        }
        return Tracker.from_dict({"sender_id": "t", "slots": {}, "latest_message": message, "events": []})

    assert (
        asked_too(tracker("yeah im safe. how do i get a carers assessment", "assessment_carer", 0.6))
        == "assessment_carer"
    )
    assert asked_too(tracker("yeah im safe thanks", "assessment_carer", 0.6)) is None
    also = [{"entity": "also_asked", "value": "carer_breaks"}]
    assert asked_too(tracker("im ok now. respite?", "affirm", 0.9, also)) == "carer_breaks"


def test_out_of_hours_says_plainly_whether_there_is_a_council_team_at_night(monkeypatch):
    """A carer hit at 10pm asked "is there an out of hours social worker tonight or not. yes or no" and
    got a list that never said. With no number set, it says there is none to give; with one, it gives it."""
    from actions.opening_hours import ActionAnswerOutOfHours
    from bot.settings import settings

    def said():
        tracker = Tracker.from_dict({"sender_id": "t", "slots": {}, "latest_message": {}, "events": []})
        dispatcher = CollectingDispatcher()
        asyncio.run(ActionAnswerOutOfHours().run(dispatcher, tracker, {}))
        return [m.get("response") for m in dispatcher.messages]

    monkeypatch.delenv("EMERGENCY_DUTY_TEAM_PHONE", raising=False)
    settings.cache_clear()
    assert said() == ["utter_out_of_hours", "utter_no_out_of_hours_team"]
    monkeypatch.setenv("EMERGENCY_DUTY_TEAM_PHONE", "01375 000 999")
    settings.cache_clear()
    assert said() == ["utter_out_of_hours", "utter_emergency_duty_team"]
    settings.cache_clear()


def test_a_medical_emergency_gets_an_ambulance_and_its_minutes_after_are_read_as_part_of_it():
    """Rose's husband collapsed: she got "press 55" (the silent call for violence), then "didn't
    understand" to "what do i do now", "i dropped the phone", "he died". A body in trouble gets the
    ambulance and the call handler's help; what she writes in the minutes after is answered as part
    of it; a death gets sorrow, never "not understood"."""
    from bot.safety.risk import is_medical, read_message

    first = "my wife just fell down in the kitchen and she isnt breathing properly"
    assert read_message(first).kind == "danger" and is_medical(first)
    said, _, _, _ = run([user(first, "danger")])
    assert said[0] == "utter_risk_medical_emergency" and "utter_risk_danger" not in said
    assert "utter_thurrock_first_open" not in said  # office hours are not what she needs now
    history = [user(first, "danger"), bot("utter_risk_medical_emergency")]
    steps = [
        ("ok theyre sending someone what do i do", "utter_risk_followup_emergency_now"),
        ("oh god the line went dead", "utter_risk_followup_emergency_now"),
        ("the ambulance men have arrived", "utter_risk_followup_help_arrived"),
        ("they worked on her for ages. she's gone", "utter_risk_followup_bereaved"),
    ]
    for text, expected in steps:
        history.append(user(text))
        said, _, _, _ = run(history, {"concerns": [concern("danger", first)], "last_risk_answer": "danger"})
        assert said[0] == expected, (text, said)
        history.append(bot(said[0]))


def test_a_threat_is_still_the_danger_answer_and_what_do_i_do_means_nothing_medical_after_it():
    """Only a medical emergency changes the answer; after a threat, "what do i do" is not CPR talk."""
    threat = "he's got a knife and says he'll kill me"
    said, _, _, _ = run([user(threat, "danger")])
    assert said[0] == "utter_risk_danger"
    from bot.safety.dialogue import read_turn

    for text in ("what do i do", "my nan passed away last year, she was lovely"):
        turn = read_turn([user(threat, "danger"), bot("utter_risk_danger"), user(text)])
        assert turn.followup not in ("emergency_now", "help_arrived", "bereaved"), text


def test_a_death_said_with_a_wish_to_die_gets_the_self_harm_answer():
    first = "my husband collapsed, not breathing"
    events = [user(first, "danger"), bot("utter_risk_medical_emergency")]
    events.append(user("he died. i dont want to live without him", "self_harm"))
    said, _, _, _ = run(events, {"concerns": [concern("danger", first)], "last_risk_answer": "danger"})
    assert said[0].startswith("utter_risk_self_harm") and "utter_risk_followup_bereaved" not in said


def test_asking_for_the_words_of_a_worry_to_be_taken_out_is_told_why_they_stay_and_how_to_delete():
    """Dave: "take that out" (that he had shoved his son) got "I've kept what you said", with no why
    and no way to have nothing kept."""
    first = "i lost my temper and pushed him over"
    events = [
        user(first, "carer_harm"),
        bot("utter_risk_carer_harm"),
        user("please take that out, i dont want it written down"),
    ]
    said, _, _, messages = run(
        events, {"concerns": [concern("carer_harm", first)], "last_risk_answer": "carer_harm"}
    )
    assert said[0] == "utter_risk_followup_take_words_out"


def test_hoarding_told_as_neglect_is_answered_as_self_neglect_never_a_welfare_check():
    """A housing officer told of a tenant hoarding was told "if nobody has seen them, call 101 and ask
    them to check on the person"; someone not seen is still the welfare check."""
    said, slots, _, _ = run(
        [user("one of my tenants is hoarding, the flat is full to the ceiling, does this count?", "neglect")]
    )
    assert said.count("utter_risk_followup_self_neglect") == 1 and "utter_risk_neglect" not in said
    assert slots["concerns"][0]["kind"] == "neglect"
    said, _, _, _ = run([user("she hoards and nobody has seen her for a week", "neglect")])
    assert said[0] == "utter_risk_neglect"
    # read as abuse by the classifier, the same: unless someone is said to hurt or take from them
    told = "a tenant is hoarding badly, the flat is full to the ceiling, he wont let us clear anything"
    said, slots, _, _ = run([user(told, "abuse")])
    assert said[0] == "utter_risk_followup_self_neglect"
    said, _, _, _ = run([user("she is hoarding and her son takes her pension", "abuse")])
    assert said[0] == "utter_risk_abuse"
    # "so is this a safeguarding thing or not?" after it: what self-neglect is, not what abuse is
    events = [
        user(told, "abuse"),
        bot("utter_risk_followup_self_neglect"),
        user("so is this a safeguarding thing or not?"),
    ]
    said, _, _, _ = run(events, {"concerns": slots["concerns"], "last_risk_answer": "abuse"})
    assert said[0] == "utter_risk_followup_self_neglect"


def test_a_neighbour_asking_what_happens_if_they_report_is_told_about_the_person_not_their_care():
    """A neighbour worried about Mr Fenwick's pension asked "what actually happens if I report it?"
    and got "reporting is about keeping you safe, not taking your help away", then complaints."""
    concerns = [
        {
            "kind": "abuse",
            "urgency": "urgent",
            "their_words": ["i think his grandson is stealing his money"],
            "who_may_be_at_risk": "someone the writer knows (a neighbour)",
        }
    ]
    events = [
        user("i think his grandson is stealing his money", "abuse"),
        bot("utter_risk_abuse"),
        user("What actually happens if I report it? Will someone go round and talk to him?"),
    ]
    said, _, _, _ = run(events, {"concerns": concerns, "last_risk_answer": "abuse"})
    assert said[0] == "utter_risk_followup_what_next_reporter"
    assert "utter_risk_followup_care_continues" not in said


def test_the_answer_said_with_a_worry_is_kept_for_when_the_form_carries_on():
    """Lee typed his name with "honestly some days i think everyone would be better off if i just
    wasnt around"; after "carry on" he was asked his name again."""
    text = "lee hartley. honestly some days i think everyone would be better off if i just wasnt around"
    _, slots, _, _ = run(
        [user(text, "self_harm")],
        {"requested_slot": "full_name"},
        active_loop={"name": "handover_form"},
    )
    assert slots["full_name"] == "Lee Hartley" and slots["paused_form"] == "handover_form"


def test_someone_named_by_title_is_someone_else():
    from actions.safety import about_someone_else

    assert about_someone_else({"who_may_be_at_risk": "mr fenwick"})
    assert not about_someone_else({"who_may_be_at_risk": "the person writing"})


def test_turning_down_a_helpline_keeps_a_worry_about_someone_else():
    """Ken told of bruises on his wife from the day centre; "i dont need samaritans" took the abuse
    off his request, and Pat's "999?? its not like that, hes not hitting her right now" took the
    worry about her neighbour's pension off. Only the harm said not to be so takes it off."""
    for pushback in (
        "i dont need samaritans. i wanted you to put down im hard of hearing",
        "999?? its not like that, hes not hitting her or anything right now",
    ):
        events = [user("a carer was rough with my wife, she has bruises", "abuse"), bot("utter_risk_abuse")]
        events.append(user(pushback))
        slots = {
            "concerns": [concern("abuse", "a carer was rough with my wife")],
            "last_risk_answer": "abuse",
        }
        said, set_slots, _, _ = run(events, slots)
        assert "utter_risk_label_removed" not in said, pushback
        assert not (set_slots.get("concerns") or slots["concerns"])[0].get("withdrawn"), pushback
    events = [user("a carer was rough with my wife, she has bruises", "abuse"), bot("utter_risk_abuse")]
    events.append(user("it's not abuse, she bruises easily on her warfarin, take that off"))
    said, _, _, _ = run(events, {"concerns": [concern("abuse", "x")], "last_risk_answer": "abuse"})
    assert said[0] == "utter_risk_label_removed"


def test_how_to_contact_her_safely_said_two_questions_later_is_the_answer():
    """Sandra was asked how it is safe to contact her, asked about the police twice, then wrote "you
    can text me, dont ring when hes around": noted as how it is safe, not only as a wish."""
    from bot.safety.dialogue import read_turn

    turns = [
        user("my son hits me when hes distressed", "abuse"),
        bot("utter_risk_abuse"),
        user("will they call the police on him"),
        bot("utter_risk_followup_police_involved"),
        user("you can text me, dont ring when hes around"),
    ]
    assert read_turn(turns).answers == "safe_contact"
    asked_for_a_detail = turns[:-1] + [bot("utter_ask_phone"), turns[-1]]
    assert read_turn(asked_for_a_detail).answers != "safe_contact"


def test_just_send_it_at_a_safety_question_sends_the_request_read_back():
    """Ken, his request read back, was asked again whether it is safe to contact him: "i already told
    you its safe. just send it please" was noted as how to contact him, and nothing was sent."""
    events = [
        user("a carer was rough with my wife, she has bruises", "abuse"),
        bot("utter_risk_abuse"),
        user("i already told you its safe. just send it please"),
    ]
    slots = {
        "concerns": [concern("abuse", "a carer was rough with my wife")],
        "last_risk_answer": "abuse",
        "handover_stage": "confirming",
        "share_consent": True,
    }
    _, _, result, _ = run(events, slots)
    assert {"event": "followup", "timestamp": None, "name": "action_submit_handover"} in result


def test_a_worry_told_at_a_form_question_never_leaves_the_message_as_the_answer():
    """Edna, asked for her phone number, wrote "no phone. a letter please": the urgent answer came, and
    her request went with "Phone number: no phone. a letter please"."""
    text = "no phone. a letter please, my grandson has my phone"
    events = [user(text, "abuse")]
    slots = {"phone": text, "requested_slot": "phone"}
    _, set_slots, _, _ = run(events, slots, active_loop={"name": "handover_form"})
    assert "phone" in set_slots and set_slots["phone"] != text
