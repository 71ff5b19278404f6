"""Two-stage fallback: first "did you mean…" with the likeliest topics, then the menu and a person.

Never a loop: a second unclear message in a row (or pressing "Something else") always
leads to the menu and the offer of a person.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback import log_unanswered
from actions.topics import TOPIC_TITLES

FALLBACK_INTENT = "nlu_fallback"
MOST_SUGGESTIONS = 3
LEAST_CONFIDENCE = 0.05


def _user_intents(tracker: Tracker) -> List[Optional[Text]]:
    return [
        (event.get("parse_data") or {}).get("intent", {}).get("name")
        for event in tracker.events
        if event.get("event") == "user"
    ]


def suggested_topics(intent_ranking: List[Dict[Text, Any]]) -> List[Text]:
    """The likeliest topic intents from NLU's ranking, best first."""
    return [
        ranked["name"]
        for ranked in intent_ranking
        if ranked.get("name") in TOPIC_TITLES
        and ranked.get("confidence", 0) >= LEAST_CONFIDENCE
    ][:MOST_SUGGESTIONS]


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
        log_unanswered(tracker)
        intents = _user_intents(tracker)
        second_in_a_row = len(intents) >= 2 and intents[-2] == FALLBACK_INTENT
        topics = suggested_topics(tracker.latest_message.get("intent_ranking") or [])
        if second_in_a_row or not topics:
            dispatcher.utter_message(response="utter_fallback_menu")
            return []
        buttons = [{"title": TOPIC_TITLES[name], "payload": f"/{name}"} for name in topics]
        buttons.append({"title": "Something else", "payload": f"/{FALLBACK_INTENT}"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []
