"""The same question asked again in other words never gets the same reply as either of the two
before it ("what happens next?", "how long do I wait?", "who will ring me?" got one text three times).

Rendered as the Rasa server renders them (bot/server/nlg.py, with the project's domain.yml).
"""

import asyncio
from pathlib import Path
from typing import List

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.nlg import LoopGuardNLG

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[1] / "domain.yml"))
GUARD = LoopGuardNLG(domain=DOMAIN)


def reply_after(previous: List[str], response: str) -> str:
    """The text of `response` for a new message, after earlier messages answered with `previous`."""
    events = []
    for index, said in enumerate(previous):
        events += [UserUttered(f"message {index}"), BotUttered("…", metadata={"utter_action": said})]
    events.append(UserUttered("the latest message"))
    tracker = DialogueStateTracker.from_events("web:loop-guard", events, slots=DOMAIN.slots)
    return asyncio.run(GUARD.generate(response, tracker, "rest"))["text"]


def test_an_answer_asked_for_again_and_again_is_never_the_same_as_either_of_the_two_before():
    asked = "utter_what_happens_next"
    replies = [reply_after([asked] * times, asked) for times in range(6)]
    for turn in range(2, len(replies)):
        assert replies[turn] not in replies[turn - 2 : turn], (turn, replies[turn])
    assert replies[1].startswith(replies[0]), "the second time, the answer (it may hold what was asked)"
    assert "That's all I can tell you here about what happens next" in replies[1]
    assert "01375 511 000" in replies[2] and replies[0] not in replies[2], "the third time, a person"
    assert replies[3] == replies[0], "the answer itself again, never the same as the two before"


def test_a_topic_answer_once_more_after_a_different_one_is_the_answer_itself():
    first = reply_after([], "utter_dp_what")
    assert reply_after(["utter_dp_eligibility"], "utter_dp_what") == first
    assert reply_after(["utter_dp_what", "utter_dp_eligibility"], "utter_dp_what") == first
    assert "about what a direct payment is" in reply_after(["utter_dp_what"], "utter_dp_what")


def test_questions_may_come_again():
    asked = "utter_ask_full_name"
    assert reply_after([asked, asked], asked) == reply_after([], asked)


def test_no_reply_shows_a_placeholder_even_when_predicted_without_its_action():
    """The privacy answer, predicted as a response rather than through its action, says how long."""
    text = reply_after([], "utter_privacy")
    assert "{" not in text and "90 days" in text


def test_a_repeated_answer_under_an_actions_own_buttons_shows_each_button_once():
    """Sue asked "police or the council?" twice after a concern: "Main menu" showed twice, as the loop
    guard's buttons and the safety action's own were both put under the answer."""
    asked = "utter_risk_followup_police_or_agency"
    events = [UserUttered("first"), BotUttered("…", metadata={"utter_action": asked}), UserUttered("again")]
    tracker = DialogueStateTracker.from_events("web:loop-guard", events, slots=DOMAIN.slots)
    own = [
        {"title": "Ask someone to contact me", "payload": "/request_callback"},
        {"title": "Main menu", "payload": "/show_menu"},
    ]
    answer = asyncio.run(GUARD.generate(asked, tracker, "rest", buttons=own))
    shown = [b["title"] for b in answer.get("buttons") or []] + [b["title"] for b in own]
    assert "That's all I can tell you" in answer["text"]
    assert len(shown) == len(set(shown)) and shown.count("Main menu") == 1


def test_with_nothing_to_send_requests_the_questions_never_promise_a_call(monkeypatch):
    """Kasia was asked for her number "so Thurrock First can call you", then told nobody would."""
    from bot.settings import settings

    for variable in ("HANDOVER_EMAIL_TO", "HANDOVER_WEBHOOK_URL"):
        monkeypatch.delenv(variable, raising=False)
    settings.cache_clear()
    asked = reply_after([], "utter_ask_phone")
    assert "can't send it to them myself" in asked and "call you on" not in asked
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")
    settings.cache_clear()
    assert "should Thurrock First call you on" in reply_after([], "utter_ask_phone")


def test_with_nothing_to_send_requests_no_button_promises_a_call(monkeypatch):
    """Marek was told nobody would contact him, then offered "Ask someone to contact me"."""
    from bot.settings import settings

    def buttons(response: str):
        events = [UserUttered("the latest message")]
        tracker = DialogueStateTracker.from_events("web:buttons", events, slots=DOMAIN.slots)
        return [b["title"] for b in asyncio.run(GUARD.generate(response, tracker, "rest"))["buttons"]]

    for variable in ("HANDOVER_EMAIL_TO", "HANDOVER_WEBHOOK_URL"):
        monkeypatch.delenv(variable, raising=False)
    settings.cache_clear()
    assert "Ask someone to contact me" not in buttons("utter_telecare")
    assert "Save my request for Thurrock First" in buttons("utter_telecare")
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")
    settings.cache_clear()
    assert "Ask someone to contact me" in buttons("utter_telecare")


def test_someone_who_said_the_phone_does_not_work_for_them_is_never_given_only_a_number():
    """A Deaf resident ("I cant phone. deaf. only email") was sent to 01375 511 000 again and again."""
    from rasa.shared.core.events import SlotSet

    def reply(wishes):
        events = [UserUttered("i cant phone. deaf. only email"), SlotSet("contact_preference", wishes)]
        events.append(UserUttered("how do i get an assessment"))
        tracker = DialogueStateTracker.from_events("web:email-instead", events, slots=DOMAIN.slots)
        return asyncio.run(GUARD.generate("utter_assessment_needs", tracker, "rest"))["text"]

    assert "thurrock.first@thurrock.gov.uk" in reply(["not by phone", "email"])
    assert "thurrock.first@thurrock.gov.uk" not in reply(["phone call"])


def test_an_answer_asked_for_in_easy_read_is_said_again_and_never_counted_as_asked_again():
    """Danny asked for Easy Read after an answer and got "that is all I know about this", then, asking
    his next question on the same topic, only the way to a person."""
    events = [
        UserUttered("i want my own flat"),
        BotUttered("…", metadata={"utter_action": "utter_supported_living"}),
    ]
    events += [UserUttered("easy read pls", intent={"name": "easy_read_on"})]
    tracker = DialogueStateTracker.from_events("web:easy", events, slots=DOMAIN.slots)
    answer = asyncio.run(GUARD.generate("utter_supported_living", tracker, "rest"))["text"]
    assert "That's all I can tell you" not in answer and "That is all I know" not in answer
    events += [BotUttered("…", metadata={"utter_action": "utter_supported_living"})]
    events += [UserUttered("is there a place where people like me live with staff")]
    tracker = DialogueStateTracker.from_events("web:easy", events, slots=DOMAIN.slots)
    again = asyncio.run(GUARD.generate("utter_supported_living", tracker, "rest"))["text"]
    assert "That's all I can tell you" in again, "asked once more: its limit, not yet only a person"


def test_which_details_were_noted_is_said_once_a_reply():
    """Frank: "I've also noted your wishes for how we contact you" twice in one reply (the request's
    start and its form each noted what he had just said)."""
    events = [UserUttered("i dont like the phone. can somebody write to me. by post")]
    events += [BotUttered("…", metadata={"utter_action": "utter_details_noted_in_passing"})]
    tracker = DialogueStateTracker.from_events("web:noted", events, slots=DOMAIN.slots)
    assert asyncio.run(GUARD.generate("utter_details_noted_in_passing", tracker, "rest", noted="x")) is None
    events.append(UserUttered("by post i said"))
    tracker = DialogueStateTracker.from_events("web:noted", events, slots=DOMAIN.slots)
    assert asyncio.run(GUARD.generate("utter_details_noted_in_passing", tracker, "rest", noted="x"))


def test_told_it_said_that_before_the_second_time_is_its_limit_not_the_same_words():
    """Ken: "you said all that before. can i pay the top up out of my own pension" got the whole care
    home answer a third time."""
    events = [
        UserUttered("how do care homes work"),
        BotUttered("…", metadata={"utter_action": "utter_care_homes"}),
    ]
    events.append(UserUttered("you said all that before. can i pay the top up out of my own pension"))
    tracker = DialogueStateTracker.from_events("web:said", events, slots=DOMAIN.slots)
    answer = asyncio.run(GUARD.generate("utter_care_homes", tracker, "rest"))["text"]
    assert "That's all I can tell you here about care homes" in answer
    assert reply_after([], "utter_care_homes") not in answer
