"""Privacy questions in the chat ("how long do you keep it?", "who can see it?")."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import settings


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
