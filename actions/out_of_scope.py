"""What the assistant cannot answer: said plainly, with the way to a person; a message in another
language is told, in plain English, that Thurrock First can arrange an interpreter in it."""

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class ActionAnswerOutOfScope(Action):
    """An interpreter offered in the language the message was written in (bot/server/nlu/
    other_language.py names it); otherwise the topics and a person, never "I only read English"."""

    def name(self) -> Text:
        return "action_answer_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        language = next(tracker.get_latest_entity_values("language"), None)
        if language:
            dispatcher.utter_message(response="utter_other_language", language=language)
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
