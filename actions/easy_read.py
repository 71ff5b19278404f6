"""Easy Read asked for in words after an answer ("wat does that mean. i need easy words"): switched
on, and that answer said again in Easy Read, so nobody is left with the words they could not read."""

from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.topics import TOPIC_TITLES


def answered_just_before(tracker: Tracker) -> Optional[Text]:
    """The topic answered in reply to the message before this one, if any."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > 2:
                return None
        elif event.get("event") == "bot" and users == 1:
            topic = ((event.get("metadata") or {}).get("utter_action") or "").replace("utter_", "", 1)
            if topic in TOPIC_TITLES:
                return topic
    return None


class ActionEasyReadOn(Action):
    """Easy Read on; typed after an answer, that answer again in Easy Read."""

    def name(self) -> Text:
        return "action_easy_read_on"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_easy_read_on")
        topic = answered_just_before(tracker)
        if topic and not (tracker.latest_message.get("text") or "").startswith("/"):
            dispatcher.utter_message(response=f"utter_{topic}")
        return []
