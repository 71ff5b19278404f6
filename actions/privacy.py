"""Privacy questions in the chat ("how long do you keep it?", "who can see it?")."""

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import settings

# "is it actually gone?", "have you deleted it?", "will anyone see what i said?"
ASKS_IF_DELETED = re.compile(
    r"\b(is|has)\s+(it|that|everything|my\s+(stuff|chat|data|details))\s+(really\s+|actually\s+|definitely\s+|all\s+)?(gone(?!\s+(?:to|through|off|over|in|on|out|anywhere))|deleted|wiped|removed)\b|"
    r"\b(have|did)\s+you\s+(really\s+|actually\s+)?(delete|deleted|wipe|wiped|remove|removed)\s+(it|that|everything|my)\b|"
    r"\b(will|can|could)\s+(anyone|anybody|someone|staff|they|the\s+council)\s+(still\s+)?(see|read)\s+what\s+i\s+(said|wrote|typed|told)\b",
    re.I,
)


def deleted_or_not(tracker: Tracker) -> Text:
    """The answer to "did you delete it?": deleting empties the chat, so an earlier message still
    here means nothing was deleted (said plainly, with how); else what deleting left."""
    told_before = sum(1 for event in tracker.events if event.get("event") == "user") > 1
    return "utter_not_deleted" if told_before else "utter_deleted_check"


def deleting_asked(tracker: Tracker) -> bool:
    """Whether deleting was asked for in this chat (before it was emptied, or just now)."""
    said = [e for e in tracker.events if e.get("event") == "user"]
    intents = [(e.get("parse_data") or {}).get("intent", {}).get("name") for e in said]
    return "forget_me" in intents or len(intents) <= 1


class ActionPrivacy(Action):
    """Answers with the privacy notice in short, stating the retention period in force.

    The period is the setting `python -m bot purge` uses, so the words and the deleting agree.
    """

    def name(self) -> Text:
        return "action_privacy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if ASKS_IF_DELETED.search(tracker.latest_message.get("text") or "") and deleting_asked(tracker):
            # "is it actually gone? will anyone see what i said" after deleting: what deleting left
            dispatcher.utter_message(response=deleted_or_not(tracker))
            return []
        dispatcher.utter_message(response="utter_privacy", retention_days=str(settings().retention_days))
        return []
