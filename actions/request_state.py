"""A conversation's requests to Thurrock First, as the resident is told about them: each one's
reference, its state (sent, being sent, saved only, not sent yet) and what was added to it.

Read from the project database, not from the slots, so it is true after a restart; shared by the
answers to "did it send?", "what do you hold about me?" and a second request.
"""

import logging
from datetime import datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.store.database import shared_database
from bot.store.handovers import add_note, conversation_handovers

logger = logging.getLogger(__name__)


def resident_state(handover: Dict[str, Any]) -> Text:
    """The response that says a handover's state: sent, being sent, saved only, or not sent yet.

    With no delivery configured the request is saved for staff, and the resident was told to phone
    with the reference (utter_handover_saved): asked later, they are told the same, never "sent".
    """
    statuses = {delivery["status"] for delivery in handover["deliveries"]}
    if not statuses:  # nothing delivers it (none set up, or held past the day's limit): saved for staff
        return "utter_request_saved"
    if statuses == {"sent"}:
        return "utter_request_sent"
    return "utter_request_not_sent_yet" if "failed" in statuses else "utter_request_sending"


def requests_made(tracker: Tracker) -> Optional[List[Dict[str, Any]]]:
    """This conversation's handovers, oldest first; None if the database cannot be read."""
    try:
        return conversation_handovers(shared_database(), tracker.sender_id)
    except SQLAlchemyError as error:
        logger.error("Could not read a conversation's handovers: %s", type(error).__name__)
        return None


def tell_requests(dispatcher: CollectingDispatcher, made: List[Dict[str, Any]]) -> None:
    """Each request's reference and state, and what was added to it, so it can be checked."""
    for handover in made:
        dispatcher.utter_message(
            response=resident_state(handover),
            reference=handover["reference"],
            # "is it marked urgent?", "did you put about the bruises on it?": both in the one line
            topic=handover["topic"].lower()
            + (", marked urgent" if handover.get("urgency") == "urgent" else ""),
        )
        notes = [note["text"] for note in handover.get("notes") or []]
        if notes:
            dispatcher.utter_message(
                response="utter_request_notes",
                reference=handover["reference"],
                notes="\n".join(f'• "{note}"' for note in notes),
            )


def saved_only(made: Optional[List[Dict[str, Any]]]) -> Optional[Dict[str, Any]]:
    """The latest of these requests when it was saved but nothing delivers it (the resident phones)."""
    return made[-1] if made and resident_state(made[-1]) == "utter_request_saved" else None


def tell_nobody_told(dispatcher: CollectingDispatcher, saved: Dict[str, Any]) -> None:
    """ "Will someone ring me?" of a request only saved: a plain no, the reference, and the ways to
    reach Thurrock First (also for someone who cannot phone)."""
    dispatcher.utter_message(response="utter_request_saved_nobody_told", reference=saved["reference"])


def tell_not_cancelled(dispatcher: CollectingDispatcher, made: List[Dict[str, Any]]) -> None:
    """ "Cancel my request", "i dont want it sent" after saving: it stays with Thurrock First, and how
    to cancel it with them (one place for the start-again action and the fallback)."""
    dispatcher.utter_message(response="utter_request_not_cancelled", reference=made[-1]["reference"])


def save_note(dispatcher: CollectingDispatcher, made: List[Dict[str, Any]], note: Text) -> List[EventType]:
    """Adds the note to the latest request and says so (the outbox sends it as a follow-up)."""
    reference = made[-1]["reference"]
    try:
        add_note(shared_database(), reference, note, datetime.utcnow())
    except SQLAlchemyError as error:
        logger.error("Could not add a note to a handover: %s", type(error).__name__)
        dispatcher.utter_message(response="utter_handover_failed")
        return []
    # going only where the request went: a request saved for staff keeps its notes with it
    added = "utter_request_note_added" if made[-1].get("deliveries") else "utter_request_note_saved"
    dispatcher.utter_message(
        response=added, reference=reference, note=note
    )  # never "going" if nothing is sent
    return [SlotSet("request_note", None)]
