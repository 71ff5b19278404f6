"""Words of strain with no risk in them ("i cant do this anymore", "im so tired, i sit and cry"):
someone to talk to now and a way to a person, whatever else the message was read as."""

from rasa_sdk.executor import CollectingDispatcher


def answer_distress(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_risk_followup_someone_to_talk_to")
    dispatcher.utter_message(
        response="utter_risk_offer_contact",
        buttons=[
            {"title": "Ask someone to contact me", "payload": "/request_callback"},
            {"title": "Main menu", "payload": "/show_menu"},
        ],
    )
