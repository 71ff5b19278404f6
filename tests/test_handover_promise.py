""" "Thurrock First will contact you" is said only when something delivers the request to them."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handover import ActionSubmitHandover
from bot.store.database import shared_database


def confirmed_handover() -> Tracker:
    slots = {
        "handover_stage": "confirming",
        "share_consent": True,
        "full_name": "Margaret Hill",
        "phone": "07700 900123",
        "need": "help to wash",
        "handover_topic": "Needs assessment",
    }
    return Tracker.from_dict(
        {
            "sender_id": "web:promise",
            "slots": slots,
            "latest_message": {},
            "events": [],
            "latest_input_channel": "rest",
        }
    )


@pytest.mark.parametrize("delivery, answer", [(True, "utter_handover_sent"), (False, "utter_handover_saved")])
def test_the_confirmation_promises_contact_only_when_delivery_is_set_up(
    monkeypatch, tmp_path, delivery, answer
):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'promise.db'}")
    for name in ("HANDOVER_EMAIL_TO", "HANDOVER_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    if delivery:
        monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.test")
    shared_database.cache_clear()
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSubmitHandover().run(dispatcher, confirmed_handover(), {}))
    sent = [m.get("response") for m in dispatcher.messages]
    assert answer in sent and sent[0].startswith("utter_handover_s")
    assert dispatcher.messages[0]["reference"], "the resident always gets a reference"
    shared_database.cache_clear()
