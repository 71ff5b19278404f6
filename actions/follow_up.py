"""A follow-up to the last answer ("so can he or not?", "is that a yes or a no?"), or a yes to the
one topic just offered ("you also asked about direct payments" - "yes that one too") or to the offer
to pass something on to Thurrock First: read in context.

The answer is the last topic's answer asked for again; where responses are rendered
(bot/server/nlg.py) an answer just given becomes "that's all I can tell you here about …" with the
way to a person, so the resident hears plainly that the rest depends on them, never the same text.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.feedback import topic_answers
from actions.topics import TOPIC_TITLES
from bot.sending import says_send_now


class ActionAnswerFollowUp(Action):
    """The last topic's answer again (said differently by the loop guard), else the menu."""

    def name(self) -> Text:
        return "action_answer_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        answered = [item for item in topic_answers(tracker) if item != "asked"]
        if answered and answered[-1] != "talk_to_person":
            dispatcher.utter_message(response=f"utter_{answered[-1]}")
        else:
            dispatcher.utter_message(response="utter_menu")
        return []


CONTACT_OFFER = "/request_callback"  # "Ask someone to contact me", "Ask them to contact me"


def offered(events: List[Dict[Text, Any]]) -> List[Text]:
    """The payloads of the buttons of the assistant's last message with buttons, in the turn
    before the latest message."""
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1  # the first is the latest message; the second ends the turn before it
            if users == 2:
                return []
        elif event.get("event") == "bot" and users == 1 and (event.get("data") or {}).get("buttons"):
            return [str(button.get("payload") or "") for button in event["data"]["buttons"]]
    return []


def offered_topic(events: List[Dict[Text, Any]]) -> Optional[Text]:
    """The one topic the assistant's last message with buttons offered, if it offered one."""
    topics = [p[1:] for p in offered(events) if p.startswith("/") and p[1:] in TOPIC_TITLES]
    topics = [topic for topic in topics if topic != "talk_to_person"]
    return topics[0] if len(topics) == 1 else None


# A topic named with the yes counts when NLU ranks it at least this high ("yes please the carers one")
NAMED_WITH_YES = 0.2


def named_after_the_yes(tracker: Tracker) -> Optional[Text]:
    """A topic the yes names ("yes please the carers one"), not only "yes please"."""
    if len((tracker.latest_message.get("text") or "").split()) < 3:
        return None
    return next(
        (
            ranked["name"]
            for ranked in tracker.latest_message.get("intent_ranking") or []
            if ranked.get("name") in TOPIC_TITLES
            and ranked["name"] != "talk_to_person"
            and ranked.get("confidence", 0) >= NAMED_WITH_YES
        ),
        None,
    )


class ActionAnswerYes(Action):
    """A yes with nothing to agree to: the one topic just offered, if there was one; the request to
    Thurrock First, if that was what was offered ("I'll pass it on to Thurrock First if you want me
    to" - "yes"); the read-back again, if a request waits for its yes; else the menu."""

    def name(self) -> Text:
        return "action_answer_yes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        topic = named_after_the_yes(tracker) or offered_topic(tracker.events)
        if topic:  # "yes please the carers one": the one they named, else the one offered
            dispatcher.utter_message(response=f"utter_{topic}")
            return []
        if CONTACT_OFFER in offered(tracker.events):
            return [FollowupAction("action_start_handover")]
        if tracker.get_slot("handover_stage") == "confirming":  # a request waits for its yes: shown again
            return [FollowupAction("action_confirm_handover")]
        if says_send_now(tracker.latest_message.get("text") or "") and (
            tracker.get_slot("concerns") or topic_answers(tracker)
        ):  # "can you send it for me then", after telling us what is wrong: the request, started
            return [FollowupAction("action_start_handover")]
        dispatcher.utter_message(response="utter_menu")
        return []
