"""What the assistant cannot answer: said plainly, with the way to a person; a message in another
language is told, in plain English, that Thurrock First can arrange an interpreter in it; so is an
interpreter asked for in English ("do you have polish interpreter")."""

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.details import INTERPRETED


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


class ActionAnswerAccessRoutes(Action):
    """Ways to contact Thurrock First; an interpreter in a spoken language named ("my dad only speaks
    Polish") gets its own short answer, not one written for deaf people."""

    def name(self) -> Text:
        return "action_answer_access_routes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        language = INTERPRETED.search(tracker.latest_message.get("text") or "")
        if language:
            dispatcher.utter_message(
                response="utter_language_interpreter", language=language.group(1).capitalize()
            )
        else:
            dispatcher.utter_message(response="utter_access_routes")
        return []
