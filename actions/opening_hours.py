"""Whether Thurrock First is open now, said the same way by every answer that needs it."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content import now_in_london, thurrock_first_now
from bot.settings import settings


def opening_line(dispatcher: CollectingDispatcher) -> None:
    """Open now and until when, or when it opens and what to do until then; the emergency duty
    team only when its number is configured (EMERGENCY_DUTY_TEAM_PHONE; not verified yet)."""
    now = thurrock_first_now(now_in_london())
    if now.open:
        dispatcher.utter_message(response="utter_thurrock_first_open", until=now.until_words())
        return
    dispatcher.utter_message(response="utter_thurrock_first_closed", opens=now.opens)
    if settings().emergency_duty_team_phone:
        dispatcher.utter_message(
            response="utter_emergency_duty_team", phone=settings().emergency_duty_team_phone
        )


class ActionAnswerOutOfHours(Action):
    """Out of hours: the routes, then the council's emergency duty team if its number is set, or said
    plainly that there is none to give ("is there an out of hours social worker tonight, yes or no")."""

    def name(self) -> Text:
        return "action_answer_out_of_hours"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_out_of_hours")
        if settings().emergency_duty_team_phone:
            dispatcher.utter_message(
                response="utter_emergency_duty_team", phone=settings().emergency_duty_team_phone
            )
        else:
            dispatcher.utter_message(response="utter_no_out_of_hours_team")
        return []
