"""Two-stage fallback: first "did you mean…" with the likeliest topics, then the menu and a person.

Never a loop: a second unclear message in a row (or pressing "Something else") always
leads to the menu and the offer of a person.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

FALLBACK_INTENT = "nlu_fallback"
MOST_SUGGESTIONS = 3
LEAST_CONFIDENCE = 0.05

# The topics a "did you mean" button may offer, with the words on the button.
TOPIC_TITLES: Dict[Text, Text] = {
    "dp_what": "What a direct payment is",
    "dp_eligibility": "Who can have a direct payment",
    "dp_how_to_get": "How to ask for a direct payment",
    "dp_spending": "What a direct payment can pay for",
    "dp_personal_assistant": "Employing a personal assistant",
    "dp_responsibilities": "Direct payment responsibilities",
    "dp_support": "Help to manage a direct payment",
    "dp_mental_health": "Direct payments and mental health",
    "dp_cannot_manage": "If you can't manage a direct payment",
    "assessment_overview": "Getting help: assessments",
    "assessment_needs": "Needs assessment",
    "assessment_carer": "Carer's assessment",
    "assessment_ot": "Equipment and home changes",
    "assessment_financial": "Financial assessment",
    "financial_dre": "Extra disability costs",
    "financial_will_i_pay": "Will I have to pay?",
    "financial_home": "My home and paying for care",
    "contact_thurrock_first": "Contact Thurrock First",
    "out_of_hours": "Help out of hours",
    "give_feedback": "Complaints and feedback",
    "local_area_coordination": "Local Area Coordinators",
    "healthwatch": "Healthwatch Thurrock",
    "thurrock_coalition": "Thurrock Coalition",
    "talk_to_person": "Talk to a person",
}


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
