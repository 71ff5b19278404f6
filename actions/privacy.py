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


class ActionPrivacy(Action):
    """Answers with the privacy notice in short, stating the retention period in force.

    The period is the setting `python -m bot purge` uses, so the words and the deleting agree.
    """

    def name(self) -> Text:
        return "action_privacy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_privacy", retention_days=str(settings().retention_days))
        return []
