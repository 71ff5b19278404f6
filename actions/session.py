"""Start of every conversation session: say plainly what this assistant is, and keep what we know."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionSessionStart(Action):
    """Introduces the assistant and carries every known detail into the new session.

    Residents must never be asked twice, so slots always survive a session expiry.
    """

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[EventType]:
        carried_over = [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if value is not None and name != "session_started_metadata"
        ]
        dispatcher.utter_message(response="utter_intro")
        return [SessionStarted(), *carried_over, ActionExecuted("action_listen")]
