"""A follow-up to the last answer ("so can he or not?", "is that a yes or a no?"): read in its context.

The answer is the last topic's answer asked for again; where responses are rendered
(bot/server/nlg.py) an answer just given becomes "that's all I can tell you here about …" with the
way to a person, so the resident hears plainly that the rest depends on them, never the same text.
"""

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.feedback import topic_answers


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
