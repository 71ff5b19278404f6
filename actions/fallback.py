"""Two-stage fallback: first "did you mean…" with the likeliest topics, then the menu and a person.

Never a loop: a second unclear message in a row (or pressing "Something else") always leads to
the offer of a person, with Thurrock First's number and hours; more in a row get different
replies in turn, so no reply repeats the one before it.
"""

from typing import Any, Dict, List, Optional, Text

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.distress import answer_distress
from actions.details import (
    DECLINED,
    NOT_GIVEN,
    detail_named,
    details_set_this_turn,
    held_before,
    kept_as_whose,
    say_changed,
    tell_what_was_sent,
    what_was_sent_asked,
)
from actions.privacy import ASKS_IF_DELETED, deleted_or_not
from actions.request_state import requests_made, tell_not_cancelled
from bot.details import NAME_WITHHELD
from bot.safety.risk import DISTRESS, read_message
from bot.sending import (
    SOMEONE_CALLS_FOR_ME,
    says_not_urgent,
    says_save_it,
    withdraws_consent,
)
from actions.feedback import log_unanswered, read_back_last_turn
from actions.follow_up import CONTACT_OFFER, offered
from actions.topics import TOPIC_TITLES

FALLBACK_INTENT = "nlu_fallback"
MOST_SUGGESTIONS = 3
LEAST_CONFIDENCE = 0.05


# What the assistant says to a message it did not understand.
FALLBACK_REPLIES = {
    "utter_did_you_mean",
    "utter_fallback_menu",
    "utter_fallback_person",
    "utter_fallback_rephrase",
}


def _user_intents(tracker: Tracker) -> List[Optional[Text]]:
    """Each message's intent, as the fallback saw it: a message a form took as its answer ("it was
    quick", typed as a comment) was understood, whatever NLU made of it; the latest is this one."""
    turns: List[List[Any]] = []
    for event in tracker.events:
        if event.get("event") == "user":
            turns.append([(event.get("parse_data") or {}).get("intent", {}).get("name"), set()])
        elif event.get("event") == "bot" and turns:
            turns[-1][1].add((event.get("metadata") or {}).get("utter_action"))
    return [
        intent if index == len(turns) - 1 or replies & FALLBACK_REPLIES else "understood"
        for index, (intent, replies) in enumerate(turns)
    ]


def suggested_topics(intent_ranking: List[Dict[Text, Any]]) -> List[Text]:
    """The likeliest topic intents from NLU's ranking, best first."""
    return [
        ranked["name"]
        for ranked in intent_ranking
        if ranked.get("name") in TOPIC_TITLES and ranked.get("confidence", 0) >= LEAST_CONFIDENCE
    ][:MOST_SUGGESTIONS]


# From the second unclear message in a row: a person first; then whichever was not said lately.
AFTER_TWO = ("utter_fallback_menu", "utter_fallback_person", "utter_fallback_rephrase")
# A first unclear message with no topic to suggest: "say it another way" (never "I *still* didn't
# understand"), with the topics and a person; the person, if that was said lately.
FIRST_MISS = ("utter_fallback_rephrase", "utter_fallback_person", "utter_fallback_menu")


def unclear_in_a_row(intents: List[Optional[Text]]) -> int:
    """How many of the latest messages, this one included, were not understood."""
    count = 0
    for intent in reversed(intents):
        if intent != FALLBACK_INTENT:
            break
        count += 1
    return count


def last_responses(tracker: Tracker, turns: int) -> List[Text]:
    """The responses the assistant gave in the resident's last few turns (before this message)."""
    said: List[Text] = []
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > turns:
                break
        elif event.get("event") == "bot":
            said.append((event.get("metadata") or {}).get("utter_action", ""))
    return said


# "you said that already", "you're not answering", "this is pointless": the resident is let down
NOT_ANSWERED = re.compile(
    r"\byou('ve|\s+have)?\s+(already\s+)?said\s+(that|this|it)(\s+already|\s+before)?\b|\byou\s+already\s+said\b|"
    r"\b(you're|you\s+are|your)\s+not\s+(answering|listening|helping|getting\s+it)\b|"
    r"\b(didn't|did\s+not|don't|dont|haven't)\s+answer(ed)?\s+(my|the)\s+question\b|\b(this\s+is|its|it's)\s+(pointless|useless)\b|"
    r"\bsame\s+(thing|answer|text)\s+(again|over)\b",
    re.I,
)
# A fall, however it is spelt ("falen", "fall agen"): the alarm answer says what to do after one
FALLING = re.compile(r"\b(fall|falls|fell|falen|fallen|falling|faling|fallin)\b", re.I)


class ActionHandleFallback(Action):
    """Answers a message the assistant could not understand."""

    def name(self) -> Text:
        return "action_handle_fallback"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[EventType]:
        if answered_this_turn(tracker):
            # already answered since the message (a step taken for it, then this): never again and again
            return [FollowupAction("action_listen")]
        if tracker.get_slot("handover_stage") == "confirming" and read_back_last_turn(tracker):
            return at_the_read_back(dispatcher, tracker)
        if ASKS_IF_DELETED.search(tracker.latest_message.get("text") or ""):
            # "is it actually gone? will anyone see what i said": after deleting, what is left; with
            # what they told us still here (nothing was deleted), a plain no and how to
            dispatcher.utter_message(response=deleted_or_not(tracker))
            return []
        if what_was_sent_asked(tracker):
            made = requests_made(tracker)
            if made:  # "what did you send", read as nothing sure: the request as it went
                tell_what_was_sent(dispatcher, made)
                return []
        if read_message(tracker.latest_message.get("text") or "").kind == DISTRESS:
            # "im so tired, i cant do this much longer, i sit and cry", not understood as a topic:
            # someone to talk to now, never "did you mean"
            log_unanswered(tracker)
            answer_distress(dispatcher)
            return []
        if withdraws_consent(NAME_WITHHELD.sub(" ", tracker.latest_message.get("text") or "")):
            # "ok. i dont want it sent today", with nothing being sent: said plainly; a request
            # already saved stays with Thurrock First, and how to cancel it is said
            made = requests_made(tracker)
            if made:
                tell_not_cancelled(dispatcher, made)
            else:
                dispatcher.utter_message(response="utter_consent_withdrawn")
            return []
        if NOT_ANSWERED.search(tracker.latest_message.get("text") or ""):
            # "you said that already", "this is pointless, you're not answering": sorry, and a way on
            log_unanswered(tracker)
            dispatcher.utter_message(response="utter_sorry_not_what_you_asked")
            return []
        if SOMEONE_CALLS_FOR_ME.search(tracker.latest_message.get("text") or ""):
            return [
                FollowupAction("action_start_handover")
            ]  # "can my nephew ring on my behalf?": yes, and how
        if (
            says_save_it(tracker.latest_message.get("text") or "")
            and tracker.get_slot("handover_stage") is None
        ):
            return [FollowupAction("action_start_handover")]  # "save my request please", with none waiting
        wishes = list(tracker.get_latest_entity_values("contact_preference"))
        if any(wish.startswith("contact ") for wish in wishes) and tracker.get_slot("handover_stage") is None:
            # "can u ring dawn she is my suport worker. not me": a request, with whom to contact
            return [FollowupAction("action_start_handover")]
        if CONTACT_OFFER in offered(tracker.events) and yes_or_request(tracker):
            # "yes please pass it on", to "Ask someone to contact me": half yes, half a request; both
            # mean the same here
            return [FollowupAction("action_start_handover")]
        log_unanswered(tracker)
        topics = suggested_topics(tracker.latest_message.get("intent_ranking") or [])
        in_a_row = unclear_in_a_row(_user_intents(tracker))
        # "did you mean" once in three messages: never the same choice twice within two replies
        if in_a_row >= 2 or not topics or "utter_did_you_mean" in last_responses(tracker, 2):
            # a person, with the number and hours; never the same reply as either of the last two
            recent = last_responses(tracker, 2)
            pressed = (tracker.latest_message.get("text") or "").startswith(f"/{FALLBACK_INTENT}")
            replies = AFTER_TWO if in_a_row >= 2 or pressed else FIRST_MISS  # "Something else": a person
            dispatcher.utter_message(response=next(r for r in replies if r not in recent))
            return []
        if "telecare" in topics and FALLING.search(tracker.latest_message.get("text") or ""):
            # "what do i do if i fall agen, im on my own": what to do after a fall, and an alarm
            dispatcher.utter_message(response="utter_telecare")
            return []
        buttons = [
            {"title": TOPIC_TITLES[name], "payload": f"/{name}"}
            for name in topics
            if name != "talk_to_person"
        ]
        buttons.append(
            {"title": "Talk to a person", "payload": "/talk_to_person"}
        )  # help is always one press away (and once: never two "Talk to a person" buttons)
        buttons.append({"title": "Something else", "payload": f"/{FALLBACK_INTENT}"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []


def answered_this_turn(tracker: Tracker) -> bool:
    """Whether the message was already answered (this action, or a step taken for it, said something
    since): never "sorry, I didn't understand" after an answer, nor the same reply again and again."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" or (
            event.get("event") == "action" and event.get("name") == "action_handle_fallback"
        ):
            return True
    return False


# A yes or a request for contact reads at least this likely among the top two
YES_OR_REQUEST = ("affirm", "request_callback")
YES_OR_REQUEST_CONFIDENCE = 0.2


def yes_or_request(tracker: Tracker) -> bool:
    """Whether an unclear message leans between "yes" and "ask them to contact me" (and nothing else)."""
    top = (tracker.latest_message.get("intent_ranking") or [])[:3]
    top = [ranked for ranked in top if ranked.get("name") != FALLBACK_INTENT][:2]
    return (
        bool(top)
        and all(
            ranked.get("name") in YES_OR_REQUEST or ranked.get("confidence", 0) < YES_OR_REQUEST_CONFIDENCE
            for ranked in top
        )
        and top[0].get("name") in YES_OR_REQUEST
    )


# "don't send it yet, I'll ask my social worker first"
NOT_YET = re.compile(r"\b(?:don'?t|do\s+not|not)\s+send\b|\bnot\s+yet\b|\bhold\s+on\b|\bwait\b", re.I)


NEED_WORDS = 8  # a message this long at the read-back, with no question in it, says what they need


def at_the_read_back(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Not understood while the request waits to be sent: never dropped. A detail it names is
    changed ("communication needs should say none"); anything else, the request is shown again."""
    text = tracker.latest_message.get("text") or ""
    changed = [
        slot
        for slot in details_set_this_turn(tracker)
        if held_before(tracker, slot) != tracker.get_slot(slot)
    ]
    if changed:  # "he doesnt live in basildon, he lives in grays": changed, said back, shown again
        say_changed(dispatcher, tracker, changed)
        return [FollowupAction("action_confirm_handover")]
    if kept_as_whose(dispatcher, tracker):  # "just so it's clear the email is mine not chloe's"
        return [FollowupAction("action_confirm_handover")]
    slot = detail_named(text)
    if slot:
        return [SlotSet("detail_to_change", slot), SlotSet(slot, None), FollowupAction("detail_form")]
    if NOT_YET.search(text):
        dispatcher.utter_message(response="utter_readback_not_yet")
    elif says_not_urgent(text) and tracker.get_slot("handover_urgency") == "urgent":
        dispatcher.utter_message(response="utter_readback_urgent_kept")
    elif (
        tracker.get_slot("need") in ("none", DECLINED, NOT_GIVEN)
        and len(text.split()) >= NEED_WORDS
        and "?" not in text
    ):  # "hoarding in his flat, he wont accept help…", typed when what they need was still empty
        dispatcher.utter_message(response="utter_detail_updated", detail="what you need", value=text.strip())
        return [SlotSet("need", text.strip()), FollowupAction("action_confirm_handover")]
    else:
        dispatcher.utter_message(response="utter_readback_unclear")
    return [FollowupAction("action_confirm_handover")]
